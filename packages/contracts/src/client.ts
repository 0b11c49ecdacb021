/**
 * The typed API client the web apps use (and the test harness builds on): a route is named by its key in
 * `apiRoutes`, its parameters, query and body are typed by its contract, and so is the answer. No route or
 * field is written twice: rename a field in a contract and every caller stops compiling.
 */
import type { ApiError } from './common.ts';
import { apiRoutes, type ApiRoutes } from './api.ts';
import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteContract } from './route.ts';

export type RouteName = keyof ApiRoutes;

/** Whether an object type names keys: `Record<string, never>` (a route without path parameters) does not. */
type HasKeys<T> = string extends keyof T ? false : keyof T extends never ? false : true;

/** What a call needs: the route's path parameters, query and body, each only when the route has one. */
export type CallInput<R extends RouteContract> = (HasKeys<ParamsOf<R>> extends true ? { params: ParamsOf<R> } : { params?: undefined }) & {
  query?: QueryOf<R>;
  headers?: Record<string, string>;
} & (BodyOf<R> extends undefined ? { body?: undefined } : { body: BodyOf<R> });

export type CallResult<R extends RouteContract> =
  | { ok: true; status: number; data: ResponseOf<R>; headers: Headers }
  | { ok: false; status: number; error: ApiError['error']; headers: Headers };

export interface ApiClientOptions {
  /** e.g. '' in the browser (same origin) or 'http://127.0.0.1:8080'. */
  base: string;
  token?: string;
  lang?: 'zh-CN' | 'en';
  fetch?: typeof fetch;
}

/** `/api/v1/orders/:id` with `{ id: 7 }` → `/api/v1/orders/7`; a query object → `?a=1&b=2` (undefined left out). */
export function buildPath(path: string, params: Record<string, unknown> = {}, query: Record<string, unknown> = {}): string {
  const filled = path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
    if (params[name] === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(params[name]));
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${filled}?${s}` : filled;
}

export class ApiClient {
  constructor(readonly options: ApiClientOptions) {}

  /** Calls a route by name; the answer is typed by its contract. */
  async call<N extends RouteName>(name: N, ...[input]: {} extends CallInput<ApiRoutes[N]> ? [CallInput<ApiRoutes[N]>?] : [CallInput<ApiRoutes[N]>]): Promise<CallResult<ApiRoutes[N]>> {
    const route: RouteContract = apiRoutes[name];
    const i = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };
    const url = this.options.base + buildPath(route.path, i.params, i.query);
    const res = await (this.options.fetch ?? fetch)(url, {
      method: route.method,
      headers: {
        ...(i.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        ...(this.options.lang ? { 'accept-language': this.options.lang } : {}),
        ...i.headers,
      },
      body: i.body === undefined ? undefined : JSON.stringify(i.body),
    });
    if (route.binary && res.ok) return { ok: true, status: res.status, data: (await res.blob()) as never, headers: res.headers };
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (res.ok) return { ok: true, status: res.status, data: parsed as ResponseOf<ApiRoutes[N]>, headers: res.headers };
    return { ok: false, status: res.status, error: (parsed as ApiError).error, headers: res.headers };
  }
}
