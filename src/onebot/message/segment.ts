/** A OneBot message segment, as clients send and receive it. */
export interface Segment {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** A message in OneBot's array form. */
export type SegmentArray = readonly Segment[];
