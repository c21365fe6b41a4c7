/**
 * QQ's group size tiers. A new group holds 500 members; QQ raises a group to 1000, 2000 or 3000
 * (by membership level or payment), and no ordinary group holds more than 3000.
 */
export const groupSizeTiers = [500, 1000, 2000, 3000] as const;

/** The largest group QQ allows. */
export const largestGroupSize = 3000;

/** The smallest tier that holds `members` (500 for any smaller group); undefined above 3000. */
export function groupSizeTierFor(members: number): number | undefined {
  return groupSizeTiers.find((tier) => tier >= members);
}
