import type { ActionResults, AdminApi, AdminRouteKey, Envelope, ErrorBody } from '@contract';

export type { Envelope };

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

/** A route's types (a loose bound: comparing against every route's exact types is needlessly costly). */
type Types = { readonly params: unknown; readonly query: unknown; readonly body: unknown };

/** What a call to a route takes: its path params, query and body, as its contract types them. */
export type RouteInput<T extends Types> = (T['params'] extends undefined ? unknown : { readonly params: T['params'] }) &
  (T['query'] extends undefined ? unknown : { readonly query?: T['query'] }) &
  (T['body'] extends undefined ? unknown : { readonly body?: T['body'] }) & {
    /** A raw body (an upload or a YAML world file) with its content type, instead of `body`. */
    readonly raw?: { readonly data: Blob | string; readonly type: string };
    /** Another token than the saved one (the login form tries the one typed in). */
    readonly token?: string;
  };

/** Each route's arguments after its key; the input is optional for routes without path params. */
type InputArgs = {
  readonly [K in AdminRouteKey]: AdminApi[K]['params'] extends undefined
    ? [input?: RouteInput<AdminApi[K]>]
    : [input: RouteInput<AdminApi[K]>];
};

/** `/api/world/accounts/:user_id` with `{ user_id: 1 }` gives `/api/world/accounts/1`. */
function pathOf(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/:([a-z_]+)/g, (_match, name: string) => encodeURIComponent(String(params[name])));
}

/**
 * Calls an admin route by its contract key (`"PATCH /api/world/accounts/:user_id"`): the params,
 * query and body are checked against the route's contract at compile time, and the answer has the
 * contract's response type. A failure throws `ApiError` with the server's code and problems.
 */
// NoInfer: the route key alone picks the route; inferring it back from an expected answer type
// would make the compiler walk every route's types.
export function api<K extends AdminRouteKey>(route: K, ...args: InputArgs[K]): NoInfer<Promise<AdminApi[K]['response']>>;
export async function api(route: string, input: AnyInput = {}): Promise<unknown> {
  return (await call(route, input)).json;
}

/**
 * Calls a route like `api` and answers its body as text, for a file to save as it came (a world
 * export in YAML is no JSON); a failure throws the same `ApiError`.
 */
export function apiText<K extends AdminRouteKey>(route: K, ...args: InputArgs[K]): Promise<string>;
export async function apiText(route: string, input: AnyInput = {}): Promise<string> {
  return (await call(route, input)).text;
}

/** One request to the admin API: its body as text and as JSON, or the failure as `ApiError`. */
async function call(route: string, input: AnyInput): Promise<{ text: string; json: unknown }> {
  const { params, query, body, raw, token } = input;
  const [method = 'GET', template = ''] = route.split(' ');
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
  const path = `${pathOf(template, params)}${search.size > 0 ? `?${search}` : ''}`;
  const headers: Record<string, string> = { authorization: `Bearer ${token ?? savedToken()}` };
  let payload: BodyInit | undefined;
  if (raw) {
    headers['content-type'] = raw.type || 'application/octet-stream';
    payload = raw.data;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch (failure) {
    // fetch says only "Failed to fetch": name what could not be reached (Catnap stopped or restarting).
    throw new ApiError(0, 'NETWORK', `cannot reach Catnap at ${window.location.host} (${(failure as Error).message})`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // Only the token's own refusal logs out: a 403 of the world (PERMISSION_DENIED, RANK_TOO_LOW,
  // NOT_A_MEMBER, MUTED) is an answer about the change asked for, shown like any other.
  const code = (json as Partial<ErrorBody> | undefined)?.error?.code;
  const tokenRefused = code === 'TOKEN_MISSING' || code === 'TOKEN_WRONG' || (response.status === 401 && code === undefined);
  if (!token && tokenRefused) unauthorizedListeners.forEach((listener) => listener());
  if (!response.ok && !isEnvelope(json)) {
    const error = (json as Partial<ErrorBody> | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP',
      error?.message ?? `${method} ${path}: HTTP ${response.status}`,
      error?.problems ?? [],
    );
  }
  return { text, json };
}

/** Any route's input, as the implementation handles it (the overload above types each route's). */
interface AnyInput {
  readonly params?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
  readonly raw?: { readonly data: Blob | string; readonly type: string };
  readonly token?: string;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'retcode' in value && 'status' in value;
}

/** Runs a OneBot action as `userId` and answers the whole envelope (the playground shows it). */
export async function actRaw(userId: number, action: string, params: unknown = {}): Promise<Envelope> {
  return api('POST /api/world/act/:user_id/:action', { params: { user_id: userId, action }, body: params ?? {} });
}

export class ActionFailed extends Error {
  constructor(
    readonly action: string,
    readonly retcode: number,
    message: string,
  ) {
    super(message || `${action} failed`);
  }
}

/**
 * Runs a OneBot action as `userId` and answers its data, or throws ActionFailed with the server's
 * message. The actions the contract lists (`actionResults`) answer their result type; the server
 * answers them with those very schemas.
 */
export function act<A extends keyof ActionResults>(userId: number, action: A, params?: unknown): Promise<ActionResults[A]>;
export function act(userId: number, action: string, params?: unknown): Promise<unknown>;
export async function act(userId: number, action: string, params: unknown = {}): Promise<unknown> {
  const envelope = await actRaw(userId, action, params);
  if (envelope.status === 'failed') throw new ActionFailed(action, envelope.retcode, envelope.message);
  return envelope.data;
}

export type Uploaded = AdminApi['POST /api/media']['response'];

/** Uploads a picked or pasted file; its `file` is a blob id any message segment accepts. */
export function upload(file: Blob, name: string): Promise<Uploaded> {
  return api('POST /api/media', { query: { name }, raw: { data: file, type: file.type } });
}

/**
 * An error as the console shows it: the server's reason with the status and code it came with
 * (`… (HTTP 403 PERMISSION_DENIED)`), every problem when there are several, and a failed action's
 * retcode, so a refusal reads the same as in the API's docs.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const problems = error.problems.length > 1 ? `: ${error.problems.join('; ')}` : '';
    return error.status === 0 ? error.message : `${error.message}${problems} (HTTP ${error.status} ${error.code})`;
  }
  if (error instanceof ActionFailed) return `${error.message} (${error.action} retcode ${error.retcode})`;
  if (error instanceof Error) return error.message;
  return String(error);
}
