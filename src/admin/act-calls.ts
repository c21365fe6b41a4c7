import type { Envelope } from '../contract/onebot/envelope.js';
import type { Dialect, MessageFormat } from '../onebot/action.js';
import type { DispatchMeta, Dispatcher } from '../onebot/dispatcher.js';
import type { World } from '../world/world.js';
import { AdminError } from './admin-errors.js';

/** One call of a batch: an action run as an account (`POST /api/world/act-batch`, or an `act` request on the live socket). */
export interface ActCall {
  readonly user_id: number;
  readonly action: string;
  readonly params?: unknown;
}

/** Whoever asked for the calls, as a fault that holds one needs to know: a signal that aborts once they are gone. */
export interface ActCaller {
  readonly signal: AbortSignal;
}

/**
 * A caller whose signal is made when a fault first asks for it, as the HTTP API's is: an
 * AbortController and a close listener for every request that no fault holds were wasted.
 * `watch` calls `gone` once the caller has gone (at once if it already has).
 */
export class LazyCaller implements ActCaller {
  #signal: AbortSignal | undefined;

  constructor(private readonly watch: (gone: () => void) => void) {}

  get signal(): AbortSignal {
    if (!this.#signal) {
      const controller = new AbortController();
      this.watch(() => controller.abort());
      this.#signal = controller.signal;
    }
    return this.#signal;
  }
}

/** One admin call's meta: a class of one shape, with the caller's signal read only under a fault. */
export class AdminCallMeta implements DispatchMeta {
  readonly transport = 'admin';
  readonly adapter = 'admin-act';

  constructor(
    private readonly caller: ActCaller,
    readonly messageFormat: MessageFormat,
    readonly dialect: Dialect,
    readonly echo?: unknown,
    readonly stream?: (packet: Readonly<Record<string, unknown>>) => Promise<void>,
  ) {}

  get signal(): AbortSignal {
    return this.caller.signal;
  }
}

/**
 * Runs a batch of calls, each as its account and each exactly as one act would run it (its own
 * unit of work, its own events), all dispatched in this turn of the event loop so that their
 * writes share one commit. Answers the envelopes in the order of `calls`. Throws `USER_NOT_FOUND`
 * (and runs nothing) when an account does not exist, and `STOPPING` when Catnap stopped while a
 * fault held some of them: that stand-in failure is not the action's, so the caller hears why.
 */
export async function runActCalls(world: World, dispatcher: Dispatcher, calls: readonly ActCall[], caller: ActCaller): Promise<Envelope[]> {
  const missing = calls.find((call) => !world.accounts.find(call.user_id));
  if (missing) throw new AdminError(404, 'USER_NOT_FOUND', `user ${missing.user_id} does not exist; no call was run`);
  const results = await Promise.all(
    calls.map((call) => dispatcher.dispatch(call.user_id, call.action, call.params ?? {}, new AdminCallMeta(caller, 'array', 'napcat'))),
  );
  const cut = results.flatMap((result, index) => (dispatcher.wasCutShort(result) ? [index] : []));
  if (cut.length > 0) {
    const named = cut.map((index) => `call ${index + 1} of the batch (${calls[index]!.action} as ${calls[index]!.user_id})`);
    throw new AdminError(
      503,
      'STOPPING',
      `Catnap is stopping: ${named.join(', ')} ended before ${cut.length === 1 ? 'it' : 'they'} answered`,
    );
  }
  return results;
}
