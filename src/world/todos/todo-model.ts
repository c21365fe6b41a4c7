/** A group's to-do (QQ's 群待办): one message the owner or an admin asked every member to act on. */
export interface GroupTodo {
  readonly groupId: number;
  readonly messageId: number;
  /** The message's seq in the group. */
  readonly seq: number;
  readonly setterId: number;
  readonly setTime: number;
  /** Members who marked it done, in the order they did. */
  readonly doneBy: readonly number[];
}

export interface TodoRepository {
  get(groupId: number): GroupTodo | undefined;
  /** Makes this the group's to-do, replacing any other (and who had done that one). */
  put(todo: Omit<GroupTodo, 'doneBy'>): void;
  remove(groupId: number): boolean;
  /** Marks it done for a member; false when that member already had. */
  markDone(groupId: number, userId: number, time: number): boolean;
}
