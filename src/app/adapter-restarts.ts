import type { NetworkManager } from '../network/network-manager.js';
import type { Logger } from '../util/logger.js';

/**
 * `set_restart` and `bot_exit`: an account's adapters restarted (or stopped) with their current
 * config, after a delay and never before the current call has answered, since the call may have
 * come through one of them. Pending restarts are cleared when Catnap stops (`clear`).
 */
export class AdapterRestarts {
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(
    private readonly network: NetworkManager,
    private readonly logger: Logger,
  ) {}

  /** Restarts every adapter of `selfId` after `delayMs`; with `stopOnly`, stops them for good (bot_exit). */
  schedule(selfId: number, delayMs: number, options: { stopOnly?: boolean } = {}): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#restartNow(selfId, options.stopOnly ?? false);
    }, delayMs);
    this.#timers.add(timer);
  }

  /** Drops every pending restart; none is scheduled afterwards. */
  clear(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #restartNow(selfId: number, stopOnly: boolean): Promise<void> {
    const config = this.network.config(selfId);
    if (!config || this.#closed) return;
    await this.network.remove(selfId);
    if (stopOnly) {
      this.logger.info({ selfId }, 'adapters stopped (bot_exit); apply the config again to bring them back');
      return;
    }
    const result = await this.network.apply(selfId, config);
    for (const error of result.errors) this.logger.error({ selfId, adapter: error.adapter }, `restart: ${error.message}`);
    this.logger.info({ selfId, started: result.started }, 'adapters restarted (set_restart)');
  }
}
