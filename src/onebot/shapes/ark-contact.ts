import type { Account, Group } from '../../world/model.js';
import type { PublicUrls } from '../action.js';
import { groupAvatarUrl, userAvatarUrl } from './avatar.js';

/**
 * QQ's recommended-contact ark cards (`com.tencent.contact.lua`, view "contact"), as QQ builds
 * them when a contact is shared: the JSON text of a json message segment. They name the real
 * account or group of the world and link to its profile card.
 */
function contactArk(prompt: string, tag: string, contact: Record<string, string>, time: number): string {
  return JSON.stringify({
    app: 'com.tencent.contact.lua',
    bizsrc: '',
    desc: '',
    view: 'contact',
    ver: '0.0.0.1',
    prompt,
    appID: '',
    sourceName: '',
    actionData: '',
    actionData_A: '',
    sourceUrl: '',
    meta: { contact: { ...contact, tag, tagIcon: '' } },
    config: { autosize: 1, ctime: time, forward: 1, type: 'normal' },
    text: '',
    extraApps: [],
    sourceAd: '',
    extra: '',
  });
}

export function userContactArk(account: Account, urls: PublicUrls, time: number, phoneNumber = ''): string {
  return contactArk(
    `推荐联系人：${account.nickname}`,
    '推荐联系人',
    {
      avatar: userAvatarUrl(account, urls),
      contact: phoneNumber ? `手机号：${phoneNumber}` : `QQ号：${account.userId}`,
      jumpUrl: `mqqapi://card/show_pslcard?src_type=internal&source=sharecard&version=1&uin=${account.userId}`,
      nickname: account.nickname,
    },
    time,
  );
}

export function groupContactArk(group: Group, urls: PublicUrls, time: number): string {
  return contactArk(
    `推荐群聊：${group.name}`,
    '推荐群聊',
    {
      avatar: groupAvatarUrl(group, urls),
      contact: `群号：${group.groupId}`,
      jumpUrl: `mqqapi://card/show_pslcard?src_type=internal&version=1&card_type=group&source=qrcode&uin=${group.groupId}`,
      nickname: group.name,
    },
    time,
  );
}
