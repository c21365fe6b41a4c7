import { WorldError } from '../errors.js';
import type { Translator } from './translation.js';

export interface LibreTranslateOptions {
  /** Base URL of a LibreTranslate-compatible server (its /translate is called). */
  readonly url: string;
  readonly apiKey?: string;
  readonly timeoutMs: number;
}

/**
 * A LibreTranslate-compatible server (`POST /translate {q, source, target, format, api_key}`
 * answering `{translatedText}`): full sentences, with whatever quality the server has. One request
 * per text, in parallel. Newer servers call Simplified Chinese "zh-Hans", older ones "zh"; the
 * first refusal of "zh-Hans" switches to "zh" for good.
 */
export class LibreTranslateTranslator implements Translator {
  readonly name: string;
  #target = 'zh-Hans';

  constructor(private readonly options: LibreTranslateOptions) {
    if (!/^https?:\/\//i.test(options.url)) {
      throw new WorldError(
        'SERVICE_UNAVAILABLE',
        `translation.url ${JSON.stringify(options.url)} is not an http(s) URL of a LibreTranslate server`,
      );
    }
    this.name = `LibreTranslate at ${options.url}`;
  }

  translate(texts: readonly string[]): Promise<string[]> {
    return Promise.all(texts.map((text) => (text.trim() === '' ? Promise.resolve('') : this.#translateOne(text))));
  }

  async #translateOne(text: string): Promise<string> {
    let response = await this.#post(text, this.#target);
    if (response.status === 400 && this.#target === 'zh-Hans') {
      const retry = await this.#post(text, 'zh');
      if (retry.ok) this.#target = 'zh';
      response = retry;
    }
    const body = (await response.json().catch(() => undefined)) as { translatedText?: unknown; error?: unknown } | undefined;
    if (!response.ok) {
      const reason = typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`;
      throw new WorldError('SERVICE_UNAVAILABLE', `${this.name} refused to translate: ${reason}`);
    }
    if (typeof body?.translatedText !== 'string') {
      throw new WorldError('SERVICE_UNAVAILABLE', `${this.name} answered without a translatedText string`);
    }
    return body.translatedText;
  }

  async #post(text: string, target: string): Promise<Response> {
    const url = new URL('translate', this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`);
    const body = { q: text, source: 'en', target, format: 'text', ...(this.options.apiKey ? { api_key: this.options.apiKey } : {}) };
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
    } catch (error) {
      if (signal.aborted) throw new WorldError('SERVICE_UNAVAILABLE', `${this.name} did not answer within ${this.options.timeoutMs} ms`);
      throw new WorldError('SERVICE_UNAVAILABLE', `${this.name} cannot be reached: ${(error as Error).message}`);
    }
  }
}
