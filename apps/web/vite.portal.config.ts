/**
 * The citizen portal's build (群众随手拍), served by the platform at `/portal/`: a mobile web page of its own, no
 * sign-in, nothing fetched from the internet.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: `${import.meta.dirname}/portal`,
  base: '/portal/',
  plugins: [react()],
  build: { outDir: '../dist/portal', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
