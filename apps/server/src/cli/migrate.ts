import { loadConfig } from '../config.ts';
import { openDatabase } from '../runtime.ts';

/** `npm run db:migrate`: apply pending migrations (openDatabase applies them) and exit. */
const rt = await openDatabase(loadConfig());
console.log('migrations applied');
await rt.close();
