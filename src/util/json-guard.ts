/**
 * Checks on JSON that came from outside (action params, echo, world files, admin bodies) before
 * anything else touches it. Both checks walk the value with an explicit stack, never recursion,
 * so a value nested a million levels deep is measured without overflowing the call stack (the
 * recursive code that comes after, JSON.stringify and the validators, would).
 *
 * - Depth: JSON.parse happily builds `[[[[...]]]]` a million deep; serialising the echo of such a
 *   frame, or cloning such params, throws RangeError. Anything deeper than the limit is refused.
 * - Prototype keys: `{"__proto__": {...}}` parses to an own property, but copying it with plain
 *   assignment (as validators and cloners do) sets the copy's prototype, so its "properties"
 *   appear from nowhere. `__proto__`, `constructor` and `prototype` are refused as keys.
 */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonProblem =
  { readonly kind: 'depth'; readonly limit: number } | { readonly kind: 'key'; readonly key: string; readonly path: string };

/**
 * The values still to look at and their depths, reused by every check (it runs to its end
 * without yielding, so one pair of stacks serves all). Every call's params pass through here; an
 * object per node, and a list of keys per object, were a twentieth of a send's garbage.
 */
const pendingValues: object[] = [];
const pendingDepths: number[] = [];

/** The first problem of a parsed JSON value, or undefined. The top-level value is at depth 1. */
export function findJsonProblem(value: unknown, maxDepth: number): JsonProblem | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  pendingValues.push(value);
  pendingDepths.push(1);
  try {
    while (pendingValues.length > 0) {
      const node = pendingValues.pop()!;
      const depth = pendingDepths.pop()!;
      if (depth > maxDepth) return { kind: 'depth', limit: maxDepth };
      if (Array.isArray(node)) {
        const items = node as unknown[];
        for (let index = 0; index < items.length; index++) {
          const item = items[index];
          if (item !== null && typeof item === 'object') {
            pendingValues.push(item);
            pendingDepths.push(depth + 1);
          }
        }
        continue;
      }
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        // Rare: walk again, the same way, keeping the path this walk does not.
        if (forbiddenKeys.has(key)) return locateProblem(value, maxDepth);
        const item = (node as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') {
          pendingValues.push(item);
          pendingDepths.push(depth + 1);
        }
      }
    }
    return undefined;
  } finally {
    // Emptied, so the stacks hold on to nobody's params.
    pendingValues.length = 0;
    pendingDepths.length = 0;
  }
}

/** One object or array still to look at, with the way to it (for the path of a forbidden key). */
interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly key: string | number | undefined;
}

/** `findJsonProblem`'s walk, in the same order, keeping where each value is. */
function locateProblem(value: object, maxDepth: number): JsonProblem | undefined {
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) return { kind: 'depth', limit: maxDepth };
    if (Array.isArray(frame.value)) {
      const items = frame.value as unknown[];
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        if (item !== null && typeof item === 'object') stack.push({ value: item, depth: frame.depth + 1, parent: frame, key: index });
      }
      continue;
    }
    for (const key in frame.value) {
      if (!Object.hasOwn(frame.value, key)) continue;
      if (forbiddenKeys.has(key)) return { kind: 'key', key, path: pathOf({ value: frame.value, depth: 0, parent: frame, key }) };
      const item = (frame.value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ value: item, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return undefined;
}

/** Whether a value nests deeper than `maxDepth` (keys are not looked at). */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) return true;
    for (const item of Array.isArray(node) ? node : Object.values(node as object)) {
      if (item !== null && typeof item === 'object') stack.push([item, depth + 1]);
    }
  }
  return false;
}

/** A problem in words, naming where it is (`what` names the whole value: "params", "body"). */
export function describeJsonProblem(problem: JsonProblem, what: string): string {
  return problem.kind === 'depth'
    ? `${what}: nested deeper than ${problem.limit} levels`
    : `${what}.${problem.path}: the key ${JSON.stringify(problem.key)} is not allowed`;
}

function pathOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) keys.unshift(String(at.key));
  return keys.join('.');
}
