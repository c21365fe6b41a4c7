/**
 * Every action name NapCat registers, by its router group, plus the seed names it removed since and
 * the one name clients use that it never registered. Taken from the NapCatQQ snapshot described in
 * the reference notes (HEAD af07479, 177 registered names). Data for the coverage table: what is
 * served comes from the live action table, never from here.
 */
export const napcatRegistry = {
  /** OneBot 11's standard actions (NapCat's router group). */
  onebot11: [
    'send_like', 'get_msg', 'get_login_info', 'get_friend_list', 'get_group_list', 'get_group_info',
    'get_group_member_list', 'get_group_member_info', 'send_group_msg', 'send_private_msg', 'send_msg',
    'delete_msg', 'set_group_add_request', 'set_friend_add_request', 'set_group_leave', 'get_version_info',
    'can_send_record', 'can_send_image', 'get_status', 'set_group_whole_ban', 'set_group_ban',
    'set_group_kick', 'set_group_admin', 'set_group_name', 'set_group_card', 'get_image', 'get_record',
    'get_cookies', 'get_group_honor_info', 'get_stranger_info', 'get_forward_msg', '.handle_quick_operation',
    'get_csrf_token', 'get_credentials', 'set_restart', 'set_group_special_title', 'clean_cache',
  ],
  /** go-cqhttp extensions. */
  goCqhttp: [
    'set_qq_profile', 'get_group_root_files', 'delete_friend', 'check_url_safely', 'get_online_clients',
    'ocr_image', '.ocr_image', '_send_group_notice', '_get_group_notice', 'get_essence_msg_list',
    'get_group_at_all_remain', 'send_forward_msg', 'send_group_forward_msg', 'send_private_forward_msg',
    'download_file', 'get_guild_list', 'mark_msg_as_read', 'upload_group_file', 'get_group_msg_history',
    'delete_essence_msg', 'set_essence_msg', 'set_group_portrait', 'upload_private_file',
    'get_guild_service_profile', '_get_model_show', '_set_model_show', '_del_group_notice',
    'delete_group_file', 'create_group_file_folder', 'delete_group_folder', 'get_group_file_system_info',
    'get_group_files_by_folder', 'get_group_file_url', 'get_group_system_msg',
    'get_unidirectional_friend_list',
  ],
  /** NapCat extensions. */
  napcat: [
    'del_group_album_media', 'set_group_album_media_like', 'cancel_group_album_media_like',
    'do_group_album_comment', 'get_group_album_media_list', 'get_qun_album_list',
    'upload_image_to_qun_album', 'set_group_todo', 'complete_group_todo', 'cancel_group_todo',
    'get_group_detail_info', 'set_group_kick_members', 'set_group_add_option', 'set_group_robot_add_option',
    'set_group_search', 'set_doubt_friends_add_request', 'get_doubt_friends_add_request',
    'set_friend_remark', 'get_rkey', 'get_rkey_server', 'set_group_remark', 'get_group_info_ex',
    'fetch_emoji_like', 'get_emoji_likes', 'fetch_ptt_text', 'get_file', 'ArkShareGroup', 'ArkSharePeer',
    'send_group_ark_share', 'send_ark_share', 'create_collection', 'set_self_longnick',
    'forward_friend_single_msg', 'forward_group_single_msg', 'mark_group_msg_as_read',
    'mark_private_msg_as_read', 'set_qq_avatar', 'translate_en2zh', 'set_group_sign', 'send_group_sign',
    'get_clientkey', 'move_group_file', 'rename_group_file', 'trans_group_file', 'get_group_signed_list',
    'send_qzone_msg', 'delete_qzone_msg', 'set_group_member_invite_policy', 'set_group_member_permissions',
    'set_group_new_member_history_visibility', 'set_msg_emoji_like', 'set_online_status',
    'get_robot_uin_range', 'get_friends_with_category', 'get_friend_msg_history',
    'get_group_ignored_notifies', 'get_recent_contact', '_mark_all_as_read', 'get_profile_like',
    'fetch_custom_face', 'fetch_custom_face_detail', 'add_custom_face', 'delete_custom_face',
    'set_custom_face_desc', 'set_input_status', 'nc_get_packet_status', 'group_poke', 'friend_poke',
    'nc_get_user_status', 'nc_get_rkey', 'set_diy_online_status', 'get_group_shut_list', 'get_mini_app_ark',
    'get_ai_record', 'send_group_ai_record', 'get_ai_characters', 'send_packet', 'send_poke', 'bot_exit',
    'click_inline_keyboard_button', 'get_private_file_url', 'get_group_ignore_add_request',
    'get_collection_list', 'create_flash_task', 'get_flash_file_list', 'get_flash_file_url',
    'send_flash_msg', 'get_share_link', 'get_fileset_info', 'get_online_file_msg', 'send_online_file',
    'send_online_folder', 'receive_online_file', 'refuse_online_file', 'cancel_online_file',
    'download_fileset', 'get_fileset_id',
  ],
  /** NapCat's streaming file transfer. */
  napcatStream: [
    'clean_stream_temp_file', 'download_file_stream', 'download_file_record_stream',
    'download_file_image_stream', 'test_download_stream', 'upload_file_stream',
  ],
  /** NapCat's test actions (shipped in releases). */
  napcatTest: [
    'test_auto_register_01', 'test_auto_register_02',
  ],
  /** Seed names NapCat removed since (served again by Catnap for the seed document). */
  removedSeed: [
    'set_group_head', 'set_self_profile', 'get_group_file_count', 'get_group_file_list',
    'set_group_file_folder', 'del_group_file', 'del_group_file_folder',
  ],
  /** A name third-party docs use that NapCat never registered. */
  neverRegistered: [
    'ArkShareGroupEx',
  ],
} as const satisfies Record<string, readonly string[]>;

export type NapcatGroup = keyof typeof napcatRegistry;

