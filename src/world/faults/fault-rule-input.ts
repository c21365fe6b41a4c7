import picomatch from 'picomatch';
import type { FaultRuleInput } from '../../contract/fault-rule.js';
import type { NewFaultRule } from './fault-model.js';

/**
 * What is wrong with a rule as written (`POST /api/faults`, the world file's `faults:`) beyond
 * its schema, each problem starting with `prefix` + the field: a rule on both calls and events,
 * a malformed glob (see `globProblem`), a fail effect with nothing to say. The account is the
 * caller's to check (the admin API answers 404, the world file names the entry).
 */
export function faultRuleProblems(input: FaultRuleInput, prefix = ''): string[] {
  const problems: string[] = [];
  if (input.action !== undefined && input.event !== undefined) {
    problems.push(`${prefix}action, ${prefix}event: a rule matches calls (action) or events (event), not both`);
  }
  for (const field of ['action', 'event', 'transport'] as const) {
    const glob = input[field];
    if (glob === undefined) continue;
    const problem = globProblem(glob);
    if (problem !== undefined) problems.push(`${prefix}${field}: ${JSON.stringify(glob)} is not a valid glob (${problem})`);
  }
  const effect = input.effect;
  if (effect.type === 'fail' && effect.preset === undefined && effect.message === undefined) {
    problems.push(`${prefix}effect: a fail effect needs a preset or a message`);
  }
  return problems;
}

/**
 * Why picomatch would not read `glob` as written, or undefined. Plain picomatch never throws: an
 * unclosed "[", "{" or "(" quietly becomes a literal character, so "send_[" would be a rule that
 * never fires. `strictBrackets` makes it throw for those (and a stray "]" or ")"); it lets a
 * stray "}" and a trailing lone "\\" through, which are checked here.
 */
export function globProblem(glob: string): string | undefined {
  try {
    picomatch(glob, { dot: true, strictBrackets: true });
  } catch (error) {
    return (error as Error).message;
  }
  let braces = 0;
  let bracket = false;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '\\') {
      if (index === glob.length - 1) return 'it ends with a lone "\\"; use "\\\\" to match a backslash';
      index++;
    } else if (bracket) bracket = char !== ']';
    else if (char === '[') bracket = true;
    else if (char === '{') braces++;
    else if (char === '}' && --braces < 0) return 'Missing opening: "{" - use "\\}" to match literal characters';
  }
  return undefined;
}

/** The rule to store for a rule as written. */
export function newFaultRule(input: FaultRuleInput): Omit<NewFaultRule, 'createdAt'> {
  return {
    selfId: input.self_id ?? null,
    action: input.action ?? null,
    event: input.event ?? null,
    transport: input.transport ?? null,
    timesLeft: input.times ?? null,
    probability: input.probability ?? null,
    effect: input.effect,
  };
}

/** A stored rule written back as a rule as written (the world file's export): what is left of `times`. */
export function faultRuleInput(rule: Omit<NewFaultRule, 'createdAt'>): FaultRuleInput {
  return {
    ...(rule.selfId !== null && { self_id: rule.selfId }),
    ...(rule.action !== null && { action: rule.action }),
    ...(rule.event !== null && { event: rule.event }),
    ...(rule.transport !== null && { transport: rule.transport }),
    ...(rule.timesLeft !== null && { times: rule.timesLeft }),
    ...(rule.probability !== null && { probability: rule.probability }),
    effect: rule.effect,
  };
}

/**
 * What makes two rules the same rule, whatever they have fired since: everything but `times`
 * (which counts down). A world file applied again adds only the rules the world does not have.
 */
export function faultRuleIdentity(rule: Omit<NewFaultRule, 'createdAt' | 'timesLeft'>): string {
  return JSON.stringify([rule.selfId, rule.action, rule.event, rule.transport, rule.probability, canonical(rule.effect)]);
}

/** Keys in a fixed order, so `{type, preset}` and `{preset, type}` are the same effect. */
function canonical(value: object): [string, unknown][] {
  return Object.entries(value)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The world file's `faults:` problems: each entry's own (as `faults.3.effect: ...`), and a rule listed twice. */
export function worldFileFaultProblems(entries: readonly FaultRuleInput[]): string[] {
  const problems: string[] = [];
  const listed = new Map<string, number>();
  entries.forEach((entry, index) => {
    problems.push(...faultRuleProblems(entry, `faults.${index}.`));
    const identity = faultRuleIdentity(newFaultRule(entry));
    const first = listed.get(identity);
    if (first !== undefined)
      problems.push(`faults.${index}: the same rule as faults.${first} (rules differing only in times are one rule)`);
    else listed.set(identity, index);
  });
  return problems;
}
