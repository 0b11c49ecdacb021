/**
 * Starts the real HTTP server on a fresh database with the demo district loaded (history excluded),
 * and gives tests a small client that signs in as demo accounts.
 */
import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ActionName, ApiError, ApiRoutes, MatchingRoutes, Method, OrderDetail, PathsFor, ResponseOf } from '@liandong/contracts';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { DEMO_PASSWORD, DEMO_SEED } from '@liandong/core/test/seeds.ts';
import type { FileStore } from '@liandong/core/files/file-store.ts';
import { buildApp } from '../src/app.ts';
import { platformOn, type Platform } from '../src/platform.ts';

export { DEMO_PASSWORD };
export const demoSeed = DEMO_SEED;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The answer a route's contract declares for a concrete path (unknown for a path no route has). */
type Answer<M extends Method, P extends string> = [MatchingRoutes<ApiRoutes, M, P>] extends [never] ? unknown : ResponseOf<MatchingRoutes<ApiRoutes, M, P>>;
/**
 * A test reads both: the success body as its contract types it, and the error of a refused request. (The web
 * apps use contracts' ApiClient, whose result is either one or the other.)
 */
export type Body<T> = T & ApiError;

/**
 * A client typed by the contracts: `get`/`post`/… accept only paths of declared routes and give their answers
 * typed; bodies are unknown on purpose (tests send hostile ones). `request` reaches any path, untyped.
 */
export class Client {
  constructor(
    readonly base: string,
    readonly token?: string,
    readonly lang?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(this.lang ? { 'accept-language': this.lang } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<P extends PathsFor<ApiRoutes, 'GET'>>(path: P) {
    return this.request<Body<Answer<'GET', P>>>('GET', path);
  }
  post<P extends PathsFor<ApiRoutes, 'POST'>>(path: P, body?: unknown, headers?: Record<string, string>) {
    return this.request<Body<Answer<'POST', P>>>('POST', path, body ?? {}, headers);
  }
  put<P extends PathsFor<ApiRoutes, 'PUT'>>(path: P, body?: unknown, headers?: Record<string, string>) {
    return this.request<Body<Answer<'PUT', P>>>('PUT', path, body ?? {}, headers);
  }
  patch<P extends PathsFor<ApiRoutes, 'PATCH'>>(path: P, body?: unknown, headers?: Record<string, string>) {
    return this.request<Body<Answer<'PATCH', P>>>('PATCH', path, body ?? {}, headers);
  }
  delete<P extends PathsFor<ApiRoutes, 'DELETE'>>(path: P, headers?: Record<string, string>) {
    return this.request<Body<Answer<'DELETE', P>>>('DELETE', path, undefined, headers);
  }
  /** An order action; the body defaults to {}. */
  act<A extends ActionName>(orderId: number, action: A, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<Body<OrderDetail>>('POST', `/api/v1/orders/${orderId}/actions/${action}`, body, headers);
  }
}

export interface TestServer {
  base: string;
  app: FastifyInstance;
  platform: Platform;
  testDb: TestDatabase;
  anonymous: Client;
  as(username: string, lang?: string): Promise<Client>;
  /** Sign everyone in again (sessions expire when a test moves the clock by days). */
  forgetSessions(): void;
  close(): Promise<void>;
}

export async function startTestServer(opts: { clock?: () => Date; files?: FileStore; slowRequestMs?: number } = {}): Promise<TestServer> {
  const testDb = await createTestDb(demoSeed);
  const platform = platformOn(testDb.db, opts.clock, undefined, opts.files);
  const app = await buildApp(platform, { logLevel: 'error', checkResponses: true });
  // A journey that stalls on a busy machine says which request was slow (`slowRequestMs`).
  if (opts.slowRequestMs) {
    const slow = opts.slowRequestMs;
    app.addHook('onResponse', async (req, reply) => {
      if (reply.elapsedTime > slow && !req.url.startsWith('/api/v1/live')) process.stderr.write(`slow request: ${req.method} ${req.url} ${reply.statusCode} in ${Math.round(reply.elapsedTime)} ms\n`);
    });
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const tokens = new Map<string, string>();
  const anonymous = new Client(address);
  return {
    base: address,
    app,
    platform,
    testDb,
    anonymous,
    async as(username, lang) {
      let token = tokens.get(username);
      if (!token) {
        const r = await anonymous.post('/api/v1/auth/login', { username, password: DEMO_PASSWORD });
        if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
        token = r.body.token as string;
        tokens.set(username, token);
      }
      return new Client(address, token, lang);
    },
    forgetSessions() {
      tokens.clear();
    },
    async close() {
      await app.close();
      await testDb.close();
      await rm(platform.partialUploads.dir, { recursive: true, force: true });
    },
  };
}

let keySeq = 0;
/** A unique Idempotency-Key per call. */
export function newKey(prefix = 'k'): string {
  return `${prefix}-${process.pid}-${Date.now()}-${++keySeq}`;
}

/** A point inside a given grid: its polygon's first ring's centroid nudged inside (demo grids are convex-ish). */
export async function pointInGrid(s: TestServer, gridCode: string): Promise<{ lng: number; lat: number }> {
  const r = await s.platform.db.query<{ geometry: any }>('select geometry from grids where code = $1', [gridCode]);
  const geom = r.rows[0]!.geometry;
  const ring: number[][] = geom.type === 'Polygon' ? geom.coordinates[0] : geom.coordinates[0][0];
  const n = ring.length - 1;
  let lng = 0;
  let lat = 0;
  for (let i = 0; i < n; i++) {
    lng += ring[i]![0]!;
    lat += ring[i]![1]!;
  }
  const point = { lng: lng / n, lat: lat / n };
  const match = await s.platform.territory.lookup(point.lng, point.lat);
  if (match.basicGrid?.code === gridCode) return point;
  // Fall back to sampling inside the bounding box.
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  for (let i = 0; i < 400; i++) {
    const c = { lng: Math.min(...xs) + ((i * 0.618) % 1) * (Math.max(...xs) - Math.min(...xs)), lat: Math.min(...ys) + ((i * 0.382) % 1) * (Math.max(...ys) - Math.min(...ys)) };
    if ((await s.platform.territory.lookup(c.lng, c.lat)).basicGrid?.code === gridCode) return c;
  }
  throw new Error(`no point found in grid ${gridCode}`);
}

/** The grid a demo grid worker covers. */
export async function gridOf(s: TestServer, username: string): Promise<string> {
  const r = await s.platform.db.query<{ area_code: string }>(
    'select area_code from user_scopes us join users u on u.id = us.user_id where u.username = $1 and area_code is not null',
    [username],
  );
  return r.rows[0]!.area_code;
}

export async function unitId(s: TestServer, code: string): Promise<number> {
  const r = await s.platform.db.query<{ id: number }>('select id from units where code = $1', [code]);
  return r.rows[0]!.id;
}
