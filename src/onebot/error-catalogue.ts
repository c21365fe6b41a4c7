import { WorldError, type WorldErrorCode } from '../world/errors.js';

/**
 * The one error catalogue. Every failure a OneBot client can see has a stable code, a retcode
 * and a meaning; `docs/errors.md` is generated from this table (and a test keeps it in sync).
 *
 * Protocol failures come from the OneBot layer itself; world failures come from the QQ world and
 * keep the world's code. The `Record` type makes the compiler reject a world code without a retcode.
 */
export const protocolErrors = {
  BAD_PARAMS: { retcode: 1400, meaning: 'The params are missing, of the wrong type, or malformed (a bad message segment, say).' },
  TOKEN_MISSING: { retcode: 1401, meaning: 'No access token was given (WebSocket frames; HTTP answers 401).' },
  TOKEN_WRONG: { retcode: 1403, meaning: 'The access token is wrong (WebSocket frames; HTTP answers 403).' },
  UNKNOWN_ACTION: { retcode: 1404, meaning: 'No action has this name (HTTP answers 404).' },
  BROWSER_REFUSED: {
    retcode: 1405,
    meaning:
      'A web page (a request with Origin or Sec-Fetch-Site) called an adapter without a token; HTTP answers 403. See api.allowedOrigins.',
  },
  QUEUE_FULL: { retcode: 1429, meaning: 'Too many `_async` / `_rate_limited` calls are waiting for this account.' },
  TEST_FAILURE: {
    retcode: 200,
    meaning:
      "test_download_stream was asked to fail (`error: true`): after its packets it fails with NapCat's generic retcode, as NapCat's test does.",
  },
  INTERNAL: { retcode: 1200, meaning: 'An unexpected failure inside Catnap; the details are in its log, never in the reply.' },
} as const;

export type ProtocolErrorCode = keyof typeof protocolErrors;

export const worldErrors: Record<WorldErrorCode, { retcode: number; meaning: string }> = {
  USER_NOT_FOUND: { retcode: 2001, meaning: 'No account has this user_id.' },
  GROUP_NOT_FOUND: { retcode: 2002, meaning: 'No group has this group_id.' },
  MEMBER_NOT_FOUND: { retcode: 2003, meaning: 'The user is not a member of the group.' },
  MESSAGE_NOT_FOUND: { retcode: 2004, meaning: 'No message has this id, or it is not visible to this account.' },
  FILE_NOT_FOUND: { retcode: 2005, meaning: 'No file has this id.' },
  FOLDER_NOT_FOUND: { retcode: 2006, meaning: 'No folder has this id.' },
  REQUEST_NOT_FOUND: { retcode: 2007, meaning: 'No pending request has this flag.' },
  NOTICE_NOT_FOUND: { retcode: 2008, meaning: 'No group announcement has this id.' },
  FORWARD_NOT_FOUND: { retcode: 2009, meaning: 'No merged-forward message has this id.' },
  CATEGORY_NOT_FOUND: { retcode: 2010, meaning: 'The account has no friend category with this id.' },
  // 2021-2029: the world features of issue 17 (albums, QZone, to-dos).
  ALBUM_NOT_FOUND: { retcode: 2021, meaning: 'The group has no album with this album_id.' },
  ALBUM_MEDIA_NOT_FOUND: { retcode: 2022, meaning: 'The album has no photo or video with this lloc (or upload batch with this batch_id).' },
  QZONE_POST_NOT_FOUND: { retcode: 2023, meaning: 'The account has no QZone post with this tid.' },
  TODO_NOT_FOUND: { retcode: 2024, meaning: 'The group has no to-do for this message.' },
  KEYBOARD_BUTTON_NOT_FOUND: { retcode: 2025, meaning: 'The message has no inline keyboard of this bot, or no button with this id.' },
  NOT_A_MEMBER: { retcode: 2101, meaning: 'The acting account is not a member of the group.' },
  NOT_FRIENDS: { retcode: 2102, meaning: 'The two accounts are not friends (and share no group for a temp chat).' },
  PERMISSION_DENIED: { retcode: 2103, meaning: 'The acting account lacks the role this needs (admin or owner).' },
  RANK_TOO_LOW: { retcode: 2104, meaning: 'The target has an equal or higher rank than the acting account.' },
  MUTED: { retcode: 2105, meaning: 'The acting account is muted in the group, or the whole group is muted.' },
  ALREADY_EXISTS: { retcode: 2106, meaning: 'The thing to create exists already.' },
  CONFLICT: { retcode: 2107, meaning: 'The change conflicts with the current state (a request already answered, say).' },
  LIMIT_REACHED: { retcode: 2108, meaning: 'A limit of the world was reached (group full, daily likes used up, ...).' },
  SEND_REFUSED: {
    retcode: 1200,
    meaning:
      "A send broke one of QQ's limits configured in catnap.json `limits` (messages per minute, length, image size). NapCat publishes no envelope for these, so Catnap answers NapCat's generic failure: retcode 1200 over WebSocket, 200 over HTTP.",
  },
  MESSAGE_RECALLED: { retcode: 2109, meaning: 'The message was recalled.' },
  INVALID_ARGUMENT: { retcode: 1400, meaning: 'A param has the right type but a value the world cannot use.' },
  EMPTY_MESSAGE: { retcode: 1400, meaning: 'The message has no content left to send.' },
  MEDIA_UNREADABLE: { retcode: 2201, meaning: 'A media source (file, URL, base64) could not be read.' },
  MEDIA_TOO_LARGE: { retcode: 2202, meaning: 'A media source is larger than the configured limit.' },
  MEDIA_TIMEOUT: { retcode: 2203, meaning: 'Downloading a media source took longer than the configured limit.' },
  PATH_NOT_ALLOWED: { retcode: 2204, meaning: 'A local path is outside the configured media.fileRoots.' },
  UNSUPPORTED: { retcode: 2205, meaning: 'The world cannot do this (for example raw QQ packets).' },
  SERVICE_UNAVAILABLE: { retcode: 2206, meaning: 'A service this needs (OCR, remote translation) is not available.' },
};

/** A failure raised by the OneBot layer itself (bad params, unknown action, ...). */
export class ActionError extends Error {
  override readonly name = 'ActionError';
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
  }
  get retcode(): number {
    return protocolErrors[this.code].retcode;
  }
}

export const badParams = (message: string): ActionError => new ActionError('BAD_PARAMS', message);

/** The retcode and client-facing message of any thrown value; unknown errors say nothing inside. */
export function describeFailure(error: unknown): { retcode: number; message: string; internal: boolean } {
  if (error instanceof ActionError) return { retcode: error.retcode, message: error.message, internal: false };
  if (error instanceof WorldError) return { retcode: worldErrors[error.code].retcode, message: error.message, internal: false };
  return { retcode: protocolErrors.INTERNAL.retcode, message: 'internal error (see the Catnap log)', internal: true };
}
