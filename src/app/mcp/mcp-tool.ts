import type { z, ZodRawShape } from 'zod';
import type { CatnapClient, Envelope } from '../remote/catnap-client.js';
import { succeeded } from '../remote/catnap-client.js';

/** What a tool may use: the running Catnap's admin API. */
export interface McpToolContext {
  readonly catnap: CatnapClient;
  /** Aborted when the client cancels the call or the server closes. */
  readonly signal: AbortSignal;
}

/**
 * One MCP tool: a name, what it is for, its input (a zod shape, as the MCP SDK wants) and what it
 * does. The result is sent back as JSON text. A tool is one entry of `tools/index.ts`.
 */
export interface McpTool<S extends ZodRawShape = ZodRawShape> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: S;
  /** Whether it only reads (MCP's readOnlyHint, so clients may run it without asking). */
  readonly readOnly?: boolean;
  run(args: z.infer<z.ZodObject<S>>, ctx: McpToolContext): Promise<unknown>;
}

/** Keeps each tool's argument type tied to its own shape inside the mixed list of tools. */
export function defineTool<S extends ZodRawShape>(tool: McpTool<S>): McpTool {
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
