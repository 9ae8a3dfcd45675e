import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev:console` sends API calls: a platform started with `npm run dev` (or `npm start`). */
const platformUrl = process.env.SWITCHBOARD_DEV_PLATFORM_URL ?? 'http://127.0.0.1:3000';
const toPlatform = { target: platformUrl, changeOrigin: false };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The platform serves it under a strict CSP (script-src 'self'): no inline scripts, no eval.
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': toPlatform,
      '/ext': toPlatform,
      '/.well-known': toPlatform,
      '/console/setup.json': toPlatform,
      '/openapi.json': toPlatform,
      '/docs': toPlatform,
    },
  },
});
