import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What one admin route takes and answers. The server registers a handler for it (Fastify validates
 * params, query and body against these schemas before the handler runs, and the handler's types
 * come from them), `/openapi.json` documents it, and the console calls it by its key
 * (`"GET /api/world/accounts"`), typed from the same schemas. Nothing else describes a route.
 */
export interface RouteContract {
  readonly method: HttpMethod;
  /** Fastify's path syntax: `/api/world/accounts/:user_id`. */
  readonly url: string;
  readonly summary: string;
  /** The OpenAPI tag (`admin: <tag>`). */
  readonly tag: string;
  /** Path params; values arrive as strings and are converted to the schema's types. */
  readonly params?: TObject;
  /** Query string; keep it open to extra keys (`?token=` rides along on every route). */
  readonly query?: TObject;
  /** JSON body, or `Bytes` for a raw upload of any content type. */
  readonly body?: TSchema;
  /** What a successful call answers: a JSON schema, or `Bytes` for a file. */
  readonly response: TSchema;
  /**
   * The answer's media type when it is not JSON (`text/plain` for a `Type.String()` answer, such
   * as metrics): the handler's string is then sent as it is.
   */
  readonly mediaType?: string;
  /** Status of a successful call (default 200; 201 for routes that create something). */
  readonly status?: 200 | 201;
  /** Served without the web UI token (documents, media). */
  readonly public?: boolean;
  /** The error a body that fails its schema answers, when not the generic BAD_REQUEST. */
  readonly bodyError?: { readonly code: string; readonly message: string };
}

/** Keeps a contract's literal types (method, url, schemas), so handlers and clients are typed from it. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

/** Raw bytes: an upload body of any content type, or a file answer. */
export const Bytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' });

export const isBytes = (schema: TSchema | undefined): boolean =>
  schema !== undefined && schema.format === 'binary' && schema.contentMediaType === 'application/octet-stream';

/** The error body of every failed admin call. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'A stable code: BAD_REQUEST, TOKEN_MISSING, USER_NOT_FOUND, ...' }),
    message: Type.String(),
    problems: Type.Optional(Type.Array(Type.String(), { description: 'Every problem found, each naming its field' })),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

type StaticOf<S> = S extends TSchema ? Static<S> : never;

/** A route's path params, query, body and answer as static types (`undefined` where it takes none). */
export type RouteParams<C extends RouteContract> = C extends { readonly params: infer S } ? StaticOf<S> : undefined;
export type RouteQuery<C extends RouteContract> = C extends { readonly query: infer S } ? StaticOf<S> : undefined;
export type RouteBody<C extends RouteContract> = C extends { readonly body: infer S } ? StaticOf<S> : undefined;
export type RouteResponse<C extends RouteContract> = StaticOf<C['response']>;

/** Everything a caller needs of a route, as static types. */
export interface RouteTypes<C extends RouteContract> {
  readonly params: RouteParams<C>;
  readonly query: RouteQuery<C>;
  readonly body: RouteBody<C>;
  readonly response: RouteResponse<C>;
}

/** A route's key, `"<METHOD> <url>"`: how the console names the route it calls. */
export type RouteKey<C extends RouteContract> = `${C['method']} ${C['url']}`;

/** A group of contracts (as each area exports it) re-keyed by `RouteKey`. */
export type RoutesByKey<G extends Record<string, RouteContract>> = { [K in keyof G as RouteKey<G[K]>]: G[K] };
