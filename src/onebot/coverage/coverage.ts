import type { ActionTable } from '../action-table.js';
import type { Dialect } from '../dialect.js';
import { napcatRegistry, type NapcatGroup } from './napcat-registry.js';
import { gocqhttpRegistry, llbotRegistry } from './peer-registries.js';
import { notYetServed, unsupportedActions } from './unsupported.js';

/** OneBot 11's public actions (38) and its hidden `.handle_quick_operation`, as the standard lists them. */
export const onebot11Actions = [
  'send_private_msg', 'send_group_msg', 'send_msg', 'delete_msg', 'get_msg', 'get_forward_msg', 'send_like',
  'set_group_kick', 'set_group_ban', 'set_group_anonymous_ban', 'set_group_whole_ban', 'set_group_admin',
  'set_group_anonymous', 'set_group_card', 'set_group_name', 'set_group_leave', 'set_group_special_title',
  'set_friend_add_request', 'set_group_add_request', 'get_login_info', 'get_stranger_info', 'get_friend_list',
  'get_group_info', 'get_group_list', 'get_group_member_info', 'get_group_member_list', 'get_group_honor_info',
  'get_cookies', 'get_csrf_token', 'get_credentials', 'get_record', 'get_image', 'can_send_image',
  'can_send_record', 'get_status', 'get_version_info', 'set_restart', 'clean_cache', '.handle_quick_operation',
] as const;

export type CoverageStatus = 'served' | 'unsupported' | 'not-yet' | 'missing';

/**
 * A name under one dialect: `absent` when that implementation has no such name (Catnap still
 * answers it), `same` when Catnap answers it as NapCat does, `own` when the dialect declares its
 * own params, result or behaviour (docs/dialects.md).
 */
export type DialectMark = 'absent' | 'same' | 'own';

export interface CoverageRow {
  readonly name: string;
  /** Where the name comes from: OneBot 11, or NapCat's router group. */
  readonly sources: readonly string[];
  readonly status: CoverageStatus;
  /** served: the action it runs (when the name is an alias) and its origin; otherwise why not. */
  readonly note: string;
  /** Whether each implementation has the name, and whether its dialect answers it its own way. */
  readonly dialects: Readonly<Record<Dialect, DialectMark>>;
}

const sourceNames: Record<NapcatGroup, string> = {
  onebot11: 'NapCat (OneBot 11)',
  goCqhttp: 'NapCat (go-cqhttp)',
  napcat: 'NapCat',
  napcatStream: 'NapCat (stream)',
  napcatTest: 'NapCat (test)',
  removedSeed: 'seed (removed from NapCat)',
  neverRegistered: 'seed (never registered by NapCat)',
};

/** Every NapCat, LLBot, go-cqhttp and OneBot 11 action name, with where it comes from, in a stable order. */
export function knownActions(): Map<string, string[]> {
  const known = new Map<string, string[]>();
  const add = (name: string, source: string) => known.set(name, [...(known.get(name) ?? []), source]);
  for (const name of onebot11Actions) add(name, 'OneBot 11');
  for (const [group, names] of Object.entries(napcatRegistry) as [NapcatGroup, readonly string[]][]) {
    for (const name of names) add(name, sourceNames[group]);
  }
  for (const name of llbotRegistry) add(name, 'LLBot');
  for (const name of gocqhttpRegistry) add(name, 'go-cqhttp');
  return known;
}

/** Whether an implementation registers the name (NapCat serves OneBot 11's standard names too). */
function implementationHas(dialect: Dialect, sources: readonly string[]): boolean {
  if (dialect === 'llbot') return sources.includes('LLBot');
  if (dialect === 'go-cqhttp') return sources.includes('go-cqhttp');
  return sources.some((source) => source.startsWith('NapCat') || source === 'OneBot 11');
}

/**
 * The coverage of every known action against the live action table: served (registered under
 * that name or as an alias), unsupported (with the reason from `unsupported.ts`), not yet (owned
 * by an area still being built), or missing (a gap the coverage test reports).
 */
export function coverageRows(table: ActionTable): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const [name, sources] of knownActions()) {
    const resolved = table.resolve(name);
    const served = resolved?.mode === 'direct' ? resolved : undefined;
    const mark = (dialect: Dialect): DialectMark =>
      !implementationHas(dialect, sources) ? 'absent' : served?.runner(dialect).note !== undefined ? 'own' : 'same';
    const dialects = { napcat: mark('napcat'), llbot: mark('llbot'), 'go-cqhttp': mark('go-cqhttp') };
    if (served) {
      const spec = served.spec;
      const alias = spec.name === name ? '' : `alias of \`${spec.name}\`; `;
      rows.push({ name, sources, status: 'served', note: `${alias}${spec.summary}`, dialects });
    } else if (unsupportedActions[name] !== undefined) {
      rows.push({ name, sources, status: 'unsupported', note: unsupportedActions[name]!, dialects });
    } else if (notYetServed[name] !== undefined) {
      rows.push({ name, sources, status: 'not-yet', note: notYetServed[name]!, dialects });
    } else {
      rows.push({ name, sources, status: 'missing', note: '', dialects });
    }
  }
  return rows;
}

/** Actions Catnap serves that neither NapCat nor OneBot 11 has (Catnap's own, such as send_friend_request). */
export function catnapOnlyActions(table: ActionTable): { name: string; summary: string }[] {
  const known = knownActions();
  return table
    .specs()
    .filter((spec) => ![spec.name, ...(spec.aliases ?? [])].some((name) => known.has(name)))
    .map((spec) => ({ name: spec.name, summary: spec.summary }));
}

/**
 * Problems that make the coverage table untrue: a known action neither served nor explained, an
 * action both served and listed unsupported, an explanation for an unknown name or without words.
 */
export function coverageProblems(table: ActionTable): string[] {
  const problems: string[] = [];
  const known = knownActions();
  for (const row of coverageRows(table)) {
    if (row.status === 'missing') {
      problems.push(`${row.name} is neither served nor listed in src/onebot/coverage/unsupported.ts with a reason`);
    }
    if (row.status === 'served' && unsupportedActions[row.name] !== undefined) {
      problems.push(`${row.name} is served now: remove it from unsupportedActions in src/onebot/coverage/unsupported.ts`);
    }
  }
  for (const [name, reason] of [...Object.entries(unsupportedActions), ...Object.entries(notYetServed)]) {
    if (!known.has(name)) problems.push(`${name} is explained in unsupported.ts but is not a NapCat, LLBot, go-cqhttp or OneBot 11 action`);
    if (reason.trim().length < 10) problems.push(`${name} needs a real reason in unsupported.ts`);
    if (unsupportedActions[name] !== undefined && notYetServed[name] !== undefined) problems.push(`${name} is listed both as unsupported and as not yet served`);
  }
  return problems;
}
