import type { DomainEvent, DomainEventOf, DomainEventType } from '../../world/events.js';
import type { HealthState } from '../../world/faults/fault-model.js';
import { uidOf } from '../../world/services/account-service.js';
import type { MessageViews } from '../message/message-view.js';
import { peerIdOf, sceneOf } from '../message/message-view.js';
import type { MilkyEventBody } from './milky-event.js';

/** What one receiving account's events are built with: its message views (names, groups, segments). */
export interface BuildScope {
  readonly selfId: number;
  readonly views: MessageViews;
}

type Builder<T extends DomainEventType> = (event: DomainEventOf<T>, scope: BuildScope) => Promise<MilkyEventBody[]> | MilkyEventBody[];

/** QQ's wording of a nudge, which Milky clients show when they have no image for it. */
const nudge = { display_action: '戳了戳', display_suffix: '', display_action_img_url: '' };

/**
 * Milky events from the world's domain events, one builder per domain event type, for one
 * receiving account. These are the same domain events the OneBot layer turns into its notices,
 * so a Milky bot and a NapCat bot in one group see the same happenings.
 */
const builders: { [T in DomainEventType]?: Builder<T> } = {
  async 'message.created'(event, { selfId, views }) {
    const record = event.message;
    const bodies: MilkyEventBody[] = [{ event_type: 'message_receive', data: await views.message(record) }];
    // friend_file_upload is the friend chat's (Milky has no temp-chat counterpart, and LLBot raises
    // it for C2C chats only): a temp chat's file arrives as its message's file segment alone.
    if (sceneOf(record) === 'friend') {
      for (const element of record.elements) {
        if (element.kind !== 'file') continue;
        bodies.push({
          event_type: 'friend_file_upload',
          data: {
            user_id: peerIdOf(record, selfId),
            file_id: element.fileId,
            file_name: element.media.name,
            file_size: element.media.size,
            file_hash: element.media.blobId,
            is_self: record.senderId === selfId,
          },
        });
      }
    }
    return bodies;
  },
  'message.recalled': (event, { selfId }) => [
    {
      event_type: 'message_recall',
      data: {
        message_scene: sceneOf(event.message),
        peer_id: peerIdOf(event.message, selfId),
        message_seq: event.message.seq,
        sender_id: event.message.senderId,
        operator_id: event.operatorId,
        display_suffix: '',
      },
    },
  ],
  // The two are independent: a plain member's invitation that an admin approved names both. A
  // join nobody approved (a join setting, the world) has no operator, though OneBot names the owner.
  'member.joined': (event) => [
    {
      event_type: 'group_member_increase',
      data: {
        group_id: event.member.groupId,
        user_id: event.member.userId,
        operator_id: event.approverId || null,
        invitor_id: event.invitorId || null,
      },
    },
  ],
  // A dissolved group tells each member once, about itself (QQ shows "the group was dissolved"),
  // as the OneBot notices do: not one decrease per member to every member.
  'member.left': (event, { selfId }) =>
    event.subType === 'disband' && event.userId !== selfId
      ? []
      : [
          {
            event_type: 'group_member_decrease',
            data: {
              group_id: event.groupId,
              user_id: event.userId,
              operator_id: event.subType === 'leave' ? null : event.operatorId || null,
            },
          },
        ],
  // The operator is the owner the change's unit of work saw (only the owner sets admins in QQ),
  // not the owner when the event is built: the group may have changed hands in between.
  'member.role_changed'(event) {
    const isSet = event.role === 'admin' && event.previous === 'member';
    if (!isSet && !(event.role === 'member' && event.previous === 'admin')) return [];
    return [
      {
        event_type: 'group_admin_change',
        data: { group_id: event.groupId, user_id: event.userId, operator_id: event.operatorId, is_set: isSet },
      },
    ];
  },
  'member.muted': (event) =>
    event.userId === 0
      ? [
          {
            event_type: 'group_whole_mute',
            data: { group_id: event.groupId, operator_id: event.operatorId, is_mute: event.duration !== 0 },
          },
        ]
      : [
          {
            event_type: 'group_mute',
            data: { group_id: event.groupId, user_id: event.userId, operator_id: event.operatorId, duration: Math.max(0, event.duration) },
          },
        ],
  'group.name_changed': (event) => [
    { event_type: 'group_name_change', data: { group_id: event.groupId, new_group_name: event.name, operator_id: event.operatorId } },
  ],
  'message.reaction': (event) =>
    event.message.conversation.type !== 'group'
      ? []
      : [
          {
            event_type: 'group_message_reaction',
            data: {
              group_id: event.message.conversation.groupId,
              user_id: event.userId,
              message_seq: event.message.seq,
              face_id: event.emojiId,
              reaction_type: event.emojiType === 1 ? 'face' : 'emoji',
              is_add: event.isAdd,
            },
          },
        ],
  'essence.changed': (event) => [
    {
      event_type: 'group_essence_message_change',
      data: { group_id: event.groupId, message_seq: event.message.seq, operator_id: event.operatorId, is_set: event.added },
    },
  ],
  poke(event, { selfId }) {
    if (event.groupId) {
      return [
        { event_type: 'group_nudge', data: { group_id: event.groupId, sender_id: event.senderId, receiver_id: event.targetId, ...nudge } },
      ];
    }
    const peer = event.senderId === selfId ? (event.audience.find((id) => id !== selfId) ?? selfId) : event.senderId;
    return [
      {
        event_type: 'friend_nudge',
        data: { user_id: peer, is_self_send: event.senderId === selfId, is_self_receive: event.targetId === selfId, ...nudge },
      },
    ];
  },
  'file.uploaded': (event) => [
    {
      event_type: 'group_file_upload',
      data: {
        group_id: event.groupId,
        user_id: event.userId,
        file_id: event.file.id,
        file_name: event.file.name,
        file_size: event.file.size,
      },
    },
  ],
  'request.friend': (event) => [
    {
      event_type: 'friend_request',
      data: { initiator_id: event.userId, initiator_uid: uidOf(event.userId), comment: event.comment, via: '' },
    },
  ],
  'request.group': (event) => [groupRequestBody(event)],
  // QQ logged the account out (offline or kicked; docs/faults.md): LLBot raises bot_offline with
  // the kick notice's text as the reason (its src/milky/adapter.ts, on nt/kicked-offLine), and its
  // event streams stay open. Coming back, or becoming a zombie, says nothing: QQ sends no notice.
  'account.health': (event, { selfId }) =>
    selfId === event.userId && loggedOut(event.state) && !loggedOut(event.previous)
      ? [{ event_type: 'bot_offline', data: { reason: event.message } }]
      : [],
  'conversation.pinned': (event) => [
    {
      event_type: 'peer_pin_change',
      data: {
        message_scene: event.kind === 'group' ? 'group' : event.temp ? 'temp' : 'friend',
        peer_id: event.peerId,
        is_pinned: event.pinned,
      },
    },
  ],
};

