import { defineTool } from '../mcp-tool.js';

export const listAccounts = defineTool({
  name: 'list_accounts',
  title: 'List accounts',
  description: 'Every account of the simulated QQ world: user_id, nickname, and whether it is a bot.',
  input: {},
  readOnly: true,
  async run(_args, { catnap }) {
    const accounts = await catnap.get('GET /api/world/accounts');
    return accounts.map(({ user_id, nickname, bot }) => ({ user_id, nickname, bot }));
  },
});

export const listGroups = defineTool({
  name: 'list_groups',
  title: 'List groups',
  description: 'Every group of the world with its members, their roles (owner, admin, member) and group cards.',
  input: {},
  readOnly: true,
  async run(_args, { catnap }) {
    const groups = await catnap.get('GET /api/world/groups');
    return groups.map(({ group_id, group_name, owner_id, members }) => ({
      group_id,
      group_name,
      owner_id,
      members: members.map(({ user_id, role, card }) => ({ user_id, role, ...(card && { card }) })),
    }));
  },
});
