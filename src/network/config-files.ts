import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { privateDirMode, replacePrivateFile } from '../util/private-files.js';
import { KeyedSerialQueue } from '../util/serial-queue.js';
import { parseMilkyConfig, type MilkyConfig } from './milky/milky-config.js';
import { parseOneBotConfig, type OneBotConfig } from './onebot-config.js';

/** One kind of per-account config file: its name prefix and the parser that validates it. */
export interface ConfigFileKind<T> {
  readonly prefix: string;
  readonly parse: (input: unknown, source: string) => T;
}

/**
 * Per-account config files in `<data>/config/`: `<prefix>_<uin>.json` (`onebot11_<uin>.json` in
 * NapCat's format, `milky_<uin>.json` in LLBot's Milky format). Writes are atomic (write a temp
 * file, then rename) so a watcher never reads half a file.
 */
export class AccountConfigFiles<T> {
  readonly #pattern: RegExp;
  /** Each account's writes, one after another: the last call's config is the one left on disk. */
  readonly #writes = new KeyedSerialQueue<number>();

  constructor(
    readonly dir: string,
    private readonly kind: ConfigFileKind<T>,
  ) {
    this.#pattern = new RegExp(`^${kind.prefix}_(\\d+)\\.json$`);
  }

  /** The file name of an account's config, relative to the config dir. */
  nameOf(selfId: number): string {
    return `${this.kind.prefix}_${selfId}.json`;
  }

  pathOf(selfId: number): string {
    return join(this.dir, this.nameOf(selfId));
  }

  /** The uins that have a config file. */
  async list(): Promise<number[]> {
    await mkdir(this.dir, { recursive: true, mode: privateDirMode });
    return (await readdir(this.dir))
      .map((name) => this.#pattern.exec(name)?.[1])
      .filter((uin): uin is string => uin !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** Reads and validates one file; undefined when it does not exist. Throws naming the bad field. */
  async read(selfId: number): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(selfId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.pathOf(selfId)}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    return this.kind.parse(json, this.pathOf(selfId));
  }

  /** Validates, fills defaults and writes one account's config; returns what was written. */
  async write(selfId: number, config: unknown): Promise<T> {
    const parsed = this.kind.parse(config, `${this.kind.prefix} config of ${selfId}`);
    // Two saves of one account at once shared one temp file: their bytes interleaved into a file
    // that was no JSON, and the second rename found no temp file. Each write has a temp file of
    // its own, and an account's writes run in the order they were called (queued before this
    // function's first await, so in call order).
    return this.#writes.run(selfId, () => this.#write(selfId, parsed));
  }

  async #write(selfId: number, parsed: T): Promise<T> {
    await mkdir(this.dir, { recursive: true, mode: privateDirMode });
    const path = this.pathOf(selfId);
    // Configs hold tokens: 0600, whatever the umask.
    await replacePrivateFile(path, `${JSON.stringify(parsed, null, 2)}\n`);
    return parsed;
  }

  /**
   * Calls `onChange(uin)` (debounced per file) whenever a config file is written, by Catnap or by
   * hand. Returns the disposer that stops watching.
   */
  watch(onChange: (selfId: number) => void, debounceMs = 200): () => void {
    const timers = new Map<number, NodeJS.Timeout>();
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(this.dir, (_event, name) => {
        const uin = name ? this.#pattern.exec(name.toString())?.[1] : undefined;
        if (!uin) return;
        const selfId = Number(uin);
        clearTimeout(timers.get(selfId));
        timers.set(
          selfId,
          setTimeout(() => {
            timers.delete(selfId);
            onChange(selfId);
          }, debounceMs),
        );
      });
    } catch {
      return () => undefined;
    }
    return () => {
      watcher?.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    };
  }
}

/** `onebot11_<uin>.json`: NapCat's network config of an account. */
export class OneBotConfigFiles extends AccountConfigFiles<OneBotConfig> {
  constructor(dir: string) {
    super(dir, { prefix: 'onebot11', parse: parseOneBotConfig });
  }
}

/** `milky_<uin>.json`: an account's Milky server and WebHooks, in LLBot's format. */
export class MilkyConfigFiles extends AccountConfigFiles<MilkyConfig> {
  constructor(dir: string) {
    super(dir, { prefix: 'milky', parse: parseMilkyConfig });
  }
}
