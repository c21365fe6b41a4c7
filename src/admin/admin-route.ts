import type { LoadReportSummary } from '../contract/admin/load.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface } from 'fastify';
import type { AdapterStatus } from '../contract/admin/bots.js';
import type { RouteContract, RouteResponse } from '../contract/admin/route.js';
import type { MilkyConfig } from '../contract/milky-config.js';
import type { MilkyCallRecord } from '../milky/dispatcher.js';
import type { OneBotConfig } from '../contract/onebot-config.js';
import type { Logger } from '../util/logger.js';
import type { Dispatcher } from '../onebot/dispatcher.js';
import type { ActionTable } from '../onebot/action-table.js';
import type { World } from '../world/world.js';
import type { Transcript } from '../onebot/transcript/transcript.js';
import type { OutboundEvent } from '../onebot/events/outbound-event.js';

/**
 * What the app layer lends the admin API for things the admin layer may not do itself (it sits
 * below the network layer): writing an account's OneBot config, reading adapter status.
 */
export interface AdminHooks {
  /**
   * Validates, saves and applies an account's onebot11_<uin>.json content. Answers the adapters
   * that could not start (a port in use: the config is saved all the same); throws only when it
   * was not saved.
   */
  writeOnebotConfig?(userId: number, config: unknown): Promise<readonly AdapterFailure[]>;
  readOnebotConfig?(userId: number): Promise<OneBotConfig | undefined>;
  adapterStatus?(userId: number): AdapterStatus[];
  /** Checks a config without saving it: the config with NapCat's defaults filled in, or throws naming the bad field. */
  validateOnebotConfig?(config: unknown, source?: string): OneBotConfig;
  /** The accounts that have a OneBot config file (the bot dashboard lists them). */
  onebotAccounts?(): Promise<number[]>;
  /** Validates, saves and applies an account's milky_<uin>.json content (its Milky server and WebHooks), as `writeOnebotConfig`. */
  writeMilkyConfig?(userId: number, config: unknown): Promise<readonly AdapterFailure[]>;
  readMilkyConfig?(userId: number): Promise<MilkyConfig | undefined>;
  /** Checks a Milky config without saving it: the config with LLBot's defaults filled in, or throws naming the bad field. */
  validateMilkyConfig?(config: unknown, source?: string): MilkyConfig;
  /**
   * Where valid configs about to be written would listen on a port that another configured server
   * (or another of them) already listens on: one problem per clash, named by the config's `path`.
   */
  portClashes?(configs: readonly NewProtocolConfig[]): string[];
  /** Every finished Milky call of any account (the console's live log shows them beside OneBot's). */
  subscribeMilkyCalls?(listener: (record: MilkyCallRecord) => void): () => void;
  /** Every OneBot event built for any account (the console's live log). */
  subscribeOneBotEvents?(sink: (event: OutboundEvent) => void): () => void;
  /** Why Catnap is not ready (GET /readyz); empty when it is. */
  readiness?(): string[];
  /** The reports `catnap load` wrote into the data folder (the console's Load page). */
  loadReports?: {
    list(): Promise<LoadReportSummary[]>;
    /** A report's report.html, or undefined when there is no such report. */
    html(name: string): Promise<string | undefined>;
  };
  /**
   * Drops an account's adapter's connections (answers how many), refusing new ones for
   * `refuseMs`; with `stall` the sockets stay open but stop answering (connection chaos).
   */
  disconnectAdapter?(userId: number, adapter: string, options: { refuseMs: number; stall: boolean }): Promise<number>;
  /** The Prometheus exposition (GET /metrics). */
  metrics?(): Promise<{ contentType: string; text: string }>;
}

/** An adapter a saved config could not start, and why. */
export interface AdapterFailure {
  readonly adapter: string;
  readonly message: string;
}

/** A protocol config the admin API is about to write, and where it came from (`accounts.0.onebot`). */
export interface NewProtocolConfig {
  readonly userId: number;
  readonly kind: 'onebot' | 'milky';
  readonly config: unknown;
  readonly path: string;
}

export interface AdminDeps {
  readonly world: World;
  readonly dispatcher: Dispatcher;
  readonly actions: ActionTable;
  readonly logger: Logger;
  readonly hooks: AdminHooks;
  /** What happened, in order (marks, transcript, waits). */
  readonly transcript: Transcript;
}

type Part<C, K extends string> = C extends { readonly [P in K]?: infer S } ? S : undefined;

/** The Fastify schema of a contract, so Fastify's TypeBox type provider types the request from it. */
export type FastifySchemaOf<C extends RouteContract> = {
  params: Part<C, 'params'>;
  querystring: Part<C, 'query'>;
  body: Part<C, 'body'>;
};

/** A request to route `C`: params, query and body are already validated and typed by its schemas. */
export type RouteRequest<C extends RouteContract> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  FastifySchemaOf<C>,
  TypeBoxTypeProvider
>;

/**
 * Answers a request to route `C`: the value to send (checked against the contract's response
 * type; the contract's status is already set), or the reply itself after sending something else
 * (a stream, YAML).
 */
export type RouteHandler<C extends RouteContract> = (
  request: RouteRequest<C>,
  reply: FastifyReply,
  deps: AdminDeps,
) => Promise<RouteResponse<C> | FastifyReply>;

/** One admin route: its contract and the handler the server runs for it. */
export interface AdminRoute<C extends RouteContract = RouteContract> {
  readonly contract: C;
  // A method, so a route of any contract is an AdminRoute (handlers are checked where they are written).
  handle(request: RouteRequest<C>, reply: FastifyReply, deps: AdminDeps): Promise<RouteResponse<C> | FastifyReply>;
}

/**
 * Implements one area's routes: a handler for each route of the contract group, no more and no
 * fewer (the compiler checks both), each typed from its own contract.
 */
export function implement<G extends Record<string, RouteContract>>(
  group: G,
  handlers: { readonly [K in keyof G]: RouteHandler<G[K]> },
): AdminRoute[] {
  return Object.keys(group).map((name) => ({ contract: group[name]!, handle: handlers[name]! }));
}
