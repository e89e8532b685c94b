/**
 * `npm run bench:load` — fills the bench database (see benchdb.ts) to BENCH_DOSSIERS generated
 * dossiers without measuring anything, so a long load can run in the background before the benches.
 */
import { benchDatabase } from './benchdb.ts';

const b = await benchDatabase(Number(process.env.BENCH_DOSSIERS ?? 1_000_000));
console.log(`bench database: ${b.dossiers.toLocaleString('en')} dossiers`);
await b.drop();
