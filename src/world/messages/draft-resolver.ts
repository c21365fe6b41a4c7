import { basename } from 'node:path';
import { fail, WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { StoredFile } from '../store/message-store.js';
import type { WorldStore } from '../store/store.js';
import type { WorldRandom } from '../../util/random.js';
import type { ContentDraft, ElementDraft, ForwardCardDraft, ForwardNodeDraft, MediaSource } from './draft.js';
import type { Element, MediaRef } from './elements.js';
import { defaultCard, maxForwardDepth, newResId, type ForwardBundle, type ForwardNode } from './forward.js';
import { canSee, recalledError, requireVisible } from './message-access.js';
import { conversationKey, type Conversation } from './message.js';
import { atAllAllowance, type AtAllQuota } from '../services/group-activity.js';

/** Where the content is going, as far as resolving it cares. */
export interface ResolveScope {
  readonly senderId: number;
  readonly conversation: Conversation;
  /** The sender's role in the group (group chats), for @all. */
  readonly senderRole?: 'owner' | 'admin' | 'member';
  readonly time: number;
}

export interface ResolvedContent {
  readonly elements: Element[];
  /** File ids handed out for file elements, stored with the message. */
  readonly files: StoredFile[];
  /** New forward bundles (innermost first), stored with the message. */
  readonly forwards: ForwardBundle[];
}

/** The media a draft's sources point at, read and stored before the unit of work that sends it. */
export type PreparedMedia = ReadonlyMap<MediaSource, MediaRef>;

/**
 * Turns what a sender gave (`ContentDraft`) into stored elements in two steps. `prepare` does the
 * slow part before the unit of work: it reads and stores every media source (downloads, files,
 * base64). `resolve` runs inside the unit, synchronously: it picks dice and rps results, names @
 * targets, checks replies, forwards and the @all allowance against the world as it is when the
 * message is stored, and builds forward bundles (nested ones too). Nothing is written here; the
 * unit stores the message, its files and its bundles together.
 */
export class DraftResolver {
  constructor(
    private readonly store: WorldStore,
    private readonly media: MediaService,
    private readonly random: WorldRandom,
    private readonly atAllQuota?: AtAllQuota,
  ) {}

  /** Whether the draft names any media, i.e. whether `prepare` has work to do. */
  static hasMedia(draft: ContentDraft): boolean {
    // Every send asks, so this walks without building the list of sources.
    if (draft.kind === 'forward') return draft.nodes.some((node) => node.kind === 'custom' && DraftResolver.hasMedia(node.content));
    return draft.elements.some((element) => mediaKinds.has(element.kind));
  }

  /** Reads and stores every media source of the draft; `senderId` is whose media ids the sources may name. */
  async prepare(draft: ContentDraft, senderId: number): Promise<PreparedMedia> {
    const media = new Map<MediaSource, MediaRef>();
    for (const source of sourcesOf(draft)) {
      // A name is a file name, never a path (it is also looked up as a source later).
      const name = source.name ? basename(source.name.replaceAll('\\', '/')) : undefined;
      media.set(source, await this.media.ingest(source.uri, senderId, name || undefined));
    }
    return media;
  }

  resolve(draft: ContentDraft, scope: ResolveScope, media: PreparedMedia): ResolvedContent {
    const out: Resolution = { elements: [], files: [], forwards: [], media };
    if (draft.kind === 'forward') {
      const bundle = this.#bundle(draft.nodes, draft.card, scope, out);
      out.elements.push({ kind: 'forward', forwardId: bundle.resId, summary: bundle.card.summary });
    } else {
      // A loop, not push(...spread): a spread of a very long list overflows the stack.
      for (const element of this.#elements(draft.elements, scope, out, true)) out.elements.push(element);
    }
    if (out.elements.length === 0) {
      throw new WorldError('EMPTY_MESSAGE', 'the message has nothing left to send (only empty text, or @ in a private chat)');
    }
    return { elements: out.elements, files: out.files, forwards: out.forwards };
  }

  #elements(drafts: readonly ElementDraft[], scope: ResolveScope, out: Resolution, topLevel: boolean): Element[] {
    const elements: Element[] = [];
    let replies = 0;
    for (const draft of drafts) {
      if ((draft.kind === 'reply' || draft.kind === 'reply-seq') && ++replies > 1)
        throw new WorldError('INVALID_ARGUMENT', 'a message can reply to one message only');
      const element = this.#element(draft, scope, out, topLevel);
      if (element) elements.push(element);
    }
    return elements;
  }

  #element(draft: ElementDraft, scope: ResolveScope, out: Resolution, topLevel: boolean): Element | undefined {
    switch (draft.kind) {
      case 'text':
        return draft.text === '' ? undefined : draft;
      case 'at':
        return this.#at(draft.target, scope);
      case 'reply': {
        const target = requireVisible(this.store, scope.senderId, draft.messageId);
        if (target.recalled) throw recalledError(target);
        if (topLevel && conversationKey(target.conversation) !== conversationKey(scope.conversation)) {
          throw new WorldError('INVALID_ARGUMENT', `message ${draft.messageId} is in another conversation and cannot be replied to here`);
        }
        return draft;
      }
      case 'reply-seq': {
        const target = this.store.messages.getBySeq(conversationKey(scope.conversation), draft.seq);
        // A seq before the sender's history floor is refused as if it were free: no hint it is taken.
        if (!target || !canSee(this.store, scope.senderId, target)) {
          throw new WorldError('MESSAGE_NOT_FOUND', `no message has seq ${draft.seq} in this conversation`, { seq: draft.seq });
        }
        if (target.recalled) throw recalledError(target);
        return { kind: 'reply', messageId: target.messageId };
      }
      case 'dice':
        return { kind: 'dice', result: draft.result ?? this.random.int(1, 6) };
      case 'rps':
        return { kind: 'rps', result: draft.result ?? this.random.int(1, 3) };
      case 'image':
        return { kind: 'image', media: prepared(out, draft.source), ...optional(draft, ['summary', 'subType', 'flash']) };
      case 'record':
        return { kind: 'record', media: prepared(out, draft.source) };
      case 'video': {
        const media = prepared(out, draft.source);
        return draft.thumb ? { kind: 'video', media, thumb: prepared(out, draft.thumb) } : { kind: 'video', media };
      }
      case 'file': {
        const media = prepared(out, draft.source);
        const file: StoredFile = { ...media, fileId: this.random.uuid() };
        out.files.push(file);
        return { kind: 'file', media, fileId: file.fileId };
      }
      case 'forward': {
        const bundle = this.store.forwards.get(draft.forwardId);
        if (!bundle)
          throw new WorldError('FORWARD_NOT_FOUND', `merged forward ${draft.forwardId} does not exist`, { resId: draft.forwardId });
        return { kind: 'forward', forwardId: bundle.resId, summary: bundle.card.summary };
      }
      case 'flashtransfer':
        // As in NapCat, which cannot build these elements either: the actions made for them post them.
        throw new WorldError(
          'INVALID_ARGUMENT',
          'a flashtransfer segment cannot be sent in a message; send the file set with send_flash_msg',
        );
      case 'keyboard': {
        // QQ shows inline keyboards under official bots' messages only: here, bot accounts' own.
        const ownAppid = String(scope.senderId);
        if (!this.store.accounts.get(scope.senderId)?.isBot) {
          throw new WorldError('INVALID_ARGUMENT', `account ${scope.senderId} is not a bot; only bots attach inline keyboards`);
        }
        if (draft.botAppid !== '' && draft.botAppid !== ownAppid) {
          throw new WorldError('INVALID_ARGUMENT', `a keyboard's bot_appid is its sender's own (${ownAppid}), not ${draft.botAppid}`);
        }
        return { ...draft, botAppid: ownAppid };
      }
      case 'onlinefile':
        throw new WorldError('INVALID_ARGUMENT', 'an onlinefile segment cannot be sent in a message; offer the file with send_online_file');
      default:
        return draft;
    }
  }

  #at(target: number | 'all', scope: ResolveScope): Element | undefined {
    // QQ has no @ in private chats; NapCat drops them too.
    if (scope.conversation.type === 'private') return undefined;
    const groupId = scope.conversation.groupId;
    if (target === 'all') {
      if (scope.senderRole === 'member') {
        throw new WorldError('PERMISSION_DENIED', `account ${scope.senderId} is a plain member of group ${groupId} and cannot @all`);
      }
      // QQ's daily @all allowance (get_group_at_all_remain shows what is left).
      if (
        scope.senderRole &&
        atAllAllowance(this.store, groupId, scope.senderId, scope.senderRole, scope.time, this.atAllQuota).remainForUser === 0
      ) {
        throw new WorldError('LIMIT_REACHED', `account ${scope.senderId} has used today's @all allowance in group ${groupId}`, { groupId });
      }
      return { kind: 'at', target: 'all', name: '全体成员' };
    }
    const account = this.store.accounts.get(target);
    if (!account) throw fail.userNotFound(target);
    const member = this.store.members.get(groupId, target);
    return { kind: 'at', target, name: member?.card || account.nickname };
  }

  #bundle(nodes: readonly ForwardNodeDraft[], card: ForwardCardDraft, scope: ResolveScope, out: Resolution): ForwardBundle {
    if (nodes.length === 0) throw new WorldError('INVALID_ARGUMENT', 'a merged forward needs at least one node');
    const built: ForwardNode[] = [];
    for (const node of nodes) built.push(this.#node(node, scope, out));
    let inner = 0;
    for (const node of built) inner = Math.max(inner, this.#depthOf(node.elements, out));
    const depth = 1 + inner;
    if (depth > maxForwardDepth) {
      throw new WorldError('INVALID_ARGUMENT', `merged forwards nest at most ${maxForwardDepth} levels deep; this one has ${depth}`);
    }
    const kind = scope.conversation.type;
    const bundle: ForwardBundle = {
      resId: newResId(this.random),
      creatorId: scope.senderId,
      time: scope.time,
      scope: kind,
      depth,
      card: defaultCard(built, kind, { ...card, news: card.news ? [...card.news] : undefined }),
      nodes: built,
    };
    out.forwards.push(bundle);
    return bundle;
  }

  #node(node: ForwardNodeDraft, scope: ResolveScope, out: Resolution): ForwardNode {
    if (node.kind === 'ref') {
      const message = requireVisible(this.store, scope.senderId, node.messageId);
      if (message.recalled) throw recalledError(message);
      const account = this.store.accounts.get(message.senderId);
      return {
        userId: message.senderId,
        nickname: account?.nickname ?? String(message.senderId),
        time: message.time,
        elements: message.elements,
        messageId: message.messageId,
      };
    }
    let elements: Element[];
    if (node.content.kind === 'forward') {
      const inner = this.#bundle(node.content.nodes, node.content.card, scope, out);
      elements = [{ kind: 'forward', forwardId: inner.resId, summary: inner.card.summary }];
    } else {
      elements = this.#elements(node.content.elements, scope, out, false);
    }
    if (elements.length === 0) throw new WorldError('EMPTY_MESSAGE', `the node of ${node.userId} (${node.nickname}) has no content`);
    return { userId: node.userId, nickname: node.nickname, time: node.time ?? scope.time, elements, messageId: 0 };
  }

  /** How deep the forwards among these elements go (0 when there are none). */
  #depthOf(elements: readonly Element[], out: Resolution): number {
    let depth = 0;
    for (const element of elements) {
      if (element.kind !== 'forward') continue;
      const bundle = out.forwards.find((candidate) => candidate.resId === element.forwardId) ?? this.store.forwards.get(element.forwardId);
      depth = Math.max(depth, bundle?.depth ?? 1);
    }
    return depth;
  }
}

interface Resolution extends ResolvedContent {
  readonly media: PreparedMedia;
}

function prepared(out: Resolution, source: MediaSource): MediaRef {
  const media = out.media.get(source);
  if (!media) throw new Error('a media source of the draft was not prepared before its unit of work');
  return media;
}

const mediaKinds = new Set<ElementDraft['kind']>(['image', 'record', 'video', 'file']);

/** Every media source a draft names, forward nodes included, in order. */
function sourcesOf(draft: ContentDraft): MediaSource[] {
  if (draft.kind === 'forward') return draft.nodes.flatMap((node) => (node.kind === 'custom' ? sourcesOf(node.content) : []));
  return draft.elements.flatMap((element) => {
    switch (element.kind) {
      case 'image':
      case 'record':
      case 'file':
        return [element.source];
      case 'video':
        return element.thumb ? [element.source, element.thumb] : [element.source];
      default:
        return [];
    }
  });
}

function optional<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
  return result;
}
