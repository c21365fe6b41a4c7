import { readFileSync } from 'node:fs';

/** Catnap's version, from its package.json (`get_version_info`, the banner, /openapi.json). */
export const catnapVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
