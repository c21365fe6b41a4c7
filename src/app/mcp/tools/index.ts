import type { McpTool } from '../mcp-tool.js';
import { act, readConversation, sendMessage } from './message-tools.js';
import { waitForMessage } from './wait-tool.js';
import { listSnapshots, resetWorld, restoreSnapshot, saveSnapshot, setClock, waitFor } from './bench-tools.js';
import { listAccounts, listGroups } from './world-tools.js';

/** Every tool `catnap mcp` offers, in the order clients list them; each is one `defineTool` over its admin route. */
export const mcpTools: readonly McpTool[] = [
  listAccounts,
  listGroups,
  readConversation,
  sendMessage,
  act,
  waitForMessage,
  saveSnapshot,
  listSnapshots,
  restoreSnapshot,
  resetWorld,
  setClock,
  waitFor,
];
