/**
 * A copy of a JSON value small enough for a live log: strings longer than `maxString` (base64
 * images, huge texts) keep their start and say how long they were; arrays keep `maxItems`
 * entries; nesting deeper than `maxDepth` is summarised. The caller's value is never changed.
 */
export function clip(value: unknown, maxString = 2000, maxItems = 100, maxDepth = 12): unknown {
  const visit = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return clipString(node, maxString);
    if (node === null || typeof node !== 'object') return node;
    if (depth >= maxDepth) return Array.isArray(node) ? `[array of ${node.length}]` : '[object]';
    if (Array.isArray(node)) {
      const items = node.slice(0, maxItems).map((item) => visit(item, depth + 1));
      if (node.length > maxItems) items.push(`… ${node.length - maxItems} more`);
      return items;
    }
    if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return visit((node as { toJSON: () => unknown }).toJSON(), depth);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) copy[key] = visit(item, depth + 1);
    return copy;
  };
  return visit(value, 0);
}

/** A string cut to `maxString` characters, saying how long it was. */
export function clipString(text: string, maxString = 2000): string {
  return text.length > maxString ? `${text.slice(0, maxString)}… (${text.length} characters)` : text;
}
