import { loadConfig } from '../config.ts';
import { openDatabase } from '../runtime.ts';
import { isEmpty, seedDemo } from '../seed/demo.ts';

/** `npm run db:seed`: load the demo province into an empty database. */
const rt = await openDatabase(loadConfig());
try {
  if (!(await isEmpty(rt.db))) {
    console.error('The database already holds agencies; the demo is loaded only into an empty database.');
    process.exitCode = 1;
  } else {
    console.log('demo province loaded', await seedDemo(rt.db));
  }
} finally {
  await rt.close();
}
