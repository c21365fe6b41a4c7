import type { Account, FriendCategory, Friendship, Group, Member } from '../model.js';
import type { ExtrasStore } from './extras-store.js';
import type { ForwardRepository, MessageRepository, ReactionRepository } from './message-store.js';
import type {
  CollectionRepository,
  CustomFaceRepository,
  GroupFileRepository,
  LikeRepository,
  PrivateFileRepository,
} from './extras-repositories.js';

/**
 * The world's persistence boundary. Every method returns a Promise even though the SQLite
 * implementation is synchronous underneath, so that another store (PostgreSQL) can be added
 * without touching the services. Each method is atomic on its own; operations that must change
 * several rows together are single methods here (e.g. `groups.create` with its first members).
 */
export interface WorldStore {
  readonly accounts: AccountRepository;
  readonly friends: FriendRepository;
  readonly groups: GroupRepository;
  readonly members: MemberRepository;
  /** Requests, group administration extras, announcements, check-ins, essence (migration 004). */
  readonly extras: ExtrasStore;
  readonly messages: MessageRepository;
  readonly reactions: ReactionRepository;
  readonly forwards: ForwardRepository;
  // The seed API's extras (migration 003).
  readonly likes: LikeRepository;
  readonly collections: CollectionRepository;
  readonly customFaces: CustomFaceRepository;
  readonly groupFiles: GroupFileRepository;
  readonly privateFiles: PrivateFileRepository;
  close(): Promise<void>;
}

export type AccountPatch = Partial<Omit<Account, 'userId' | 'createdAt'>>;

export interface AccountRepository {
  get(userId: number): Promise<Account | undefined>;
  getMany(userIds: readonly number[]): Promise<Map<number, Account>>;
  list(filter?: { bot?: boolean }): Promise<Account[]>;
  insert(account: Account): Promise<void>;
  update(userId: number, patch: AccountPatch): Promise<Account>;
}

export interface FriendRepository {
  categories(ownerId: number): Promise<FriendCategory[]>;
  upsertCategory(category: FriendCategory): Promise<void>;
  deleteCategory(ownerId: number, categoryId: number): Promise<void>;
  /** How `ownerId` sees `friendId`, if `ownerId` has `friendId` in its list. */
  get(ownerId: number, friendId: number): Promise<Friendship | undefined>;
  /** Everyone in `ownerId`'s list (both mutual and one-way). */
  list(ownerId: number): Promise<Friendship[]>;
  /** Accounts that have `userId` in their list. */
  listFollowers(userId: number): Promise<Friendship[]>;
  /** Inserts or replaces one direction. */
  put(friendship: Friendship): Promise<void>;
  /** Inserts or replaces both directions in one transaction. */
  putPair(a: Friendship, b: Friendship): Promise<void>;
  /** Removes one direction; returns whether it existed. */
  remove(ownerId: number, friendId: number): Promise<boolean>;
}

export type GroupPatch = Partial<Omit<Group, 'groupId' | 'createTime'>>;
export type MemberPatch = Partial<Omit<Member, 'groupId' | 'userId'>>;

export interface GroupRepository {
  get(groupId: number): Promise<Group | undefined>;
  list(): Promise<Group[]>;
  /** Groups `userId` is a member of. */
  listFor(userId: number): Promise<Group[]>;
  /** Creates the group and its first members together. */
  create(group: Group, members: readonly Member[]): Promise<void>;
  update(groupId: number, patch: GroupPatch): Promise<Group>;
  /** Deletes the group and, through the foreign keys, its members. */
  delete(groupId: number): Promise<void>;
  memberCount(groupId: number): Promise<number>;
  /** Transfers ownership: the group's owner_id and both members' roles, in one transaction. */
  transferOwner(groupId: number, fromUserId: number, toUserId: number): Promise<void>;
}

export interface MemberRepository {
  get(groupId: number, userId: number): Promise<Member | undefined>;
  list(groupId: number): Promise<Member[]>;
  userIds(groupId: number): Promise<number[]>;
  insert(member: Member): Promise<void>;
  update(groupId: number, userId: number, patch: MemberPatch): Promise<Member>;
  remove(groupId: number, userId: number): Promise<boolean>;
  /** Groups both users are members of (for temp chats). */
  sharedGroups(userA: number, userB: number): Promise<number[]>;
}
