/**
 * How an Open311 answer leaves (routes/open311.routes.ts): rendered by core in the format of the path's suffix,
 * and a refusal as the spec's `[{ code, description }]`, also for the errors Fastify raises before routing
 * (errors.ts frameworkError), so no client of /open311/ meets the API's own error shape.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONTENT_TYPES, errorList, formatOfUrl, renderGeoReport, type GeoReportAnswer, type GeoReportError, type GeoReportFormat } from '@liandong/core/open311/index.ts';
import { requestLang } from './lang.ts';

export const OPEN311_PREFIX = '/open311/v2';

export const isOpen311 = (req: FastifyRequest) => req.url.startsWith('/open311/');

export function sendGeoReport(reply: FastifyReply, format: GeoReportFormat, answer: GeoReportAnswer, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type(CONTENT_TYPES[format]).send(renderGeoReport(format, answer));
}

export function sendGeoReportError(req: FastifyRequest, reply: FastifyReply, e: GeoReportError): FastifyReply {
  if (e.retryAfterSeconds) reply.header('Retry-After', String(Math.max(1, Math.ceil(e.retryAfterSeconds))));
  return sendGeoReport(reply, formatOfUrl(req.url), { kind: 'errors', body: errorList(e, requestLang(req)) }, e.status);
}
