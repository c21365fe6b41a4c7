/**
 * Failures of the QQ world itself: things that are not allowed or do not exist. The world knows
 * nothing of OneBot; `onebot/error-catalogue.ts` gives every code here a stable retcode, and the
 * compiler checks that none is forgotten.
 *
 * Messages are written for a bot developer reading a log: they name the thing that failed.
 */
export const worldErrorCodes = [
  // Something named does not exist.
  'USER_NOT_FOUND',
  'GROUP_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'FILE_NOT_FOUND',
  'FOLDER_NOT_FOUND',
  'REQUEST_NOT_FOUND',
  'NOTICE_NOT_FOUND',
  'FORWARD_NOT_FOUND',
  'CATEGORY_NOT_FOUND',
  'ALBUM_NOT_FOUND',
  'ALBUM_MEDIA_NOT_FOUND',
  'QZONE_POST_NOT_FOUND',
  'TODO_NOT_FOUND',
  'KEYBOARD_BUTTON_NOT_FOUND',
  // The actor may not do this.
  'NOT_A_MEMBER',
  'NOT_FRIENDS',
  'PERMISSION_DENIED',
  'RANK_TOO_LOW',
  'MUTED',
  'ALREADY_EXISTS',
  'CONFLICT',
  'LIMIT_REACHED',
  'SEND_REFUSED',
  'MESSAGE_RECALLED',
  // The input named something unusable.
  'INVALID_ARGUMENT',
  'EMPTY_MESSAGE',
  'MEDIA_UNREADABLE',
  'MEDIA_TOO_LARGE',
  'MEDIA_TIMEOUT',
  'PATH_NOT_ALLOWED',
  'UNSUPPORTED',
  'SERVICE_UNAVAILABLE',
] as const;

export type WorldErrorCode = (typeof worldErrorCodes)[number];

export class WorldError extends Error {
  override readonly name = 'WorldError';
  constructor(
    readonly code: WorldErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Shorthands for the failures every service raises, so the wording stays the same everywhere. */
export const fail = {
  userNotFound: (userId: number) => new WorldError('USER_NOT_FOUND', `user ${userId} does not exist`, { userId }),
  /** A call made as an account the world does not have: its adapter outlived it (a restore took it away). */
  callerNotFound: (selfId: number) =>
    new WorldError(
      'USER_NOT_FOUND',
      `account ${selfId} does not exist (a snapshot restore or reset may have removed it); nothing can be done as it until it exists again`,
      { userId: selfId },
    ),
  groupNotFound: (groupId: number) => new WorldError('GROUP_NOT_FOUND', `group ${groupId} does not exist`, { groupId }),
  memberNotFound: (groupId: number, userId: number) =>
    new WorldError('MEMBER_NOT_FOUND', `user ${userId} is not a member of group ${groupId}`, { groupId, userId }),
  notAMember: (groupId: number, userId: number) =>
    new WorldError('NOT_A_MEMBER', `account ${userId} is not a member of group ${groupId}`, { groupId, userId }),
  messageNotFound: (messageId: number | string) =>
    new WorldError('MESSAGE_NOT_FOUND', `message ${messageId} does not exist`, { messageId }),
  permission: (what: string) => new WorldError('PERMISSION_DENIED', what),
  invalid: (what: string, details?: Record<string, unknown>) => new WorldError('INVALID_ARGUMENT', what, details),
};
