import type { Envelope } from '../remote/catnap-client.js';
import type { BenchApi } from './bench-api.js';

/** A message as a verb takes it: text, or OneBot segments (`{type, data}`). */
export type Said = string | readonly { readonly type: string; readonly data?: Record<string, unknown> }[];

/** The part of a test world the verbs need: the admin API, the bot's id, and a mark before each action. */
export interface VerbHost {
  readonly api: BenchApi;
  readonly botId: number | undefined;
  /** Called before every action, so expectations count from just before it. */
  beforeAction(): Promise<void>;
}

const asMessage = (message: Said) => (typeof message === 'string' ? [{ type: 'text', data: { text: message } }] : message);

/** A person of the world, acting with QQ's rules (each verb is a OneBot action as that account). */
export class TestUser {
  constructor(
    private readonly host: VerbHost,
    readonly id: number,
  ) {}

  /** Says `message` in a group (`{group}`), to a user (`{to}`), or by default privately to the bot. */
  async say(message: Said, where: { group?: number; to?: number } = {}): Promise<number> {
    await this.host.beforeAction();
    const data = await (where.group !== undefined
      ? this.host.api.actOk<{ message_id: number }>(this.id, 'send_group_msg', { group_id: where.group, message: asMessage(message) })
      : this.host.api.actOk<{ message_id: number }>(this.id, 'send_private_msg', {
          user_id: where.to ?? this.requireBot(),
          message: asMessage(message),
        }));
    return data.message_id;
  }

  /** Pokes someone (default: the bot) in a group, or in the private chat. */
  async poke(target?: number, where: { group?: number } = {}): Promise<void> {
    await this.host.beforeAction();
    await this.host.api.actOk(this.id, 'send_poke', {
      user_id: target ?? this.requireBot(),
      ...(where.group !== undefined && { group_id: where.group }),
    });
  }

  /** Leaves a group. */
  async leave(group: number): Promise<void> {
    await this.host.beforeAction();
    await this.host.api.actOk(this.id, 'set_group_leave', { group_id: group });
  }

  /** Kicks a member (needs the rank to do so). */
  async kick(group: number, user: number): Promise<void> {
    await this.host.beforeAction();
    await this.host.api.actOk(this.id, 'set_group_kick', { group_id: group, user_id: user });
  }

  /** Mutes a member for `seconds` (0 lifts it; needs the rank to do so). */
  async mute(group: number, user: number, seconds: number): Promise<void> {
    await this.host.beforeAction();
    await this.host.api.actOk(this.id, 'set_group_ban', { group_id: group, user_id: user, duration: seconds });
  }

  /** Uploads a file into a group's files: `content` is its text, or bytes. */
  async upload(group: number, name: string, content: string | Uint8Array): Promise<string> {
    await this.host.beforeAction();
    const file = `base64://${Buffer.from(content).toString('base64')}`;
    return (await this.host.api.actOk<{ file_id: string }>(this.id, 'upload_group_file', { group_id: group, file, name })).file_id;
  }

  /** Asks someone (default: the bot) to be friends: the target gets a friend request. */
  async requestFriend(target?: number, comment = ''): Promise<{ flag: string }> {
    await this.host.beforeAction();
    return this.host.api.request('POST', '/api/world/requests/friend', {
      user_id: this.id,
      target_id: target ?? this.requireBot(),
      comment,
    });
  }

  /** Asks to join a group: its owner and admins (or its join setting) answer. */
  async requestJoin(group: number, comment = ''): Promise<{ flag: string }> {
    await this.host.beforeAction();
    return this.host.api.request('POST', '/api/world/requests/group', { user_id: this.id, group_id: group, comment });
  }

  /** Any OneBot action as this account; answers the whole envelope. */
  async act(action: string, params: Record<string, unknown> = {}): Promise<Envelope> {
    await this.host.beforeAction();
    return this.host.api.act(this.id, action, params);
  }

  private requireBot(): number {
    if (this.host.botId === undefined) throw new Error('no bot under test: name the target');
    return this.host.botId;
  }
}

/** A group, changed by the world itself (no QQ permission rules apply, as a world file). */
export class TestGroup {
  constructor(
    private readonly host: VerbHost,
    readonly id: number,
  ) {}

  /** `user` joins the group (members get group_increase). */
  async join(user: number): Promise<void> {
    await this.host.beforeAction();
    await this.host.api.request('POST', `/api/world/groups/${this.id}/members`, { user_id: user });
  }

  /** `user` is removed by the owner (a kick: members get group_decrease). */
  async remove(user: number): Promise<void> {
    await this.host.beforeAction();
    await this.host.api.request('DELETE', `/api/world/groups/${this.id}/members/${user}`);
  }

  /** Mutes `user` for `seconds` (0 lifts it). */
  async mute(user: number, seconds: number): Promise<void> {
    await this.host.beforeAction();
    await this.host.api.request('PATCH', `/api/world/groups/${this.id}/members/${user}`, { mute_seconds: seconds });
  }
}
