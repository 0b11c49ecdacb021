/**
 * The field app's build (联动巡查, the grid worker's phone app), served by the platform at `/field/`: its own page,
 * manifest and service worker (scope /field/), so the console's files are never cached on a phone and the phone's
 * app shell never waits for the console. The service worker is our own (src/field/sw.ts, injectManifest): it
 * precaches the shell and keeps the worker's data for offline use; the outbox itself is driven by the page.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: `${import.meta.dirname}/field`,
  base: '/field/',
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '../src/field',
      filename: 'sw.ts',
      scope: '/field/',
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: '联动巡查 · 网格员',
        short_name: '联动巡查',
        description: '网格员巡查上报、现场核实核查、离线发送',
        lang: 'zh-CN',
        start_url: '/field/',
        scope: '/field/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#1d5fb8',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,woff2}'], maximumFileSizeToCacheInBytes: 4 * 1024 * 1024 },
    }),
  ],
  build: {
    outDir: '../dist/field',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
