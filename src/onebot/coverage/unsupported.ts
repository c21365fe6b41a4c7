/**
 * Why Catnap does not serve some NapCat and OneBot 11 actions. `docs/coverage.md` is generated from
 * these and the live action table (`npm run docs`), and a test keeps them true: every known action
 * is served or explained here, and nothing served is listed as unsupported.
 */

const reasons = {
  stream:
    "NapCat's streaming file transfer answers one call with many stream packets (its `stream-action` envelope); Catnap answers every call with one envelope. Send files as `base64://`, a URL or a path instead.",
  album: 'Group albums are a QZone-backed QQ web service; the simulated world has no albums.',
  todo: "QQ's group to-do (群待办) is not part of the simulated world.",
  rkey: "An rkey signs QQ's expiring media URLs. Catnap serves every media blob at a stable URL of its own, so there is no key to fetch.",
  qzone: 'QZone (feeds, posts) is not part of the simulated world.',
  onlineFolder:
    "Online folders need a folder on the bot's machine walked and offered file by file; Catnap offers single online files (send_online_file), whose bytes any media source gives.",
  aiVoice: "QQ's AI voice characters are a text-to-speech service of QQ's servers.",
  guild: 'QQ guilds (channels) are not part of the simulated world (NapCat itself returns null).',
  anonymous: 'QQ removed anonymous group chat; NapCat does not implement these either.',
  modelShow: 'The phone model shown beside a name is a QQ client feature; accounts in the world have no devices.',
  testActions: "NapCat's own test actions, shipped in its releases by accident.",
} as const;

export const unsupportedActions: Readonly<Record<string, string>> = {
  clean_stream_temp_file: reasons.stream,
  download_file_stream: reasons.stream,
  download_file_record_stream: reasons.stream,
  download_file_image_stream: reasons.stream,
  test_download_stream: reasons.stream,
  upload_file_stream: reasons.stream,
  del_group_album_media: reasons.album,
  set_group_album_media_like: reasons.album,
  cancel_group_album_media_like: reasons.album,
  do_group_album_comment: reasons.album,
  get_group_album_media_list: reasons.album,
  get_qun_album_list: reasons.album,
  upload_image_to_qun_album: reasons.album,
  set_group_todo: reasons.todo,
  complete_group_todo: reasons.todo,
  cancel_group_todo: reasons.todo,
  get_rkey: reasons.rkey,
  get_rkey_server: reasons.rkey,
  nc_get_rkey: reasons.rkey,
  send_qzone_msg: reasons.qzone,
  delete_qzone_msg: reasons.qzone,
  send_online_folder: reasons.onlineFolder,
  get_ai_record: reasons.aiVoice,
  send_group_ai_record: reasons.aiVoice,
  get_ai_characters: reasons.aiVoice,
  get_guild_list: reasons.guild,
  get_guild_service_profile: reasons.guild,
  set_group_anonymous_ban: reasons.anonymous,
  set_group_anonymous: reasons.anonymous,
  _get_model_show: reasons.modelShow,
  _set_model_show: reasons.modelShow,
  test_auto_register_01: reasons.testActions,
  test_auto_register_02: reasons.testActions,
  send_packet: "Raw packet passthrough sends a protobuf packet to QQ's servers; it has no meaning without them.",
  get_mini_app_ark: "Mini-app cards are signed by QQ's mini-program servers; the world cannot sign one that QQ would accept.",
  click_inline_keyboard_button: "Inline keyboard buttons belong to QQ's official bot platform, which answers the click on its servers.",
  fetch_ptt_text: "Voice-to-text is QQ's speech recognition service; Catnap ships no speech recognizer.",
  set_group_robot_add_option: "It governs whether QQ's official robot accounts may join; the world's bots are ordinary accounts.",
  set_group_search: "QQ's group search directory is not simulated: every group can be found by its number.",
  set_group_member_permissions:
    'Its switches govern QQ features the world does not have (group albums, creating a group from a group); temp chats follow the messaging rules.',
  set_group_new_member_history_visibility: 'Message history is not hidden from new members in the world: every member reads the whole history.',
  set_diy_online_status:
    'Not built: the world keeps an account\'s status code and extended status (set_online_status, nc_get_user_status), not a custom face and wording.',
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
    'get_group_album_list', 'create_group_album', 'delete_group_album', 'upload_group_album',
  ].map((name) => [name, 'Group albums (issue 17, "features") are being built.']),
  ...[
    'voice_msg_to_text',
  ].map((name) => [name, 'Voice to text (issue 17, "transfer") is being built.']),
  ...[
    'scan_qrcode', 'batch_delete_group_member', 'send_pb', 'get_qq_avatar', 'get_config', 'set_config', 'llonebot_debug',
    'get_event', 'get_profile_like_me', 'unset_msg_emoji_like', 'set_friend_category', 'set_group_msg_mask',
    'set_group_file_forever', 'rename_group_file_folder', 'get_recommend_face', '_delete_group_notice',
    'get_profile_like_count', '.get_word_slices', 'delete_unidirectional_friend', 'get_supported_actions',
  ].map((name) => [name, "LLBot's and go-cqhttp's remaining names (issue 17, \"dialects\") are being built."]),
]);
