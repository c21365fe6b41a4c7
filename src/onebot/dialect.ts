import { dialectNames, type Dialect } from '../contract/onebot-config.js';
import { failed, withStream, type Envelope } from './envelope.js';
import { protocolErrors } from './error-catalogue.js';

export { dialectNames, type Dialect };

/** Catnap speaks like NapCat unless an adapter (or `act`) names another dialect. */
export const defaultDialect: Dialect = 'napcat';

/** What a difference between dialects says under each one other than NapCat (for docs/dialects.md). */
export type DialectNotes = { readonly [D in Exclude<Dialect, 'napcat'>]?: string };

/** Transports whose replies travel over HTTP (where LLBot's retcodes drop the leading 1). */
const httpTransports = new Set(['http', 'http-sse', 'admin']);

/**
 * The reply to a name no action has, as each implementation words it. NapCat's (Catnap's default)
 * is retcode 1404; LLBot answers `<name> API 不存在` with 404 over HTTP and 1404 over WebSocket;
 * go-cqhttp answers retcode 404 with `msg: API_NOT_FOUND` and `API不存在`. HTTP answers status 404
 * in every dialect.
 */
export function unknownActionEnvelope(action: string, dialect: Dialect, transport: string, echo: unknown): Envelope {
  const napcat = protocolErrors.UNKNOWN_ACTION.retcode;
  switch (dialect) {
    case 'llbot':
      return failed(httpTransports.has(transport) ? 404 : napcat, `${action} API 不存在`, echo);
    case 'go-cqhttp':
      return { ...failed(404, 'API不存在', echo), msg: 'API_NOT_FOUND' };
    default:
      return failed(napcat, `unknown action: ${action}`, echo);
  }
}

/**
 * An envelope as the dialect writes it. NapCat marks every reply with `stream` (OB11Response in
 * napcat-onebot/action/OneBotAction.ts builds every envelope with `stream: useStream ?
 * 'stream-action' : 'normal-action'`); LLBot and go-cqhttp have no such field.
 */
export function envelopeInDialect(envelope: Envelope, dialect: Dialect): Envelope {
  return dialect === 'napcat' && envelope.stream === undefined ? withStream(envelope, 'normal-action') : envelope;
}

/** Transports whose calls come over a WebSocket (forward, reverse, on the HTTP port). */
const webSocketTransports = new Set(['ws', 'ws-reverse', 'http-ws']);

/** Whether calls on `transport` come over a WebSocket. */
export function isWebSocketTransport(transport: string | undefined): boolean {
  return transport !== undefined && webSocketTransports.has(transport);
}

/**
 * The echo a call is answered with when it sent none (or null). NapCat's WebSocket adapters pass
 * `echo ?? ''` to the action (websocket-server.ts, websocket-client.ts), but an unknown action's
 * reply gets the echo as sent, null when missing; its HTTP server makes one up,
 * `payload_echo ?? Math.random().toString(36).substring(2, 15)` (http-server.ts), for every call.
 * LLBot and go-cqhttp, and the admin API, answer null.
 */
export function echoInDialect(echo: unknown, dialect: Dialect, transport: string, known: boolean): unknown {
  if (echo !== undefined && echo !== null) return echo;
  if (dialect !== 'napcat') return null;
  if (isWebSocketTransport(transport)) return known ? '' : null;
  return transport === 'http' || transport === 'http-sse' ? randomBase36() : null;
}

/**
 * A random base-36 string, as long as NapCat's made-up HTTP echo usually is (11 characters), made
 * as NapCat makes it: it is no secret, and one Math.random per call costs a send nothing, where a
 * crypto draw per character cost eleven (HTTP bots that send no echo are the common case). Not the
 * world's seeded random source, which a bot's calls must not move.
 */
function randomBase36(): string {
  return `${Math.random().toString(36).slice(2)}00000000000`.slice(0, 11);
}

/** The envelope differences, declared beside the function that makes them (docs/dialects.md). */
export const envelopeDifferences: readonly { readonly name: string; readonly notes: DialectNotes }[] = [
  {
    name: 'unknown action',
    notes: {
      llbot: 'retcode 404 over HTTP (1404 over WebSocket), message `<name> API 不存在`; HTTP status 404.',
      'go-cqhttp': 'retcode 404, `msg: "API_NOT_FOUND"`, message and wording `API不存在`; HTTP status 404.',
    },
  },
  {
    name: 'stream',
    notes: {
      llbot: 'No `stream` field (NapCat writes `"normal-action"` on every reply that is not a stream packet).',
      'go-cqhttp': 'No `stream` field (NapCat writes `"normal-action"` on every reply that is not a stream packet).',
    },
  },
  {
    name: 'no echo',
    notes: {
      llbot: 'A call sent without `echo` is answered `echo: null` on every transport.',
      'go-cqhttp': 'A call sent without `echo` is answered `echo: null` on every transport.',
    },
  },
];

/**
 * Whether a forward WebSocket on `/event` answers calls. OneBot 11 makes it events only, and LLBot
 * and go-cqhttp never read its frames; NapCat makes only `/api` special (websocket-server.ts
 * checks `/api` alone), so its `/event` answers calls like `/`.
 */
export function eventSocketTakesCalls(dialect: Dialect): boolean {
  return dialect === 'napcat';
}

/** The transport differences, declared beside the functions that make them (docs/dialects.md). */
export const transportDifferences: readonly { readonly name: string; readonly notes: DialectNotes }[] = [
  {
    name: 'WebSocket /event',
    notes: {
      llbot: 'Events only: calls sent on it get no answer.',
      'go-cqhttp': 'Events only: calls sent on it get no answer.',
    },
  },
];
