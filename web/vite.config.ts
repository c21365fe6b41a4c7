import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

// The web console, built into web/dist and served by the admin server at `/`.
// `npm run dev:web` proxies the API to a running Catnap (CATNAP_URL, default the default port).
const target = process.env.CATNAP_URL ?? 'http://127.0.0.1:6099';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1024 },
  server: {
    proxy: {
      '/api': { target, ws: true },
      '/media': target,
      '/openapi.json': target,
    },
  },
});
