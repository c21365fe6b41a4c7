import { foundation } from './001-foundation.js';
import { messagesMigration } from './002-messages.js';
import { likesFavoritesFiles } from './003-likes-favorites-files.js';
import { groupAdmin } from './004-group-admin.js';
import { peerPins } from './006-peer-pins.js';
import { worldRules } from './007-world-rules.js';
import { groupAlbums } from './010-group-albums.js';
import { groupTodos } from './011-group-todos.js';
import { qzone } from './012-qzone.js';
import { groupFeatures } from './013-group-features.js';
import { devicePresence } from './014-device-presence.js';
import { groupAnonymous } from './015-group-anonymous.js';
import { keyboardClicks } from './017-keyboard-clicks.js';
import { flashTransfer } from './020-flash-transfer.js';
import { onlineFiles } from './021-online-files.js';
import { recordTranscripts } from './022-record-transcripts.js';
import { uploadStreams } from './023-upload-streams.js';
import { onlineFolders } from './024-online-folders.js';
import { groupMsgMasks } from './030-group-msg-masks.js';
import { memberSentSeq } from './031-member-sent-seq.js';
import { worldFileDigest } from './050-world-file-digest.js';
import { mediaMessageIndex } from './051-media-message-index.js';
import { faultsMigration } from './060-faults.js';

/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped, nor change its version: add a new one (a database records the
 * versions it has applied; file and constant names may change freely). Versions are taken per
 * area so that parallel work does not collide: 001 foundation, 002 messages, 003 likes,
 * favourites and files, 004 requests and group administration, 005 reserved (profile and
 * favourites, which landed in 003), 006 pinned chats, 007 rules of the world stated as
 * constraints, 010–019 the world features of issue 17 (010 group albums, 011 group to-dos, 012 QZone posts,
 * 013 group feature switches, 014 model show and custom status, 015 the anonymous chat switch, 017 inline keyboard clicks), 020 flash transfer, 021 online files,
 * 022 record transcripts, 023 upload streams, 024 online folders, 030 group message masks, 031 a member's last sent seq, 050 the digest of the
 * world file applied at start, 051 the index of messages with media (for the blob sweep), 060 fault rules and account health.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  foundation,
  messagesMigration,
  likesFavoritesFiles,
  groupAdmin,
  peerPins,
  worldRules,
  groupAlbums,
  groupTodos,
  qzone,
  groupFeatures,
  devicePresence,
  groupAnonymous,
  keyboardClicks,
  flashTransfer,
  onlineFiles,
  recordTranscripts,
  uploadStreams,
  onlineFolders,
  groupMsgMasks,
  memberSentSeq,
  worldFileDigest,
  mediaMessageIndex,
  faultsMigration,
];
