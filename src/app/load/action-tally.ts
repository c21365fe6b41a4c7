/** One action's calls during a run, and the failed ones by retcode (`bot_calls_by_action` of report.json). */
export interface ActionCalls {
  readonly action: string;
  readonly calls: number;
  /** Retcode other than 0 (or 1, an accepted `_async` call). */
  readonly failed: number;
  /** The failed calls by their retcode, so a report says why, not only how many. */
  readonly failed_by_retcode: Readonly<Record<string, number>>;
}

/** Whether a call with this retcode failed, as the metrics count it: 1 is an accepted `_async` call. */
export const isFailedRetcode = (retcode: string | number): boolean => retcode !== 0 && retcode !== 1 && retcode !== '0' && retcode !== '1';

/** Where the calls of actions past a tally's limit are counted. */
export const otherActions = '(other actions)';

/**
 * Calls counted by action and retcode, as a run collects them: from the metrics' action counter
 * (the run's share of it) or from one bot's live call stream. The live stream names an unknown
 * action as the bot spelled it, so a bot calling made-up names would grow the tally (and the
 * report) without end: past `maxActions` names, further ones count as `(other actions)`.
 */
export class ActionTally {
  readonly #counts = new Map<string, Map<string, number>>();

  constructor(private readonly maxActions = 200) {}

  add(action: string, retcode: string | number, count = 1): void {
    if (count <= 0) return;
    const name = this.#counts.has(action) || this.#counts.size < this.maxActions ? action : otherActions;
    const byRetcode = this.#counts.get(name) ?? new Map<string, number>();
    const key = String(retcode);
    this.#counts.set(name, byRetcode.set(key, (byRetcode.get(key) ?? 0) + count));
  }

  /** Each action called, the busiest first (then by name, so equal counts list alike every time). */
  list(): ActionCalls[] {
    const actions: ActionCalls[] = [];
    for (const [action, byRetcode] of this.#counts) {
      let calls = 0;
      let failed = 0;
      const failedByRetcode: Record<string, number> = {};
      for (const [retcode, count] of byRetcode) {
        calls += count;
        if (!isFailedRetcode(retcode)) continue;
        failed += count;
        failedByRetcode[retcode] = count;
      }
      actions.push({ action, calls, failed, failed_by_retcode: failedByRetcode });
    }
    return actions.sort((a, b) => b.calls - a.calls || (a.action < b.action ? -1 : 1));
  }
}
