#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (shipped in the npm package; in a clone, built by
// `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/app/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('catnap: dist/ is missing; in a clone of the repository run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
