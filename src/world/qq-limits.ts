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
} as const;
