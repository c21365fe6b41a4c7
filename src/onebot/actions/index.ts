import type { AnyActionSpec } from '../action.js';
import { accountInfoActions } from './account-info.js';
import { friendInfoActions } from './friend-info.js';
import { groupInfoActions } from './group-info.js';
import { friendAdminActions } from './friend-admin.js';
import { groupAdminActions } from './group-admin.js';
import { groupExtrasActions } from './group-extras.js';
import { requestActions } from './requests.js';
import { systemExtrasActions } from './system-extras.js';
import { essenceHonorActions } from './essence-honor.js';
import { mediaActions } from './media.js';
import { messageReactionActions } from './message-reactions.js';
import { messageReadActions } from './message-read.js';
import { messageSendActions } from './message-send.js';
import { messageStateActions } from './message-state.js';
import { arkShareActions } from './ark-share.js';
import { favoriteActions } from './favorites.js';
import { fileTransferActions } from './file-transfer.js';
import { flashTransferActions } from './flash-transfer.js';
import { llbotFlashActions } from './flash-transfer-llbot.js';
import { onlineFileActions } from './online-files.js';
import { aiVoiceActions } from './ai-voice.js';
import { fileStreamActions } from './file-streams.js';
import { groupAvatarActions } from './group-avatar.js';
import { groupFileActions } from './group-files.js';
import { seedGroupFileActions } from './group-files-seed.js';
import { likeActions } from './likes.js';
import { ocrTranslateActions } from './ocr-translate.js';
import { profileActions } from './profile.js';
import { quickOperationActions } from './quick-operation.js';
import { groupAlbumActions } from './group-albums.js';
import { groupTodoActions } from './group-todos.js';
import { qzoneActions } from './qzone.js';
import { groupFeatureActions } from './group-features.js';
import { presenceGuildActions } from './presence-guild.js';
import { miniAppArkActions } from './mini-app-ark.js';
import { rkeyActions } from './rkeys.js';
import { llbotGroupFileActions } from './group-files-llbot.js';
import { clientRuntimeActions } from './client-runtime.js';
import { napcatTestActions } from './napcat-tests.js';
import { inlineKeyboardActions } from './inline-keyboards.js';

/**
 * Every action Catnap serves. Each area contributes one list; this is the only place they are
 * joined, so the action table, the validation, the docs and the OpenAPI document all come from
 * the same specs.
 */
export const allActions: readonly AnyActionSpec[] = [
  ...accountInfoActions,
  ...friendInfoActions,
  ...groupInfoActions,
  ...groupAdminActions,
  ...requestActions,
  ...groupExtrasActions,
  ...friendAdminActions,
  ...systemExtrasActions,
  ...essenceHonorActions,
  ...messageSendActions,
  ...messageReadActions,
  ...messageStateActions,
  ...messageReactionActions,
  ...mediaActions,
  // The seed API's extras.
  ...profileActions,
  ...likeActions,
  ...favoriteActions,
  ...arkShareActions,
  ...groupAvatarActions,
  ...groupFileActions,
  ...seedGroupFileActions,
  ...fileTransferActions,
  ...flashTransferActions,
  ...llbotFlashActions,
  ...onlineFileActions,
  ...fileStreamActions,
  ...aiVoiceActions,
  ...ocrTranslateActions,
  // The world features of issue 17.
  ...groupAlbumActions,
  ...groupTodoActions,
  ...qzoneActions,
  ...groupFeatureActions,
  ...presenceGuildActions,
  ...miniAppArkActions,
  ...rkeyActions,
  ...inlineKeyboardActions,
  ...llbotGroupFileActions,
  // Events and transports.
  ...quickOperationActions,
  ...clientRuntimeActions,
  // NapCat's own test actions.
  ...napcatTestActions,
];
