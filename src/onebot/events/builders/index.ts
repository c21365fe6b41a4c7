import type { AnyEventBuilder } from '../types.js';
import { friendAddedBuilder } from './friends.js';
import { essenceBuilder, fileUploadedBuilder, reactionBuilder } from './group-content.js';
import { memberJoinedBuilder, memberLeftBuilder, mutedBuilder, roleChangedBuilder } from './group-members.js';
import { cardChangedBuilder, groupNameBuilder, titleChangedBuilder } from './group-profile.js';
import { messageBuilder } from './message.js';
import { onlineFileAnsweredBuilder } from './online-files.js';
import { inputStatusBuilder, pokeBuilder, profileLikeBuilder } from './notify.js';
import { recallBuilder } from './recall.js';
import { friendRequestBuilder, groupRequestBuilder } from './requests.js';

/**
 * Every event builder: one per domain event type that OneBot clients see. Like the action table,
 * this is the only place they are joined.
 */
export const allBuilders: readonly AnyEventBuilder[] = [
  messageBuilder,
  recallBuilder,
  memberJoinedBuilder,
  memberLeftBuilder,
  roleChangedBuilder,
  mutedBuilder,
  cardChangedBuilder,
  titleChangedBuilder,
  groupNameBuilder,
  fileUploadedBuilder,
  onlineFileAnsweredBuilder,
  essenceBuilder,
  reactionBuilder,
  friendAddedBuilder,
  pokeBuilder,
  inputStatusBuilder,
  profileLikeBuilder,
  friendRequestBuilder,
  groupRequestBuilder,
];
