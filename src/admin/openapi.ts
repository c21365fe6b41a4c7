import type { TObject, TSchema } from '@sinclair/typebox';
import { AnyEnvelope } from '../contract/onebot/envelope.js';
import { ErrorBody, isBytes, type RouteContract } from '../contract/admin/route.js';
import type { MilkyApiSpec } from '../milky/api.js';
import type { ActionTable } from '../onebot/action-table.js';
import { milkyOpenApi } from './milky-openapi.js';

/** A TypeBox schema as plain JSON Schema (drops TypeBox's symbol keys). */
const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

const content = (schema: TSchema, mediaType = 'application/json') =>
  isBytes(schema)
    ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
    : { [mediaType]: { schema: plain(schema) } };

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** OpenAPI parameters from a params or query object schema, each with its own schema. */
function parameters(schema: TObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(property.description && { description: property.description }),
    schema: plain(property),
  }));
}

function routeOperation(route: RouteContract) {
  const status = String(route.status ?? 200);
  const params = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
  return {
    summary: route.summary,
    tags: [`admin: ${route.tag}`],
    ...(params.length > 0 && { parameters: params }),
    ...(route.body && { requestBody: { content: content(route.body) } }),
    ...(route.public ? { security: [] } : {}),
    responses: {
      [status]: { description: 'OK', content: content(route.response, route.mediaType) },
      '400': error('Invalid request: `problems` names each bad field'),
      ...(!route.public && { '401': error('No token'), '403': error('Wrong token') }),
      '404': error('Not found'),
    },
  };
}

/**
 * The OpenAPI 3.1 document of the admin API, of every OneBot action and of every Milky API, generated from the same
 * route contracts and action table that serve requests. OneBot actions are listed as
 * `POST /{action}` of an account's HTTP API (any port an account's httpServers[] entry listens on).
 */
export function buildOpenApi(
  actions: ActionTable,
  routes: readonly RouteContract[],
  version: string,
  milkyApis: readonly MilkyApiSpec[] = [],
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const url = route.url.replace(/:([a-z_]+)/g, '{$1}');
    paths[url] ??= {};
    paths[url][route.method.toLowerCase()] = routeOperation(route);
  }
  for (const spec of actions.specs()) {
    const operation = {
      summary: spec.summary,
      ...(spec.description && { description: spec.description }),
      ...(spec.aliases?.length && { 'x-aliases': spec.aliases }),
      // Where LLBot or go-cqhttp differ: each dialect's note, and its params and result where they differ.
      ...(spec.dialects && {
        'x-dialects': Object.fromEntries(
          Object.entries(spec.dialects).map(([dialect, variant]) => [
            dialect,
            {
              note: variant!.note,
              ...(variant!.params && { params: plain(variant!.params) }),
              ...(variant!.result && { result: plain(variant!.result) }),
            },
          ]),
        ),
      }),
      tags: [`onebot: ${spec.origin}`],
      operationId: spec.name,
      servers: [{ url: 'http://127.0.0.1:3000', description: "an account's OneBot HTTP API" }],
      requestBody: { content: { 'application/json': { schema: plain(spec.params) } } },
      responses: {
        '200': {
          description: 'The OneBot envelope',
          content: {
            'application/json': {
              schema: { allOf: [{ $ref: '#/components/schemas/Envelope' }, { properties: { data: plain(spec.result) } }] },
            },
          },
        },
        '404': { description: 'Unknown action' },
      },
    };
    paths[`/${spec.name}`] = { post: operation };
  }
  const milky = milkyOpenApi(milkyApis);
  for (const [path, item] of Object.entries(milky.paths)) {
    if (paths[path]) throw new Error(`OpenAPI path ${path} is both an admin or OneBot route and a Milky API`);
    paths[path] = item as Record<string, unknown>;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Catnap',
      version,
      description:
        "Admin API of the Catnap world (on the web UI port), the OneBot 11 / NapCat actions every account serves, and Milky 1.2's APIs and event endpoint (on an account's Milky server).",
    },
    components: {
      schemas: { Envelope: plain(AnyEnvelope), Error: plain(ErrorBody), ...milky.schemas },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
