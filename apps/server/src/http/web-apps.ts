/**
 * The web apps, built by `npm run build:web` (apps/web, on `npm ci`) and served by the platform itself: the
 * console at `/`, the field app (联动巡查) at `/field/`, the citizen portal (群众随手拍) at `/portal/`, the big screen
 * (大屏) at `/screen`. Files under
 * /assets and each app's /{app}/assets are content-hashed, cached for long and sent pre-compressed (Brotli or
 * gzip); an app's service worker, manifest and icons are
 * revalidated on every load (a new release reaches the phones). Every other page path answers its app's
 * index.html, whose client-side router shows the page (`/orders/123` reloaded keeps its order). Paths under /api
 * stay the API's: an unknown one is the API's JSON 404, never an app.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
/** The apps beside the console, each its own page, files and service worker under its own path. */
const SUB_APPS = ['field', 'portal', 'screen'] as const;

/** Registers the apps' files; returns how to answer a page path, or null when the console is not built. */
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
  const pages = new Map<string, Buffer>();
  for (const name of SUB_APPS) {
    const page = `${dist}${name}/index.html`;
    if (!existsSync(page)) continue;
    pages.set(name, readFileSync(page));
    await app.register(fastifyStatic, {
      root: `${dist}${name}`,
      prefix: `/${name}/`,
      decorateReply: false,
      index: false,
      // One route per built file: every other path under /{name}/ is a page of the app (the not-found handler).
      wildcard: false,
      preCompressed: true,
      // Hashed assets for a year; the service worker, manifest and icons keep their names: always revalidated.
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return (req, reply) => {
    const first = /^\/([a-z]+)(\/|$|\?)/.exec(req.url)?.[1];
    const page = (first && pages.get(first)) || index;
    return reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
  };
}

/** A page of a web app: a GET for a path outside /api and the files. */
export const isAppPage = (req: FastifyRequest): boolean => (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api') && !req.url.startsWith('/assets/');
