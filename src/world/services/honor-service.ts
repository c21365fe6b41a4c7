import { atAllAllowance, chinaDayStart, groupActivitySince, type Activity } from './group-activity.js';
import { now, type ServiceContext } from './context.js';
import type { GroupService } from './group-service.js';
import { chinaDay } from './sign-service.js';

export const honorTypes = ['talkative', 'performer', 'legend', 'strong_newbie', 'emotion'] as const;
export type HonorType = (typeof honorTypes)[number];

export interface HonorEntry {
  readonly userId: number;
  readonly description: string;
}

export interface GroupHonors {
  /** The current 龙王 (most messages on the latest active day) and how many days in a row. */
  readonly current?: { readonly userId: number; readonly dayCount: number };
  readonly talkative: HonorEntry[];
  readonly performer: HonorEntry[];
  readonly legend: HonorEntry[];
  readonly strongNewbie: HonorEntry[];
  readonly emotion: HonorEntry[];
}

export interface AtAllRemaining {
  readonly canAtAll: boolean;
  readonly remainForGroup: number;
  readonly remainForUser: number;
}

const daySeconds = 24 * 3600;
/** How far back honors look. */
const windowDays = 30;
/** 龙王 is decided per day; the list covers the last week. */
const talkativeDays = 7;
/** Days in a row of messages for 群聊之火, and for 群聊炽焰. */
const performerStreak = 3;
const legendStreak = 7;
const emotionStreak = 3;
/** A newcomer (冒尖小春笋) joined within a week, after the group was created, and has said at least this much. */
const newbieDays = 7;
const newbieMessages = 5;

/**
 * Group honors (龙王, 群聊之火, 群聊炽焰, 快乐源泉, 冒尖小春笋) computed from the group's messages,
 * with China's day boundary, and what is left of the day's @all allowance. Only current members
 * hold honors.
 */
export class HonorService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  honors(actorId: number, groupId: number): GroupHonors {
    this.groups.requireSelf(groupId, actorId);
    const time = now(this.ctx);
    const start = chinaDayStart(time);
    /** Newest first: today, yesterday, ... */
    const days = Array.from({ length: windowDays }, (_, index) => chinaDay(start - index * daySeconds));
    const members = new Map(this.groups.members(groupId).map((member) => [member.userId, member]));
    const activity = groupActivitySince(this.ctx.store, groupId, start - (windowDays - 1) * daySeconds).filter((item) =>
      members.has(item.senderId),
    );
    const tally = tallyByDay(activity);

    const holders = days.slice(0, talkativeDays).map((day) => tally.leaderByDay.get(day));
    const currentIndex = holders.findIndex((holder) => holder !== undefined);
    const current =
      currentIndex < 0
        ? undefined
        : { userId: holders[currentIndex]!, dayCount: runLength(holders.slice(currentIndex), holders[currentIndex]!) };

    const performer: HonorEntry[] = [];
    const legend: HonorEntry[] = [];
    const emotion: HonorEntry[] = [];
    for (const userId of members.keys()) {
      const streak = streakOf(tally.activeDays.get(userId), days);
      if (streak >= legendStreak) legend.push({ userId, description: `连续发消息${streak}天` });
      else if (streak >= performerStreak) performer.push({ userId, description: `连续发消息${streak}天` });
      const stickers = streakOf(tally.stickerDays.get(userId), days);
      if (stickers >= emotionStreak) emotion.push({ userId, description: `已连续发送表情包${stickers}天` });
    }

    const newcomers: (HonorEntry & { said: number })[] = [];
    const group = this.groups.require(groupId);
    for (const member of members.values()) {
      // Founders (who joined as the group was created) are not newcomers.
      if (member.joinTime < time - newbieDays * daySeconds || member.joinTime <= group.createTime) continue;
      const said = activity.filter((item) => item.senderId === member.userId && item.time >= member.joinTime).length;
      if (said >= newbieMessages) {
        const joinedDays = Math.max(1, Math.ceil((time - member.joinTime) / daySeconds));
        newcomers.push({ userId: member.userId, description: `入群${joinedDays}天，发言${said}条`, said });
      }
    }
    const strongNewbie = newcomers
      .sort((a, b) => b.said - a.said || a.userId - b.userId)
      .map(({ userId, description }) => ({ userId, description }));

