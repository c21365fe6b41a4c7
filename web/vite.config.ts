import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

const serverSource = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * The console takes the server's contract as types only (src/contract, imported as `@contract`
 * with `import type`). If server code or TypeBox ever reaches the bundle, the build fails here,
 * naming the module, rather than shipping it.
 */
function noServerCode(): Plugin {
  return {
    name: 'catnap-no-server-code',
    load(id) {
      if (id.startsWith(serverSource) || id.includes('/node_modules/@sinclair/typebox/')) {
        this.error(
          `the web console may import only types from the server (import type ... from '@contract'), but the bundle pulls in ${id}`,
        );
      }
      return null;
    },
  };
}

// The web console, built into web/dist and served by the admin server at `/`.
// `npm run dev:web` proxies the API to a running Catnap (CATNAP_URL, default the default port).
const target = process.env.CATNAP_URL ?? 'http://127.0.0.1:6099';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), noServerCode()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1024 },
  server: {
    proxy: {
      '/api': { target, ws: true },
      '/media': target,
      '/openapi.json': target,
    },
  },
});
