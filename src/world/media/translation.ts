/**
 * English-to-Chinese translation behind one interface, so translate_en2zh works offline by
 * default and can use a remote service for whole sentences. Implementations: the offline
 * dictionary (`dictionary-translator.ts`) and LibreTranslate (`libretranslate-translator.ts`).
 */
export interface Translator {
  /** For logs and errors: "local dictionary", "LibreTranslate at http://...". */
  readonly name: string;
  /** One Chinese text per English text, in order. */
  translate(texts: readonly string[]): Promise<string[]>;
}

export interface TranslationSettings {
  readonly provider: 'local' | 'libretranslate';
  readonly url: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
}
