import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';

/**
 * Configuration comes from the environment only, validated once at start: a bad value stops the
 * server with a message naming the variable, instead of failing later in a request.
 */
const LogLevel = Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)));

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LOG_LEVEL: Type.Optional(LogLevel),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(:\\d+)?(/.*)?$' })),
  EMBEDDED_PG_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0, description: '0 = pick a free port' }),
  SESSION_TTL_HOURS: Type.Number({ minimum: 0.1, maximum: 720, default: 12 }),
  SEED_DEMO: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  WEB_DIST: Type.Optional(Type.String({ minLength: 1 })),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000, description: 'On SIGTERM, keep serving (and report not ready) this long before closing' }),
  SUBMISSIONS_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30, description: 'Dossier submissions one account may make per minute' }),
  DOCUMENT_SIGNING_KEY: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: '32 bytes in hex: seals agencies\' PKCS#12 files and passphrases at rest' })),
  SMS_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  FEEDBACK_ANSWER_WORKING_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 13, description: 'Working days to answer feedback (phản ánh, kiến nghị) [001 Art. 21.4]' }),
  QUESTION_ANSWER_WORKING_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 15, description: 'Working days to answer a question (hỏi đáp) [002 Art. 13.3.b]' }),
  FEEDBACK_SUBMISSIONS_PER_HOUR: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20, description: 'Portal feedback submissions one address may make per hour' }),
});
type Raw = Static<typeof ConfigSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: string;
  publicUrl: string;
  embeddedPgPort: number;
  sessionTtlMs: number;
  seedDemo: boolean;
  webDist: string;
  secureCookies: boolean;
  submissionsPerMinute: number;
  shutdownGraceMs: number;
  /** Key sealing signing certificates; null = agencies cannot upload certificates. */
  documentSigningKey: Buffer | null;
  /** The SMS gateway (notifications/sms-http.ts); null = no SMS, no phone verification. */
  smsUrl: string | null;
  /** The province's answer clocks for feedback and questions (SPEC §14). */
  feedbackClocks: { feedbackWorkingDays: number; questionWorkingDays: number };
  feedbackSubmissionsPerHour: number;
}

export class ConfigError extends Error {}

const NUMERIC = new Set(['PORT', 'EMBEDDED_PG_PORT', 'SESSION_TTL_HOURS', 'SUBMISSIONS_PER_MINUTE', 'SHUTDOWN_GRACE_MS', 'FEEDBACK_ANSWER_WORKING_DAYS', 'QUESTION_ANSWER_WORKING_DAYS', 'FEEDBACK_SUBMISSIONS_PER_HOUR']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const v = env[key];
    if (v === undefined || v === '') continue;
    raw[key] = NUMERIC.has(key) && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  const withDefaults = Value.Default(ConfigSchema, raw) as Raw;
  const errors = [...Value.Errors(ConfigSchema, withDefaults)];
  if (errors.length) {
    const lines = errors.map((e) => {
      const name = e.instancePath.replace(/^\//, '') || String((e.params as { requiredProperties?: string[] }).requiredProperties ?? '');
      return `  ${name}=${JSON.stringify(raw[name])}: ${e.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = withDefaults;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL ?? null,
    logLevel: c.LOG_LEVEL ?? 'info',
    publicUrl,
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3600_000,
    seedDemo: c.SEED_DEMO ? c.SEED_DEMO === 'true' : !c.DATABASE_URL,
    webDist: path.resolve(c.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    secureCookies: publicUrl.startsWith('https://'),
    submissionsPerMinute: c.SUBMISSIONS_PER_MINUTE,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    documentSigningKey: c.DOCUMENT_SIGNING_KEY ? Buffer.from(c.DOCUMENT_SIGNING_KEY, 'hex') : null,
    smsUrl: c.SMS_URL ?? null,
    feedbackClocks: { feedbackWorkingDays: c.FEEDBACK_ANSWER_WORKING_DAYS, questionWorkingDays: c.QUESTION_ANSWER_WORKING_DAYS },
    feedbackSubmissionsPerHour: c.FEEDBACK_SUBMISSIONS_PER_HOUR,
  };
}
