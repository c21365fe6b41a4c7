import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The benchmarks' scratch folders: the data folders of the Catnaps they start, their databases,
 * wrk's script. A full `npm run bench` makes about twenty, a load run's with a WAL of up to 100 MB,
 * and when nothing removed them repeated runs left gigabytes in the temporary folder. Every folder
 * made here is removed when the process exits, however it ends (a finished run, a thrown error,
 * Ctrl-C), unless it is kept on purpose for someone to look at (`keepBenchTempDir`).
 */
const made = new Set<string>();
let hooked = false;

export async function benchTempDir(prefix: string): Promise<string> {
  hookExit();
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes a scratch folder now, once nothing uses it (its Catnap stopped), rather than at exit. */
export function removeBenchTempDir(dir: string): void {
  made.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** Leaves a folder in place at exit: the database of a failed soak, say, for whoever reads the failure. */
export function keepBenchTempDir(dir: string): void {
  made.delete(dir);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  // A signal ends the process without 'exit' unless it is handled; exit with the usual code instead.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}
