import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route.js';

const tag = 'bench';

/** The same rule as the server's (`snapshotNamePattern`): names are file names too. */
const SnapshotName = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'Letters, digits, ".", "-" and "_", starting with a letter or digit (at most 64)',
});

export const SnapshotView = Type.Object({
  name: Type.String(),
  world_time: Type.Integer({ description: "The world's time when it was taken (unix seconds)" }),
  taken_at: Type.Integer({ description: 'Real time when it was taken (unix milliseconds)' }),
  size_bytes: Type.Integer(),
  clock: Type.Object({ now_ms: Type.Integer(), frozen: Type.Boolean() }, { description: 'The clock it keeps (restored with it)' }),
  seed: Type.Integer({ description: 'The seed of the random source it keeps' }),
});
export type SnapshotView = Static<typeof SnapshotView>;

const DamagedSnapshot = Type.Object({
  name: Type.String(),
  problem: Type.String({
    description:
      'What is wrong with the clock and random source it keeps, naming the file, e.g. `x.db holds damaged snapshot info (clock: ...)`, or for a snapshot an earlier Catnap saved `x.json is not JSON: ...`',
  }),
});

const Restored = Type.Composite([SnapshotView, Type.Object({ restore_ms: Type.Number({ description: 'How long the restore took' }) })]);

/**
 * Named copies of the whole world (accounts, friends, groups, messages, files, favourites,
 * requests, notices, media references, id counters, the clock and the random source). A restore
 * puts the world back in place: adapters keep running, clients stay connected, and ids handed
 * out afterwards continue from the restored state. Snapshots are files under the data folder
 * (`snapshots/`), so they survive restarts; `start` is retaken at every start, after the world
 * file is applied.
 */
export const snapshotsApi = {
  saveSnapshot: defineRoute({
    method: 'POST',
    url: '/api/world/snapshots',
    summary: 'Save the whole world now under a name (replacing a snapshot of that name)',
    tag,
    body: Type.Object({ name: SnapshotName }, { additionalProperties: false }),
    response: SnapshotView,
    status: 201,
  }),
  listSnapshots: defineRoute({
    method: 'GET',
    url: '/api/world/snapshots',
    summary: 'Every saved snapshot, oldest first; a damaged one is listed apart under `damaged`',
    tag,
    response: Type.Object({
      snapshots: Type.Array(SnapshotView),
      damaged: Type.Array(DamagedSnapshot, {
        description:
          'Snapshots whose clock and random source cannot be read (cut short, edited by hand; in `<name>.db`, or the `<name>.json` sidecar of one an earlier Catnap saved): a restore answers 409 CONFLICT; delete them or save again',
      }),
    }),
  }),
  restoreSnapshot: defineRoute({
    method: 'POST',
    url: '/api/world/snapshots/:name/restore',
    summary: 'Put the world back as the snapshot kept it, in place (404 if there is none of that name)',
    tag,
    params: Type.Object({ name: SnapshotName }),
    response: Restored,
  }),
  deleteSnapshot: defineRoute({
    method: 'DELETE',
    url: '/api/world/snapshots/:name',
    summary: 'Delete a snapshot',
    tag,
    params: Type.Object({ name: SnapshotName }),
    response: Type.Object({ name: Type.String(), deleted: Type.Literal(true) }),
  }),
  resetWorld: defineRoute({
    method: 'POST',
    url: '/api/world/reset',
    summary: 'Put the world back as it was right after start (the world file applied): restores the snapshot `start`',
    tag,
    response: Restored,
  }),
};
