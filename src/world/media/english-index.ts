/**
 * A reverse (English → Chinese) index of CC-CEDICT. Every English gloss of every entry becomes a
 * key; the Chinese words under a key are ranked by how common the word is (jieba's corpus
 * frequency) and by how central the gloss is to the entry (its first sense first), with penalties
 * for proper nouns, archaic, literary, dialect and other marked senses.
 */

/** CC-CEDICT entry as the cc-cedict package stores it: traditional, simplified, pinyin, senses. */
export type DictionaryEntry = readonly [string, string, string, string | readonly string[], ...unknown[]];

/** Senses that only point elsewhere: no translation of their own. */
const pointerSense = /variant of|^surname |^see |^used in |^abbr\. (for|of)|^CL:|^also written|^also pr\.|^pr\. |Taiwan pr\./i;
/** Qualifiers that mark a sense as unusual in today's Mandarin. */
const markedQualifier =
  /^(archaic|old|literary|classical|dialect|tw|taiwan|hk|cantonese|obsolete|onom\.|bound form|buddhism|taoism|slang|internet slang|vulgar|euphemism|japanese|derog\.|fig\.|lit\.|math\.|chemistry|physics|medicine|botany|zoology|abbr\.|name)\b/i;
const leadingWords = /^(to|a|an|the) /;
/** Small English words left out when translating word by word. */
const dropWords = new Set(['a', 'an', 'the', 'to', 'of']);
/**
 * Function words: a dictionary glosses them poorly ("are" is also a unit of area), so the
 * everyday Chinese word is given here.
 */
const functionWords: Readonly<Record<string, string>> = {
  i: '我',
  me: '我',
  you: '你',
  he: '他',
  him: '他',
  she: '她',
  her: '她',
  it: '它',
  we: '我们',
  us: '我们',
  they: '他们',
  them: '他们',
  my: '我的',
  your: '你的',
  his: '他的',
  its: '它的',
  our: '我们的',
  their: '他们的',
  is: '是',
  are: '是',
  am: '是',
  be: '是',
  was: '是',
  were: '是',
  and: '和',
  or: '或',
  but: '但是',
  in: '在',
  on: '在',
  at: '在',
  with: '和',
  for: '为了',
  from: '从',
  this: '这',
  that: '那',
  these: '这些',
  those: '那些',
  not: '不',
  no: '不',
  yes: '是',
  do: '做',
  does: '做',
  what: '什么',
  how: '怎么',
  why: '为什么',
  where: '哪里',
  who: '谁',
  when: '什么时候',
  very: '很',
  all: '都',
  can: '能',
  will: '会',
  hello: '你好',
  hi: '你好',
  go: '去',
  come: '来',
};
const punctuation: Readonly<Record<string, string>> = { ',': '，', '.': '。', '!': '！', '?': '？', ';': '；', ':': '：' };
const maxPhraseWords = 5;
const stemPenalty = 0.5;

interface Ranked {
  readonly word: string;
  readonly score: number;
  /** The gloss it was found under (for debugging the ranking). */
  readonly gloss: string;
}

/** Normalises English text the way glosses are keyed. */
export function normaliseEnglish(text: string): string {
  let key = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?,;:]+$/, '')
    .trim();
  while (leadingWords.test(key)) key = key.replace(leadingWords, '');
  return key;
}

export class EnglishIndex {
  readonly #best = new Map<string, Ranked>();
  readonly #debug: Map<string, Ranked[]> | undefined;

  constructor(entries: readonly DictionaryEntry[], frequencies: ReadonlyMap<string, number>, debug = false) {
    if (debug) this.#debug = new Map();
    for (const entry of entries) this.#add(entry, frequencies);
  }

  /** The best Chinese word for an English word or set phrase, if the dictionary has one. */
  lookup(english: string): string | undefined {
    const key = normaliseEnglish(english);
    if (key === '') return undefined;
    const fixed = functionWords[key];
    if (fixed) return fixed;
    let best = this.#best.get(key);
    if (key.includes(' ')) return best?.word;
    // An inflected word may be better known by its base form ("running" -> "run").
    for (const stem of stems(key)) {
      const found = this.#best.get(stem);
      if (found && (!best || found.score - stemPenalty > best.score)) best = { ...found, score: found.score - stemPenalty };
    }
    return best?.word;
  }

