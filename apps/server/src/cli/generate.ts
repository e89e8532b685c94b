import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../runtime.ts';
import { CalendarService } from '../modules/calendar/service.ts';
import { generateDossiers, withoutSecondaryIndexes } from '../seed/generate.ts';

/**
 * `npm run db:generate -- --dossiers N [--seed S] [--years Y] [--years-ago Z]`: adds N generated dossiers (with
 * their events and statistical facts) to the database of DATABASE_URL (or the embedded one),
 * which must hold a province and its catalogue (`npm run db:seed`). Deterministic for a seed.
 */
const { values } = parseArgs({ options: { dossiers: { type: 'string' }, seed: { type: 'string', default: '1' }, years: { type: 'string', default: '5' }, 'years-ago': { type: 'string', default: '0' } } });
const n = Number(values.dossiers);
if (!Number.isInteger(n) || n <= 0) {
  console.error('Usage: npm run db:generate -- --dossiers N [--seed S] [--years Y]');
  process.exit(2);
}
const rt = await openDatabase(loadConfig());
try {
  // --years-ago shifts the window into the past: two loads over disjoint windows can run at once
  // (dossier codes are numbered per agency and day, so they never collide).
  const now = Date.now();
  const until = now - Number(values['years-ago']) * 365 * 86_400_000;
  const compiled = await new CalendarService(rt.db).compiled(null, now);
  const t0 = performance.now();
  const log = (m: string) => console.log(m);
  const run = () => generateDossiers(rt.pool, { dossiers: n, seed: Number(values.seed), years: Number(values.years), now, until, cal: compiled.cal, policy: compiled.policy, log });
  // A large load goes faster without the secondary indexes, rebuilt once at the end.
  const r = n >= 100_000 ? await withoutSecondaryIndexes(rt.pool, ['dossiers', 'dossier_events', 'dossier_stat_facts'], run, log) : await run();
  console.log(`generated ${r.dossiers.toLocaleString('en')} dossiers and ${r.events.toLocaleString('en')} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} finally {
  await rt.close();
}
