import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { benchTempDir } from '../lib/temp-dirs.js';

const run = promisify(execFile);

/** Whether Debian's `wrk` (a load generator in C) is installed; the row is skipped without it. */
export async function hasWrk(): Promise<boolean> {
  return run('wrk', ['--version']).then(
    () => true,
    (error: { stdout?: string }) => (error.stdout ?? '').startsWith('wrk'), // wrk --version exits 1
  );
}

/**
 * Requests per second of `POST /send_group_msg` (the same JSON body as the autocannon row) with
 * wrk: one thread, 32 connections. A generator in C spends a fraction of the CPU a Node generator
 * does, so on a two-core machine the server, not the generator, sets the figure.
 */
export async function wrkThroughput(url: string, seconds: number, groupId = 40001): Promise<number> {
  const dir = await benchTempDir('catnap-bench-wrk-');
  const script = join(dir, 'post.lua');
  const body = JSON.stringify({ group_id: groupId, message: [{ type: 'text', data: { text: 'bench message' } }] });
  await writeFile(script, `wrk.method = "POST"\nwrk.body = '${body}'\nwrk.headers["Content-Type"] = "application/json"\n`);
  const { stdout } = await run('wrk', ['-t1', '-c32', `-d${seconds}s`, '-s', script, `${url}/send_group_msg`], {
    timeout: (seconds + 30) * 1000,
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  if (!(rps > 0)) throw new Error(`wrk said:\n${stdout}`);
  if (/Non-2xx or 3xx responses/.test(stdout)) throw new Error(`wrk saw failed requests:\n${stdout}`);
  return rps;
}
