import { WorldError, type WorldErrorCode } from '../world/errors.js';

/**
 * Milky's error catalogue. The spec fixes two retcodes (-400: the input did not parse, -403: the
 * account is not logged in) and leaves the rest to the implementation; Catnap gives every world
 * failure a stable negative retcode of its own here, so a Milky bot can tell "no such group" from
 * "not an admin" without parsing the message. The generated Milky page lists this table, and the
 * compiler rejects a world code without a retcode.
 */
export const milkyProtocolErrors = {
  BAD_INPUT: { retcode: -400, meaning: 'The input does not match the API’s schema (a missing field, a wrong type, a bad segment).' },
  NOT_LOGGED_IN: {
    retcode: -403,
    meaning:
      'The account is logged out (its health is offline or kicked, see faults.md, or a fault rule’s `logged_out` preset): APIs that change something answer this and change nothing; `get_*` APIs still answer.',
  },
  // LLBot answers a failure QQ's kernel reports with -500 and the kernel's errMsg (its
  // src/milky/api/group.ts and friend.ts: `Failed(-500, result.errMsg)`): the same code here.
  QQ_FAILED: {
    retcode: -500,
    meaning:
      'QQ failed the call: a fault rule’s `fail` effect, or a send timing out for a zombie account (see faults.md); the message says what QQ answered.',
  },
  INTERNAL: { retcode: -500, meaning: 'An unexpected failure inside Catnap; the details are in its log, never in the reply.' },
} as const;

export type MilkyProtocolErrorCode = keyof typeof milkyProtocolErrors;

export const milkyWorldErrors: Record<WorldErrorCode, number> = {
  USER_NOT_FOUND: -404,
  GROUP_NOT_FOUND: -404,
  MEMBER_NOT_FOUND: -404,
  MESSAGE_NOT_FOUND: -404,
  FILE_NOT_FOUND: -404,
  FOLDER_NOT_FOUND: -404,
  REQUEST_NOT_FOUND: -404,
  NOTICE_NOT_FOUND: -404,
  FORWARD_NOT_FOUND: -404,
  CATEGORY_NOT_FOUND: -404,
  ALBUM_NOT_FOUND: -404,
  ALBUM_MEDIA_NOT_FOUND: -404,
  QZONE_POST_NOT_FOUND: -404,
  TODO_NOT_FOUND: -404,
  KEYBOARD_BUTTON_NOT_FOUND: -404,
  NOT_A_MEMBER: -1001,
  NOT_FRIENDS: -1002,
  PERMISSION_DENIED: -1003,
  RANK_TOO_LOW: -1004,
  MUTED: -1005,
  ALREADY_EXISTS: -1006,
  CONFLICT: -1007,
  LIMIT_REACHED: -1008,
  // One of QQ's sending limits (catnap.json `limits`): a limit reached, as Milky reports those.
  SEND_REFUSED: -1008,
  MESSAGE_RECALLED: -1009,
  INVALID_ARGUMENT: -400,
  EMPTY_MESSAGE: -400,
  MEDIA_UNREADABLE: -1010,
  MEDIA_TOO_LARGE: -1011,
  MEDIA_TIMEOUT: -1012,
  PATH_NOT_ALLOWED: -1013,
  UNSUPPORTED: -1014,
  SERVICE_UNAVAILABLE: -1015,
};

/** A failure raised by the Milky layer itself (input the schema let through but Catnap cannot use). */
export class MilkyError extends Error {
  override readonly name = 'MilkyError';
  constructor(
    readonly code: MilkyProtocolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badInput = (message: string): MilkyError => new MilkyError('BAD_INPUT', message);

/** The retcode and client-facing message of any thrown value; unknown errors say nothing inside. */
export function describeMilkyFailure(error: unknown): { retcode: number; message: string; internal: boolean } {
  if (error instanceof MilkyError) return { retcode: milkyProtocolErrors[error.code].retcode, message: error.message, internal: false };
  if (error instanceof WorldError) return { retcode: milkyWorldErrors[error.code], message: error.message, internal: false };
  return { retcode: milkyProtocolErrors.INTERNAL.retcode, message: 'internal error (see the Catnap log)', internal: true };
}
