import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { BenchApi } from './bench-api.js';
import { stopOnSignal } from './stop-on-signal.js';
import { botEnv, type BotEndpoints } from './test-world-file.js';

/** The bot under test as a child process: its output is kept to show beside a failure. */
export interface BotProcess {
  readonly proc: ChildProcess;
  /** Everything the bot printed (stdout and stderr, interleaved), or since `from`. */
  output(from?: number): string;
  /** Where its output stands now, to show only what came after. */
  position(): number;
  /** Set once it exited; a signal that killed it counts as 128 + its number, as a shell reports it (SIGKILL: 137). */
  exitCode(): number | null | undefined;
  /** The signal that killed it (`SIGKILL`, `SIGTERM`, ...), or null when it exited by itself. */
  exitSignal(): NodeJS.Signals | null;
  stop(): Promise<void>;
}

/** Largest amount of bot output kept (the end of it). */
const keepChars = 1_000_000;

/**
 * Starts `command` in a shell with the bot variables (`CATNAP_WS_URL`, `CATNAP_HTTP_URL`,
 * `CATNAP_TOKEN`, `CATNAP_SELF_ID`) added to the environment. Its own process group, so stopping
 * it stops whatever it started (`npm run`, a Python venv launcher, ...).
 */
export function startBot(command: string, bot: BotEndpoints, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): BotProcess {
  const proc = spawn(command, {
    shell: true,
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env, ...botEnv(bot) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let text = '';
  let dropped = 0;
  const keep = (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > keepChars) {
      dropped += text.length - keepChars;
      text = text.slice(-keepChars);
    }
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exit: number | null | undefined;
  let killedBy: NodeJS.Signals | null = null;
  const exited = new Promise<void>((resolve) =>
    proc.on('exit', (code, signal) => {
      killedBy = signal;
      exit = code ?? (signal ? 128 + constants.signals[signal] : null);
      resolve();
    }),
  );
  proc.on('error', (error) => {
    text += `\n[could not start the bot: ${error.message}]\n`;
    exit ??= 127;
  });
  const started: BotProcess = {
    proc,
    output: (from = 0) => text.slice(Math.max(0, from - dropped)),
    position: () => dropped + text.length,
    exitCode: () => exit,
    exitSignal: () => killedBy,
    async stop() {
      try {
        await stopGroup();
      } finally {
        untrack();
      }
    },
  };
  async function stopGroup(): Promise<void> {
    if (proc.pid === undefined) return;
    const group = process.platform !== 'win32';
    const kill = (signal: NodeJS.Signals | 0): boolean => {
      try {
        if (group) process.kill(-proc.pid!, signal);
        else proc.kill(signal || undefined);
        return true;
      } catch {
        return false; // Already gone.
      }
    };
    if (exit === undefined) {
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    // The command may have ended (crashed, or a shell that backgrounded its bot) and left what it
    // started in its process group: a bot's worker still holding its port for the next test.
    // The group's id stays taken while any of them lives, so signalling it reaches them only.
    if (!group || !kill(0)) return;
    kill('SIGTERM');
    for (const deadline = Date.now() + 3000; kill(0);) {
      if (Date.now() > deadline) {
        kill('SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  // Its own process group: a signal that kills the runner would not reach it (stop-on-signal.ts).
  const untrack = proc.pid === undefined ? () => {} : stopOnSignal(() => started.stop());
  return started;
}

/**
 * How a bot's process ended, after "the bot": "exited (code 3)", or "was killed by SIGKILL" (its
 * code, 137, would hide which signal). The Python client words it the same (failure-wording.json).
 */
export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `was killed by ${signal}` : `exited (code ${String(code)})`;
}

interface AdapterClients {
  readonly clients: number;
  readonly state: string;
  readonly connections?: readonly { readonly remote: string; readonly role: string; readonly since: number }[];
}

/** Each client connection of the bot's adapters, as a key that a new connection never shares (its address and start). */
export async function botConnections(api: BenchApi, selfId: number): Promise<Set<string>> {
  const adapters = await api.request<AdapterClients[]>('GET', `/api/bots/${selfId}/adapters`);
  return new Set(adapters.flatMap((adapter) => (adapter.connections ?? []).map(connectionKey)));
}

/**
 * Whether the bot's account has a connected client on any adapter (a forward or reverse WebSocket,
 * an SSE stream); with `excluding`, one of a connection not among those (a reconnect, not the
 * dropped connection still closing).
 */
export async function botConnected(api: BenchApi, selfId: number, excluding?: ReadonlySet<string>): Promise<boolean> {
  const adapters = await api.request<AdapterClients[]>('GET', `/api/bots/${selfId}/adapters`);
  if (excluding) return adapters.some((adapter) => adapter.connections?.some((connection) => !excluding.has(connectionKey(connection))));
  return adapters.some((adapter) => adapter.clients > 0 || adapter.state === 'connected');
}

function connectionKey(connection: { readonly remote: string; readonly role: string; readonly since: number }): string {
  return `${connection.remote} ${connection.role} ${connection.since}`;
}

/**
 * Waits until the bot connects; fails early when its process exits. A bot that only speaks HTTP
 * (HTTP API plus HTTP POST) never holds a connection: `until` lets the caller say when it is ready.
 */
export async function waitForBot(
  api: BenchApi,
  selfId: number,
  options: { timeoutMs?: number; bot?: BotProcess; until?: () => Promise<boolean>; excluding?: ReadonlySet<string> } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const ready = options.until ?? (() => botConnected(api, selfId, options.excluding));
  for (;;) {
    if (await ready()) return;
    const code = options.bot?.exitCode();
    if (code !== undefined) throw new Error(`the bot ${describeExit(code, options.bot!.exitSignal())} before it connected`);
    if (Date.now() > deadline) throw new Error(`the bot did not connect to account ${selfId} within ${options.timeoutMs ?? 20_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
