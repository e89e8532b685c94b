import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './runtime.ts';
import { buildApp } from './app.ts';
import { isEmpty, seedDemo } from './seed/demo.ts';

/** `npm start`: one process serving the portal, the back office and the API. */
async function main(): Promise<void> {
  const t0 = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const rt = await openDatabase(config);
  if (config.seedDemo && (await isEmpty(rt.db))) {
    const r = await seedDemo(rt.db);
    console.log(JSON.stringify({ level: 30, msg: 'demo province loaded', ...r }));
  }
  const app = await buildApp({ config, db: rt.db, pool: rt.pool });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // In-flight requests finish, new ones get 503; then the database closes.
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ ms: Math.round(performance.now() - t0), portal: config.publicUrl, backOffice: `${config.publicUrl}/mot-cua`, api: `${config.publicUrl}/api/docs` }, 'motcua ready');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
