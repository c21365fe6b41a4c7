import { Command } from 'commander';
import { parseId, type CliCommand } from './cli-context.js';
import { clientFor, parseJsonArgument, reportEnvelope, withConnectionOptions } from './remote-options.js';

/** `catnap act <user_id> <action> [json]`: any OneBot action as any account, against a running Catnap. */
export const actCommand: CliCommand = (ctx) =>
  withConnectionOptions(
    new Command('act')
      .description('run a OneBot action as an account of a running Catnap and print the whole reply')
      .argument('<user_id>', 'the account that acts')
      .argument('<action>', 'the OneBot action, e.g. get_group_list or send_group_msg')
      .argument('[json]', 'the params as a JSON object, e.g. \'{"group_id": 30001, "message": "hi"}\''),
  )
    .addHelpText('after', '\nExit code 0 when the action succeeded (retcode 0, or queued), 1 when it failed (the reply says why).')
    .action(async (userId: string, action: string, json: string | undefined, options) => {
      const params = parseJsonArgument(json, 'the params');
      const client = await clientFor(ctx, options as object);
      const envelope = await client.act(parseId(userId, 'user_id'), action, params);
      ctx.io.stdout(`${JSON.stringify(envelope, null, 2)}\n`);
      reportEnvelope(ctx, envelope, () => '');
    });
