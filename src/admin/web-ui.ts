import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the web UI (web/dist), from src/admin or dist/admin alike. */
export const defaultWebUiDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths the UI's fallback never answers: the API, media and documents keep their JSON 404s. */
const apiPrefixes = ['/api/', '/media/', '/openapi.json'];

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Catnap</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Catnap web UI is not built</h1>
<p>The admin API works, but the browser UI has not been built in this checkout. Run <code>npm run build</code>
(<code>npm install</code> does it too) and reload this page.</p></body>`;

/**
 * The console runs with the web UI token in its storage, so its page allows scripts from its own
 * origin only (no inline script, no eval, no plugins), may not be framed (clickjacking), and
 * sends no Referer (the login link carries `?token=`). Images and media may come from anywhere
 * a message points (bots send http(s) URLs); styles may be inline (React sets style attributes).
 */
export const consoleSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "media-src 'self' data: blob: http: https:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the built web UI at `/` without a token (the page asks for the token and sends it with
 * every API call). Unknown GET paths that want HTML get `index.html`, so the UI's own routes
 * (`/chat/30001`, `/bots`) survive a reload. Returns the not-found handler to install.
 */
export async function serveWebUi(
  app: FastifyInstance,
  dir: string = defaultWebUiDir,
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | undefined> {
  const built = existsSync(`${dir}/index.html`);
  if (built) {
    // Hashed assets never change; index.html must always be fresh so new builds take effect.
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      // A wildcard route rather than one per file, so a rebuild while Catnap runs is served too.
      wildcard: true,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (path.endsWith('.html')) for (const [name, value] of Object.entries(consoleSecurityHeaders)) reply.header(name, value);
      },
    });
  } else {
    app.get('/', async (_request, reply) => reply.headers(consoleSecurityHeaders).type('text/html; charset=utf-8').send(notBuilt));
  }
  return (request, reply) => {
    const path = request.url.split('?')[0]!;
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (request.method !== 'GET' || !wantsHtml || apiPrefixes.some((prefix) => path.startsWith(prefix) || path === prefix))
      return undefined;
    return (async () => {
      const index = built ? await readFile(`${dir}/index.html`, 'utf8').catch(() => notBuilt) : notBuilt;
      return reply
        .code(200)
        .headers(consoleSecurityHeaders)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(index);
    })();
  };
}
