import { zodCommonStructs } from '@saltify/milky-types';
import { z } from 'zod';
import type { MilkyApiSpec } from '../milky/api.js';

const server = [{ url: 'http://127.0.0.1:3010', description: "an account's Milky server (its http.host, http.port and http.prefix)" }];

const reply = (data: Record<string, unknown> | undefined) => ({
  type: 'object',
  required: ['status', 'retcode'],
  properties: {
    status: { type: 'string', enum: ['ok', 'failed'] },
    retcode: { type: 'integer', description: '0 on success; -400 bad input; see docs/milky.md' },
    data: data ?? { type: 'object', description: '{} for APIs that return nothing' },
    message: { type: 'string', description: 'Why it failed (failures only)' },
  },
});

/**
 * The Milky part of `/openapi.json`: every API as `POST /api/{name}` of an account's Milky server,
 * and `GET /event`, with the spec's own schemas (from `@saltify/milky-types`) as components, so
 * the document says exactly what the spec says.
 */
export function milkyOpenApi(apis: readonly MilkyApiSpec[]): { paths: Record<string, unknown>; schemas: Record<string, unknown> } {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  const register = (schema: z.ZodType, id: string) => {
    if (idOf.has(schema)) return;
    registry.add(schema, { id });
    idOf.set(schema, id);
  };
  for (const [name, schema] of Object.entries(zodCommonStructs)) register(schema as z.ZodType, `Milky${name}`);
  for (const api of apis) {
    if (api.input) register(api.input, `milky_${api.name}_input`);
    if (api.output) register(api.output, `milky_${api.name}_output`);
  }
  const generated = z.toJSONSchema(registry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  const schemas: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
    schemas[id] = rest;
  }
  const ref = (schema: z.ZodType | null) => (schema ? { $ref: `#/components/schemas/${idOf.get(schema)!}` } : undefined);
  const paths: Record<string, unknown> = {};
  for (const api of apis) {
    paths[`/api/${api.name}`] = {
      post: {
        summary: api.summary,
        tags: [`milky: ${api.category}`],
        operationId: `milky_${api.name}`,
        servers: server,
        requestBody: { required: true, content: { 'application/json': { schema: ref(api.input) ?? { type: 'object' } } } },
        responses: {
          '200': { description: 'The Milky reply', content: { 'application/json': { schema: reply(ref(api.output)) } } },
          '401': { description: 'No access token, or a wrong one' },
          '404': { description: 'No such API' },
          '415': { description: 'The body is not application/json' },
        },
      },
    };
  }
  paths['/event'] = {
    get: {
      summary: "An account's Milky events: a WebSocket when the request asks to upgrade, else Server-Sent Events (event: milky_event)",
      tags: ['milky: events'],
      operationId: 'milky_event',
      servers: server,
      parameters: [{ name: 'access_token', in: 'query', required: false, schema: { type: 'string' } }],
      responses: {
        '101': { description: 'WebSocket: one Milky event JSON per frame' },
        '200': { description: 'SSE stream', content: { 'text/event-stream': { schema: { $ref: '#/components/schemas/MilkyEvent' } } } },
        '401': { description: 'No access token, or a wrong one' },
      },
    },
  };
  return { paths, schemas };
}
