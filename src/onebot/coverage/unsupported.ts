/**
 * Why Catnap does not serve some NapCat and OneBot 11 actions. `docs/coverage.md` is generated from
 * these and the live action table (`npm run docs`), and a test keeps them true: every known action
 * is served or explained here, and nothing served is listed as unsupported.
 */

const reasons = {
  anonymousBan:
    "Banning an anonymous sender takes the flag of an anonymous message, and the world has none: QQ removed anonymous chat (NapCat comments this action out), so no account can send one. set_group_anonymous keeps the group's switch.",
} as const;

const rawPackets =
  "Raw protocol access: send_packet and LLBot's send_pb pass a protobuf packet to QQ's servers, llonebot_debug calls a method of LLBot's own QQ client by name. The world has neither QQ's servers nor a QQ client to pass them to.";

export const unsupportedActions: Readonly<Record<string, string>> = {
  set_group_anonymous_ban: reasons.anonymousBan,
  send_packet: rawPackets,
  send_pb: rawPackets,
  llonebot_debug: rawPackets,
  // go-cqhttp's own names (its dialect's column of the coverage table).
  ...Object.fromEntries(
    [
      'create_guild_role', 'delete_guild_role', 'get_guild_channel_list', 'get_guild_member_list', 'get_guild_member_profile',
      'get_guild_meta_by_guest', 'get_guild_msg', 'get_guild_roles', 'get_topic_channel_feeds', 'send_guild_channel_msg',
      'set_guild_member_role', 'update_guild_role',
    ].map((name) => [name, "QQ guilds (channels, roles, feeds) are not part of the simulated world; go-cqhttp's guild API reached QQ's guild servers."]),
  ),
  qidian_get_account_info: 'QiDian (企点) enterprise accounts are not part of the simulated world; every account is a personal QQ.',
  reload_event_filter:
    "go-cqhttp's event filter is a file of its own config (filter.json) that drops events before they are posted; Catnap has no such filter to reload.",
};

/**
 * Actions another area of Catnap is building, listed until they land so the table stays
 * complete meanwhile. A name here that is served shows as served.
 */
export const notYetServed: Readonly<Record<string, string>> = Object.fromEntries([
  ['.handle_quick_operation', 'Events over every transport (issue 8) is building it.'],
]);
