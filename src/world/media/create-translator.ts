import { DictionaryTranslator } from './dictionary-translator.js';
import { LibreTranslateTranslator } from './libretranslate-translator.js';
import type { TranslationSettings, Translator } from './translation.js';

/** The translator catnap.json asks for (`translation.provider`). Builds nothing heavy. */
export function createTranslator(settings: TranslationSettings): Translator {
  if (settings.provider === 'libretranslate') {
    return new LibreTranslateTranslator({ url: settings.url, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
  }
  return new DictionaryTranslator();
}
