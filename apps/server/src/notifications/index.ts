/** Notifications [SPEC §11]: the outbox call, the delivery worker and adapters, the HTTP routes. */
export { notify, type NotifyInput, type NotifyRecipient, type NotifyResult } from './outbox.ts';
export { startNotificationWorker, deliverDue, type NotificationWorker, type WorkerOptions, type WorkerLog } from './worker.ts';
export { createSmtpTransport, mailTransportFromEnv, MailConfigError, type MailTransport, type MailMessage, type SmsGateway } from './mailer.ts';
export { notificationRoutes } from './routes.ts';
export { EVENTS, type NotificationEvent } from './templates.ts';
export type { Channel as NotificationChannel, Locale as NotificationLocale } from './render.ts';
