import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;

export interface SpawnedCatnap {
  readonly proc: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** The banner lines (stdout up to and including the account lines). */
  readonly banner: string;
  readonly webuiUrl: string;
  readonly token: string;
  /** "account:name" -> endpoint URL, from the banner. */
  readonly endpoints: Map<string, string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function tempDir(prefix = 'catnap-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Runs the real CLI (`node bin/catnap.js start ...`) and waits until it printed its banner. */
export async function spawnCatnap(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SpawnedCatnap> {
  const proc = spawn(process.execPath, [join(repoRoot, 'bin/catnap.js'), 'start', ...args], {
    cwd: repoRoot,
    env: { ...process.env, CATNAP_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    // A start takes about a second; on two cores shared with a busy suite it took over 15 s at times.
    const timer = setTimeout(() => reject(new Error(`catnap did not start in time:\n${out}`)), 45_000);
    const poll = setInterval(() => {
      if (/OpenAPI:.*\n/.test(out)) {
        clearInterval(poll);
        clearTimeout(timer);
        setTimeout(resolve, 50);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`catnap exited with ${code} before starting:\n${out}`));
    });
  });
  const webuiUrl = /Web UI:\s+(http:\/\/[^/\s]+)/.exec(out)![1]!;
  // The banner shows the web UI token only when this start generated it; else it says where it is kept.
  const token = /Bearer (\S+)\)/.exec(out)?.[1] ?? (await storedToken(/token: webui\.token in (\S+)\)/.exec(out)![1]!));
  const endpoints = new Map<string, string>();
  for (const match of out.matchAll(/Account (\d+) .*?: \w+ "([^"]+)" (\S+)/g)) endpoints.set(`${match[1]}:${match[2]}`, match[3]!);
  return {
    proc,
    output: () => out,
    exited,
    banner: out,
    webuiUrl,
    token,
    endpoints,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}

async function storedToken(settingsFile: string): Promise<string> {
  return (JSON.parse(await readFile(settingsFile, 'utf8')) as { webui: { token: string } }).webui.token;
}

/** Runs the CLI expecting it to fail; resolves with its exit code and output. */
export async function runCatnapExpectingFailure(args: string[]): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [join(repoRoot, 'bin/catnap.js'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CATNAP_LOG_LEVEL: 'warn' },
  });
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  return { code, output };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Whether the process runs (a zombie has ended, for this purpose). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').at(-1)!.trim().split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}
