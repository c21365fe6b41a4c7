import type { LoadPattern } from './load-options.js';
import { seededRandom } from '../../util/seeded-random.js';

/** One message the generator will send: who says what where. */
export interface PlannedMessage {
  readonly userId: number;
  readonly groupId: number;
  readonly text: string;
  readonly isCommand: boolean;
}

const openers = ['hi all', 'anyone here?', 'lol', 'good morning', 'did you see that', 'brb', 'same', 'haha', 'what time is it', 'ok'];
const bodies = [
  'the build is green again',
  'lunch at noon?',
  'I pushed the fix',
  'that meme is old',
  'who is hosting tonight',
  'check the pinned message',
  'my cat sat on the keyboard',
  'rain again today',
];

/** Picks each next message: a random group, one of its members, and text by the pattern. */
export class MessageMix {
  readonly #random: () => number;

  constructor(
    private readonly pattern: LoadPattern,
    /** Each group with the synthetic people who are its members. */
    private readonly groups: readonly { readonly groupId: number; readonly members: readonly number[] }[],
    seed: number,
  ) {
    this.#random = seededRandom(seed);
  }

  next(): PlannedMessage {
    const group = this.groups[Math.floor(this.#random() * this.groups.length)]!;
    const userId = group.members[Math.floor(this.#random() * group.members.length)]!;
    const pattern = this.pattern;
    if (pattern.kind === 'command' || (pattern.kind === 'mixed' && this.#random() < 0.1)) {
      return { userId, groupId: group.groupId, text: pattern.text, isCommand: true };
    }
    return { userId, groupId: group.groupId, text: this.#chatter(), isCommand: false };
  }

  #chatter(): string {
    const pick = <T>(list: readonly T[]) => list[Math.floor(this.#random() * list.length)]!;
    return this.#random() < 0.4 ? pick(openers) : `${pick(openers)}, ${pick(bodies)}`;
  }
}
