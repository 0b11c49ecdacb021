/**
 * The big screen's build (大屏), served by the platform at `/screen`: a page of its own for a wall display, opened
 * with a screen token in its address, nothing fetched from the internet. Its map and charts are loaded after the
 * figures (their own chunks).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: `${import.meta.dirname}/screen`,
  base: '/screen/',
  plugins: [react()],
  build: { outDir: '../dist/screen', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
