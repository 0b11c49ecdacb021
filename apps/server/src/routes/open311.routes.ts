/**
 * Open311 GeoReport v2 at /open311/v2/ (issue 11 §3): discovery, services, a service's definition, posting a
 * service request (form-encoded, api_key = an integration token) and reading requests (public). An adapter only:
 * the rules, the SQL and both formats are core's (core/open311/).
 *
 * Not contract routes: the format is the path's suffix (.json | .xml), bodies are forms and refusals are the
 * spec's `[{ code, description }]` (XML `<errors><error>`), so they are registered hidden from OpenAPI, in their
 * own scope with their own error and not-found handlers. Rate limits: http/rate-limit.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  discovery,
  geoReportErrorOf,
  GeoReportError,
  listServices,
  checkJurisdiction,
  searchServiceRequests,
  serviceDefinition,
  serviceRequestById,
  serviceRequestForm,
  serviceRequestOfToken,
  splitFormat,
  submitServiceRequest,
} from '@liandong/core/open311/index.ts';
import { OPEN311_PREFIX, sendGeoReport as send, sendGeoReportError } from '../http/georeport-reply.ts';
import { requestLang } from '../http/lang.ts';
import { headerOf } from '../http/request-headers.ts';
import type { Platform } from '../platform.ts';

const noSuchEndpoint = () => new GeoReportError(404, { zh: '接口不存在', en: 'No such endpoint' });
const query = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;

export function open311Routes(app: FastifyInstance, p: Platform): void {
  app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, [...new URLSearchParams(body as string)]));

      scope.setErrorHandler((err, req, reply) => {
        const known = geoReportErrorOf(err) ?? geoReportErrorOf((err as { cause?: unknown }).cause) ?? frameworkRefusal(err);
        const e = known ?? new GeoReportError(500, { zh: '服务器内部错误', en: 'Internal error' });
        if (!known) req.log.error({ err }, 'unexpected error');
        return sendGeoReportError(req, reply, e);
      });
      scope.setNotFoundHandler((req, reply) => sendGeoReportError(req, reply, noSuchEndpoint()));

      const get = (url: string, handler: (req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => Promise<FastifyReply>) =>
        scope.route({ method: 'GET', url, schema: { hide: true }, handler });

      get('/:file', async (req, reply) => {
        const { name, format } = splitFormat(req.params.file);
        const lang = requestLang(req);
        if (name === 'discovery') return send(reply, format, { kind: 'discovery', body: discovery(`${req.protocol}://${req.host}`, lang) });
        if (name === 'services') {
          await checkJurisdiction(p.db, query(req).jurisdiction_id);
          return send(reply, format, { kind: 'services', body: await listServices(p.db, lang) });
        }
        if (name === 'requests') return send(reply, format, { kind: 'requests', body: await searchServiceRequests(p.db, query(req), lang, p.clock()) });
        throw noSuchEndpoint();
      });
      get('/services/:file', async (req, reply) => {
        const { name, format } = splitFormat(req.params.file);
        await checkJurisdiction(p.db, query(req).jurisdiction_id);
        return send(reply, format, { kind: 'service_definition', body: await serviceDefinition(p.db, name, requestLang(req)) });
      });
      get('/requests/:file', async (req, reply) => {
        const { name, format } = splitFormat(req.params.file);
        return send(reply, format, { kind: 'requests', body: await serviceRequestById(p.db, name, query(req), requestLang(req)) });
      });
      get('/tokens/:file', async (req, reply) => {
        const { name, format } = splitFormat(req.params.file);
        return send(reply, format, { kind: 'tokens', body: await serviceRequestOfToken(p.db, name, query(req)) });
      });

      scope.route<{ Params: { file: string }; Body: [string, string][] | undefined }>({
        method: 'POST',
        url: '/:file',
        schema: { hide: true },
        handler: async (req, reply) => {
          const { name, format } = splitFormat(req.params.file);
          if (name !== 'requests') throw noSuchEndpoint();
          const form = serviceRequestForm([...(Array.isArray(req.body) ? req.body : []), ...Object.entries(query(req)).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : []))]);
          const lang = requestLang(req);
          const r = await submitServiceRequest(p.db, form, { idempotencyKey: headerOf(req, 'idempotency-key'), lang }, p.services);
          if (r.replayed) reply.header('Idempotent-Replayed', 'true');
          return send(reply, format, { kind: 'created', body: [r.answer] }, r.replayed ? 200 : 201);
        },
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}

/** Fastify's own refusals (an unsupported content type, a body too large) in the spec's terms. */
function frameworkRefusal(err: unknown): GeoReportError | null {
  const fe = err as { code?: string; statusCode?: number; message?: string };
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GeoReportError(400, { zh: '请求体须为 application/x-www-form-urlencoded', en: 'The body must be application/x-www-form-urlencoded' });
  }
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new GeoReportError(413, { zh: '请求体过大', en: 'The request body is too large' });
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return new GeoReportError(400, { zh: '请求无效', en: fe.message || 'Bad request' });
  return null;
}
