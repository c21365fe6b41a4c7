import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/app/cli/program.js';

/** Runs the CLI in this process, as `catnap <args>` would, with its output captured. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    stdin: Readable.from([]),
    stdoutStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  return { code, stdout, stderr };
}
