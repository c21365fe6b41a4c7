import type { Segment } from '../../contract/onebot/message.js';

/** A OneBot message segment, as clients send and receive it (defined by the contract). */
export type { Segment };

/** A message in OneBot's array form. */
export type SegmentArray = readonly Segment[];
