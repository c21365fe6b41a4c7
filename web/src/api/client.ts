/**
 * The console's only way to the server: the admin API on the same origin, with the web UI token
 * as a Bearer header. The token comes from the printed `?token=` link or the login form and is
 * kept in localStorage so a reload stays logged in.
 */
const tokenKey = 'catnap.token';

export function savedToken(): string {
  return localStorage.getItem(tokenKey) ?? '';
}

export function saveToken(token: string): void {
  if (token) localStorage.setItem(tokenKey, token);
  else localStorage.removeItem(tokenKey);
}

/** Takes `?token=` off the address bar (it should not linger in history) and returns it. */
export function takeTokenFromUrl(): string | undefined {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return undefined;
  url.searchParams.delete('token');
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  return token;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Listeners told when the token is refused, so the app can show the login page again. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Raw body (an upload or a YAML world file) with its content type. */
  readonly raw?: { readonly data: Blob | string; readonly type: string };
  readonly token?: string;
}

export async function api<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? savedToken()}` };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.type || 'application/octet-stream';
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (response.status === 401 || response.status === 403) {
    if (!options.token) unauthorizedListeners.forEach((listener) => listener());
  }
  if (!response.ok && !isEnvelope(json)) {
    const error = (json as { error?: { code?: string; message?: string; problems?: string[] } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP',
      error?.message ?? `${method} ${path}: HTTP ${response.status}`,
      error?.problems ?? [],
    );
  }
  return json as T;
}

/** The OneBot reply of an action. */
export interface Envelope<T = unknown> {
  readonly status: 'ok' | 'async' | 'failed';
  readonly retcode: number;
  readonly data: T;
  readonly message: string;
  readonly wording: string;
  readonly echo: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'retcode' in value && 'status' in value;
}

/** Runs a OneBot action as `userId` and answers the whole envelope (the playground shows it). */
export function actRaw<T = unknown>(userId: number, action: string, params: unknown = {}): Promise<Envelope<T>> {
  return api<Envelope<T>>('POST', `/api/world/act/${userId}/${encodeURIComponent(action)}`, { body: params ?? {} });
}

export class ActionFailed extends Error {
  constructor(
    readonly action: string,
    readonly retcode: number,
    message: string,
  ) {
    super(message || `${action} failed (retcode ${retcode})`);
  }
}

/** Runs a OneBot action as `userId` and answers its data, or throws ActionFailed with the server's message. */
export async function act<T = unknown>(userId: number, action: string, params: unknown = {}): Promise<T> {
  const envelope = await actRaw<T>(userId, action, params);
  if (envelope.status === 'failed') throw new ActionFailed(action, envelope.retcode, envelope.message);
  return envelope.data;
}

export interface Uploaded {
  readonly file: string;
  readonly name: string;
  readonly size: number;
  readonly mime: string;
  readonly url: string;
}

/** Uploads a picked or pasted file; its `file` is a blob id any message segment accepts. */
export function upload(file: Blob, name: string): Promise<Uploaded> {
  return api<Uploaded>('POST', `/api/media?name=${encodeURIComponent(name)}`, { raw: { data: file, type: file.type } });
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.problems.length > 1 ? `${error.message} (${error.problems.join('; ')})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
