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
 *
 * The wrappers are plain objects built once, with every member of the real object as an own
 * property: a send reads `store.<repository>.<method>` dozens of times, and through a Proxy each
 * read was a trap call and a lookup V8 cannot cache, a few per cent of a send.
 */
export function timeStoreWrites<T extends object>(store: T, timer: WriteTimer): T {
  return delegateTo(store, (key, value) =>
    typeof value === 'object' && value !== null && hasWrites(value) ? timedRepository(value, key, timer) : undefined,
  );
}

function hasWrites(object: object): boolean {
  return membersOf(object).some(([key, descriptor]) => typeof descriptor.value === 'function' && writeMethod.test(key));
}

function timedRepository(repository: object, name: string, timer: WriteTimer): object {
  return delegateTo(repository, (key, value) =>
    typeof value === 'function' && writeMethod.test(key)
      ? timed(value as (...args: unknown[]) => unknown, repository, `${name}.${key}`, timer)
      : undefined,
  );
}

/**
 * An object standing for `target`: each member (own fields, then methods and accessors up its
 * class chain) is an own property, a method bound to `target`, an accessor reading it live, or
 * what `replace` returns for a field or method it takes over. Its prototype is the target's, so
 * `instanceof` still holds.
 */
function delegateTo<T extends object>(target: T, replace: (key: string, value: unknown) => unknown): T {
  const stand = Object.create(Object.getPrototypeOf(target) as object | null) as Record<PropertyKey, unknown>;
  for (const [key, descriptor] of membersOf(target)) {
    const value: unknown = 'value' in descriptor ? descriptor.value : undefined;
    const replaced = 'value' in descriptor ? replace(key, value) : undefined;
    if (replaced !== undefined) Object.defineProperty(stand, key, { value: replaced, enumerable: true });
    else if (typeof value === 'function' && !Object.hasOwn(target, key)) {
      Object.defineProperty(stand, key, { value: (value as (...args: unknown[]) => unknown).bind(target) });
    } else {
      // Fields and accessors are read from the target each time (a field may be reassigned).
      Object.defineProperty(stand, key, { get: () => Reflect.get(target, key, target), enumerable: descriptor.enumerable ?? false });
    }
  }
  return stand as T;
}

/** Every string-keyed member of `object`: its own, then its classes', nearest first. */
function membersOf(object: object): [string, PropertyDescriptor][] {
  const seen = new Set<string>();
  const members: [string, PropertyDescriptor][] = [];
  for (let holder: object | null = object; holder && holder !== Object.prototype; holder = Object.getPrototypeOf(holder) as object | null) {
    for (const key of Object.getOwnPropertyNames(holder)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key);
      members.push([key, Object.getOwnPropertyDescriptor(holder, key)!]);
    }
  }
  return members;
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
