import { performance } from 'node:perf_hooks';
import { snapshotsApi, type SnapshotView } from '../../contract/admin/snapshots.js';
import { SnapshotError, startSnapshot, type SnapshotInfo } from '../../world/snapshots/snapshot-service.js';
import type { World } from '../../world/world.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

function view(info: SnapshotInfo): SnapshotView {
  return {
    name: info.name,
    world_time: info.worldTime,
    taken_at: info.takenAt,
    size_bytes: info.sizeBytes,
    clock: { now_ms: info.clock.nowMs, frozen: info.clock.frozen },
    seed: info.random.seed,
  };
}

/** Snapshot failures as the admin API answers them. */
async function answering<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SnapshotError) {
      throw new AdminError(error.kind === 'not_found' ? 404 : 400, error.kind === 'not_found' ? 'NOT_FOUND' : 'BAD_REQUEST', error.message);
    }
    throw error;
  }
}

async function restore(world: World, name: string) {
  const started = performance.now();
  const info = await answering(() => world.snapshots.restore(name));
  return { ...view(info), restore_ms: Math.round((performance.now() - started) * 1000) / 1000 };
}

/**
 * `start` is what reset restores, taken by Catnap at every start: a test that saved or deleted it
 * changed what every later reset (a `beforeEach`) meant, or broke it.
 */
function notStart(name: string, doing: string): void {
  if (name === startSnapshot) {
    throw new AdminError(
      400,
      'BAD_REQUEST',
      `cannot ${doing} the snapshot "${startSnapshot}": it is the world as this start made it, what reset restores; choose another name`,
    );
  }
}

export const snapshotRoutes = implement(snapshotsApi, {
  async saveSnapshot(request, _reply, { world }) {
    notStart(request.body.name, 'replace');
    return view(await answering(() => world.snapshots.save(request.body.name)));
  },

  async listSnapshots(_request, _reply, { world }) {
    const { snapshots, damaged } = await world.snapshots.list();
    return { snapshots: snapshots.map(view), damaged };
  },

  async restoreSnapshot(request, _reply, { world }) {
    return restore(world, request.params.name);
  },

  async deleteSnapshot(request, _reply, { world }) {
    notStart(request.params.name, 'delete');
    await answering(() => world.snapshots.delete(request.params.name));
    return { name: request.params.name, deleted: true as const };
  },

  async resetWorld(_request, _reply, { world }) {
    return restore(world, startSnapshot);
  },
});
