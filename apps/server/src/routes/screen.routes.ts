/**
 * The big screen (大屏): administrators make and revoke screen tokens; the wall reads its snapshot, its map and its
 * stream with the token in the query string (`?token=ldw_…`): the browser's EventSource cannot send a header, and
 * a cookie would tie one browser to one screen (docs/big-screen.md). Every request checks the token in the
 * database; an open stream checks it again every `recheckMs`, and a revocation made in this process ends that
 * token's streams at once.
 */
import type { FastifyInstance } from 'fastify';
import { SCREEN_EVENTS, screenRoutes as routes, type ScreenChange } from '@liandong/contracts';
import type { ChangedOrder } from '@liandong/core/orders/index.ts';
import { inArea, readScreenOrders, screenOrder } from '@liandong/core/screen/screen-orders.ts';
import { screenMap } from '@liandong/core/screen/screen-map.ts';
import { screenSnapshot, type ScreenWarningsSource } from '@liandong/core/screen/snapshot.ts';
import { createScreenToken, listScreenTokens, resolveScreenToken, revokeScreenToken } from '@liandong/core/screen/screen-tokens.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { LiveHub } from '../live/live-hub.ts';
import type { Platform } from '../platform.ts';
import { openEventStream, type EventStream } from '../http/event-stream.ts';

/** Changes heard this close together are read in one query. */
const BATCH_MS = 10;

export interface ScreenRouteOptions {
  /** How often an open stream asks whether its token still stands (default 10 s; tests shorten it). */
  recheckMs?: number;
  /** The early-warning module's open warnings for an area; without it the snapshot has no `warnings`. */
  warnings?: ScreenWarningsSource;
}

export function screenRoutes(app: FastifyInstance, p: Platform, hub: LiveHub, opts: ScreenRouteOptions = {}): void {
  const recheckMs = opts.recheckMs ?? 10_000;
  /** Open streams by token id: a revocation here ends them at once. */
  const streams = new Map<number, Set<{ end(): void }>>();
  app.addHook('preClose', async () => {
    for (const set of streams.values()) for (const s of set) s.end();
  });

  contractRoute(app, routes.listScreenTokens, async (req) => ({ items: await listScreenTokens(p.db, requireActor(req)) }));
  contractRoute(app, routes.createScreenToken, async (req, reply) => {
    const made = await createScreenToken(p.db, requireActor(req), req.body);
    return reply.status(201).send({ ...made, url: `/screen?token=${made.secret}` });
  });
  contractRoute(app, routes.revokeScreenToken, async (req) => {
    const revoked = await revokeScreenToken(p.db, requireActor(req), req.params.id, p.clock());
    for (const s of streams.get(revoked.id) ?? []) s.end();
    return revoked;
  });

  contractRoute(app, routes.snapshot, async (req, reply) => {
    const scope = await resolveScreenToken(p.db, req.query.token, p.clock());
    reply.header('cache-control', 'no-store');
    return screenSnapshot(p.db, scope, p.clock(), { warnings: opts.warnings });
  });

  contractRoute(app, routes.map, async (req) => {
    const scope = await resolveScreenToken(p.db, req.query.token, p.clock());
    return screenMap(p.db, p.map.layers, scope);
  });

  contractRoute(app, routes.live, async (req, reply) => {
    const secret = req.query.token;
    const scope = await resolveScreenToken(p.db, secret, p.clock());
    let stream: EventStream | undefined;
    const write = (event: string, data: unknown) => stream?.write(event, data);
    let pending = new Map<number, ChangedOrder>();
    let timer: NodeJS.Timeout | undefined;
    const flush = async () => {
      timer = undefined;
      const batch = pending;
      pending = new Map();
      try {
        const rows = await readScreenOrders(p.db, [...batch.keys()]);
        for (const [id, c] of batch) {
          const row = rows.get(id);
          if (!row) continue;
          // A confidential order counts on the wall; nothing of it is sent but its state.
          const change: ScreenChange = row.confidential
            ? { action: c.change.action, confidential: true, state: row.state }
            : { action: c.change.action, confidential: false, state: row.state, order: screenOrder(row) };
          write(SCREEN_EVENTS.order, change);
        }
      } catch {
        write(SCREEN_EVENTS.reset, {});
      }
    };
    const unsubscribe = await hub.subscribe(
      (c) => inArea(scope, c.scope),
      (event, c) => {
        if (!c) return void write(SCREEN_EVENTS.reset, {});
        pending.set(c.change.orderId, c);
        timer ??= setTimeout(() => void flush(), BATCH_MS);
      },
    );
    const recheck = setInterval(() => {
      resolveScreenToken(p.db, secret, p.clock()).catch((e: { status?: number }) => {
        // Refused (revoked): end; the database away: keep the stream, ask again next time.
        if (e.status === 401 || e.status === 403) stream?.end();
      });
    }, recheckMs);
    const mine = streams.get(scope.tokenId) ?? new Set();
    // Opened at once after subscribing (no await between): no change is heard before the stream can carry it.
    const opened: EventStream = openEventStream(req, reply, SCREEN_EVENTS.ready, () => {
      clearInterval(recheck);
      clearTimeout(timer);
      unsubscribe();
      mine.delete(opened);
      if (mine.size === 0) streams.delete(scope.tokenId);
    });
    stream = opened;
    streams.set(scope.tokenId, mine.add(opened));
    return reply;
  });
}
