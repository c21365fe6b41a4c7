import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AdminApi, Envelope } from '../../contract/index.js';

export type { Envelope };

/** How to reach a running Catnap's admin API. */
export interface Connection {
  readonly url: string;
  readonly token: string;
  /** Where the connection came from, for error messages. */
  readonly source: string;
}

export interface ConnectionOptions {
  readonly url?: string;
  readonly token?: string;
  readonly data?: string;
}

/** Raised when the admin API cannot be reached or refuses; the message says what to do. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Finds the admin API: `--url`/`--token`, else `CATNAP_URL`/`CATNAP_TOKEN`, else the data
 * folder's `config/catnap.json` (`--data`, `CATNAP_DATA`, default `./data`), whose `webui`
 * section says where the running Catnap listens and with which token.
 */
export async function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv): Promise<Connection> {
  const url = options.url ?? env.CATNAP_URL;
  const token = options.token ?? env.CATNAP_TOKEN;
  if (url && token) return { url: url.replace(/\/+$/, ''), token, source: options.url ? '--url' : 'CATNAP_URL' };
  const settingsPath = join(resolve(options.data ?? env.CATNAP_DATA ?? './data'), 'config', 'catnap.json');
  let webui: { host?: string; port?: number; token?: string } | undefined;
  try {
    webui = (JSON.parse(await readFile(settingsPath, 'utf8')) as { webui?: typeof webui }).webui;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw new RemoteError(
      `cannot tell where Catnap runs: pass --url and --token, set CATNAP_URL and CATNAP_TOKEN, or point --data at the data folder ` +
        `of a Catnap that has started once (read ${settingsPath}: ${reason})`,
    );
  }
  // A server listening on every interface is reached through loopback.
  const host = !webui?.host || webui.host === '0.0.0.0' || webui.host === '::' ? '127.0.0.1' : webui.host;
  return {
    url: (url ?? `http://${host.includes(':') ? `[${host}]` : host}:${webui?.port ?? 6099}`).replace(/\/+$/, ''),
    token: token ?? webui?.token ?? '',
    source: settingsPath,
  };
}

/** What one call may change: how long it may take, and who may give up on it. */
export interface CallOptions {
  /** Instead of the client's limit (a wait takes up to its own timeout, which may be minutes). */
  readonly timeoutMs?: number;
  /** Gives up on the call (its MCP request was cancelled); Catnap then ends a wait at once. */
  readonly signal?: AbortSignal;
}

/** A small client of the admin API, shared by the CLI's remote commands and the MCP server. */
export class CatnapClient {
  constructor(
    readonly connection: Connection,
    /** How long one call may take (a wait takes up to its own timeout). */
    readonly timeoutMs = 30_000,
  ) {}

  /** A GET route without path params, answered as its contract types it. */
  get<K extends AdminGetKey>(route: K): Promise<AdminApi[K]['response']> {
    return this.request('GET', route.slice('GET '.length));
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** Runs a OneBot action as `userId` (the admin `act` route); answers the OneBot envelope. */
  act(userId: number, action: string, params: unknown = {}, options: CallOptions = {}): Promise<Envelope> {
    return this.request<Envelope>('POST', `/api/world/act/${userId}/${encodeURIComponent(action)}`, params, [], options);
  }

  /** The live stream's WebSocket address (`/api/live`), with the token. */
  liveUrl(streams: readonly string[], selfId?: number): string {
    const url = new URL('/api/live', this.connection.url);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.connection.token);
    url.searchParams.set('streams', streams.join(','));
    if (selfId !== undefined) url.searchParams.set('self_id', String(selfId));
    return url.href;
  }

  /** One admin API call; statuses other than 2xx throw, except those in `accept` (503 of /readyz). */
  async request<T>(method: string, path: string, body?: unknown, accept: readonly number[] = [], options: CallOptions = {}): Promise<T> {
    return (await this.requestWithStatus<T>(method, path, body, accept, options)).result;
  }

  /** `request`, also answering the HTTP status (a wait's 408 carries the closest entries). */
  async requestWithStatus<T>(
    method: string,
    path: string,
    body?: unknown,
    accept: readonly number[] = [],
    options: CallOptions = {},
  ): Promise<{ result: T; status: number }> {
    const { url, token, source } = this.connection;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
      });
    } catch (error) {
      if (options.signal?.aborted) {
        const reason: unknown = options.signal.reason;
        throw new RemoteError(
          `${method} ${path}: ${reason instanceof Error && reason.name !== 'AbortError' ? reason.message : 'cancelled'}`,
        );
      }
      // A call that took too long reached a running Catnap: "is it running?" would send the person
      // looking in the wrong place. An act held that long is almost always a fault rule's doing.
      if ((error as Error).name === 'TimeoutError') {
        const held = path.startsWith('/api/world/act/')
          ? ' (a fault rule with effect no_reply or delay may hold the call; GET /api/faults lists them)'
          : '';
        throw new RemoteError(`${method} ${path}: Catnap at ${url} did not answer within ${timeoutMs} ms${held}`);
      }
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new RemoteError(`cannot reach Catnap at ${url} (${cause}); is it running? (address from ${source})`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    if (response.status === 401 || response.status === 403) {
      throw new RemoteError(`Catnap at ${url} refused the token (HTTP ${response.status}); check --token / CATNAP_TOKEN`, response.status);
    }
    if (!response.ok && !accept.includes(response.status)) {
      const error = (json as { error?: { message?: string } } | undefined)?.error;
      throw new RemoteError(`${method} ${path} failed with HTTP ${response.status}: ${error?.message ?? text}`, response.status);
    }
    return { result: json as T, status: response.status };
  }
}

/** Whether an envelope reports success (`ok`, or `async` for queued calls). */
export function succeeded(envelope: Envelope): boolean {
  return envelope.retcode === 0 || envelope.status === 'async';
}

/** The admin routes a plain GET reaches (no path params). */
type AdminGetKey = {
  [K in keyof AdminApi]: K extends `GET ${string}` ? (AdminApi[K]['params'] extends undefined ? K : never) : never;
}[keyof AdminApi];
