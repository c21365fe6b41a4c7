import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../../src/world/world.js';

/** The folder a world keeps its snapshots in. */
export function snapshotDir(world: World): string {
  return (world.snapshots as unknown as { deps: { dir: string } }).deps.dir;
}

/** The table a snapshot's copy keeps its clock, random source and times in. */
const infoTable = 'catnap_snapshot';

/**
 * Turns snapshot `name` into what Catnap saved before its facts moved into the copy: a copy
 * without them, and `<name>.json` beside it holding them and the copy's size, written as that
 * Catnap wrote it. A snapshot already so (saved by such a Catnap) is left as it is.
 */
export function toOldFormat(dir: string, name: string): void {
  const path = join(dir, `${name}.db`);
  const db = new Database(path);
  let info: string | undefined;
  try {
    if (!db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(infoTable)) return;
    info = db.prepare(`SELECT info FROM ${infoTable}`).pluck().get() as string;
    db.prepare(`DROP TABLE ${infoTable}`).run();
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  const sidecar = { name, ...JSON.parse(info), sizeBytes: statSync(path).size };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(sidecar, null, 2)}\n`, { mode: 0o600 });
}

/** Rewrites the facts snapshot `name` keeps in its copy (their JSON text, as `edit` makes it). */
export function editInfo(dir: string, name: string, edit: (json: string) => string): void {
  const db = new Database(join(dir, `${name}.db`));
  try {
    const json = db.prepare(`SELECT info FROM ${infoTable}`).pluck().get() as string;
    db.prepare(`UPDATE ${infoTable} SET info = ?`).run(edit(json));
  } finally {
    db.close();
  }
}
