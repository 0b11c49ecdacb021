/**
 * A route's contract: method, path, documentation, and the schema of its parameters, query, headers, body and
 * every success answer (documenso's route + types pairs). The server registers each route from its contract,
 * OpenAPI is generated from them, and the typed clients (test harness, web apps) derive their types from them.
 * Error answers are common to every route (`ApiErrorSchema`).
 */
import type { Static, TSchema } from '@sinclair/typebox';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContract {
  method: Method;
  /** Fastify-style path, parameters as `:name`. */
  path: string;
  tags: readonly string[];
  /** zh first, then English. */
  summary: string;
  params?: TSchema;
  querystring?: TSchema;
  headers?: TSchema;
  body?: TSchema;
  /** Every 2xx (and other non-error) answer the route gives, by status. */
  response: { readonly [status: number]: TSchema };
  /** Reachable without signing in. */
  public?: boolean;
  /** The answer is raw bytes (a file) or a stream, not JSON. */
  binary?: boolean;
  /** The binary answer's content type, when it is always one (default application/octet-stream). */
  contentType?: string;
}

/** Declares a route contract, keeping its literal types. */
export const route = <const R extends RouteContract>(r: R): R => r;

type StaticOr<S, Fallback> = S extends TSchema ? Static<S> : Fallback;

export type ParamsOf<R extends RouteContract> = StaticOr<R['params'], Record<string, never>>;
export type QueryOf<R extends RouteContract> = StaticOr<R['querystring'], Record<string, never>>;
export type BodyOf<R extends RouteContract> = StaticOr<R['body'], undefined>;
/** The union of the route's success bodies. */
export type ResponseOf<R extends RouteContract> = { [S in keyof R['response']]: StaticOr<R['response'][S], never> }[keyof R['response']];
/** The body of one status. */
export type ResponseAt<R extends RouteContract, S extends keyof R['response']> = StaticOr<R['response'][S], never>;

/** A path pattern as a template-literal type: `/api/v1/orders/:id` → `/api/v1/orders/${string}`. */
export type PathPattern<P extends string> = P extends `${infer Head}:${infer _Param}/${infer Tail}`
  ? `${Head}${string}/${PathPattern<Tail>}`
  : P extends `${infer Head}:${infer _Param}`
    ? `${Head}${string}`
    : P;

type Segments<P extends string> = P extends `${infer A}/${infer B}` ? [A, ...Segments<B>] : [P];
type StripQuery<P extends string> = P extends `${infer A}?${string}` ? A : P;

/** Whether a concrete path (possibly with a query string) is an instance of a route's path. */
export type PathMatches<Concrete extends string, Pattern extends string> =
  StripQuery<Concrete> extends PathPattern<Pattern>
    ? Segments<StripQuery<Concrete>>['length'] extends Segments<Pattern>['length']
      ? true
      : false
    : false;

/** The contracts (of a registry) whose method and path a concrete request matches. */
export type MatchingRoutes<Registry extends Record<string, RouteContract>, M extends Method, Concrete extends string> = {
  [K in keyof Registry]: Registry[K]['method'] extends M ? (PathMatches<Concrete, Registry[K]['path']> extends true ? Registry[K] : never) : never;
}[keyof Registry];

/** Every concrete path a registry accepts for a method (query strings allowed). */
export type PathsFor<Registry extends Record<string, RouteContract>, M extends Method> = {
  [K in keyof Registry]: Registry[K]['method'] extends M ? PathPattern<Registry[K]['path']> | `${PathPattern<Registry[K]['path']>}?${string}` : never;
}[keyof Registry];
