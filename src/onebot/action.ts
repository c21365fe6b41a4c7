import type { Static, TSchema } from '@sinclair/typebox';
import type { Dialect } from '../contract/onebot-config.js';
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

export type { Dialect };

/** Facts about one call that the transport knows. */
export interface CallMeta {
  /** e.g. "http", "ws", "admin", "quick-operation". */
  readonly transport: string;
  /** Message format of the adapter the call came through (NapCat's messagePostFormat). */
  readonly messageFormat?: MessageFormat;
  /** Name of the adapter the call came through, for the logs and the console. */
  readonly adapter?: string;
  /** The adapter's dialect (whose behaviour to follow where implementations differ); napcat when absent. */
  readonly dialect?: Dialect;
  /**
   * Transports that can answer one call with several envelopes (the HTTP API, WebSockets) give
   * this: it writes one of NapCat's stream packets, already wrapped in its envelope.
   */
  readonly stream?: (envelope: Readonly<Record<string, unknown>>) => Promise<void>;
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
  /** The dialect of the adapter the call came through (napcat unless it says otherwise). */
  readonly dialect: Dialect;
  readonly services: ActionServices;
  readonly world: World;
  /**
   * Runs another action now, as the same account and through the same transport, and returns its
   * data; its failure is thrown as is (actions made of actions: `.handle_quick_operation`).
   */
  call(action: string, params: Record<string, unknown>): Promise<unknown>;
  /**
   * Sends one of NapCat's stream packets before the answer (stream actions only); absent when
   * the call came through a transport that answers with one envelope.
   */
  readonly stream?: (packet: Readonly<Record<string, unknown>>) => Promise<void>;
}

/** Where an action comes from, for the docs and the coverage table. */
export type ActionOrigin = 'onebot11' | 'go-cqhttp' | 'napcat' | 'llbot' | 'seed' | 'catnap';

export interface ActionSpec<S extends TSchema = TSchema, R extends TSchema = TSchema> {
  readonly name: string;
  /** Other names served by the same handler (renamed seed actions, NapCat aliases). */
  readonly aliases?: readonly string[];
  readonly origin: ActionOrigin;
  readonly summary: string;
  readonly description?: string;
  /**
   * A NapCat stream action: its envelopes (the packets sent through `ctx.stream` and the answer)
   * say `stream: "stream-action"`, and the HTTP API answers them as NapCat does.
   */
  readonly stream?: boolean;
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
  /**
   * Where LLBot or go-cqhttp answer this name differently from NapCat: the dialect's own params,
   * result and handler, or NapCat's handler with its result reshaped. Declared here, beside the
   * action, so docs/dialects.md and the tests see every difference.
   */
  readonly dialects?: { readonly [D in OtherDialect]?: DialectVariant };
}

/** The dialects that may differ from NapCat's behaviour (the default). */
export type OtherDialect = Exclude<Dialect, 'napcat'>;

/**
 * One action under one dialect. Either `handler` (with `params` when they differ from NapCat's),
 * or `reshape`, which turns what NapCat's handler answered into the dialect's shape. `result`
 * defaults to NapCat's when only the behaviour differs. `note` says what differs, in a sentence.
 */
export interface DialectVariant<
  S extends TSchema = TSchema,
  R extends TSchema = TSchema,
  VS extends TSchema = TSchema,
  VR extends TSchema = TSchema,
> {
  readonly note: string;
  readonly params?: VS;
  readonly result?: VR;
  handler?(ctx: ActionContext, params: Static<VS>): Static<VR> | Promise<Static<VR>>;
  reshape?(data: Static<R>, params: Static<S>, ctx: ActionContext): Static<VR> | Promise<Static<VR>>;
}

/** An action entry as written: NapCat's behaviour and, per dialect, each variant checked against its own schemas. */
export type ActionDefinition<
  S extends TSchema,
  R extends TSchema,
  LS extends TSchema,
  LR extends TSchema,
  GS extends TSchema,
  GR extends TSchema,
> = Omit<ActionSpec<S, R>, 'dialects'> & {
  readonly dialects?: { readonly llbot?: DialectVariant<S, R, LS, LR>; readonly 'go-cqhttp'?: DialectVariant<S, R, GS, GR> };
};

/** Identity function that lets TypeScript type a handler's params and answer from its schemas (and each dialect's from its own). */
export function defineAction<
  S extends TSchema,
  R extends TSchema,
  LS extends TSchema = S,
  LR extends TSchema = R,
  GS extends TSchema = S,
  GR extends TSchema = R,
>(spec: ActionDefinition<S, R, LS, LR, GS, GR>): ActionSpec<S, R> {
  return spec as ActionSpec<S, R>;
}

/** An action list of mixed param types, as each area exports it. */
export type AnyActionSpec = ActionSpec;
