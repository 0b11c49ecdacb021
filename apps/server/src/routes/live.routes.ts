import type { FastifyInstance } from 'fastify';
import { LIVE_EVENTS, liveRoutes as routes } from '@liandong/contracts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { LiveHub } from '../live/live-hub.ts';
import type { Platform } from '../platform.ts';

/** Proxies close a connection silent for a minute; a comment line every 20 s keeps the stream open. */
const HEARTBEAT_MS = 20_000;

export function liveRoutes(app: FastifyInstance, p: Platform): void {
  const hub = new LiveHub(p.db);
  const streams = new Set<{ end(): void }>();
  // Open streams would hold the server's close: end them first (a reader's EventSource reconnects elsewhere).
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });
  app.addHook('onClose', () => hub.stop());

  contractRoute(app, routes.orderChanges, async (req, reply) => {
    const actor = requireActor(req);
    const out = reply.raw;
    const unsubscribe = await hub.subscribe(actor, (event, data) => out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    reply.hijack();
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    out.write(`retry: 3000\nevent: ${LIVE_EVENTS.ready}\ndata: {}\n\n`);
    const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS);
    streams.add(out);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(out);
    });
    return reply;
  });
}
