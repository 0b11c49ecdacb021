/**
 * Registers a route from its contract (packages/contracts): the contract's schemas validate the request,
 * document it in OpenAPI and serialise the answer (unknown fields are stripped), and the handler is typed
 * by them, so it can only return what the contract declares.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { ApiErrorSchema, OrderDetailSchema, OrderPageSchema, OrderViewSchema, type BodyOf, type ParamsOf, type QueryOf, type ResponseOf, type RouteContract } from '@liandong/contracts';

/**
 * Answers many routes share are registered once (`app.addSchema`) and referred to by name, so the OpenAPI
 * document lists them once under components.schemas instead of inlining them in every route.
 */
export const SHARED_SCHEMAS: ReadonlyMap<object, string> = new Map<object, string>([
  [ApiErrorSchema, 'ApiError'],
  [OrderDetailSchema, 'OrderDetail'],
  [OrderViewSchema, 'OrderView'],
  [OrderPageSchema, 'OrderPage'],
]);

export function installSharedSchemas(app: FastifyInstance): void {
  for (const [schema, id] of SHARED_SCHEMAS) app.addSchema({ ...schema, $id: id });
}

const shared = (schema: object) => {
  const id = SHARED_SCHEMAS.get(schema);
  return id ? { $ref: `${id}#` } : schema;
};

/** The error answers every route may give. */
const ERROR_STATUSES = [400, 401, 403, 404, 409, 410, 413, 422, 429] as const;
export const errorResponses = Object.fromEntries(ERROR_STATUSES.map((s) => [s, shared(ApiErrorSchema)]));

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
      c.binary ? { description: schema.description ?? 'file', content: { [c.contentType ?? 'application/octet-stream']: { schema } } } : shared(schema),
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
