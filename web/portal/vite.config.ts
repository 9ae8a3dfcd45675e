import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev:portal` sends API calls: a platform started with `npm run dev` (or `npm start`). */
const platformUrl = process.env.SWITCHBOARD_DEV_PLATFORM_URL ?? 'http://127.0.0.1:3000';

const portalSrc = fileURLToPath(new URL('./src/', import.meta.url));
const consoleSrc = fileURLToPath(new URL('../console/src/', import.meta.url));

/*
 * The portal uses the console's kit (`@/kit/*`, `@/i18n`, `@/api/problem`) as it is. The kit's one
 * tie to an app, `@/api/client` (the signed-in session behind downloads and event streams), is
 * the portal's own client here: the client's session on /ext/v1, never the console's.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/portal/',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@\/api\/client$/, replacement: `${portalSrc}api/client.ts` },
      { find: /^@portal\//, replacement: portalSrc },
      { find: /^@\//, replacement: consoleSrc },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Served under the platform's CSP (script-src 'self'): no inline scripts, no eval.
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5174,
    strictPort: true,
    proxy: { '/ext': { target: platformUrl, changeOrigin: false } },
  },
});
