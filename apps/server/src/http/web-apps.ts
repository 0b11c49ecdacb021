/**
 * The web apps, built by `npm run build:web` (apps/web, on `npm ci`) and served by the platform itself: the
 * console at `/`. Files under /assets are content-hashed, cached for long and sent pre-compressed (Brotli or gzip); every other page path answers the
 * app's index.html, whose client-side router shows the page (`/orders/123` reloaded keeps its order). Paths
 * under /api stay the API's: an unknown one is the API's JSON 404, never the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Registers the console's files; returns how to answer a page path, or null when the console is not built. */
export async function installWebApps(app: FastifyInstance, dist = WEB_DIST): Promise<((req: FastifyRequest, reply: FastifyReply) => FastifyReply) | null> {
  const indexFile = `${dist}index.html`;
  if (!existsSync(indexFile)) return null;
  await app.register(fastifyStatic, {
    root: `${dist}assets`,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    // The build writes .br and .gz twins (apps/web/scripts/compress.mjs): sent to browsers that accept them.
    preCompressed: true,
  });
  const index = readFileSync(indexFile);
  return (_req, reply) => reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
}

/** A page of a web app: a GET for a path outside /api and the files. */
export const isAppPage = (req: FastifyRequest): boolean => (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api') && !req.url.startsWith('/assets/');
