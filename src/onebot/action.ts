import type { Static, TSchema } from '@sinclair/typebox';
import type { Logger } from '../util/logger.js';
import type { OcrService } from '../world/media/ocr.js';
import type { Translator } from '../world/media/translation.js';
import type { World } from '../world/world.js';
import type { MessageLimits } from './message/message-limits.js';
import type { PublicUrls } from '../util/public-urls.js';
import type { RuntimeInfo } from './runtime-info.js';
import type { RuntimeHooks } from './runtime-hooks.js';

/** How messages embedded in events and replies are written: segment arrays or CQ strings. */
export type MessageFormat = 'array' | 'string';

/** Facts about one call that the transport knows. */
export interface CallMeta {
  /** e.g. "http", "ws", "admin", "quick-operation". */
  readonly transport: string;
  /** Message format of the adapter the call came through (NapCat's messagePostFormat). */
  readonly messageFormat?: MessageFormat;
  /** Name of the adapter the call came through, for the logs and the console. */
  readonly adapter?: string;
}

/**
 * Everything an action handler may use. Areas add their services to `ActionServices`
 * (media store, OCR, translation, ...) rather than reaching into globals.
 */
export interface ActionServices {
  readonly world: World;
  readonly info: RuntimeInfo;
  readonly logger: Logger;
  /** Public URLs of things Catnap serves itself (media blobs, avatars). */
  readonly urls: PublicUrls;
  /** Lent by the app layer: restart or list the account's adapters (absent without a network). */
  readonly runtime?: RuntimeHooks;
  /** OCR of images (ocr_image); the engine loads on first use. */
  readonly ocr: OcrService;
  /** English-to-Chinese translation (translate_en2zh), as catnap.json's `translation` says. */
  readonly translator: Translator;
  /** How big one message may be (catnap.json `message.*`); the defaults when absent. */
  readonly messageLimits?: MessageLimits;
}

export type { PublicUrls } from '../util/public-urls.js';

export interface ActionContext {
  /** The account the action runs as (the bot the client is connected to, or `act`'s user). */
  readonly selfId: number;
  readonly meta: CallMeta;
  readonly messageFormat: MessageFormat;
  readonly services: ActionServices;
  readonly world: World;
  /**
   * Runs another action now, as the same account and through the same transport, and returns its
   * data; its failure is thrown as is (actions made of actions: `.handle_quick_operation`).
   */
  call(action: string, params: Record<string, unknown>): Promise<unknown>;
}

/** Where an action comes from, for the docs and the coverage table. */
export type ActionOrigin = 'onebot11' | 'go-cqhttp' | 'napcat' | 'seed' | 'catnap';

export interface ActionSpec<S extends TSchema = TSchema, R extends TSchema = TSchema> {
  readonly name: string;
  /** Other names served by the same handler (renamed seed actions, NapCat aliases). */
  readonly aliases?: readonly string[];
  readonly origin: ActionOrigin;
  readonly summary: string;
  readonly description?: string;
  readonly params: S;
  /**
   * Schema of `data` on success: the handler must return its static type, `/openapi.json`
   * documents it, and the tests check every successful reply against it (`Type.Null()` for
   * actions that answer nothing).
   */
  readonly result: R;
  // A method, so a list of specs of different schemas is a list of ActionSpec (each handler is
  // checked against its own schemas where it is defined).
  handler(ctx: ActionContext, params: Static<S>): Static<R> | Promise<Static<R>>;
}

/** Identity function that lets TypeScript type a handler's params and answer from its schemas. */
export function defineAction<S extends TSchema, R extends TSchema>(spec: ActionSpec<S, R>): ActionSpec<S, R> {
  return spec;
}

/** An action list of mixed param types, as each area exports it. */
export type AnyActionSpec = ActionSpec;
