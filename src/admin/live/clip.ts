/**
 * A value small enough for a live log: strings longer than `maxString` (base64 images, huge
 * texts) keep their start and say how long they were; arrays keep `maxItems` entries; nesting
 * deeper than `maxDepth` is summarised. The caller's value is never changed.
 *
 * Only what had to change is copied: the rest, nearly every call's whole params, is the caller's
 * own value, shared. `catnap load` watches a bot's every call on the live socket, and a copy of
 * each call's params and answer was a tenth of all Catnap allocated at 10,000 calls a second.
 */
export function clip(value: unknown, maxString = 2000, maxItems = 100, maxDepth = 12): unknown {
  const visit = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return clipString(node, maxString);
    if (node === null || typeof node !== 'object') return node;
    if (depth >= maxDepth) return Array.isArray(node) ? `[array of ${node.length}]` : '[object]';
    if (Array.isArray(node)) return visitArray(node, depth);
    if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return visit((node as { toJSON: () => unknown }).toJSON(), depth);
    return visitObject(node as Record<string, unknown>, depth);
  };
  const visitArray = (node: readonly unknown[], depth: number): unknown[] => {
    const kept = Math.min(node.length, maxItems);
    let copy: unknown[] | undefined = node.length > maxItems ? node.slice(0, kept) : undefined;
    for (let index = 0; index < kept; index++) {
      const item = node[index];
      const clipped = visit(item, depth + 1);
      if (clipped === item) continue;
      copy ??= node.slice(0, kept);
      copy[index] = clipped;
    }
    if (node.length > maxItems) copy!.push(`… ${node.length - maxItems} more`);
    return copy ?? (node as unknown[]);
  };
  const visitObject = (node: Record<string, unknown>, depth: number): Record<string, unknown> => {
    let copy: Record<string, unknown> | undefined;
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      const item = node[key];
      const clipped = visit(item, depth + 1);
      if (copy === undefined) {
        if (clipped === item) continue;
        // The first change: the copy takes every key before this one as it is.
        copy = {};
        for (const earlier in node) {
          if (earlier === key) break;
          if (Object.hasOwn(node, earlier)) setOwn(copy, earlier, node[earlier]);
        }
      }
      setOwn(copy, key, clipped);
    }
    return copy ?? node;
  };
  return visit(value, 0);
}

/** A string cut to `maxString` characters, saying how long it was. */
export function clipString(text: string, maxString = 2000): string {
  return text.length > maxString ? `${text.slice(0, maxString)}… (${text.length} characters)` : text;
}

/** Sets an own property, even one named `__proto__` (a plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
