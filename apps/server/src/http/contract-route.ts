/**
 * Registers a route from its contract (packages/contracts): the contract's schemas validate the request,
 * document it in OpenAPI and serialise the answer (unknown fields are stripped), and the handler is typed
 * by them, so it can only return what the contract declares.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { ApiErrorSchema, type BodyOf, type ParamsOf, type QueryOf, type ResponseOf, type RouteContract } from '@liandong/contracts';

/** The error answers every route may give. */
export const errorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  410: ApiErrorSchema,
  413: ApiErrorSchema,
  422: ApiErrorSchema,
  429: ApiErrorSchema,
};

export type ContractRequest<R extends RouteContract> = FastifyRequest<{ Params: ParamsOf<R>; Querystring: QueryOf<R>; Body: BodyOf<R> }>;

export type ContractHandler<R extends RouteContract> = (
  req: ContractRequest<R>,
  reply: FastifyReply,
) => Promise<R['binary'] extends true ? FastifyReply : ResponseOf<R>>;

/** The Fastify schema of a contract: its parts, its success answers and the common errors. */
export function fastifySchema(c: RouteContract): Record<string, unknown> {
  const success = Object.fromEntries(
    Object.entries(c.response).map(([status, schema]) => [
      status,
      c.binary ? { description: schema.description ?? 'file', content: { 'application/octet-stream': { schema } } } : schema,
    ]),
  );
  return {
    tags: [...c.tags],
    summary: c.summary,
    ...(c.params ? { params: c.params } : {}),
    ...(c.querystring ? { querystring: c.querystring } : {}),
    ...(c.headers ? { headers: c.headers } : {}),
    ...(c.body ? { body: c.body } : {}),
    response: { ...success, ...errorResponses },
    ...(c.public ? { security: [] } : {}),
  };
}

/** Registers one route; `options` carries what a route needs beyond its contract (a body limit). */
export function contractRoute<R extends RouteContract>(
  app: FastifyInstance,
  c: R,
  handler: ContractHandler<R>,
  options: Omit<RouteShorthandOptions, 'schema'> = {},
): void {
  app.route({
    ...options,
    method: c.method,
    url: c.path,
    schema: fastifySchema(c),
    handler: handler as never,
  });
}
