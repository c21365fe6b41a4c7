import type { PublicUrls } from '../../util/public-urls.js';
import type { Account, Group } from '../model.js';

/**
 * Avatar URLs. An avatar set through Catnap (set_qq_avatar, set_group_portrait, set_avatar) is a
 * media blob that Catnap serves itself; an account or group that never set one has QQ's usual
 * avatar address, as NapCat and Milky implementations report it.
 */
export function userAvatarUrl(account: Account, urls: PublicUrls): string {
  return account.avatar ? urls.media(account.avatar) : `https://q1.qlogo.cn/g?b=qq&nk=${account.userId}&s=640`;
}

export function groupAvatarUrl(group: Group, urls: PublicUrls): string {
  return group.avatar ? urls.media(group.avatar) : `https://p.qlogo.cn/gh/${group.groupId}/${group.groupId}/640/`;
}
