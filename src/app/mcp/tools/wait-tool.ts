import { z } from 'zod';
import type { Static } from '@sinclair/typebox';
import type { TranscriptEntryView, WaitAnswer } from '../../../contract/admin/transcript.js';
import { dataOf, defineTool, ToolError } from '../mcp-tool.js';

/** A message entry of the transcript, as far as this tool reads it. */
type MessageEntry = TranscriptEntryView & { readonly message_id: number; readonly from: number };

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
  // Counted from a mark the server takes on receipt, before any call received later (the trigger
  // sent "together with" the wait) runs: a message stored after it is never missed, as one sent
  // while a live stream was still being opened was.
  marksFirst: true,
  async run(args, { catnap, signal, mark }) {
    const since = await mark!;
    const match = {
      kind: 'message',
      ...(args.from_user_id !== undefined && { from: args.from_user_id }),
      ...(args.group_id !== undefined && { group_id: args.group_id }),
      ...(args.user_id !== undefined && { user_id: args.user_id }),
      ...(args.contains !== undefined && { text: args.contains }),
    };
    const deadline = Date.now() + args.timeout_seconds * 1000;
    // The transcript matches `contains` on the plain text too; the n-th match whose raw_message
    // lacks it sends the wait on to the (n+1)-th.
    for (let count = 1; ; count += 1) {
      const timeoutMs = Math.max(0, deadline - Date.now());
      const { result, status } = await catnap.requestWithStatus<Static<typeof WaitAnswer>>(
        'POST',
        '/api/world/wait',
        { since, match, count, timeout_ms: timeoutMs },
        [408],
        { timeoutMs: catnap.timeoutMs + timeoutMs, signal },
      );
      if (status === 408) throw new ToolError(`no matching message within ${args.timeout_seconds} s`);
      const created = (result.matched[count - 1] ?? result.matched.at(-1)) as MessageEntry;
      // The sender can always read its own message; get_msg gives the public OneBot shape.
      const message = dataOf(await catnap.act(created.from, 'get_msg', { message_id: created.message_id }), 'get_msg') as {
        raw_message?: string;
      };
      if (args.contains === undefined || (message.raw_message ?? '').includes(args.contains)) return message;
    }
  },
});
