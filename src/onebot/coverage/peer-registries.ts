/**
 * The action names of the two other OneBot 11 implementations Catnap speaks as dialects, so the
 * coverage table lists them too. Data only: what is served comes from the live action table.
 *
 * LLBot (LuckyLilliaBot, formerly LLOneBot) 8.1.7: `ActionName` in `src/onebot11/action/types.ts`,
 * every name registered by `initActionMap` (122; each also answers with `_async` and
 * `_rate_limited`). go-cqhttp (last release line): the OneBot 11 names of its generated
 * `modules/api/api.go` (84; the OneBot 12 names are left out).
 */
export const llbotRegistry = [
  'scan_qrcode', 'get_group_album_list', 'create_group_album', 'delete_group_album', 'upload_group_album',
  'batch_delete_group_member', 'get_flash_file_info', 'download_flash_file', 'get_flash_file_download_urls',
  'upload_flash_file', 'reshare_flash_file', 'get_rkey', 'send_pb', 'voice_msg_to_text',
  'get_group_ignore_add_request', 'set_qq_avatar', 'get_qq_avatar', 'get_config', 'set_config', 'llonebot_debug',
  'get_file', 'get_friends_with_category', 'get_event', 'set_online_status', 'get_profile_like',
  'get_profile_like_me', 'fetch_emoji_like', 'fetch_custom_face', 'get_friend_msg_history', 'send_forward_msg',
  'set_msg_emoji_like', 'unset_msg_emoji_like', 'get_robot_uin_range', 'group_poke', 'friend_poke',
  'set_friend_remark', 'set_friend_category', 'set_group_msg_mask', 'set_group_remark', 'move_group_file',
  'rename_group_file', 'set_group_file_forever', 'get_group_shut_list', 'rename_group_file_folder',
  'get_recommend_face', 'get_ai_characters', 'send_group_ai_record', 'get_private_file_url',
  'get_doubt_friends_add_request', 'set_doubt_friends_add_request', '_delete_group_notice', 'send_poke',
  'set_input_status', 'get_group_album_media_list', 'get_group_signed_list', 'get_profile_like_count',
  'send_like', 'get_login_info', 'get_friend_list', 'get_group_info', 'get_group_list', 'get_group_member_info',
  'get_group_member_list', 'get_msg', 'send_msg', 'send_group_msg', 'send_private_msg', 'delete_msg',
  'set_group_add_request', 'set_friend_add_request', 'set_group_leave', 'get_version_info', 'get_status',
  'set_restart', 'can_send_record', 'can_send_image', 'set_group_kick', 'set_group_ban', 'set_group_whole_ban',
  'set_group_admin', 'set_group_card', 'set_group_name', 'get_image', 'get_record', 'clean_cache', 'get_cookies',
  'forward_friend_single_msg', 'forward_group_single_msg', 'get_credentials', 'get_csrf_token',
  'send_group_forward_msg', 'send_private_forward_msg', 'get_stranger_info', 'get_guild_list', 'mark_msg_as_read',
  'upload_group_file', 'upload_private_file', 'download_file', 'get_group_msg_history', 'get_forward_msg',
  'get_essence_msg_list', '.handle_quick_operation', 'get_group_honor_info', 'set_essence_msg',
  'delete_essence_msg', 'delete_group_file', 'get_group_system_msg', 'create_group_file_folder',
  'delete_group_folder', 'get_group_at_all_remain', 'get_group_root_files', '_send_group_notice',
  'get_group_files_by_folder', 'get_group_file_url', '_get_group_notice', 'delete_friend', 'ocr_image',
  'get_group_file_system_info', 'set_group_special_title', 'send_group_sign', 'set_qq_profile',
  'set_group_portrait',
] as const;

export const gocqhttpRegistry = [
  '.handle_quick_operation', 'can_send_image', 'can_send_record', 'get_login_info', 'get_stranger_info',
  'get_version_info', 'send_forward_msg', 'send_group_forward_msg', 'send_group_msg', 'send_msg',
  'send_private_forward_msg', 'send_private_msg', '.get_word_slices', '.ocr_image', 'ocr_image',
  '_del_group_notice', '_get_group_notice', '_get_model_show', '_send_group_notice', '_set_model_show',
  'check_url_safely', 'create_group_file_folder', 'create_guild_role', 'delete_essence_msg', 'delete_friend',
  'delete_group_file', 'delete_group_folder', 'delete_guild_role', 'delete_msg', 'delete_unidirectional_friend',
  'download_file', 'get_essence_msg_list', 'get_forward_msg', 'get_friend_list', 'get_group_at_all_remain',
  'get_group_file_system_info', 'get_group_file_url', 'get_group_files_by_folder', 'get_group_honor_info',
  'get_group_info', 'get_group_list', 'get_group_member_info', 'get_group_member_list', 'get_group_msg_history',
  'get_group_root_files', 'get_group_system_msg', 'get_guild_channel_list', 'get_guild_list',
  'get_guild_member_list', 'get_guild_member_profile', 'get_guild_meta_by_guest', 'get_guild_msg',
  'get_guild_roles', 'get_guild_service_profile', 'get_image', 'get_msg', 'get_online_clients',
  'get_supported_actions', 'get_topic_channel_feeds', 'get_unidirectional_friend_list', 'mark_msg_as_read',
  'qidian_get_account_info', 'reload_event_filter', 'send_group_sign', 'send_guild_channel_msg',
  'set_essence_msg', 'set_friend_add_request', 'set_group_add_request', 'set_group_admin', 'set_group_anonymous',
  'set_group_anonymous_ban', 'set_group_ban', 'set_group_card', 'set_group_kick', 'set_group_leave',
  'set_group_name', 'set_group_portrait', 'set_group_special_title', 'set_group_whole_ban',
  'set_guild_member_role', 'set_qq_profile', 'update_guild_role', 'upload_group_file', 'upload_private_file',
] as const;
