import { zodApiCategories } from '@saltify/milky-types';
import type { z } from 'zod';
import type { Logger } from '../util/logger.js';
import type { PublicUrls } from '../util/public-urls.js';
import type { World } from '../world/world.js';

/** Milky's API categories, as the spec groups them. */
export type MilkyCategory = keyof typeof zodApiCategories;
type Apis<C extends MilkyCategory> = (typeof zodApiCategories)[C]['apis'];
export type MilkyApiName<C extends MilkyCategory = MilkyCategory> = C extends MilkyCategory ? keyof Apis<C> & string : never;

type RequestOf<C extends MilkyCategory, N extends keyof Apis<C>> = Apis<C>[N] extends { requestSchema: infer S } ? S : never;
type ResponseOf<C extends MilkyCategory, N extends keyof Apis<C>> = Apis<C>[N] extends { responseSchema: infer S } ? S : never;

/** What a handler receives: the input after the spec's schema parsed it (defaults filled in). */
export type MilkyInput<C extends MilkyCategory, N extends keyof Apis<C>> =
  RequestOf<C, N> extends z.ZodType ? z.output<RequestOf<C, N>> : Record<string, never>;
/** What a handler returns: the spec's response shape, or nothing for APIs that answer `{}`. */
export type MilkyOutput<C extends MilkyCategory, N extends keyof Apis<C>> =
  ResponseOf<C, N> extends z.ZodType ? z.input<ResponseOf<C, N>> : void;

/** Facts about this Catnap that get_impl_info reports. */
export interface MilkyImplInfo {
  readonly implName: string;
  readonly implVersion: string;
}

/** Everything a Milky handler may use; the app layer builds it once. */
export interface MilkyServices {
  readonly world: World;
  readonly logger: Logger;
  readonly urls: PublicUrls;
  readonly info: MilkyImplInfo;
}

export interface MilkyContext {
  /** The account the call runs as (the bot whose Milky server was called). */
  readonly selfId: number;
  readonly world: World;
  readonly services: MilkyServices;
}

/** One Milky API: its name and category, its schemas (the spec's own) and its handler. */
export interface MilkyApiSpec {
  readonly name: string;
  readonly category: MilkyCategory;
  /** How Catnap serves it, for the coverage page and the OpenAPI document. */
  readonly summary: string;
  readonly input: z.ZodType | null;
  readonly output: z.ZodType | null;
  readonly handler: (ctx: MilkyContext, input: never) => Promise<unknown>;
}

/**
 * Defines one API of a category. The schemas are not written here: they are the ones
 * `@saltify/milky-types` ships for Milky 1.2, so input validation and the reply types follow the
 * spec exactly, and the compiler checks every handler against them.
 */
export function defineApi<C extends MilkyCategory, N extends keyof Apis<C> & string>(
  category: C,
  name: N,
  summary: string,
  handler: (ctx: MilkyContext, input: MilkyInput<C, N>) => Promise<MilkyOutput<C, N>>,
): MilkyApiSpec {
  const entry = (zodApiCategories[category].apis as Record<string, { requestSchema: z.ZodType | null; responseSchema: z.ZodType | null }>)[
    name
  ]!;
  return {
    name,
    category,
    summary,
    input: entry.requestSchema,
    output: entry.responseSchema,
    handler: handler as MilkyApiSpec['handler'],
  };
}

/** Every API name the spec defines, category by category, in the spec's order. */
export function specApiNames(): { category: MilkyCategory; name: string; description: string }[] {
  return Object.entries(zodApiCategories).flatMap(([category, { apis }]) =>
    Object.entries(apis).map(([name, api]) => ({ category: category as MilkyCategory, name, description: api.description })),
  );
}
