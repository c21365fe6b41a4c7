import type { EssenceEntry, GroupNotice, GroupSign } from '../group-content-model.js';

/** Announcements, check-ins and essence messages of groups. Writes run inside a unit of work. */
export interface NoticeRepository {
  /** Stores the notice; `noticeIdOf` builds its id from the row's sequence number. */
  insert(notice: Omit<GroupNotice, 'noticeId'>, noticeIdOf: (seq: number) => string): GroupNotice;
  get(noticeId: string): GroupNotice | undefined;
  /** Pinned first, then newest first. */
  list(groupId: number): GroupNotice[];
  remove(noticeId: string): boolean;
}

export interface SignRepository {
  /** Whether the member checked in on `day`. */
  has(groupId: number, userId: number, day: string): boolean;
  insert(sign: GroupSign): void;
  /** One day's check-ins, earliest first. */
  list(groupId: number, day: string): GroupSign[];
}

export interface EssenceRepository {
  get(groupId: number, messageId: number): EssenceEntry | undefined;
  /** Newest first. */
  list(groupId: number): EssenceEntry[];
  insert(entry: EssenceEntry): void;
  remove(groupId: number, messageId: number): boolean;
}
