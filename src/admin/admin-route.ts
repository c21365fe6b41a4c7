import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../util/logger.js';
import type { Dispatcher } from '../onebot/dispatcher.js';
import type { ActionTable } from '../onebot/action-table.js';
import type { World } from '../world/world.js';
import type { OutboundEvent } from '../onebot/events/outbound-event.js';

/**
 * What the app layer lends the admin API for things the admin layer may not do itself (it sits
 * below the network layer): writing an account's OneBot config, reading adapter status.
 */
export interface AdminHooks {
  /** Validates, saves and applies an account's onebot11_<uin>.json content. */
  writeOnebotConfig?(userId: number, config: unknown): Promise<unknown>;
  readOnebotConfig?(userId: number): Promise<unknown>;
  adapterStatus?(userId: number): unknown[];
  /** Checks a config without saving it: the config with NapCat's defaults filled in, or throws naming the bad field. */
  validateOnebotConfig?(config: unknown): unknown;
  /** The accounts that have a OneBot config file (the bot dashboard lists them). */
  onebotAccounts?(): Promise<number[]>;
  /** Validates, saves and applies an account's milky_<uin>.json content (its Milky server and WebHooks). */
  writeMilkyConfig?(userId: number, config: unknown): Promise<unknown>;
  readMilkyConfig?(userId: number): Promise<unknown>;
  /** Checks a Milky config without saving it: the config with LLBot's defaults filled in, or throws naming the bad field. */
  validateMilkyConfig?(config: unknown): unknown;
  /** Every OneBot event built for any account (the console's live log). */
  subscribeOneBotEvents?(sink: (event: OutboundEvent) => void): () => void;
}

export interface AdminDeps {
  readonly world: World;
  readonly dispatcher: Dispatcher;
  readonly actions: ActionTable;
  readonly logger: Logger;
  readonly hooks: AdminHooks;
}

/** One admin API route; the same entries build the Fastify routes and the OpenAPI document. */
export interface AdminRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly body?: TSchema;
  /** Served without the bearer token (documents, media). */
  readonly public?: boolean;
  /** The body arrives as raw bytes (a Buffer), whatever its content type (uploads). */
  readonly raw?: boolean;
  readonly handler: (request: FastifyRequest, reply: FastifyReply, deps: AdminDeps) => Promise<unknown>;
}
