import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { allRouteContracts } from '../../src/contract/admin/index.js';
import { isBytes, type RouteContract } from '../../src/contract/admin/route.js';
import { OneBotEvent } from '../../src/contract/onebot/events.js';
import type { Dialect } from '../../src/onebot/dialect.js';
import type { Dispatcher } from '../../src/onebot/dispatcher.js';
import { describeProblems } from '../../src/util/schema-problems.js';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** A schema's checker, compiled once per schema for the whole test run. */
export function checkerOf(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/**
 * The problems of `value` against `schema` ([] when it conforms). For a union (the OneBot events)
 * the member that fits best is reported, so the message names the wrong field, not "union".
 */
export function contractProblems(schema: TSchema, value: unknown): string[] {
  if (checkerOf(schema).Check(value)) return [];
  const members: TSchema[] = schema.anyOf ?? [schema];
  const fitting = members.filter((member) => discriminantsMatch(member, value));
  const ranked = (fitting.length > 0 ? fitting : members)
    .map((member) => describeProblems(checkerOf(member).Errors(value), '(value)'))
    .sort((a, b) => a.length - b.length);
  return ranked[0] ?? ['(value): does not match'];
}

/** Whether `value` has the literal values (post_type, notice_type, sub_type, ...) a union member requires. */
function discriminantsMatch(member: TSchema, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Object.entries((member.properties ?? {}) as Record<string, TSchema>).every(([key, property]) => {
    const allowed =
      property.const !== undefined
        ? [property.const]
        : property.anyOf?.every((item: TSchema) => item.const !== undefined)
          ? property.anyOf.map((item: TSchema) => item.const)
          : undefined;
    const optional = !((member.required ?? []) as string[]).includes(key) && record[key] === undefined;
    return !allowed || optional || allowed.includes(record[key]);
  });
}

/** Every event schema in one flat union, so a bad event is compared with each kind of event. */
const flatEventUnion = Type.Union(OneBotEvent.anyOf.flatMap((member: TSchema): TSchema[] => member.anyOf ?? [member]));

/** Throws naming the bad fields unless `event` is one of the contract's OneBot events. */
export function expectOneBotEvent(event: unknown): void {
  const problems = contractProblems(flatEventUnion, event);
  if (problems.length > 0) throw new Error(`not a contract OneBot event: ${problems.join('; ')}\n${JSON.stringify(event)}`);
}

/** Each route's path as a pattern (`:user_id` matches one segment). */
const routePatterns = allRouteContracts().map((contract) => ({
  contract,
  pattern: new RegExp(`^${contract.url.replace(/:[a-z_]+/g, '[^/]+')}/?$`),
}));

/** The contract of the route that serves `method path` (query ignored). */
export function routeOf(method: string, path: string): RouteContract | undefined {
  const bare = path.split('?')[0] ?? '';
  return routePatterns.find((route) => route.contract.method === method && route.pattern.test(bare))?.contract;
}

/**
 * Throws naming the bad fields unless a successful admin answer is what its route's contract
 * promises (JSON answers only: files and YAML exports are not JSON).
 */
export function expectRouteResponse(method: string, path: string, status: number, json: unknown): void {
  const contract = routeOf(method, path);
  if (!contract) throw new Error(`no admin route contract serves ${method} ${path}`);
  if (status >= 300 || isBytes(contract.response) || contract.mediaType || json === undefined) return;
  const problems = contractProblems(contract.response, json);
  if (problems.length > 0) throw new Error(`${method} ${path} answered outside its contract: ${problems.join('; ')}`);
}

/**
 * A copy of a schema whose objects accept only their declared fields (unless they say otherwise),
 * so a reply with an undocumented field fails as surely as one missing a field.
 */
function closed(schema: TSchema): TSchema {
  const copy: TSchema = { ...schema };
  if (copy.type === 'object' && copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  if (copy.properties)
    copy.properties = Object.fromEntries(Object.entries(copy.properties as Record<string, TSchema>).map(([k, v]) => [k, closed(v)]));
  if (copy.items && !Array.isArray(copy.items)) copy.items = closed(copy.items);
  if (copy.anyOf) copy.anyOf = copy.anyOf.map(closed);
  return copy;
}

const closedSchemas = new WeakMap<TSchema, TSchema>();
const closedOf = (schema: TSchema): TSchema => {
  let copy = closedSchemas.get(schema);
  if (!copy) {
    copy = closed(schema);
    closedSchemas.set(schema, copy);
  }
  return copy;
};

/** The problems of an action's successful `data` against the action's result schema in `dialect` (closed objects). */
export function resultProblems(dispatcher: Dispatcher, action: string, data: unknown, dialect: Dialect = 'napcat'): string[] {
  const resolved = dispatcher.table.resolve(action);
  if (!resolved) return [`${action}: not an action`];
  const label = dialect === 'napcat' ? resolved.spec.name : `${resolved.spec.name} (${dialect})`;
  return contractProblems(closedOf(resolved.runner(dialect).result), data).map((problem) => `${label}: ${problem}`);
}

/**
 * Watches every call `dispatcher` answers (any transport) and records each successful reply whose
 * `data` is not what its action's result schema says. `problems()` lists them; `checked()` counts
 * the replies checked.
 */
export function watchActionResults(dispatcher: Dispatcher) {
  const problems: string[] = [];
  let checked = 0;
  const stop = dispatcher.onCall((record) => {
    if (record.envelope.status !== 'ok') return;
    checked++;
    for (const problem of resultProblems(dispatcher, record.action, record.envelope.data, record.meta.dialect)) {
      problems.push(`${problem} (params ${JSON.stringify(record.params)?.slice(0, 200)})`);
    }
  });
  return { problems: () => [...new Set(problems)], checked: () => checked, stop };
}
