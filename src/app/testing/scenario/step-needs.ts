/**
 * What a step needs that the scenario file alone shows it has or lacks: who acts, which group,
 * which of its fields. The loader checks it and the JSON Schema says it, so a scenario that could
 * only fail halfway through a run (after Catnap and the bot have started) is refused at once, as a
 * usage error naming its step; the steps check again when they run, for steps built in code.
 */
export interface StepNeeds {
  /** The field naming who acts (`from`, `as`); without it, the scenario's `user`. */
  readonly who?: string;
  /** A group: the step's own `group`, else the scenario's. */
  readonly group?: true;
  /** Fields of the mapping form, one of which must be given (`text` or `segments`). */
  readonly oneOf?: readonly string[];
  /**
   * With `private: true`, the field naming the other side of the chat (`to`); without it, the
   * scenario's `user`. An expectation that said private but named nobody matched any message,
   * group messages included, so a bot answering in the wrong place passed.
   */
  readonly privatePeer?: string;
}

/** The scenario's defaults a step falls back on. */
export interface StepDefaults {
  readonly group: number | undefined;
  readonly user: number | undefined;
}

export const whoMissing = (field: string) => `who? give "${field}" (or the scenario's "user")`;
export const groupMissing = 'which group? give "group" (or the scenario\'s "group")';
export const peerMissing = (field: string) => `privately with whom? give "${field}" (or the scenario's "user")`;
export const oneOfMissing = (fields: readonly string[]) => `give ${fields.map((field) => `"${field}"`).join(' or ')}`;

/** What a step (its value already of the right shape) lacks, one sentence each; empty when nothing. */
export function unmetNeeds(needs: StepNeeds | undefined, value: unknown, defaults: StepDefaults): string[] {
  if (!needs) return [];
  // A short form (`say: hello`) is no mapping: it names nobody and no group.
  const fields = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const problems: string[] = [];
  if (needs.oneOf && fields && needs.oneOf.every((field) => fields[field] === undefined)) problems.push(oneOfMissing(needs.oneOf));
  if (needs.who !== undefined && fields?.[needs.who] === undefined && defaults.user === undefined) problems.push(whoMissing(needs.who));
  if (needs.group && fields?.group === undefined && defaults.group === undefined) problems.push(groupMissing);
  const privatePeer = needs.privatePeer;
  if (privatePeer !== undefined && fields?.private === true && fields[privatePeer] === undefined && defaults.user === undefined) {
    problems.push(peerMissing(privatePeer));
  }
  return problems;
}
