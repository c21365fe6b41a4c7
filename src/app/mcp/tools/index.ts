import type { McpTool } from '../mcp-tool.js';
import { act, readConversation, sendMessage } from './message-tools.js';
import { waitForMessage } from './wait-tool.js';
import { listAccounts, listGroups } from './world-tools.js';

/**
 * Every tool `catnap mcp` offers, in the order clients list them. A tool is one entry: the
 * world's snapshots and clock (once Catnap has them) join as `take_snapshot`, `restore_snapshot`,
 * `list_snapshots`, `advance_clock`, ... each one `defineTool` over its admin route.
 */
export const mcpTools: readonly McpTool[] = [listAccounts, listGroups, readConversation, sendMessage, act, waitForMessage];
