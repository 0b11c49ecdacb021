import type { FastifyRequest } from 'fastify';

/** One request header's value (the first, when a client sent it twice). */
export function headerOf(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** How a change was asked for: its Idempotency-Key and, from an outbox, when it was made (Made-At). */
export function changeRequestOf(req: FastifyRequest): { idempotencyKey?: string; madeAt?: string } {
  const idempotencyKey = headerOf(req, 'idempotency-key');
  const madeAt = headerOf(req, 'made-at');
  return { ...(idempotencyKey !== undefined ? { idempotencyKey } : {}), ...(madeAt !== undefined ? { madeAt } : {}) };
}
