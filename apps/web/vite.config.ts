import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev -w @closeloop/web` serves with hot reload and proxies the API to a running server. */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.CLOSELOOP_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/src/bundle-size.ts reads it to report the JavaScript each route needs.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
});