const loggedOut = (state: HealthState) => state === 'offline' || state === 'kicked';

function groupRequestBody(event: DomainEventOf<'request.group'>): MilkyEventBody {
  const seq = Number(event.flag);
  if (event.subType === 'invite') {
    return {
      event_type: 'group_invitation',
      data: { group_id: event.groupId, invitation_seq: seq, initiator_id: event.userId, source_group_id: null },
    };
  }
  if (event.invitorId) {
    return {
      event_type: 'group_invited_join_request',
      data: { group_id: event.groupId, notification_seq: seq, initiator_id: event.invitorId, target_user_id: event.userId },
    };
  }
  return {
    event_type: 'group_join_request',
    data: { group_id: event.groupId, notification_seq: seq, is_filtered: false, initiator_id: event.userId, comment: event.comment },
  };
}

/** Whether Milky has an event for this domain event type (others are skipped before any work). */
export function hasMilkyEvents(type: DomainEventType): boolean {
  return builders[type] !== undefined;
}

/** The Milky events one account receives for a domain event (none, one or several). */
export async function buildMilkyEvents(event: DomainEvent, scope: BuildScope): Promise<MilkyEventBody[]> {
  const builder = builders[event.type] as Builder<DomainEventType> | undefined;
  return builder ? builder(event, scope) : [];
}

/** The domain event types Milky reports, for the coverage page. */
export const milkyEventSources: readonly DomainEventType[] = Object.keys(builders) as DomainEventType[];
