/**
 * The field app's service worker (scope /field/). It keeps the app shell (precached at install, from the build's
 * manifest) and the worker's data as last read (his tasks, grid, categories, reports: network first, the cached
 * answer when there is no network), so the app opens and works in a basement. It never sends anything itself:
 * the outbox lives in IndexedDB and is driven by the page (outbox/sync.ts), which every browser runs.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { FIELD_CACHES } from './field-caches.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/field/index.html'), { allowlist: [/^\/field(\/|$)/] }));

/** Photos of orders: they never change once stored. */
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.pathname.startsWith('/api/v1/files/'),
  new CacheFirst({ cacheName: FIELD_CACHES.photos, plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 14 * 86_400 })] }),
);
/** The worker's data: fresh when the network answers within a few seconds, as last read otherwise. */
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.pathname.startsWith('/api/v1/') && !url.pathname.startsWith('/api/v1/live') && !url.pathname.startsWith('/api/v1/uploads'),
  new NetworkFirst({ cacheName: FIELD_CACHES.data, networkTimeoutSeconds: 6, plugins: [new ExpirationPlugin({ maxEntries: 500, maxAgeSeconds: 14 * 86_400 })] }),
);
