/**
 * A server-sent events stream (the console's live changes, a wall screen's): the headers that keep proxies from
 * buffering or caching it, the first `ready` event with the reconnect delay, a comment line every 20 s (proxies
 * close a connection silent for a minute), and one place that stops the timers when the reader goes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const HEARTBEAT_MS = 20_000;

export interface EventStream {
  write(event: string, data: unknown): void;
  end(): void;
}

/** Takes the reply over as an event stream; `onClose` runs once when the reader goes. */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, ready: string, onClose: () => void): EventStream {
  const out = reply.raw;
  reply.hijack();
  out.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  out.write(`retry: 3000\nevent: ${ready}\ndata: {}\n\n`);
  const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS);
  req.raw.on('close', () => {
    clearInterval(heartbeat);
    onClose();
  });
  return {
    write: (event, data) => void out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    end: () => void out.end(),
  };
}
