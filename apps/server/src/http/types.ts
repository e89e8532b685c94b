import type { FastifyInstance, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import type { Db } from '../db/pool.ts';
import type pg from 'pg';
import type { CalendarService } from '../modules/calendar/service.ts';
import type { FileService } from '../files/index.ts';

/** The Fastify instance routes are written against: TypeBox schemas type the handlers. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What every route module receives. */
export interface Deps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  calendar: CalendarService;
  files: FileService;
}
