import { loadConfig } from '../config.ts';
import { openDatabase } from '../runtime.ts';
import { CalendarService } from '../modules/calendar/service.ts';
import { rebuildStatFacts } from '../modules/statistics/facts.ts';

/** `npm run db:stats-rebuild`: writes the statistical facts of dossiers that have none or stale ones. */
const rt = await openDatabase(loadConfig());
try {
  const n = await rebuildStatFacts(rt.db, new CalendarService(rt.db), (m) => console.log(m));
  console.log(`statistical facts written for ${n} dossiers`);
} finally {
  await rt.close();
}
