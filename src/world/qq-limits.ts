/**
 * QQ's length and time limits on what members set, in one place for every protocol layer (the
 * OneBot schemas state the same numbers). The world stores whatever a caller passes; the
 * protocols refuse values QQ's client would not let through.
 */
export const qqLimits = {
  groupNameLength: 90,
  cardLength: 60,
  specialTitleLength: 18,
  announcementLength: 4000,
  /** QQ's longest mute: 30 days. */
  muteSeconds: 30 * 24 * 3600,
  /**
   * The longest a special title lasts before it expires. QQ carries the expiry as a 32-bit
   * number in which -1 means "never", so a duration is at most what a signed 32-bit count of
   * seconds holds (about 68 years); beyond it the expiry would no longer be a time QQ can say.
   */
  specialTitleSeconds: 2 ** 31 - 1,
} as const;
