import type { FastifyInstance } from 'fastify';
import { LIVE_EVENTS, liveRoutes as routes } from '@liandong/contracts';
import { authenticate } from '@liandong/core/auth/authenticate.ts';
import type { Actor } from '@liandong/core/org/actor.ts';
import { callerSecret, requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { mayHear } from '@liandong/core/orders/index.ts';
import type { Platform } from '../platform.ts';
import { HEARTBEAT_MS, openEventStream, type EventStream } from '../http/event-stream.ts';

/** What the stream's filter depends on: a change of it ends the stream (the reader reconnects with the new scope). */
const scopeOf = (a: Actor) => JSON.stringify([[...a.roles].sort(), [...a.unitIds].sort(), [...a.areaCodes].sort()]);

/**
 * A stream outlives the request that opened it, so its session is checked again every `recheckMs`: a user signed
 * out, disabled, or reset (his sessions deleted), or given another scope, stops hearing at once; his EventSource
 * reconnects and meets the sign-in or his new scope.
 */
export function liveRoutes(app: FastifyInstance, p: Platform, hub: LiveHub, opts: { recheckMs?: number } = {}): void {
  const recheckMs = opts.recheckMs ?? HEARTBEAT_MS;
  const streams = new Set<{ end(): void }>();
  // Open streams would hold the server's close: end them first (a reader's EventSource reconnects elsewhere).
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });

  contractRoute(app, routes.orderChanges, async (req, reply) => {
    const actor = requireActor(req);
    let stream: EventStream | undefined;
    const unsubscribe = await hub.subscribe(
      (c) => mayHear(actor, c),
      (event, c) => stream?.write(event, c?.change ?? {}),
    );
    const secret = callerSecret(req);
    const scope = scopeOf(actor);
    const recheck = setInterval(() => {
      void (secret ? authenticate(p.db, secret, p.clock, p.sessions) : Promise.resolve(null))
        .then((now) => {
          if (!now || scopeOf(now) !== scope) stream?.end();
        })
        .catch(() => undefined);
    }, recheckMs);
    // Opened at once after subscribing (no await between): no change is heard before the stream can carry it.
    const opened: EventStream = openEventStream(req, reply, LIVE_EVENTS.ready, () => {
      clearInterval(recheck);
      unsubscribe();
      streams.delete(opened);
    });
    stream = opened;
    streams.add(opened);
    return reply;
  });
}
