import type { OnlineFile, OnlineFileState } from '../online-files/records.js';

/** Online file offers (migration 021). Writes run inside a unit of work. */
export interface OnlineFileRepository {
  insert(file: OnlineFile): void;
  get(msgId: string): OnlineFile | undefined;
  /** Offers between two accounts, either way, oldest first. */
  between(userA: number, userB: number): OnlineFile[];
  answer(msgId: string, state: OnlineFileState, time: number): OnlineFile;
}