    const byDescriptionNumber = (a: HonorEntry, b: HonorEntry) =>
      leadingNumber(b.description) - leadingNumber(a.description) || a.userId - b.userId;
    return {
      ...(current && { current }),
      talkative: talkativeList(holders),
      performer: performer.sort(byDescriptionNumber),
      legend: legend.sort(byDescriptionNumber),
      emotion: emotion.sort(byDescriptionNumber),
      strongNewbie,
    };
  }

  /** The day's @all allowance left for the group and for the account; plain members have none. */
  atAllRemaining(actorId: number, groupId: number): AtAllRemaining {
    const self = this.groups.requireSelf(groupId, actorId);
    const allowance = atAllAllowance(this.ctx.store, groupId, actorId, self.role, now(this.ctx), this.ctx.limits);
    return { canAtAll: allowance.remainForUser > 0, ...allowance };
  }
}

interface Tally {
  /** The member who first reached the day's highest message count. */
  readonly leaderByDay: Map<string, number>;
  readonly activeDays: Map<number, Set<string>>;
  readonly stickerDays: Map<number, Set<string>>;
}

function tallyByDay(activity: readonly Activity[]): Tally {
  const counts = new Map<string, Map<number, number>>();
  const best = new Map<string, number>();
  const leaderByDay = new Map<string, number>();
  const activeDays = new Map<number, Set<string>>();
  const stickerDays = new Map<number, Set<string>>();
  const mark = (map: Map<number, Set<string>>, userId: number, day: string) => map.set(userId, (map.get(userId) ?? new Set()).add(day));
  for (const item of activity) {
    const day = chinaDay(item.time);
    const dayCounts = counts.get(day) ?? new Map<number, number>();
    counts.set(day, dayCounts);
    const count = (dayCounts.get(item.senderId) ?? 0) + 1;
    dayCounts.set(item.senderId, count);
    if (count > (best.get(day) ?? 0)) {
      best.set(day, count);
      leaderByDay.set(day, item.senderId);
    }
    mark(activeDays, item.senderId, day);
    if (item.sticker) mark(stickerDays, item.senderId, day);
  }
  return { leaderByDay, activeDays, stickerDays };
}

/** Days in a row in `active`, ending today or (if today is not over yet) yesterday. */
function streakOf(active: Set<string> | undefined, days: readonly string[]): number {
  if (!active) return 0;
  const first = active.has(days[0]!) ? 0 : 1;
  let streak = 0;
  while (first + streak < days.length && active.has(days[first + streak]!)) streak++;
  return streak;
}

/** How many leading entries equal `userId`. */
function runLength(holders: readonly (number | undefined)[], userId: number): number {
  let length = 0;
  while (length < holders.length && holders[length] === userId) length++;
  return length;
}

/** Every 龙王 of the week with the days held and the longest run, most days first. */
function talkativeList(holders: readonly (number | undefined)[]): HonorEntry[] {
  const held = new Map<number, { days: number; longest: number; latest: number }>();
  holders.forEach((userId, index) => {
    if (userId === undefined) return;
    const entry = held.get(userId) ?? { days: 0, longest: 0, latest: index };
    entry.days++;
    entry.longest = Math.max(entry.longest, runLength(holders.slice(index), userId));
    held.set(userId, entry);
  });
  return [...held.entries()]
    .sort(([a, x], [b, y]) => y.days - x.days || x.latest - y.latest || a - b)
    .map(([userId, entry]) => ({ userId, description: `${entry.days}天，最长蝉联${entry.longest}天` }));
}

const leadingNumber = (text: string) => Number(/\d+/.exec(text)?.[0] ?? 0);
