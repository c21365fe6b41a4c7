import { createHmac } from 'node:crypto';
import { fail } from '../errors.js';
import { transaction, type ServiceContext } from './context.js';

export interface Credentials {
  /** QQ-style cookie string: uin and skey, plus p_uin and p_skey for a domain. */
  readonly cookies: string;
  /** The CSRF token (QQ's bkn / g_tk) computed from skey. */
  readonly csrfToken: number;
}

/**
 * Web credentials issued by the world. Each is an HMAC of a secret stored in the world with the
 * account (and domain), so an account always gets the same cookies for a domain, across restarts,
 * and nobody can compute another account's cookies without the world's secret.
 */
export class CredentialService {
  constructor(private readonly ctx: ServiceContext) {}

  async credentials(userId: number, domain = ''): Promise<Credentials> {
    if (!this.ctx.store.accounts.get(userId)) throw fail.userNotFound(userId);
    const secret = await this.secret();
    const mac = (label: string) => createHmac('sha256', secret).update(label).digest();
    const uin = `o${String(userId).padStart(10, '0')}`;
    const skey = `@${base62(mac(`skey:${userId}`)).slice(0, 9)}`;
    const parts = [`uin=${uin}`, `skey=${skey}`];
    const host = domain.trim().toLowerCase();
    if (host) parts.push(`p_uin=${uin}`, `p_skey=${mac(`p_skey:${userId}:${host}`).toString('base64url').slice(0, 44)}`);
    return { cookies: parts.join('; '), csrfToken: bkn(skey) };
  }

  /** The key QQ's web login (ptlogin) takes from a logged-in client: 64 hex digits, stable per account. */
  async clientKey(userId: number): Promise<string> {
    if (!this.ctx.store.accounts.get(userId)) throw fail.userNotFound(userId);
    const secret = await this.secret();
    return createHmac('sha256', secret).update(`clientkey:${userId}`).digest('hex').toUpperCase();
  }

  /** The world's secret, created by the first unit that needs it (two racing callers get the same one). */
  private async secret(): Promise<string> {
    const name = 'credentials';
    return (
      this.ctx.store.secrets.get(name) ??
      (await transaction(this.ctx, () => {
        const existing = this.ctx.store.secrets.get(name);
        if (existing) return existing;
        const created = this.ctx.random.secret(32).toString('hex');
        this.ctx.store.secrets.insert(name, created);
        return created;
      }))
    );
  }
}

/**
 * QQ's bkn / g_tk: the hash of skey that web APIs take as their CSRF token. Computed exactly as
 * QQ's web pages do (a float sum, `<<` on its int32 value), so a client deriving it from the
 * cookies gets the same number.
 */
export function bkn(skey: string): number {
  let hash = 5381;
  for (let index = 0; index < skey.length; index++) hash += (hash << 5) + skey.charCodeAt(index);
  return hash & 0x7fffffff;
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 62];
  return out;
}
