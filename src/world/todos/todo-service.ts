import { WorldError } from '../errors.js';
import { canSee } from '../messages/message-access.js';
import { conversationKey, type MessageRecord } from '../messages/message.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import type { GroupTodo } from './todo-model.js';

/** Names the message of a to-do: by message_id, or by its seq in the group. */
export type TodoMessageRef = { readonly messageId: number } | { readonly seq: number };

/**
 * Group to-dos (QQ's 群待办), with QQ's rules: the owner or an admin makes a message of the group
 * its to-do (one at a time; a new one replaces the old), every member marks it done for
 * themselves, the owner or an admin cancels it.
 */
export class TodoService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  /** The group's to-do, if any (the caller must be a member). */
  get(actor: number, groupId: number): GroupTodo | undefined {
    this.groups.requireSelf(groupId, actor);
    return this.ctx.store.todos.get(groupId);
  }

  set(actor: number, groupId: number, ref: TodoMessageRef): Promise<GroupTodo> {
    return transaction(this.ctx, () => {
      this.groups.requireAdmin(groupId, actor, 'set the group to-do');
      const message = this.requireMessage(actor, groupId, ref);
      this.ctx.store.todos.put({ groupId, messageId: message.messageId, seq: message.seq, setterId: actor, setTime: now(this.ctx) });
      return this.ctx.store.todos.get(groupId)!;
    });
  }

  complete(actor: number, groupId: number, ref: TodoMessageRef): Promise<void> {
    return transaction(this.ctx, () => {
      this.groups.requireSelf(groupId, actor);
      this.requireTodo(groupId, this.requireMessage(actor, groupId, ref));
      this.ctx.store.todos.markDone(groupId, actor, now(this.ctx));
    });
  }

  cancel(actor: number, groupId: number, ref: TodoMessageRef): Promise<void> {
    return transaction(this.ctx, () => {
      this.groups.requireAdmin(groupId, actor, 'cancel the group to-do');
      this.requireTodo(groupId, this.requireMessage(actor, groupId, ref));
      this.ctx.store.todos.remove(groupId);
    });
  }

  /** The group's message as `actor` may see it (a member with a history floor does not see older ones). */
  private requireMessage(actor: number, groupId: number, ref: TodoMessageRef): MessageRecord {
    const key = conversationKey({ type: 'group', groupId });
    const message = 'seq' in ref ? this.ctx.store.messages.getBySeq(key, ref.seq) : this.ctx.store.messages.get(ref.messageId);
    const name = 'seq' in ref ? `seq ${ref.seq}` : `${ref.messageId}`;
    if (!message || conversationKey(message.conversation) !== key || !canSee(this.ctx.store, actor, message)) {
      throw new WorldError('MESSAGE_NOT_FOUND', `group ${groupId} has no message ${name}`, { groupId });
    }
    if (message.recalled) throw new WorldError('MESSAGE_RECALLED', `message ${name} of group ${groupId} was recalled`);
    return message;
  }

  private requireTodo(groupId: number, message: MessageRecord): GroupTodo {
    const todo = this.ctx.store.todos.get(groupId);
    if (!todo || todo.messageId !== message.messageId) {
      throw new WorldError('TODO_NOT_FOUND', `message ${message.messageId} is not the to-do of group ${groupId}`, { groupId });
    }
    return todo;
  }
}
