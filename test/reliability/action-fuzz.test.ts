import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protocolErrors, worldErrors } from '../../src/onebot/error-catalogue.js';
import type { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { onebotWorld } from '../helpers/onebot.js';
import { fuzzParams } from './schema-arbitrary.js';

const documented = new Set<number>([0, 1, ...Object.values(protocolErrors).map((e) => e.retcode), ...Object.values(worldErrors).map((e) => e.retcode)]);
documented.delete(protocolErrors.INTERNAL.retcode);

/** A digest of every row of every table: equal digests mean nothing in the world changed. */
function worldDigest(store: SqliteWorldStore): string {
  const hash = createHash('sha256');
  const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(name);
    for (const row of store.db.prepare(`SELECT * FROM "${name}"`).raw().all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Actions whose success depends on the outside world or the process; fuzzed for failures only. */
const skip = new Set(['set_restart', 'bot_exit']);

describe('every action under fuzzed params', () => {
  it('answers ok or a documented failure, never crashes, and changes nothing when it fails', async () => {
    const ob = await onebotWorld();
    const store = ob.world.store as SqliteWorldStore;
    const specs = ob.dispatcher.table.specs().filter((spec) => !skip.has(spec.name));
    for (const spec of specs) {
      await fc.assert(
        fc.asyncProperty(fuzzParams(spec.params), fc.constantFrom(10001, 20002), async (params, selfId) => {
          const before = worldDigest(store);
          // Frozen all the way down: a handler that changes its params would throw here.
          const envelope = await ob.call(selfId, spec.name, deepFreeze(params), { echo: 'fuzz' });
          expect(envelope.echo).toBe('fuzz');
          expect(['ok', 'failed', 'async']).toContain(envelope.status);
          if (!documented.has(envelope.retcode)) throw new Error(`${spec.name}(${JSON.stringify(params).slice(0, 300)}) answered retcode ${envelope.retcode}: ${envelope.message}`);
          if (envelope.status === 'failed') {
            expect(envelope.data).toBeNull();
            expect(worldDigest(store), `${spec.name} failed but changed the world: ${envelope.message}`).toBe(before);
          }
          expect(Object.prototype).not.toHaveProperty('polluted');
        }),
        { numRuns: 25, seed: 20261127 },
      );
    }
    await ob.dispatcher.idle();
  }, 120_000);
});
