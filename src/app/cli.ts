import { runCli } from './cli/program.js';

/** Runs the CLI on the process's own streams; resolves to the exit code. See `cli/program.ts`. */
export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stdin: process.stdin,
    stdoutStream: process.stdout,
  });
}
