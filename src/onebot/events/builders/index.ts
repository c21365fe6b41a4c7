import type { AnyEventBuilder } from '../types.js';

/**
 * Every event builder: one per domain event type that OneBot clients see. Like the action table,
 * this is the only place they are joined.
 */
export const allBuilders: readonly AnyEventBuilder[] = [];
