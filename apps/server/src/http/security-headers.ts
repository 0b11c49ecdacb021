/**
 * Headers on every answer that keep a browser from misreading or framing what we send: no MIME sniffing,
 * no framing by other sites (clickjacking), no referrer leaking order URLs to other hosts. Files add their
 * own sandboxing Content-Security-Policy (files.routes.ts).
 */
import type { FastifyInstance } from 'fastify';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}
