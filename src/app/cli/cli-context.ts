import type { Command } from 'commander';

/** Where a command writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Standard input as a stream (the MCP server speaks over it). */
  readonly stdin: NodeJS.ReadableStream;
  readonly stdoutStream: NodeJS.WritableStream;
}

export interface CliContext {
  readonly io: CliIo;
  /** The exit code the process ends with; a command sets it when it is not 0. */
  exitCode: number;
}

/**
 * One subcommand: a function that builds its commander `Command` (with its own `--help`). A new
 * subcommand (`test`, `load`, ...) is one file exporting one of these, listed in `program.ts`.
 */
export type CliCommand = (ctx: CliContext) => Command;

/** A failure meant for the person at the terminal: printed as `catnap: <message>`, exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit codes: 0 done, 1 it failed (the message says why), 2 the command line was wrong. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** Parses a decimal id (user, group) from the command line. */
export function parseId(value: string, what: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0)
    throw new CliError(`${what} must be a positive number, got "${value}"`, 2);
  return id;
}
