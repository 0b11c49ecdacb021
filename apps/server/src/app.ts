/** The HTTP application: plugins, error handling, authentication and every module's routes. */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { installAuthentication } from './http/auth.ts';
import { frameworkError, installErrorHandling } from './http/errors.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { installWebApps } from './http/web-apps.ts';
import { installRateLimits } from './http/rate-limit.ts';
import type { RateLimits } from './http/rate-limit.rules.ts';
import { loadRateLimits } from './config.ts';
import { installValidation } from './http/validation.ts';
import { installResponseCheck } from './http/response-check.ts';
import { installSharedSchemas } from './http/contract-route.ts';
import { lazySerializers, sharedValidators } from './http/schema-compilers.ts';
import type { Platform } from './platform.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { catalogueRoutes } from './routes/catalogue.routes.ts';
import { fileRoutes } from './routes/files.routes.ts';
import { uploadRoutes } from './routes/uploads.routes.ts';
import { messagesRoutes } from './routes/messages.routes.ts';
import { orderRoutes } from './routes/orders.routes.ts';
import { supervisionRoutes } from './routes/supervision.routes.ts';
import { publicRoutes } from './routes/public.routes.ts';
import { portalRoutes } from './routes/portal.routes.ts';
import { portalSignInRoutes } from './routes/portal-sign-in.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { tokenRoutes } from './routes/tokens.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';
import { territoryRoutes } from './routes/territory.routes.ts';
import { liveRoutes } from './routes/live.routes.ts';
import { screenRoutes } from './routes/screen.routes.ts';
import { screenWarnings } from '@liandong/core/warnings/screen-warnings.ts';
import { LiveHub } from './live/live-hub.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { orgRoutes } from './routes/org.routes.ts';
import { calendarRoutes } from './routes/calendar.routes.ts';
import { patrolRoutes } from './routes/patrol.routes.ts';
import { fieldRoutes } from './routes/field.routes.ts';
import { deviceRoutes } from './routes/devices.routes.ts';
import { assessmentRoutes } from './routes/assessment.routes.ts';
import { warningRoutes } from './routes/warnings.routes.ts';
import { knowledgeRoutes } from './routes/knowledge.routes.ts';
import { dispatchSuggestionRoutes } from './routes/dispatch-suggestions.routes.ts';
import { statisticsRoutes } from './routes/statistics.routes.ts';
import { analysisReportRoutes } from './routes/analysis-reports.routes.ts';
import { open311Routes } from './routes/open311.routes.ts';

export interface AppOptions {
  logLevel?: string;
  cookieSecure?: boolean | 'auto';
  /** Default: from the LIANDONG_RATE_* environment (config.ts). */
  rateLimits?: RateLimits;
  /** Hold every answer strictly to its contract (tests); a violation is a 500 naming the field. */
  checkResponses?: boolean;
  /** Serve the built web apps (the console at `/`); default true, when they are built. */
  webApps?: boolean;
  /** How often an open live stream checks its session again (default 20 s; tests shorten it). */
  liveRecheckMs?: number;
  /** How often an open big-screen stream checks its token again (default 10 s; tests shorten it). */
  screenRecheckMs?: number;
}

export async function buildApp(p: Platform, opts: AppOptions = {}): Promise<FastifyInstance> {
  // X-Forwarded-For is believed only from a reverse proxy on this machine (login throttling counts by address).
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'warn' },
    bodyLimit: 1024 * 1024,
    trustProxy: ['127.0.0.1', '::1'],
    frameworkErrors: frameworkError,
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() as never, buildValidator: sharedValidators as never } },
  });
  installValidation(app);
  let appPage: Awaited<ReturnType<typeof installWebApps>> = null;
  installErrorHandling(app, () => appPage);
  installSecurityHeaders(app);
  installSharedSchemas(app);
  if (opts.checkResponses) installResponseCheck(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Liandong 联动 API',
        version: '1',
        description:
          'Grid-based social governance linkage platform. Errors: `{ error: { code, message, field? } }`, message in the ' +
          'Accept-Language of the request (zh-CN default, en). Authenticate with the session cookie from /api/v1/auth/login ' +
          'or `Authorization: Bearer <token>` (session token or integration API token).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Shared answers (contract-route.ts) appear under their own names in components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  if (opts.webApps !== false) appPage = await installWebApps(app);
  installAuthentication(app, p.db, p.clock, p.sessions);
  installRateLimits(app, opts.rateLimits ?? loadRateLimits(process.env));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  systemRoutes(app, p);
  authRoutes(app, p, { cookieSecure: opts.cookieSecure ?? 'auto' });
  orderRoutes(app, p);
  territoryRoutes(app, p);
  catalogueRoutes(app, p);
  fileRoutes(app, p);
  uploadRoutes(app, p);
  messagesRoutes(app, p);
  supervisionRoutes(app, p);
  publicRoutes(app, p);
  portalRoutes(app, p);
  portalSignInRoutes(app, p, { cookieSecure: opts.cookieSecure ?? 'auto' });
  auditRoutes(app, p);
  tokenRoutes(app, p);
  // One LISTEN per process for the console's and the big screens' streams.
  const hub = new LiveHub(p.db);
  app.addHook('onClose', () => hub.stop());
  liveRoutes(app, p, hub, { recheckMs: opts.liveRecheckMs });
  screenRoutes(app, p, hub, { recheckMs: opts.screenRecheckMs, warnings: screenWarnings });
  adminRoutes(app, p);
  orgRoutes(app, p);
  calendarRoutes(app, p);
  patrolRoutes(app, p);
  fieldRoutes(app, p);
  deviceRoutes(app, p);
  assessmentRoutes(app, p);
  warningRoutes(app, p);
  knowledgeRoutes(app, p);
  dispatchSuggestionRoutes(app, p);
  statisticsRoutes(app, p);
  analysisReportRoutes(app, p);
  open311Routes(app, p);
  return app;
}
