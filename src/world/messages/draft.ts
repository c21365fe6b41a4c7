import type { Element } from './elements.js';

/**
 * What a sender hands the world: a message before it is stored. It differs from the stored
 * `Element`s only where the world has to do something first: media is given by a source (read
 * and stored once in the media store), dice and rps may leave their result to chance, an @ gets
 * its display name from the group, and merged-forward nodes become stored forward bundles.
 */
export interface MediaSource {
  /** base64://, data:, http(s)://, file://, an absolute path, or an id Catnap handed out. */
  readonly uri: string;
  /** The file name to keep (else the one the source suggests). */
  readonly name?: string;
}

type Plain = Exclude<Element, { kind: 'image' | 'record' | 'video' | 'file' | 'dice' | 'rps' | 'at' }>;

export type ElementDraft =
  | Plain
  | { readonly kind: 'at'; readonly target: number | 'all' }
  /** A reply by the QQ seq of the message in the conversation sent to (NapCat's reply `seq`). */
  | { readonly kind: 'reply-seq'; readonly seq: number }
  | { readonly kind: 'dice'; readonly result?: number }
  | { readonly kind: 'rps'; readonly result?: number }
  | {
      readonly kind: 'image';
      readonly source: MediaSource;
      readonly summary?: string;
      readonly subType?: number;
      readonly flash?: boolean;
    }
  | { readonly kind: 'record'; readonly source: MediaSource }
  | { readonly kind: 'video'; readonly source: MediaSource; readonly thumb?: MediaSource }
  | { readonly kind: 'file'; readonly source: MediaSource };

/** The texts of a merged-forward card; anything left out is derived from the nodes as QQ does. */
export interface ForwardCardDraft {
  readonly source?: string;
  readonly news?: readonly string[];
  readonly summary?: string;
  readonly prompt?: string;
}

/** One node of a merged forward: an existing message by id, or a custom one. */
export type ForwardNodeDraft =
  | { readonly kind: 'ref'; readonly messageId: number }
  | {
      readonly kind: 'custom';
      readonly userId: number;
      readonly nickname: string;
      /** Unix seconds; the send time when left out. */
      readonly time?: number;
      readonly content: ContentDraft;
    };

/** A message's content: ordinary elements, or a merged forward built from nodes. */
export type ContentDraft =
  | { readonly kind: 'elements'; readonly elements: readonly ElementDraft[] }
  | { readonly kind: 'forward'; readonly nodes: readonly ForwardNodeDraft[]; readonly card: ForwardCardDraft };
