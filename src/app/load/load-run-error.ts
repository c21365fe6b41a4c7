/**
 * A load run that cannot go on for a reason the person can fix (no socket to watch the bot on, a
 * socket that refuses): its message is written for them. Any other error a run throws is a bug.
 */
export class LoadRunError extends Error {
  override readonly name = 'LoadRunError';
}
