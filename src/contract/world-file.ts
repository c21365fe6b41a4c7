import { Type, type Static } from '@sinclair/typebox';
import { FaultRuleInput } from './fault-rule.js';
import { Sex } from './people.js';

/**
 * The world file: accounts, friendships and groups to create (or bring up to date) in one go.
 * Applying the same file twice changes nothing the second time. Unknown keys are errors, and so is
 * any reference to an account that neither the file nor the world has; every problem is reported
 * with its path. `onebot` holds an account's NapCat `onebot11_<uin>.json` and `milky` its
 * `milky_<uin>.json` (LLBot's Milky settings); the world does not read them, the caller writes them out.
 */
/**
 * A QQ number or group number: any positive integer up to 2^53 - 1 (JavaScript's safe range), so
 * fixtures may use small ones (group 84, user 74) as readily as realistic ones.
 */
const Uin = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const strict = { additionalProperties: false } as const;

export const WorldFileAccount = Type.Object(
  {
    user_id: Uin,
    nickname: Type.String({ minLength: 1 }),
    bot: Type.Optional(Type.Boolean()),
    sex: Type.Optional(Sex),
    age: Type.Optional(Type.Integer({ minimum: 0 })),
    long_nick: Type.Optional(Type.String()),
    level: Type.Optional(Type.Integer({ minimum: 0 })),
    onebot: Type.Optional(Type.Unknown()),
    milky: Type.Optional(Type.Unknown()),
  },
  strict,
);

export const WorldFileFriend = Type.Object(
  {
    user_id: Uin,
    friend_id: Uin,
    category: Type.Optional(Type.String({ minLength: 1 })),
    remark: Type.Optional(Type.String()),
    /** How friend_id files user_id; defaults to the default category and no remark. */
    reverse_category: Type.Optional(Type.String({ minLength: 1 })),
    reverse_remark: Type.Optional(Type.String()),
  },
  strict,
);

export const WorldFileGroup = Type.Object(
  {
    group_id: Uin,
    group_name: Type.String({ minLength: 1 }),
    owner_id: Uin,
    admins: Type.Optional(Type.Array(Uin)),
    members: Type.Optional(Type.Array(Uin)),
    max_member_count: Type.Optional(Type.Integer({ minimum: 2, maximum: 3000 })),
    /** Group cards by member: `{ "20001": "Alice (admin)" }`. */
    cards: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.String())),
  },
  strict,
);

export const WorldFileSchema = Type.Object(
  {
    accounts: Type.Optional(Type.Array(WorldFileAccount)),
    friends: Type.Optional(Type.Array(WorldFileFriend)),
    groups: Type.Optional(Type.Array(WorldFileGroup)),
    /** Fault rules, as `POST /api/faults` takes them (docs/faults.md). */
    faults: Type.Optional(Type.Array(FaultRuleInput)),
  },
  strict,
);

export type WorldFile = Static<typeof WorldFileSchema>;
export type WorldFileAccount = Static<typeof WorldFileAccount>;
export type WorldFileFriend = Static<typeof WorldFileFriend>;
export type WorldFileGroup = Static<typeof WorldFileGroup>;
export type WorldFileFault = Static<typeof FaultRuleInput>;
