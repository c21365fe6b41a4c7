import { WebSocket } from 'ws';
import { z } from 'zod';
import { dataOf, defineTool, ToolError } from '../mcp-tool.js';

/** A stored message as the world announces it on the live stream (`message.created`). */
interface CreatedMessage {
  readonly messageId: number;
  readonly senderId: number;
  readonly conversation: { type: 'group'; groupId: number } | { type: 'private'; userIds: [number, number] };
}

interface Filter {
  readonly group_id?: number | undefined;
  readonly user_id?: number | undefined;
  readonly from_user_id?: number | undefined;
}

function matches(message: CreatedMessage, filter: Filter): boolean {
  const { conversation } = message;
  if (filter.from_user_id !== undefined && message.senderId !== filter.from_user_id) return false;
  if (filter.group_id !== undefined && (conversation.type !== 'group' || conversation.groupId !== filter.group_id)) return false;
  if (filter.user_id !== undefined && (conversation.type !== 'private' || !conversation.userIds.includes(filter.user_id))) return false;
  return true;
}

export const waitForMessage = defineTool({
  name: 'wait_for_message',
  title: 'Wait for a message',
  description:
    'Wait until a new message is stored that matches the filters (a group, a private chat with an account, a sender, a text it ' +
    'contains), and answer it as OneBot’s get_msg does (message_id, sender, raw_message, message segments). Only messages sent ' +
    'after the call starts count: start it before (or together with) what should trigger the reply. Fails after timeout_seconds.',
  input: {
    group_id: z.number().int().positive().optional().describe('Only messages in this group'),
    user_id: z.number().int().positive().optional().describe('Only private messages to or from this account'),
    from_user_id: z.number().int().positive().optional().describe('Only messages this account sends'),
    contains: z.string().optional().describe('Only messages whose text contains this'),
    timeout_seconds: z.number().min(1).max(600).default(30).describe('How long to wait'),
  },
  readOnly: true,
  async run(args, { catnap, signal }) {
    const socket = new WebSocket(catnap.liveUrl(['domain']));
    try {
      return await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new ToolError(`no matching message within ${args.timeout_seconds} s`)),
          args.timeout_seconds * 1000,
        );
        const fail = (error: Error) => {
          clearTimeout(timer);
          reject(error);
        };
        signal.addEventListener('abort', () => fail(new ToolError('cancelled')), { once: true });
        socket.on('error', (error) => fail(new ToolError(`the live stream of Catnap failed: ${error.message}`)));
        socket.on('unexpected-response', (_request, response) =>
          fail(new ToolError(`Catnap refused the live stream (HTTP ${response.statusCode})`)),
        );
        // Catnap stopped or dropped the stream: no message can come any more, so waiting out the
        // timeout (up to ten minutes) would only hold the agent.
        socket.on('close', (code) => fail(new ToolError(`the live stream of Catnap closed (code ${code}) before a matching message came`)));
        // Checks run one after another, so a later match never answers before an earlier one.
        let checks = Promise.resolve();
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { type: string; event?: { type: string; message?: CreatedMessage } };
          const created = frame.type === 'domain' && frame.event?.type === 'message.created' ? frame.event.message : undefined;
          if (!created || !matches(created, args)) return;
          checks = checks.then(async () => {
            // The sender can always read its own message; get_msg gives the public OneBot shape.
            const message = dataOf(await catnap.act(created.senderId, 'get_msg', { message_id: created.messageId }), 'get_msg') as {
              raw_message?: string;
            };
            if (args.contains !== undefined && !(message.raw_message ?? '').includes(args.contains)) return;
            clearTimeout(timer);
            resolve(message);
          }, fail);
        });
      });
    } finally {
      socket.terminate();
    }
  },
});
