/**
 * The fields every OneBot event starts with (`time`, then `self_id`, then `post_type` and the
 * type's own fields, in NapCat's order). Builders spread it into object literals that the
 * compiler checks against the contract's event union, so a misspelt or missing field fails to
 * compile.
 */
export const eventHead = (time: number, selfId: number) => ({ time, self_id: selfId });
