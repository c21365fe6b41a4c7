import type { TSchema } from '@sinclair/typebox';
import type { MilkyApiSpec } from '../milky/api.js';
import type { ActionTable } from '../onebot/action-table.js';
import type { AdminRoute } from './admin-route.js';
import { milkyOpenApi } from './milky-openapi.js';

/** A TypeBox schema as plain JSON Schema (drops TypeBox's symbol keys). */
const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

const envelope = {
  type: 'object',
  required: ['status', 'retcode', 'data', 'message', 'wording', 'echo'],
  properties: {
    status: { type: 'string', enum: ['ok', 'async', 'failed'] },
    retcode: { type: 'integer' },
    data: {},
    message: { type: 'string' },
    wording: { type: 'string' },
    echo: { description: 'The echo of the request, any JSON type, or null' },
  },
};

/**
 * The OpenAPI 3.1 document of the admin API and of every OneBot action, generated from the same
 * route and action tables that serve requests. OneBot actions are listed as `POST /{action}` of an
 * account's HTTP API (any port an account's httpServers[] entry listens on).
 */
export function buildOpenApi(
  actions: ActionTable,
  routes: readonly AdminRoute[],
  version: string,
  milkyApis: readonly MilkyApiSpec[] = [],
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const url = route.url.replace(/:([a-z_]+)/g, '{$1}');
    const parameters = [...route.url.matchAll(/:([a-z_]+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[url] ??= {};
    paths[url][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [`admin: ${route.tag}`],
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && { requestBody: { content: { 'application/json': { schema: plain(route.body) } } } }),
      ...(route.public ? { security: [] } : {}),
      responses: {
        '200': { description: 'OK' },
        '400': { description: 'Invalid request' },
        '401': { description: 'No token' },
        '403': { description: 'Wrong token' },
      },
    };
  }
  for (const spec of actions.specs()) {
    const operation = {
      summary: spec.summary,
      ...(spec.description && { description: spec.description }),
      ...(spec.aliases?.length && { 'x-aliases': spec.aliases }),
      tags: [`onebot: ${spec.origin}`],
      operationId: spec.name,
      servers: [{ url: 'http://127.0.0.1:3000', description: "an account's OneBot HTTP API" }],
      requestBody: { content: { 'application/json': { schema: plain(spec.params) } } },
      responses: {
        '200': {
          description: 'The OneBot envelope',
          content: {
            'application/json': {
              schema: spec.result
                ? { allOf: [{ $ref: '#/components/schemas/Envelope' }, { properties: { data: plain(spec.result) } }] }
                : { $ref: '#/components/schemas/Envelope' },
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
      schemas: { Envelope: envelope, ...milky.schemas },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
