/** A start-up failure with a message meant for the person who ran `catnap start`. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
