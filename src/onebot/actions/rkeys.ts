import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

/**
 * rkeys. On QQ an rkey signs the expiring download URLs of images and other media: a client
 * appends it (`&rkey=...`) to a media URL, and QQ's servers hand out a private-chat key (type 10)
 * and a group key (type 20), each for a while. Catnap serves every media blob at a stable URL of
 * its own that needs no key but accepts one (`/media/<blob>?rkey=...` answers the same bytes), so
 * the keys it issues are honest ones of its own: the same for a whole period of the world's clock,
 * a new one the next period, written as QQ writes them.
 */
const rkeyTtlSeconds = 3600;
const rkeyTypes = { private: 10, group: 20 } as const;

interface IssuedRkey {
  readonly type: 10 | 20;
  /** With QQ's `&rkey=` prefix, ready to append to a media URL. */
  readonly rkey: string;
  /** When this key was issued (seconds). */
  readonly createdAt: number;
  readonly ttl: number;
}

/** The keys valid now: derived from the period of the world clock, so every call in a period agrees. */
export function currentRkeys(ctx: ActionContext): readonly IssuedRkey[] {
  const nowSeconds = Math.floor(ctx.world.clock.nowMs() / 1000);
  const createdAt = nowSeconds - (nowSeconds % rkeyTtlSeconds);
  return Object.values(rkeyTypes).map((type) => {
    const digest = createHash('sha256').update(`catnap-rkey:${type}:${createdAt}`).digest('base64url').slice(0, 52);
    return { type, rkey: `&rkey=CAQSK${digest}`, createdAt, ttl: rkeyTtlSeconds };
  });
}

const keyOf = (ctx: ActionContext, type: 10 | 20) => currentRkeys(ctx).find((key) => key.type === type)!;

/** `YYYY-MM-DD HH:mm:ss` in China time (LLBot writes its host's local time; QQ's hosts are in China). */
function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export const rkeyActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_rkey',
    origin: 'napcat',
    summary: "The current media keys (private type 10, group type 20) as QQ's server lists them",
    description: 'Catnap media URLs never need a key; they accept one and ignore it.',
    params: P.none(),
    result: Type.Array(
      Type.Object({
        rkey: Type.String({ description: 'The key, with its `&rkey=` prefix' }),
        ttl: Type.String({ description: 'Seconds it stays valid (a 64-bit number, written as a string)' }),
        time: Type.Integer({ description: 'When it was issued (seconds)' }),
        type: Type.Integer({ description: '10 private chats, 20 groups' }),
      }),
    ),
    handler: (ctx) => currentRkeys(ctx).map((key) => ({ rkey: key.rkey, ttl: String(key.ttl), time: key.createdAt, type: key.type })),
    dialects: {
      llbot: {
        note: 'One object: `{private_key, group_key, expired_time, updated_time}` (updated_time as `YYYY-MM-DD HH:mm:ss`).',
        result: Type.Object({
          private_key: Type.String(),
          group_key: Type.String(),
          expired_time: Type.Integer({ description: 'When the keys expire (seconds)' }),
          updated_time: Type.String({ description: 'When they were fetched, `YYYY-MM-DD HH:mm:ss`' }),
        }),
        handler(ctx) {
          const privateKey = keyOf(ctx, rkeyTypes.private);
          return {
            private_key: privateKey.rkey,
            group_key: keyOf(ctx, rkeyTypes.group).rkey,
            expired_time: privateKey.createdAt + privateKey.ttl,
            updated_time: chinaTime(ctx.world.clock.nowMs()),
          };
        },
      },
    },
  }),
  defineAction({
    name: 'nc_get_rkey',
    origin: 'napcat',
    summary: 'The current media keys as `{type: "private" | "group", rkey, created_at, ttl}`',
    params: P.none(),
    result: Type.Array(
      Type.Object({
        type: Type.Union([Type.Literal('private'), Type.Literal('group')]),
        rkey: Type.String(),
        created_at: Type.Integer(),
        ttl: Type.Integer(),
      }),
    ),
    handler: (ctx) =>
      currentRkeys(ctx).map((key) => ({
        type: key.type === rkeyTypes.private ? ('private' as const) : ('group' as const),
        rkey: key.rkey,
        created_at: key.createdAt,
        ttl: key.ttl,
      })),
  }),
  defineAction({
    name: 'get_rkey_server',
    origin: 'napcat',
    summary: 'The private and group keys with when they expire, as an rkey server answers them',
    params: P.none(),
    result: Type.Object({
      private_rkey: Type.String(),
      group_rkey: Type.String(),
      expired_time: Type.Integer({ description: 'When the keys expire (seconds)' }),
      name: Type.String({ description: 'Who serves the keys' }),
    }),
    handler(ctx) {
      const privateKey = keyOf(ctx, rkeyTypes.private);
      return {
        private_rkey: privateKey.rkey,
        group_rkey: keyOf(ctx, rkeyTypes.group).rkey,
        expired_time: privateKey.createdAt + privateKey.ttl,
        name: 'Catnap',
      };
    },
  }),
];
