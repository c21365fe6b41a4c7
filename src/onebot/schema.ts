import { Type, type TSchema, type SchemaOptions } from '@sinclair/typebox';

/**
 * Param types shared by the action schemas. Values are coerced before validation (see
 * `params.ts`): ids may come as numbers or strings of decimal digits (nothing looser: no "1e3",
 * no 30003.5, no true), booleans as true/false/"true"/1/0, strings as numbers. Extra keys are allowed and ignored, as every OneBot implementation does.
 */
export const P = {
  /** A QQ number or group number: a positive integer (decimal strings accepted). */
  id: (description: string, options: SchemaOptions = {}) =>
    Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description, ...options }),
  /** A message id: a positive int32. */
  messageId: (description = 'message_id returned by a send action or seen in an event') =>
    Type.Integer({ minimum: 1, maximum: 2147483647, description }),
  bool: (description: string, defaultValue?: boolean) =>
    Type.Boolean(defaultValue === undefined ? { description } : { description, default: defaultValue }),
  /** Any integer in JavaScript's safe range (decimal strings accepted). */
  int: (description: string, options: SchemaOptions = {}) =>
    Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, description, ...options }),
  str: (description: string, options: SchemaOptions = {}) => Type.String({ description, ...options }),
  optional: <T extends TSchema>(schema: T) => Type.Optional(schema),
  /** Params of an action that takes none (anything is accepted and ignored). */
  none: () => Type.Object({}),
  object: Type.Object,
};
