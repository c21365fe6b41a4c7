import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** The largest seed `--seed` accepts (the generator is seeded from 32 bits). */
export const maxSeed = 0xffff_ffff;

/** Outputs dropped after seeding. */
const warmUp = 32;

/** What a snapshot keeps of the randomness: the generator's state, so ids continue from there. */
export interface RandomState {
  readonly seed: number;
  readonly state: readonly number[];
  /** Whether the seed was the user's (secrets then derive from it); absent in snapshots before it was kept. */
  readonly seeded?: boolean;
}

/**
 * The world's one source of randomness: every value the world makes up (file ids, res_ids, dice,
 * message randoms, secrets) draws from it, so a run started with the same seed, the same clock
 * and the same inputs makes the same values. xoroshiro128+ (pure-rand): fast, small state that a
 * snapshot can keep, and not cryptographic: a few of its outputs give away its state, and with
 * it every output to come. So a value that opens something to whoever knows it (a res_id, a
 * share code, the key cookies are derived from) is a `secret`, never `bytes` or `uuid`.
 */
export class WorldRandom {
  #rng: RandomGenerator;
  #seed: number;
  #seeded: boolean;
  /** What a seeded run's secrets are keyed with (see `secret`). */
  #secretKey: Buffer;

  /** `seeded` says the seed was chosen by the user (--seed), so even secrets must repeat. */
  constructor(seed: number = randomInt(0, maxSeed), seeded = false) {
    if (!Number.isInteger(seed) || seed < 0 || seed > maxSeed) throw new RangeError(`a seed is an integer from 0 to ${maxSeed}`);
    this.#seed = seed;
    this.#seeded = seeded;
    this.#rng = xoroshiro128plus(seed);
    this.#secretKey = secretKeyOf(seed);
    // Its first outputs from a small seed are mostly set bits and alike across nearby seeds.
    for (let i = 0; i < warmUp; i++) this.#rng.next();
  }

  /** The seed this source started from (a restore brings back the snapshot's). */
  get seed(): number {
    return this.#seed;
  }

  /** Whether the seed was the user's (--seed), so even secrets repeat. */
  get seeded(): boolean {
    return this.#seeded;
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return uniformInt(this.#rng, min, max);
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i += 4) {
      const word = this.#rng.next() >>> 0;
      for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return out;
  }

  /** A version 4 UUID made of this source's bytes. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = b.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /**
   * Bytes for a secret: an id that alone opens something (a forward's res_id, a flash share
   * code) or a key (cookies). Unseeded, they come from the operating system, since xoroshiro's
   * output can be predicted from a few values a bot sees. With a user's seed, reproducibility is
   * what was asked for, so they still come from the generator, but hashed with a key made from
   * the seed: they repeat run after run, yet are not the generator's raw output, so a secret
   * gives nothing of the generator's state away, and its state alone does not compute the next
   * secret. A seed is only 32 bits, though, and the ids a bot sees lead back to it with enough
   * work: under `--seed` secrets repeat rather than stay secret, which is what tests want.
   */
  secret(length: number): Buffer {
    if (!this.seeded) return randomBytes(length);
    const drawn = this.bytes(length);
    const out = Buffer.alloc(length);
    for (let block = 0; block * 32 < length; block++) {
      createHmac('sha256', this.#secretKey)
        .update(drawn)
        .update(Buffer.of(block))
        .digest()
        .copy(out, block * 32);
    }
    return out;
  }

  state(): RandomState {
    return { seed: this.#seed, state: [...this.#rng.getState()], seeded: this.#seeded };
  }

  /**
   * Continues from a state `state()` gave (a snapshot's), as the source that gave it would have:
   * its seed too, which keys a seeded run's secrets, so a snapshot restored in a run started with
   * another seed (or none) makes the same res_ids and share codes as the run that saved it. A
   * state saved before `seeded` was kept leaves this run's choice as it is.
   */
  restore(state: RandomState): void {
    this.#rng = xoroshiro128plusFromState(state.state);
    this.#seed = state.seed;
    this.#seeded = state.seeded ?? this.#seeded;
    this.#secretKey = secretKeyOf(state.seed);
  }
}

function secretKeyOf(seed: number): Buffer {
  return createHash('sha256').update(`catnap secrets of seed ${seed}`).digest();
}
