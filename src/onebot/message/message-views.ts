import type { ForwardBundle } from '../../world/messages/forward.js';
import { groupOf, type MessageRecord } from '../../world/messages/message.js';
import type { Member } from '../../world/model.js';
import { maxForwardDepth } from '../../world/messages/forward.js';
import type { World } from '../../world/world.js';
import type { ActionContext, MessageFormat } from '../action.js';
import { toOb11ForwardNode } from '../shapes/forward.js';
import { toOb11Message, type MessageContext, type Ob11Message } from '../shapes/message.js';
import type { RenderContext } from './render.js';
import type { Segment } from './segment.js';

/**
 * Gathers what `toOb11Message` needs for a batch of records (sender nicknames, cards and roles,
 * group names), loading each account, member and group once. Synchronous, as the world's reads
 * are: every event's build goes through it, and each await cost a turn of the microtask queue.
 */
export function loadMessageContexts(world: World, records: readonly MessageRecord[]): Map<number, MessageContext> {
  if (records.length === 1) return new Map([[records[0]!.messageId, loadMessageContext(world, records[0]!)]]);
  const accounts = world.accounts.getMany(records.map((record) => record.senderId));
  const members = new Map<string, Member | undefined>();
  const groupNames = new Map<number, string>();
  const result = new Map<number, MessageContext>();
  for (const record of records) {
    const groupId = groupOf(record);
    if (groupId && !groupNames.has(groupId)) groupNames.set(groupId, world.groups.find(groupId)?.name ?? '');
    let member: Member | undefined;
    if (record.conversation.type === 'group') {
      const key = `${groupId}:${record.senderId}`;
      if (!members.has(key)) members.set(key, world.groups.findMember(groupId, record.senderId));
      member = members.get(key);
    }
    result.set(record.messageId, contextOf(record, accounts.get(record.senderId)?.nickname, member, groupNames.get(groupId)));
  }
  return result;
}

/** `loadMessageContexts` for one record (each new message's event), without the batch's maps. */
export function loadMessageContext(world: World, record: MessageRecord): MessageContext {
  const groupId = groupOf(record);
  return contextOf(
    record,
    world.accounts.find(record.senderId)?.nickname,
    record.conversation.type === 'group' ? world.groups.findMember(groupId, record.senderId) : undefined,
    groupId ? (world.groups.find(groupId)?.name ?? '') : undefined,
  );
}

function contextOf(
  record: MessageRecord,
  nickname: string | undefined,
  member: Member | undefined,
  groupName: string | undefined,
): MessageContext {
  const name = nickname ?? String(record.senderId);
  if (record.conversation.type !== 'group')
    return { sender: { nickname: name, card: '' }, ...(groupName !== undefined ? { groupName } : {}) };
  return {
    sender: {
      nickname: name,
      card: member?.card ?? '',
      role: member?.role ?? 'member',
      level: member?.level ?? 1,
      title: member?.title ?? '',
    },
    groupName,
  };
}

export interface ViewOptions {
  readonly format: MessageFormat;
  /** Fill forward segments' `content` with their nodes (NapCat's parse_mult_msg; array format only). */
  readonly forwardContent: boolean;
}

/** How a call's replies render messages: Catnap's URLs, in the caller's dialect. */
export function renderContextOf(ctx: ActionContext): RenderContext {
  return { urls: ctx.services.urls, dialect: ctx.dialect };
}

/** Records as NapCat's message objects, seen by the calling account. */
export async function viewMessages(ctx: ActionContext, records: readonly MessageRecord[], options: ViewOptions): Promise<Ob11Message[]> {
  const contexts = loadMessageContexts(ctx.world, records);
  const render = renderContextOf(ctx);
  const views: Ob11Message[] = [];
  for (const record of records) {
    // A recalled message shows nothing of what it said (NapCat renders QQ's recall notice as no segment).
    const shown = record.recalled ? { ...record, elements: [] } : record;
    const view = toOb11Message(shown, contexts.get(record.messageId)!, ctx.selfId, options.format, render);
    if (options.forwardContent && Array.isArray(view.message))
      await attachForwardContent(ctx.world, view.message, ctx.selfId, render, maxForwardDepth);
    views.push(view);
  }
  return views;
}

/** The nodes of a bundle as message objects, with nested forwards filled in (array format). */
export async function forwardNodeViews(
  world: World,
  bundle: ForwardBundle,
  selfId: number,
  format: MessageFormat,
  render: RenderContext,
): Promise<Ob11Message[]> {
  const views: Ob11Message[] = [];
  for (const node of bundle.nodes) {
    const view = toOb11ForwardNode(node, bundle, selfId, format, render);
    if (Array.isArray(view.message)) await attachForwardContent(world, view.message, selfId, render, maxForwardDepth - 1);
    views.push(view);
  }
  return views;
}

async function attachForwardContent(
  world: World,
  segments: Segment[],
  selfId: number,
  render: RenderContext,
  levels: number,
): Promise<void> {
  if (levels <= 0) return;
  for (const segment of segments) {
    if (segment.type !== 'forward') continue;
    const bundle = await world.store.forwards.get(String(segment.data.id));
    if (!bundle) continue;
    const content: Ob11Message[] = [];
    for (const node of bundle.nodes) {
      const view = toOb11ForwardNode(node, bundle, selfId, 'array', render);
      await attachForwardContent(world, view.message as Segment[], selfId, render, levels - 1);
      content.push(view);
    }
    segment.data.content = content;
  }
}
