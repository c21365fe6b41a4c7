import { Command, Option } from 'commander';
import { CliError, parseId, type CliCommand } from './cli-context.js';
import { clientFor, reportEnvelope, withConnectionOptions } from './remote-options.js';

interface SendOptions {
  readonly group?: string;
  readonly user?: string;
  readonly cq?: boolean;
}

/** `catnap send <user_id> (--group G | --user U) <text>`: a message as any account. */
export const sendCommand: CliCommand = (ctx) =>
  withConnectionOptions(
    new Command('send')
      .description('send a message as an account of a running Catnap, to a group or a person')
      .argument('<user_id>', 'the account that sends')
      .argument('<text...>', 'the message text (words are joined with spaces)')
      .addOption(new Option('--group <group_id>', 'send to this group').conflicts('user'))
      .addOption(new Option('--user <user_id>', 'send to this account (a friend, or a temp chat through a shared group)'))
      .addOption(new Option('--cq', 'read CQ codes in the text ([CQ:face,id=14], [CQ:at,qq=20001], ...) instead of sending it as is')),
  )
    .addHelpText('after', '\nPrints the new message_id. Exit code 1 when the send was refused (not a member, muted, ...).')
    .action(async (userId: string, words: string[], options: SendOptions) => {
      const sender = parseId(userId, 'user_id');
      if (!options.group && !options.user) throw new CliError('say where to send: --group <group_id> or --user <user_id>', 2);
      const text = words.join(' ');
      const message = options.cq ? text : [{ type: 'text', data: { text } }];
      const client = await clientFor(ctx, options as object);
      const envelope = options.group
        ? await client.act(sender, 'send_group_msg', { group_id: parseId(options.group, '--group'), message })
        : await client.act(sender, 'send_private_msg', { user_id: parseId(options.user!, '--user'), message });
      reportEnvelope(ctx, envelope, (data) => `${(data as { message_id?: number } | null)?.message_id ?? ''}\n`);
    });
