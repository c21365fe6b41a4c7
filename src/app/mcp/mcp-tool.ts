import type { Static, TSchema } from '@sinclair/typebox';
import { z, type ZodRawShape } from 'zod';
import type { CatnapClient, Envelope } from '../remote/catnap-client.js';
import { succeeded } from '../remote/catnap-client.js';

/** What a tool may use: the running Catnap's admin API. */
export interface McpToolContext {
  readonly catnap: CatnapClient;
  /** Aborted when the client cancels the call or the server closes. */
  readonly signal: AbortSignal;
  /**
   * For a tool with `marksFirst`: the transcript mark taken when the call was received. Calls
   * received after it run only once it is taken, so what they do comes after the mark.
   */
  readonly mark?: Promise<string>;
}

/** A tool's input: a zod shape, or a whole zod object (a route's body, strict as the route is). */
type ToolInput = ZodRawShape | z.ZodObject;
type ArgsOf<I extends ToolInput> = I extends z.ZodObject ? z.infer<I> : I extends ZodRawShape ? z.infer<z.ZodObject<I>> : never;

/**
 * One MCP tool: a name, what it is for, its input (zod, as the MCP SDK wants) and what it does.
 * The result is sent back as JSON text. A tool is one entry of `tools/index.ts`.
 */
export interface McpTool<I extends ToolInput = ToolInput> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: I;
  /** Whether it only reads (MCP's readOnlyHint, so clients may run it without asking). */
  readonly readOnly?: boolean;
  /** Whether it counts from the moment it was received (a wait): the server then marks the transcript for it first. */
  readonly marksFirst?: boolean;
  run(args: ArgsOf<I>, ctx: McpToolContext): Promise<unknown>;
}

/**
 * The input of a tool that passes its arguments on as an admin route's body (or params): the
 * route's own contract schema, read by zod. The agent is then refused, listed and defaulted
 * exactly as the route would: no key the route does not know is dropped in silence, no value
 * the route takes (unix seconds as a number, a mark as a number) is refused.
 */
export function routeInput<T extends TSchema>(schema: T): z.ZodObject & z.ZodType<Static<T>> {
  return z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema) as z.ZodObject & z.ZodType<Static<T>>;
}

/** Keeps each tool's argument type tied to its own shape inside the mixed list of tools. */
export function defineTool<I extends ToolInput>(tool: McpTool<I>): McpTool {
  return tool as unknown as McpTool;
}

/** A failure the tool reports to the agent (as an MCP tool error, not a protocol error). */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  constructor(
    message: string,
    /** What the agent needs beside the message to act on it (a wait's closest entries), sent as JSON after it. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The data of a successful action, or a ToolError saying the retcode and why. */
export function dataOf(envelope: Envelope, action: string): unknown {
  if (succeeded(envelope)) return envelope.data;
  throw new ToolError(refusal(envelope, action));
}

/** "<action> failed: retcode <n>: <why>", for an action that did not succeed. */
export function refusal(envelope: Envelope, action: string): string {
  return `${action} failed: retcode ${envelope.retcode}: ${envelope.message || envelope.wording || envelope.status}`;
}
