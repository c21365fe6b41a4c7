import type { ElementKind } from '../../../world/messages/elements.js';
import { atSegment } from './at.js';
import type { SegmentCodec } from './codec.js';
import { contactSegment } from './contact.js';
import { diceSegment } from './dice.js';
import { faceSegment } from './face.js';
import { fileSegment } from './file.js';
import { flashTransferSegment } from './flashtransfer.js';
import { forwardSegment } from './forward.js';
import { imageSegment } from './image.js';
import { jsonSegment } from './json.js';
import { locationSegment } from './location.js';
import { markdownSegment } from './markdown.js';
import { mfaceSegment } from './mface.js';
import { musicSegment } from './music.js';
import { onlineFileSegment } from './onlinefile.js';
import { keyboardSegment } from './keyboard.js';
import { pokeSegment } from './poke.js';
import { recordSegment } from './record.js';
import { replySegment } from './reply.js';
import { rpsSegment } from './rps.js';
import { shareSegment } from './share.js';
import { textSegment } from './text.js';
import { videoSegment } from './video.js';
import { xmlSegment } from './xml.js';

/**
 * Every segment type Catnap reads and writes, except `node`, which is not an element but the
 * building block of a merged forward (see node.ts). One codec per element kind.
 */
// `any`: each codec renders only elements of its own kind, which these lookups guarantee but the
// compiler cannot follow through a list of codecs of different kinds.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const segmentCodecs: readonly SegmentCodec<any>[] = [
  textSegment,
  faceSegment,
  mfaceSegment,
  atSegment,
  replySegment,
  imageSegment,
  recordSegment,
  videoSegment,
  fileSegment,
  jsonSegment,
  xmlSegment,
  markdownSegment,
  pokeSegment,
  diceSegment,
  rpsSegment,
  musicSegment,
  contactSegment,
  locationSegment,
  shareSegment,
  flashTransferSegment,
  onlineFileSegment,
  keyboardSegment,
  forwardSegment,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const codecByType: ReadonlyMap<string, SegmentCodec<any>> = new Map(segmentCodecs.map((codec) => [codec.type, codec]));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const codecByKind: ReadonlyMap<ElementKind, SegmentCodec<any>> = new Map(segmentCodecs.map((codec) => [codec.kind, codec]));
