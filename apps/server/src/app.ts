import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ProblemType, Problem } from '@motcua/domain';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App, Deps } from './http/types.ts';
import { HttpProblem } from './http/problem.ts';
import { schemaErrorFormatter, validatorCompiler } from './http/validation.ts';
import { sessionPlugin } from './http/session.ts';
import { accessPlugin } from './http/access.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { organisationRoutes } from './modules/organisation/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { catalogueRoutes } from './modules/catalogue/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { dossierRoutes } from './modules/dossiers/routes.ts';
import { draftRoutes } from './modules/dossiers/drafts.ts';
import { withdrawalRoutes } from './modules/dossiers/withdrawal.ts';
import { processRoutes } from './modules/processes/routes.ts';
import { statisticsRoutes } from './modules/statistics/routes.ts';
import { publicStatisticsRoutes } from './modules/statistics/public.ts';
import { keptReportRoutes } from './modules/statistics/reports.ts';
import { overdueByDepartmentRoutes } from './modules/statistics/overdue.ts';
import { documentRoutes } from './modules/documents/routes.ts';
import { deskRoutes } from './modules/dossiers/desk.ts';
import { queueRoutes } from './modules/queue/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { FileService, fileRoutes, loadFileStoreConfig } from './files/index.ts';
import { registerDossierFileAccess } from './modules/dossiers/files.ts';
import { CalendarService } from './modules/calendar/service.ts';
import { accountRoutes, unverifiedCannotSubmit } from './modules/accounts/routes.ts';
import { documentRoutes as personalDocumentRoutes } from './modules/accounts/documents.ts';
import { ratingRoutes } from './modules/ratings/routes.ts';
import { feedbackRoutes } from './modules/feedback/routes.ts';
import { faqRoutes } from './modules/feedback/faq.ts';
import { evaluationRoutes } from './modules/evaluation/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    draining: boolean;
  }
}

export interface BuildOptions extends Omit<Deps, 'calendar' | 'files'> {
  calendar?: Deps['calendar'];
  files?: Deps['files'];
  /** Pino logger options; false in tests. */
  logger?: boolean | object;
}

/**
 * Builds the HTTP application. Everything the process shares (database, config) comes in as
 * arguments, so tests build the same app against their own database.
 */
export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config } = opts;
  const deps: Deps = {
    ...opts,
    calendar: opts.calendar ?? new CalendarService(opts.db),
    files: opts.files ?? new FileService(loadFileStoreConfig({}, { dataDir: config.dataDir })),
  };
  registerDossierFileAccess(deps);
  const app = Fastify({
    logger:
      opts.logger === undefined
        ? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] }
        : opts.logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { allErrors: true } },
    schemaErrorFormatter: schemaErrorFormatter as never,
    return503OnClosing: true,
    // On shutdown, drain: connections already accepted are served (a request not yet parsed would
    // otherwise be reset); new requests on kept-alive connections get 503; main.ts forces exit
    // after 15 s.
    forceCloseConnections: false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  // Set by main.ts on SIGTERM: /ready answers 503 so load balancers stop routing here while the
  // requests already arriving are still served.
  app.decorate('draining', false);
  app.addSchema(Problem);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
    let p: HttpProblem;
    if (err instanceof HttpProblem) p = err;
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') p = new HttpProblem(413, ProblemType.tooLarge, 'Dữ liệu gửi lên quá lớn', err.message);
    else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') p = new HttpProblem(415, ProblemType.unsupportedMediaType, 'Kiểu dữ liệu không được hỗ trợ', err.message);
    else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
      p = new HttpProblem(400, ProblemType.validation, 'Dữ liệu không hợp lệ', 'Nội dung JSON không đọc được', [{ field: 'body', message: 'JSON không hợp lệ', messageEn: 'Malformed JSON' }]);
    else if (err.statusCode === 429) p = new HttpProblem(429, ProblemType.rateLimited, 'Quá nhiều yêu cầu', 'Vui lòng thử lại sau ít phút');
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) p = new HttpProblem(err.statusCode, ProblemType.validation, 'Yêu cầu không hợp lệ', err.message);
    else {
      req.log.error({ err }, 'unhandled error');
      p = new HttpProblem(500, ProblemType.internal, 'Lỗi hệ thống', `Mã tra cứu lỗi: ${req.id}`);
    }
    void reply.code(p.status).type('application/problem+json').send(p.toJSON(req.url));
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, retryAfter: ctx.after }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        version: '1',
        description:
          'Hệ thống thông tin giải quyết thủ tục hành chính — public-service portal and one-stop back office. Errors are application/problem+json (RFC 9457); validation errors list each failing field. Writes made with a session cookie must send the x-csrf-token header.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'motcua_sid' } } },
      tags: [
        { name: 'system' },
        { name: 'auth' },
        { name: 'organisation' },
        { name: 'users' },
        { name: 'catalogue' },
        { name: 'calendar' },
        { name: 'dossiers' },
        { name: 'processes' },
        { name: 'queue' },
        { name: 'notifications' },
        { name: 'files' },
        { name: 'accounts' },
        { name: 'documents' },
        { name: 'personal-documents' },
        { name: 'ratings' },
        { name: 'feedback' },
        { name: 'evaluation' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(sessionPlugin, { db: opts.db, ttlMs: config.sessionTtlMs });
  await app.register(accessPlugin, { db: opts.db });

  await app.register(async (api) => {
    const a = api.withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
    unverifiedCannotSubmit(a, deps);
    systemRoutes(a, deps);
    authRoutes(a, deps);
    organisationRoutes(a, deps);
    userRoutes(a, deps);
    catalogueRoutes(a, deps);
    calendarRoutes(a, deps);
    dossierRoutes(a, deps);
    draftRoutes(a, deps);
    withdrawalRoutes(a, deps);
    processRoutes(a, deps);
    statisticsRoutes(a, deps);
    publicStatisticsRoutes(a, deps);
    keptReportRoutes(a, deps);
    overdueByDepartmentRoutes(a, deps);
    deskRoutes(a, deps);
    queueRoutes(a, deps);
    notificationRoutes(a, deps);
    fileRoutes(a, deps);
    documentRoutes(a, deps);
    accountRoutes(a, deps);
    personalDocumentRoutes(a, deps);
    ratingRoutes(a, deps);
    feedbackRoutes(a, deps);
    faqRoutes(a, deps);
    evaluationRoutes(a, deps);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The built web app: static files, and index.html for client-side routes (the SPA).
  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      // .br/.gz written at build time (scripts/precompress.mjs): compressed assets at no CPU cost.
      preCompressed: true,
      cacheControl: false, // set per file below
      // Vite puts a content hash in asset names: they never change, so browsers may keep them.
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const wantsHtml = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (wantsHtml && hasWeb) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(indexHtml));
    }
    const p = new HttpProblem(404, ProblemType.notFound, 'Không tìm thấy', `Không có tài nguyên ${req.method} ${req.url.split('?')[0]}`);
    return reply.code(404).type('application/problem+json').send(p.toJSON(req.url));
  });

  return app as unknown as App;
}
