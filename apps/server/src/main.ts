import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './runtime.ts';
import { buildApp } from './app.ts';
import { isEmpty, seedDemo } from './seed/demo.ts';
import { MailConfigError, mailTransportFromEnv, startNotificationWorker } from './notifications/index.ts';
import { smsGatewayFromEnv } from './notifications/sms-http.ts';
import { FileService, FileStoreConfigError, loadFileStoreConfig } from './files/index.ts';
import { startPeriodicReports } from './modules/statistics/periodic.ts';

/** `npm start`: one process serving the portal, the back office and the API. */
async function main(): Promise<void> {
  const t0 = performance.now();
  let config;
  let mail;
  let files;
  try {
    config = loadConfig();
    mail = mailTransportFromEnv();
    files = new FileService(loadFileStoreConfig(process.env, { dataDir: config.dataDir }));
  } catch (e) {
    if (e instanceof ConfigError || e instanceof MailConfigError || e instanceof FileStoreConfigError) {
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
  await files.sweep(); // upload spool files left by a crash
  const app = await buildApp({ config, db: rt.db, pool: rt.pool, files });
  // Delivers the notification outbox (e-mail, SMS) after the actions that wrote it have committed.
  const worker = startNotificationWorker({ db: rt.db, pool: rt.pool, mail, sms: smsGatewayFromEnv(), publicUrl: config.publicUrl, log: app.log.child({ module: 'notifications' }) });
  // Keeps the quarterly, 6-monthly and yearly statistics reports of closed periods: once now, then hourly.
  const reports = startPeriodicReports({ db: rt.db, log: app.log.child({ module: 'statistics-reports' }) });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining, then finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000 + config.shutdownGraceMs);
    force.unref();
    // Drain: report not ready and keep serving for a moment, so connections already queued are
    // answered (closing at once resets connections whose request was not yet read); then close:
    // in-flight requests finish, new ones get 503, then the worker and the database stop.
    app.draining = true;
    await new Promise((r) => setTimeout(r, config.shutdownGraceMs));
    await app.close();
    await worker.stop();
    await reports.stop();
    files.close();
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
