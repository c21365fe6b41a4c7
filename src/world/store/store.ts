import type { Account, FriendCategory, Friendship, Group, Member } from '../model.js';
import type { AlbumRepository } from './album-store.js';
import type { QzoneRepository } from '../qzone/qzone-model.js';
import type { GroupFeaturesRepository } from '../group-features/group-features-model.js';
import type { PresenceRepository } from '../presence/presence-model.js';
import type { TodoRepository } from '../todos/todo-model.js';
import type { KeyboardClickRepository } from '../keyboards/keyboard-model.js';
import type { FaultRepository, HealthRepository } from './fault-store.js';
import type { CollectionRepository, CustomFaceRepository } from './favorites-store.js';
import type { GroupFileRepository, PrivateFileRepository } from './file-store.js';
import type { FlashRepository } from './flash-store.js';
import type { OnlineFileRepository } from './online-file-store.js';
import type { TranscriptRepository } from './transcript-store.js';
import type { UploadStreamRepository } from './upload-stream-store.js';
import type { EssenceRepository, NoticeRepository, SignRepository } from './group-content-store.js';
import type { ForwardRepository, MessageRepository, PinRepository, ReactionRepository } from './message-store.js';
import type { LikeRepository } from './profile-store.js';
import type { GroupSettingsRepository, RequestRepository } from './request-store.js';

/**
 * The world's persistence boundary: synchronous repositories, and units of work.
 *
 * Every change to the world is one `transaction(work)`. `work` is a synchronous closure that
 * reads, checks and writes through the repositories; it runs with nothing interleaved, all of
 * its writes commit together or none do (a throw rolls the unit back and rejects with what was
 * thrown), and the returned promise resolves only after the commit is durable. Writes outside a
 * unit are a programming error. Reads may run anywhere; outside a unit they see committed state.
 *
 * A store may run `work` more than once (a networked store retrying a serialization failure), so
 * `work` must do nothing besides store calls and building its result: no I/O, no timers, no
 * events sent (the world collects events inside and sends them after the promise resolves).
 * docs/architecture.md ("Units of work") has the whole contract and how PostgreSQL would meet it.
 */
export interface WorldStore {
  readonly accounts: AccountRepository;
  readonly friends: FriendRepository;
  readonly groups: GroupRepository;
  readonly members: MemberRepository;
  readonly messages: MessageRepository;
  readonly reactions: ReactionRepository;
  readonly forwards: ForwardRepository;
  readonly pins: PinRepository;
  readonly requests: RequestRepository;
  readonly groupSettings: GroupSettingsRepository;
  readonly notices: NoticeRepository;
  readonly signs: SignRepository;
  readonly essence: EssenceRepository;
  readonly secrets: SecretRepository;
  readonly likes: LikeRepository;
  readonly collections: CollectionRepository;
  readonly customFaces: CustomFaceRepository;
  readonly groupFiles: GroupFileRepository;
  readonly privateFiles: PrivateFileRepository;
  readonly albums: AlbumRepository;
  readonly todos: TodoRepository;
  readonly keyboardClicks: KeyboardClickRepository;
  readonly qzone: QzoneRepository;
  readonly groupFeatures: GroupFeaturesRepository;
  readonly presence: PresenceRepository;
  readonly flash: FlashRepository;
  readonly onlineFiles: OnlineFileRepository;
  readonly transcripts: TranscriptRepository;
  readonly uploadStreams: UploadStreamRepository;
  readonly worldFiles: WorldFileRepository;
  readonly faults: FaultRepository;
  readonly health: HealthRepository;
  readonly groupMsgMasks: GroupMsgMaskRepository;
  transaction<T>(work: () => T): Promise<T>;
  /**
   * Writes a complete, consistent copy of the world to `path` (a snapshot), after committing
   * every unit already queued. Synchronous: no unit commits in the middle of it.
   */
  saveCopy(path: string): void;
  /**
   * Puts a copy made by `saveCopy` back in place of the whole world, ids and counters included;
   * caches are cleared. A copy an earlier Catnap made is upgraded to the world's schema first;
   * one a later Catnap made throws a `CONFLICT` WorldError. Synchronous, like a unit. Units queued and not yet run are not committed
   * first: they run afterwards, on the restored world (so no event of theirs follows the restore
   * announcing a change the restore wiped).
   */
  restoreCopy(path: string): void;
  /**
   * Adds to `into` every media blob id the world names (see `blobColumns`), after committing every
   * unit already queued; or, given `copyPath`, every one a copy made by `saveCopy` names.
   * Synchronous: no unit commits in the middle of it.
   */
  blobReferences(into: Set<string>, copyPath?: string): void;
  /**
   * Registers `forget`, run whenever what was read may not be what the database holds: a batch of
   * units failed to commit (a unit in it read what an earlier one wrote, and an acknowledged-in-
   * memory change never landed), or a restore replaced every table. A cache a service keeps above
   * the repositories registers here, so it follows the journal as the repositories' caches do.
   */
  onForget(forget: () => void): void;
  close(): Promise<void>;
}