  /** Every candidate of a key, best first (only when built with `debug`). */
  candidates(english: string): Ranked[] {
    return [...(this.#debug?.get(normaliseEnglish(english)) ?? [])].sort((a, b) => b.score - a.score);
  }

  /**
   * Translates a text: as a whole when the dictionary knows it, else phrase by phrase (longest
   * known run of words first), keeping words it does not know as they are.
   */
  translateText(text: string): string {
    const whole = this.lookup(text);
    if (whole) return whole;
    const tokens = text.match(/[A-Za-z][A-Za-z'’-]*|\d+(?:\.\d+)?|[^\sA-Za-z\d]/g) ?? [];
    const out: string[] = [];
    let index = 0;
    while (index < tokens.length) {
      const token = tokens[index]!;
      if (!/^[A-Za-z]/.test(token)) {
        out.push(punctuation[token] ?? token);
        index += 1;
        continue;
      }
      let matched = false;
      for (let length = Math.min(maxPhraseWords, tokens.length - index); length >= 1; length -= 1) {
        const words = tokens.slice(index, index + length);
        if (!words.every((word) => /^[A-Za-z]/.test(word))) continue;
        if (length === 1 && dropWords.has(token.toLowerCase())) break;
        const chinese = this.lookup(words.join(' '));
        if (chinese) {
          out.push(chinese);
          index += length;
          matched = true;
          break;
        }
      }
      if (!matched) {
        if (!dropWords.has(token.toLowerCase())) out.push(token);
        index += 1;
      }
    }
    return joinPieces(out);
  }

  #add(entry: DictionaryEntry, frequencies: ReadonlyMap<string, number>): void {
    const [, simplified, pinyin, meanings] = entry;
    const senses = (typeof meanings === 'string' ? [meanings] : meanings).filter((sense) => !pointerSense.test(sense));
    const frequency = 0.7 * Math.log10((frequencies.get(simplified) ?? 0) + 1);
    const properNoun = /^[A-Z]/.test(pinyin);
    // A word with few senses is more surely a translation of each of them ("老师" vs "先生").
    const exclusivity = 1.2 / Math.max(1, senses.length);
    // Most single characters are bound forms in today's Mandarin (英, 啤, 气): prefer words.
    const single = [...simplified].length === 1;
    senses.forEach((sense, senseIndex) => {
      const glosses = splitGlosses(sense);
      // A qualifier on a sense's first gloss ("(archaic) many; beautiful") covers the whole sense.
      const senseMarked = glosses.length > 0 && keyOf(glosses[0]!).marked && /^\(/.test(glosses[0]!);
      glosses.forEach((gloss, glossIndex) => {
        const { key, qualified, marked } = keyOf(gloss);
        if (key === '' || key.length > 60) return;
        const position = senseIndex === 0 ? (glossIndex === 0 ? 1 : 0.6) : senseIndex === 1 ? 0.3 : 0;
        // A single character is a word of its own mostly in its first sense (吃 "to eat").
        const boundForm = single ? (senseIndex === 0 ? 0.3 : 0.8) : 0;
        const score =
          frequency + position + exclusivity - boundForm - (qualified ? 0.8 : 0) - (marked || senseMarked ? 2.5 : 0) - (properNoun ? 3 : 0);
        const ranked = { word: simplified, score, gloss };
        const current = this.#best.get(key);
        if (!current || score > current.score) this.#best.set(key, ranked);
        if (this.#debug) this.#debug.set(key, [...(this.#debug.get(key) ?? []), ranked]);
      });
    });
  }
}

/** Splits a sense at semicolons that are not inside parentheses. */
function splitGlosses(sense: string): string[] {
  const glosses: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sense.length; i += 1) {
    const char = sense[i];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ';' && depth === 0) {
      glosses.push(sense.slice(start, i));
      start = i + 1;
    }
  }
  glosses.push(sense.slice(start));
  return glosses.map((gloss) => gloss.trim()).filter(Boolean);
}

function keyOf(gloss: string): { key: string; qualified: boolean; marked: boolean } {
  let qualified = false;
  let marked = false;
  const stripped = gloss
    .replace(/\(([^()]*)\)/g, (_whole, inner: string) => {
      // Measure words and loanword notes say nothing about how usual a sense is.
      if (/^(CL:|loanword)/.test(inner.trim())) return ' ';
      if (markedQualifier.test(inner.trim())) marked = true;
      else qualified = true;
      return ' ';
    })
    .replace(/\[[^\]]*\]/g, ' ');
  if (/[()]/.test(stripped)) return { key: '', qualified, marked };
  return { key: normaliseEnglish(stripped), qualified, marked };
}

/** Candidate base forms of an inflected English word, most likely first. */
function stems(word: string): string[] {
  const candidates: string[] = [];
  if (word.endsWith('ies')) candidates.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) candidates.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) candidates.push(word.slice(0, -1));
  if (word.endsWith('ing')) {
    const base = word.slice(0, -3);
    candidates.push(base, `${base}e`);
    if (/(.)\1$/.test(base)) candidates.push(base.slice(0, -1));
  }
  if (word.endsWith('ied')) candidates.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) {
    const base = word.slice(0, -2);
    candidates.push(base, word.slice(0, -1));
    if (/(.)\1$/.test(base)) candidates.push(base.slice(0, -1));
  }
  return candidates.filter((candidate) => candidate.length >= 2);
}

/** Joins translated pieces: Chinese runs together, English words keep a space between them. */
function joinPieces(pieces: readonly string[]): string {
  let text = '';
  for (const piece of pieces) {
    const last = text.at(-1) ?? '';
    const needsSpace = /[A-Za-z\d]/.test(last) && /^[A-Za-z\d]/.test(piece);
    text += needsSpace ? ` ${piece}` : piece;
  }
  return text;
}
