/** Facts about this Catnap process that actions report (version info, robot uin ranges, ...). */
export interface RuntimeInfo {
  readonly appName: string;
  readonly appVersion: string;
  /** Unix seconds when the process started. */
  readonly startedAt: number;
  readonly robotUinRanges: readonly { readonly minUin: string; readonly maxUin: string }[];
}

/** The five robot uin ranges QQ reports (the seed document's example). */
export const defaultRobotUinRanges = [
  { minUin: '3328144510', maxUin: '3328144510' },
  { minUin: '2854196301', maxUin: '2854216399' },
  { minUin: '66600000', maxUin: '66600000' },
  { minUin: '3889000000', maxUin: '3889999999' },
  { minUin: '4010000000', maxUin: '4019999999' },
] as const;
