import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');
const tempDirs = join(repoRoot, 'bench', 'lib', 'temp-dirs.ts');
let scripts: string;

beforeAll(async () => {
  scripts = await mkdtemp(join(tmpdir(), 'catnap-temp-dirs-scripts-'));
});
afterAll(async () => {
  await rm(scripts, { recursive: true, force: true });
});

interface Ended {
  readonly folders: Record<string, string>;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Runs a small script against bench/lib/temp-dirs.ts in a process of its own (the folders go when
 * a process exits, so only another process can show it). `make(name)` makes a folder with a file
 * in it; the script prints its folders once `body` has run, and is sent `signal` then if given.
 */
async function runScript(name: string, body: string, signal?: NodeJS.Signals): Promise<Ended> {
  const file = join(scripts, `${name}.mts`);
  await writeFile(
    file,
    `import { existsSync, writeFileSync } from 'node:fs';
     import { benchTempDir, keepBenchTempDir, removeBenchTempDir } from ${JSON.stringify(tempDirs)};
     const folders: Record<string, string> = {};
     const make = async (name: string) => {
       folders[name] = await benchTempDir('catnap-temp-dirs-test-');
       writeFileSync(folders[name] + '/catnap.db', 'data');
     };
     const printFolders = () => console.log('FOLDERS ' + JSON.stringify(folders));
     ${body}`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let folders: Record<string, string> | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const line = out.split('\n').find((text) => text.startsWith('FOLDERS '));
    if (line && !folders) {
      folders = JSON.parse(line.slice('FOLDERS '.length)) as Record<string, string>;
      if (signal) child.kill(signal);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code, endedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  if (!folders) throw new Error(`the script printed no folders:\n${out}`);
  return { folders, code, signal: endedBy };
}

describe("the benchmarks' scratch folders", () => {
  it('are gone once a run finishes, except one kept on purpose; one removed early is gone at once', async () => {
    const ended = await runScript(
      'finished',
      `await make('left'); await make('removed'); await make('kept');
       removeBenchTempDir(folders.removed);
       if (existsSync(folders.removed)) throw new Error('removeBenchTempDir left the folder');
       keepBenchTempDir(folders.kept);
       printFolders();`,
    );
    expect(ended.code).toBe(0);
    expect(existsSync(ended.folders.left!)).toBe(false);
    expect(existsSync(ended.folders.removed!)).toBe(false);
    expect(existsSync(ended.folders.kept!)).toBe(true);
    await rm(ended.folders.kept!, { recursive: true, force: true });
  });

  it('are gone after a run that failed', async () => {
    const ended = await runScript('failed', `await make('left'); printFolders(); throw new Error('a row failed');`);
    expect(ended.code).not.toBe(0);
    expect(existsSync(ended.folders.left!)).toBe(false);
  });

  it('are gone after Ctrl-C or a kill, which end the run with the usual exit codes', async () => {
    const waitForever = `setInterval(() => undefined, 1000);`;
    const interrupted = await runScript('interrupted', `await make('left'); printFolders(); ${waitForever}`, 'SIGINT');
    expect(interrupted.code).toBe(130);
    expect(existsSync(interrupted.folders.left!)).toBe(false);
    const killed = await runScript('killed', `await make('left'); printFolders(); ${waitForever}`, 'SIGTERM');
    expect(killed.code).toBe(143);
    expect(existsSync(killed.folders.left!)).toBe(false);
  });
});
