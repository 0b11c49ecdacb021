/**
 * Every error leaves as `{ error: { code, message, field? } }` in the request's language. Deliberate
 * errors carry their status; database constraint errors map to 4xx; anything else is a bug: logged,
 * and answered 500 without internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, TooManyRequests } from '@liandong/core/shared/errors.ts';
import { ATTACHMENT_UNAVAILABLE, unavailable as attachmentUnavailable } from '@liandong/core/orders/attachments.ts';
import { geoReportErrorOf } from '@liandong/core/open311/index.ts';
import { isOpen311, sendGeoReportError } from './georeport-reply.ts';
import { requestLang } from './lang.ts';
import { isAppPage } from './web-apps.ts';

function fromDatabase(err: { code?: string; column?: string; constraint?: string }): DomainError | null {
  const code = err.code;
  if (!code || typeof code !== 'string' || code.length !== 5) return null;
  if (code === '23505') return new DomainError(409, 'duplicate', { zh: '记录已存在', en: 'The record already exists' }, err.constraint);
  if (code === '23503') return new DomainError(422, 'reference_missing', { zh: '引用的记录不存在', en: 'A referenced record does not exist' }, err.constraint);
  if (code.startsWith('22')) return new DomainError(400, 'invalid_value', { zh: '取值无效', en: 'A value is invalid' }, err.column);
  if (code === ATTACHMENT_UNAVAILABLE) return attachmentUnavailable();
  if (code === '40001' || code === '40P01') {
    return new DomainError(409, 'concurrent_update', { zh: '数据正被他人修改，请重试', en: 'The data changed concurrently; please retry' });
  }
  return null;
}

export function toDomainError(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  const fe = err as FastifyError & { validation?: unknown };
  if (fe && typeof fe === 'object') {
    if (fe.validation && fe.statusCode === 400) return null; // already formatted by the schema error formatter
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe.name === 'SyntaxError')) {
      return new DomainError(400, 'invalid_json', { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' }, 'body');
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return new DomainError(400, 'invalid_json', { zh: '请求体为空', en: 'The request body is empty' }, 'body');
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return new DomainError(400, 'unsupported_media_type', { zh: '不支持的内容类型', en: 'Unsupported content type' }, 'Content-Type');
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return new DomainError(413, 'too_large', { zh: '请求体过大', en: 'The request body is too large' }, 'body');
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return new DomainError(400, 'bad_request', { zh: '请求无效', en: fe.message || 'Bad request' });
    }
  }
  return fromDatabase(err as { code?: string });
}

/** The error body of a refusal, in the request's language (for answers written outside Fastify's reply: tus). */
export function errorBody(req: FastifyRequest, err: DomainError): { error: { code: string; message: string; field?: string; problems?: { row: number; field: string; message: string }[] } } {
  const lang = requestLang(req);
  const problems = err.problems?.map((p) => ({ row: p.row, field: p.field, message: lang === 'en' ? p.en : p.zh }));
  return { error: { code: err.code, message: lang === 'en' ? err.messages.en : err.messages.zh, ...(err.field ? { field: err.field } : {}), ...(problems ? { problems } : {}) } };
}

export function sendError(reply: FastifyReply, req: FastifyRequest, err: DomainError): FastifyReply {
  if (err instanceof TooManyRequests) reply.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
  return reply.status(err.status).type('application/json; charset=utf-8').send(errorBody(req, err));
}

/**
 * Errors Fastify raises before routing (a path that is not valid percent-encoded UTF-8, a path parameter longer
 * than the router allows) bypass the error handler; the `frameworkErrors` option brings them to the same shape.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const refusal =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new DomainError(414, 'path_too_long', { zh: '路径参数过长', en: 'A path parameter is too long' }, 'params')
      : err.code === 'FST_ERR_BAD_URL'
        ? new DomainError(400, 'bad_url', { zh: '请求地址编码无效', en: 'The request path is not validly encoded' }, 'url')
        : new DomainError(400, 'bad_request', { zh: '请求无效', en: 'Bad request' });
  // Open311 clients get the spec's error array (routes/open311.routes.ts).
  if (isOpen311(req)) return sendGeoReportError(req, reply, geoReportErrorOf(refusal)!);
  return sendError(reply, req, refusal);
}

/** `appPage` answers a web app's page path (web-apps.ts); without it, every unknown path is the API's 404. */
export function installErrorHandling(app: FastifyInstance, appPage?: () => ((req: FastifyRequest, reply: FastifyReply) => FastifyReply) | null): void {
  app.setErrorHandler((err, req, reply) => {
    const known = err instanceof DomainError ? err : (err as { cause?: unknown }).cause instanceof DomainError ? ((err as { cause?: unknown }).cause as DomainError) : toDomainError(err);
    if (known) return sendError(reply, req, known);
    req.log.error({ err }, 'unexpected error');
    const lang = requestLang(req);
    return reply.status(500).send({ error: { code: 'internal', message: lang === 'en' ? 'Internal error' : '服务器内部错误' } });
  });
  app.setNotFoundHandler((req, reply) => {
    const page = appPage?.();
    if (page && isAppPage(req)) return page(req, reply);
    return sendError(reply, req, new DomainError(404, 'not_found', { zh: '接口不存在', en: 'No such endpoint' }));
  });
}
