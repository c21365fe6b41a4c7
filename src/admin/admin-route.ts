import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../util/logger.js';
import type { Dispatcher } from '../onebot/dispatcher.js';
import type { ActionTable } from '../onebot/action-table.js';
import type { World } from '../world/world.js';

/**
 * What the app layer lends the admin API for things the admin layer may not do itself (it sits
 * below the network layer): writing an account's OneBot config, reading adapter status.
 */
export interface AdminHooks {
  /** Validates, saves and applies an account's onebot11_<uin>.json content. */
  writeOnebotConfig?(userId: number, config: unknown): Promise<unknown>;
  readOnebotConfig?(userId: number): Promise<unknown>;
  adapterStatus?(userId: number): unknown[];
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
  readonly handler: (request: FastifyRequest, reply: FastifyReply, deps: AdminDeps) => Promise<unknown>;
}
