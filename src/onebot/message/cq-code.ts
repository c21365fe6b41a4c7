import type { Segment } from './segment.js';

/**
 * CQ codes: OneBot's string form of a message, `text[CQ:type,key=value,...]text`.
 * Escaping (OneBot 11): in text `&` -> `&amp;`, `[` -> `&#91;`, `]` -> `&#93;`; parameter values
 * additionally escape `,` -> `&#44;`. Plain text between codes becomes `text` segments.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
}

export function escapeParam(value: string): string {
  return escapeText(value).replace(/,/g, '&#44;');
}

export function unescape(text: string): string {
  return text.replace(/&#44;/g, ',').replace(/&#91;/g, '[').replace(/&#93;/g, ']').replace(/&amp;/g, '&');
}

/** A CQ code the parser could not read; the message says where. */
export class CqSyntaxError extends Error {
  override readonly name = 'CqSyntaxError';
}

const codePattern = /\[CQ:([^,\]\s]*)((?:,[^,\]]*)*)\]/g;

/**
 * Parses a CQ string into segments. Parameter values stay strings (as OneBot's string form has
 * no types); a parameter without `=` is an error naming the code.
 */
export function parseCq(input: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of input.matchAll(codePattern)) {
    const index = match.index;
    if (index > last) segments.push({ type: 'text', data: { text: unescape(input.slice(last, index)) } });
    const type = match[1]!;
    if (!/^[A-Za-z_][\w.-]*$/.test(type))
      throw new CqSyntaxError(`invalid CQ code type ${JSON.stringify(type)} in ${JSON.stringify(match[0])}`);
    const data: Record<string, string> = {};
    for (const part of match[2]!.split(',').slice(1)) {
      const equals = part.indexOf('=');
      if (equals <= 0)
        throw new CqSyntaxError(`CQ code ${JSON.stringify(match[0])} has a parameter without a name=value: ${JSON.stringify(part)}`);
      data[part.slice(0, equals)] = unescape(part.slice(equals + 1));
    }
    segments.push({ type, data });
    last = index + match[0].length;
  }
  if (last < input.length) segments.push({ type: 'text', data: { text: unescape(input.slice(last)) } });
  return segments;
}

/**
 * Writes segments as a CQ string. Values that are undefined, null or empty strings are left out
 * (as NapCat does); objects are JSON-encoded; everything is escaped.
 */
export function toCq(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) {
    if (segment.type === 'text') {
      out += escapeText(String(segment.data.text ?? ''));
      continue;
    }
    let code = `[CQ:${segment.type}`;
    for (const [key, raw] of Object.entries(segment.data)) {
      if (raw === undefined || raw === null || raw === '') continue;
      const value = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
      code += `,${key}=${escapeParam(value)}`;
    }
    out += `${code}]`;
  }
  return out;
}
