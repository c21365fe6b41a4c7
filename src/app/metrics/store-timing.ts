/**
 * Store methods that change data. The store's repositories name their writes with verbs and their
 * reads with nouns or get/list/find; `getOrCreate` and `countDownload` write too.
 */
const writeMethod =
  /^(insert|update|upsert|put|remove|delete|create|transfer|set|mark|add|answer|block|unblock|reopen|getOrCreate|countDownload)/;

export type WriteTimer = (operation: string, seconds: number, failed: boolean) => void;

/**
 * Wraps a world store so that every write through its repositories is timed (from the call to
 * the settled promise, so a batched message insert includes its wait for the group commit). The
 * store boundary is the one place every service's write passes; services stay unaware of it.
 * Objects on the store that have no write methods (the database handle, the batcher) and plain
 * values pass through untouched, and methods always run on the real object.
 */
export function timeStoreWrites<T extends object>(store: T, timer: WriteTimer): T {
  const repositories = new Map<PropertyKey, object>();
  /** Properties found to hold no repository (the database handle, the batcher, plain values). */
  const passThrough = new Set<PropertyKey>();
  return new Proxy(store, {
    get(target, key) {
      // Every service reads `store.<repository>` on every call (a send, dozens of times): the
      // wrapped repository is looked up first, and a property is examined once, not per read.
      const known = repositories.get(key);
      if (known) return known;
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value === 'function') return (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof value !== 'object' || value === null || passThrough.has(key)) return value;
      if (!hasWrites(value)) {
        passThrough.add(key);
        return value;
      }
      const wrapped = timedRepository(value, String(key), timer);
      repositories.set(key, wrapped);
      return wrapped;
    },
  });
}

function hasWrites(object: object): boolean {
  for (
    let proto: object | null = Object.getPrototypeOf(object);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    if (Object.getOwnPropertyNames(proto).some((name) => writeMethod.test(name))) return true;
  }
  return false;
}

function timedRepository(repository: object, name: string, timer: WriteTimer): object {
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let method = methods.get(key);
      if (!method) {
        const fn = value as (...args: unknown[]) => unknown;
        method = writeMethod.test(String(key)) ? timed(fn, target, `${name}.${String(key)}`, timer) : fn.bind(target);
        methods.set(key, method);
      }
      return method;
    },
  });
}

function timed(fn: (...args: unknown[]) => unknown, target: object, operation: string, timer: WriteTimer) {
  return (...args: unknown[]): unknown => {
    const started = performance.now();
    const done = (failed: boolean) => timer(operation, (performance.now() - started) / 1000, failed);
    let result: unknown;
    try {
      result = fn.apply(target, args);
    } catch (error) {
      done(true);
      throw error;
    }
    if (result instanceof Promise) {
      // A separate chain: the caller still gets the original promise (and its rejection).
      result.then(
        () => done(false),
        () => done(true),
      );
    } else done(false);
    return result;
  };
}
