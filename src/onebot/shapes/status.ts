import type { Account } from '../../world/model.js';

/** QQ's "offline" status code, which an invisible account (40) shows to everyone else. */
export const offlineStatus = 20;

/** The online status `viewerId` sees of `account`: invisible looks offline to others. */
export function visibleStatus(account: Account, viewerId: number): { status: number; ext_status: number } {
  const { status, extStatus } = account.onlineStatus;
  if (status === 40 && viewerId !== account.userId) return { status: offlineStatus, ext_status: 0 };
  return { status, ext_status: extStatus };
}
