import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { privateDirMode, privateFileMode } from '../util/private-files.js';
import { parseOneBotConfig, type OneBotConfig } from './onebot-config.js';

const filePattern = /^onebot11_(\d+)\.json$/;

/**
 * The per-account OneBot config files in `<data>/config/`: `onebot11_<uin>.json`, NapCat's format.
 * Writes are atomic (write a temp file, then rename) so a watcher never reads half a file.
 */
export class OneBotConfigFiles {
  constructor(readonly dir: string) {}

  pathOf(selfId: number): string {
    return join(this.dir, `onebot11_${selfId}.json`);
  }

  /** The uins that have a config file. */
  async list(): Promise<number[]> {
    await mkdir(this.dir, { recursive: true, mode: privateDirMode });
    return (await readdir(this.dir))
      .map((name) => filePattern.exec(name)?.[1])
      .filter((uin): uin is string => uin !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** Reads and validates one file; undefined when it does not exist. Throws naming the bad field. */
  async read(selfId: number): Promise<OneBotConfig | undefined> {
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
    return parseOneBotConfig(json, this.pathOf(selfId));
  }

  /** Validates, fills defaults and writes one account's config; returns what was written. */
  async write(selfId: number, config: unknown): Promise<OneBotConfig> {
    const parsed = parseOneBotConfig(config, `onebot config of ${selfId}`);
    await mkdir(this.dir, { recursive: true, mode: privateDirMode });
    const path = this.pathOf(selfId);
    const temp = `${path}.${process.pid}.tmp`;
    // Configs hold tokens: 0600, whatever the umask.
    await writeFile(temp, `${JSON.stringify(parsed, null, 2)}\n`, { mode: privateFileMode });
    await rename(temp, path);
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
        const uin = name ? filePattern.exec(name.toString())?.[1] : undefined;
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
