import type { FlashFileSet, FlashShare } from '../flash/records.js';

/** Flash transfer file sets (migration 020). Writes run inside a unit of work. */
export interface FlashRepository {
  insert(set: FlashFileSet): void;
  get(filesetId: string): FlashFileSet | undefined;
  byShareCode(code: string): FlashFileSet | undefined;
  /** Sets the account owns, newest first. */
  ownedBy(userId: number): FlashFileSet[];
  isViewer(filesetId: string, userId: number): boolean;
  addViewer(filesetId: string, userId: number): void;
  shares(filesetId: string): FlashShare[];
  addShare(filesetId: string, share: FlashShare): void;
  /** When the account saved the set (0 = never). */
  downloadTime(filesetId: string, userId: number): number;
  recordDownload(filesetId: string, userId: number, time: number): void;
}
