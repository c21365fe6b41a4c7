import type { Account, Group, Member, Role } from './model.js';
import type { MessageRecord } from './messages/message.js';
import type { HealthState } from './faults/fault-model.js';

/**
 * Typed domain events. Every change in the world emits its events after its unit of work has
 * committed (a change that fails emits none); notifications that change nothing (pokes, input
 * status) are sent at once. `audience` lists
 * the accounts that observe the change (group members at that moment, both sides of a private
 * chat, ...): the OneBot layer turns the event into one OneBot event per observing account.
 */
interface Base {
  /** Unix seconds. */
  readonly time: number;
  readonly audience: readonly number[];
}

export type DomainEvent =
  // Accounts, friends, groups (world management).
  | (Base & { readonly type: 'account.created'; readonly account: Account })
  | (Base & { readonly type: 'account.updated'; readonly account: Account; readonly changed: readonly string[] })
  | (Base & { readonly type: 'friend.added'; readonly userId: number; readonly friendId: number })
  | (Base & { readonly type: 'friend.removed'; readonly userId: number; readonly friendId: number })
  | (Base & { readonly type: 'friend.updated'; readonly ownerId: number; readonly friendId: number })
  | (Base & { readonly type: 'category.changed'; readonly ownerId: number })
  | (Base & { readonly type: 'group.created'; readonly group: Group })
  | (Base & {
      readonly type: 'group.updated';
      readonly group: Group;
      readonly operatorId: number;
      readonly changed: readonly string[];
    })
  | (Base & { readonly type: 'group.name_changed'; readonly groupId: number; readonly operatorId: number; readonly name: string })
  | (Base & {
      readonly type: 'member.joined';
      readonly member: Member;
      readonly operatorId: number;
      /** approve: joined on request (or added by the world); invite: invited by operatorId. */
      readonly subType: 'approve' | 'invite';
      /**
       * Whose invitation led to the join, else 0: the operator of an invite, and the inviting member
       * of an approved join request that began as a plain member's invitation.
       */
      readonly invitorId: number;
      /** The owner or admin who approved a join request, else 0 (nobody approved: a join setting, an invitation, the world). */
      readonly approverId: number;
    })
  | (Base & {
      readonly type: 'member.left';
      readonly groupId: number;
      readonly userId: number;
      readonly operatorId: number;
      readonly subType: 'leave' | 'kick' | 'kick_me' | 'disband';
    })
  | (Base & {
      readonly type: 'member.role_changed';
      readonly groupId: number;
      readonly userId: number;
      readonly role: Role;
      readonly previous: Role;
      /** The group's owner when the change was made: only the owner sets admins or hands the group on. */
      readonly operatorId: number;
    })
  | (Base & {
      readonly type: 'member.card_changed';
      readonly groupId: number;
      readonly userId: number;
      readonly cardNew: string;
      readonly cardOld: string;
    })
  | (Base & { readonly type: 'member.title_changed'; readonly groupId: number; readonly userId: number; readonly title: string })
  | (Base & {
      readonly type: 'member.muted';
      readonly groupId: number;
      /** 0 for the whole group. */
      readonly userId: number;
      readonly operatorId: number;
      /** Seconds; 0 lifts the mute; -1 with userId 0 is a whole-group mute. */
      readonly duration: number;
    })
  // Messages.
  | (Base & { readonly type: 'message.created'; readonly message: MessageRecord })
  | (Base & { readonly type: 'message.recalled'; readonly message: MessageRecord; readonly operatorId: number })
  | (Base & {
      readonly type: 'message.reaction';
      readonly message: MessageRecord;
      readonly userId: number;
      readonly emojiId: string;
      readonly emojiType: number;
      readonly isAdd: boolean;
      /** Current count of every emoji on the message after the change. */
      readonly likes: readonly { readonly emojiId: string; readonly count: number }[];
    })
  | (Base & {
      readonly type: 'essence.changed';
      readonly groupId: number;
      readonly message: MessageRecord;
      readonly operatorId: number;
      readonly added: boolean;
    })
  | (Base & {
      readonly type: 'poke';
      /** 0 for a friend poke. */
      readonly groupId: number;
      readonly senderId: number;
      readonly targetId: number;
    })
  | (Base & {
      /** An online file offer was answered: accepted (receive) or refused by its receiver, or cancelled by its sender. */
      readonly type: 'online_file.answered';
      readonly senderId: number;
      readonly receiverId: number;
      readonly msgId: string;
      readonly outcome: 'receive' | 'refuse' | 'cancel';
    })
  | (Base & {
      readonly type: 'file.uploaded';
      readonly groupId: number;
      readonly userId: number;
      readonly file: { readonly id: string; readonly name: string; readonly size: number; readonly busid: number };
    })
  // Faults on demand (docs/faults.md): an account's health changed; the fault rules changed.
  | (Base & {
      readonly type: 'account.health';
      readonly userId: number;
      readonly state: HealthState;
      readonly previous: HealthState;
      readonly message: string;
    })
  | (Base & { readonly type: 'faults.changed' })
  // Requests and presence.
  | (Base & {
      readonly type: 'request.friend';
      readonly flag: string;
      readonly userId: number;
      readonly targetId: number;
      readonly comment: string;
    })
  | (Base & {
      readonly type: 'request.group';
      readonly flag: string;
      /** add: userId asks to join (or a member invited userId); invite: userId invites the target. */
      readonly subType: 'add' | 'invite';
      readonly groupId: number;
      readonly userId: number;
      readonly invitorId: number;
      readonly comment: string;
    })
  | (Base & {
      readonly type: 'request.answered';
      readonly flag: string;
      readonly kind: 'friend' | 'join' | 'invite';
      readonly requesterId: number;
      /** join and invite: the group; friend: 0. */
      readonly groupId: number;
      /** Who answered (0: the group's join setting decided). */
      readonly actorId: number;
      readonly approved: boolean;
      readonly reason: string;
    })
  // Group administration extras (announcements, check-ins, per-account remarks).
  | (Base & { readonly type: 'group.remark_changed'; readonly ownerId: number; readonly groupId: number; readonly remark: string })
  | (Base & {
      readonly type: 'group.notice';
      readonly groupId: number;
      readonly noticeId: string;
      readonly senderId: number;
      readonly operatorId: number;
      readonly action: 'posted' | 'deleted';
    })
  | (Base & { readonly type: 'group.signed'; readonly groupId: number; readonly userId: number })
  | (Base & {
      readonly type: 'input_status';
      readonly userId: number;
      readonly targetId: number;
      readonly eventType: number;
      readonly statusText: string;
    })
  | (Base & {
      readonly type: 'conversation.pinned';
      readonly ownerId: number;
      readonly kind: 'group' | 'private';
      readonly peerId: number;
      readonly pinned: boolean;
      /** A private chat with someone who is not a mutual friend: QQ's temp chat through a shared group. */
      readonly temp: boolean;
    })
  | (Base & { readonly type: 'profile_like'; readonly operatorId: number; readonly targetId: number; readonly times: number })
  // The whole world put back as a snapshot kept it (no account observes it: QQ has no such thing).
  | (Base & { readonly type: 'world.restored'; readonly snapshot: string })
  // A world file applied at start stands in for the per-row events it left out: how many of each type.
  | (Base & { readonly type: 'world.file_applied'; readonly omitted: { readonly [type: string]: number } });

export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

export type DomainEventListener = (event: DomainEvent) => void;

/**
 * Synchronous fan-out of domain events to listeners. A listener that throws is reported through
 * `onListenerError` and never stops the others or the change that caused the event.
 */
export class DomainEventBus {
  #listeners = new Set<DomainEventListener>();
  constructor(private readonly onListenerError: (error: unknown, event: DomainEvent) => void = () => undefined) {}

  on(listener: DomainEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: DomainEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
