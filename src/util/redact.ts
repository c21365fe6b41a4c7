/**
 * Secrets must never reach a log: tokens travel in URLs (`?access_token=` for OneBot clients,
 * `?token=` for the console's login link and live socket), and URLs are logged when something
 * fails. Every logged URL and message passes through here (see logger.ts).
 */
const tokenParams = /([?&](?:access_token|token)=)[^&#\s"'<>]*/gi;
/** `scheme://user:password@host`: the password part. */
const userinfoPassword = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@/\s]*@/gi;

/** The text with token query values and URL passwords replaced by `***`. */
export function redactSecrets(text: string): string {
  return text.replace(tokenParams, '$1***').replace(userinfoPassword, '$1***@');
}
