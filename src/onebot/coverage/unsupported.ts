/**
 * Why Catnap does not serve some NapCat and OneBot 11 actions. `docs/coverage.md` is generated from
 * these and the live action table (`npm run docs`), and a test keeps them true: every known action
 * is served or explained here, and nothing served is listed as unsupported.
 */

const reasons = {
  stream: "NapCat's own test of its stream packets (it streams a fixed sample); the real stream actions are served.",
  rkey: "An rkey signs QQ's expiring media URLs. Catnap serves every media blob at a stable URL of its own, so there is no key to fetch.",
  onlineFolder:
    "Online folders need a folder on the bot's machine walked and offered file by file; Catnap offers single online files (send_online_file), whose bytes any media source gives.",
  anonymous: 'QQ removed anonymous group chat; NapCat does not implement these either.',
  testActions: "NapCat's own test actions, shipped in its releases by accident.",
} as const;

export const unsupportedActions: Readonly<Record<string, string>> = {
  test_download_stream: reasons.stream,
  get_rkey: reasons.rkey,
  get_rkey_server: reasons.rkey,
  nc_get_rkey: reasons.rkey,
  send_online_folder: reasons.onlineFolder,
  set_group_anonymous_ban: reasons.anonymous,
  set_group_anonymous: reasons.anonymous,
  test_auto_register_01: reasons.testActions,
  test_auto_register_02: reasons.testActions,
  send_packet: "Raw packet passthrough sends a protobuf packet to QQ's servers; it has no meaning without them.",
  click_inline_keyboard_button: "Inline keyboard buttons belong to QQ's official bot platform, which answers the click on its servers.",
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
  ...[
    'scan_qrcode', 'batch_delete_group_member', 'send_pb', 'get_qq_avatar', 'get_config', 'set_config', 'llonebot_debug',
    'get_event', 'get_profile_like_me', 'unset_msg_emoji_like', 'set_friend_category', 'set_group_msg_mask',
    'set_group_file_forever', 'rename_group_file_folder', 'get_recommend_face', '_delete_group_notice',
    'get_profile_like_count', '.get_word_slices', 'delete_unidirectional_friend', 'get_supported_actions',
  ].map((name) => [name, "LLBot's and go-cqhttp's remaining names (issue 17, \"dialects\") are being built."]),
]);