/** The world file last applied at start, by digest (so an unchanged file is not applied again). */
export interface WorldFileRepository {
  lastDigest(): string | undefined;
  recordDigest(digest: string, time: number): void;
}

/** How each account takes each group's messages (1 receive and notify, 2 group assistant, 3 blocked, 4 no notification). */
export interface GroupMsgMaskRepository {
  /** 1 when never set. */
  get(ownerId: number, groupId: number): number;
  set(ownerId: number, groupId: number, mask: number): void;
  /** The accounts that set `mask` for the group. */
  ownersWith(groupId: number, mask: number): number[];
  /** Forgets every account's setting for the group (it is being dismissed). */
  removeAll(groupId: number): void;
}

export type AccountPatch = Partial<Omit<Account, 'userId' | 'createdAt'>>;

export interface AccountRepository {
  get(userId: number): Account | undefined;
  getMany(userIds: readonly number[]): Map<number, Account>;
  list(filter?: { bot?: boolean }): Account[];
  /** How many accounts the world has (without reading them: a big world has 100,000). */
  count(): number;
  insert(account: Account): void;
  /** Inserts many new accounts at once (a world file's 100,000); same as `insert` for each. */
  insertMany(accounts: readonly Account[]): void;
  /** Which of `userIds` are accounts, in one read. */
  existing(userIds: readonly number[]): Set<number>;
  update(userId: number, patch: AccountPatch): Account;
}

export interface FriendRepository {
  categories(ownerId: number): FriendCategory[];
  upsertCategory(category: FriendCategory): void;
  /** Inserts categories that do not exist yet, at once (new accounts' default and named ones). */
  insertCategories(categories: readonly FriendCategory[]): void;
  /** Deletes the category; friends in it fall back to the default one (id 0). */
  deleteCategory(ownerId: number, categoryId: number): void;
  /** How `ownerId` sees `friendId`, if `ownerId` has `friendId` in its list. */
  get(ownerId: number, friendId: number): Friendship | undefined;
  /** Everyone in `ownerId`'s list (both mutual and one-way). */
  list(ownerId: number): Friendship[];
  /** Accounts that have `userId` in their list. */
  listFollowers(userId: number): Friendship[];
  /** Inserts or replaces one direction. */
  put(friendship: Friendship): void;
  /** Inserts friendships that do not exist yet, at once (between accounts a unit just created). */
  insertMany(friendships: readonly Friendship[]): void;
  /** Removes one direction; returns whether it existed. */
  remove(ownerId: number, friendId: number): boolean;
}

export type GroupPatch = Partial<Omit<Group, 'groupId' | 'createTime'>>;
export type MemberPatch = Partial<Omit<Member, 'groupId' | 'userId'>>;

export interface GroupRepository {
  get(groupId: number): Group | undefined;
  list(): Group[];
  /** Groups `userId` is a member of. */
  listFor(userId: number): Group[];
  insert(group: Group): void;
  /** Inserts many new groups at once (a world file's 10,000); same as `insert` for each. */
  insertMany(groups: readonly Group[]): void;
  update(groupId: number, patch: GroupPatch): Group;
  /** Deletes an empty group (its members are removed first, through MemberRepository.removeAll). */
  delete(groupId: number): void;
}

export interface MemberRepository {
  get(groupId: number, userId: number): Member | undefined;
  /** Members in join order. */
  list(groupId: number): Member[];
  userIds(groupId: number): readonly number[];
  count(groupId: number): number;
  insert(member: Member): void;
  /** Inserts many new members at once; same as `insert` for each. */
  insertMany(members: readonly Member[]): void;
  update(groupId: number, userId: number, patch: MemberPatch): Member;
  /** Records a member's message, its time and seq (written with every group message; the seq is read by its sender). */
  recordSent(groupId: number, userId: number, time: number, seq: number): void;
  remove(groupId: number, userId: number): boolean;
  /** Removes every member of a group (before the group itself is deleted). */
  removeAll(groupId: number): void;
  /** Groups both users are members of (for temp chats). */
  sharedGroups(userA: number, userB: number): number[];
}

export interface SecretRepository {
  get(name: string): string | undefined;
  insert(name: string, value: string): void;
}
