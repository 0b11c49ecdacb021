/**
 * The web apps' build. One entry per audience; this one is the command-centre console (指挥中心工作台), served by
 * the platform at `/`. Everything the pages need is bundled: nothing is fetched from the internet.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // The libraries change less often than the pages: their own files stay cached across releases.
        // The map library is loaded only with a page that shows a map (map/LazyMap.tsx); ECharts with the
        // dashboard (dashboard/DashboardPage.tsx), exceljs only when a table is exported.
        manualChunks: (id: string) =>
          !id.includes('node_modules') || /maplibre|gcoord|geojson|@mapbox|earcut|kdbush|supercluster|pbf|potpack|quickselect|tinyqueue|exceljs/.test(id)
            ? undefined
            : /[\\/](echarts|zrender)[\\/]/.test(id)
              ? 'echarts'
              : /antd|@ant-design|rc-/.test(id)
                ? 'antd'
                : 'vendor',
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
