import { Type, type TBoolean, type TSchema, type TString, type TUnion } from '@sinclair/typebox';

/**
 * NapCat's yes/no params. NapCat declares them as a boolean-or-string union and reads them by
 * hand, so what a client means by 0, "0" or "no" depends on the action, not on OneBot's idea of a
 * boolean. The schema's conversion (TypeBox's, as in NapCat) keeps every string as it is and turns
 * a number into the union's first member: with the boolean first, 0 and 1 become false and true
 * and any other number a string; with the string first, every number becomes its string.
 */
export function napcatFlag(description: string, numbers: 'to-boolean' | 'to-string' = 'to-boolean') {
  const members: [TSchema, TSchema] = numbers === 'to-boolean' ? [Type.Boolean(), Type.String()] : [Type.String(), Type.Boolean()];
  // Either order hands the handler a boolean or a string; only the conversion of numbers differs.
  return Type.Optional(Type.Union(members, { description }) as TUnion<[TBoolean, TString]>);
}

/** A flag as the schema hands it over. */
export type NapcatFlag = boolean | string | undefined;

/**
 * NapCat's `value?.toString() !== 'false'` (set_friend_add_request, set_group_add_request,
 * set_group_whole_ban): only false and "false" say no; absent, 0 read as "0", "" or "no" say yes.
 */
export function yesUnlessFalse(value: NapcatFlag): boolean {
  return value === undefined || String(value) !== 'false';
}

/**
 * NapCat's `typeof value === 'string' ? value === 'true' : !!value` (set_group_admin,
 * set_msg_emoji_like, set_group_kick's reject_add_request, the send family's auto_escape): only
 * true and "true" say yes; "1" says no.
 */
export function yesOnlyIfTrue(value: unknown): boolean {
  return typeof value === 'string' ? value === 'true' : Boolean(value);
}
