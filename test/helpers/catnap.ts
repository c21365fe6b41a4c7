import { Catnap, type CatnapOptions } from '../../src/app/catnap.js';
import { silentLogger } from '../../src/util/logger.js';
import type { Dialect } from '../../src/onebot/dialect.js';
import type { WorldFile } from '../../src/world/world-file.js';
import { expectRouteResponse, resultProblems, watchActionResults } from './contract.js';
import { tempDir } from './spawn.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A real Catnap in this process on ephemeral ports, with `world` applied; call `stop()` after. */
export async function startCatnap(
  world: WorldFile,
  options: { dataDir?: string; catnap?: Pick<CatnapOptions, 'seed' | 'clockStart' | 'clock'> } = {},
) {
  const dataDir = options.dataDir ?? (await tempDir());
  const worldFile = join(dataDir, 'world.json');
  await writeFile(worldFile, JSON.stringify(world));
  const catnap = await Catnap.start({
    dataDir,
    worldFile,
    webuiPort: 0,
    webuiToken: 'admin-token',
    logger: silentLogger,
    watchConfig: false,
    ...options.catnap,
  });
  const admin = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${catnap.webuiUrl}${path}`, {
      method,
      headers: {
        authorization: 'Bearer admin-token',
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
    // Every successful answer must be what the route's contract promises, and what `act` ran, its action's result schema.
    expectRouteResponse(method, path, response.status, json);
    const act = /^\/api\/world\/act\/\d+\/([^/?]+)/.exec(path);
    if (act && json?.status === 'ok') {
      const dialect = /[?&]dialect=([\w-]+)/.exec(path)?.[1] as Dialect | undefined;
      const problems = resultProblems(catnap.dispatcher, decodeURIComponent(act[1]!), json.data, dialect);
      if (problems.length > 0) throw new Error(`${act[1]} answered outside its result schema: ${problems.join('; ')}`);
    }
    return { status: response.status, json, text };
  };
  /** Every successful reply on any transport, checked against its action's result schema. */
  const results = watchActionResults(catnap.dispatcher);
  return { catnap, dataDir, admin, results };
}
