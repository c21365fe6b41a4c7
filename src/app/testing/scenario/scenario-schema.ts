import { Type, type TSchema } from '@sinclair/typebox';
import { strict, Uin, type StepSpec } from './step.js';
import { stepTable } from './steps.js';

/**
 * A step's value schema with its `needs.oneOf` said on the mapping form (`say: {from: 20001}`
 * needs `text` or `segments`). Only for the JSON Schema: the loader checks needs itself, with
 * sentences instead of "must match a schema in anyOf".
 */
function withOneOf(step: StepSpec): TSchema {
  const fields = step.needs?.oneOf;
  if (!fields) return step.schema;
  const need = (schema: TSchema): TSchema =>
    schema.type === 'object' ? { ...schema, anyOf: fields.map((field) => ({ required: [field] })) } : schema;
  const members = (step.schema as { anyOf?: TSchema[] }).anyOf;
  return members ? { ...step.schema, anyOf: members.map(need) } : need(step.schema);
}

/** A step as the schema sees it: an object with exactly one step key (`say`, `expect`, ...). */
export const StepSchema = Type.Union(
  stepTable.map((step) =>
    Type.Object({ [step.name]: withOneOf(step) } as Record<string, TSchema>, { ...strict, description: step.summary }),
  ),
);

/**
 * Without the scenario's `user` (or `group`), no step may leave out the field that names who acts
 * (or its group): the file-level half of the steps' needs, as JSON Schema can say it.
 */
function scenarioNeeds(key: 'user' | 'group', description: string) {
  const lacking = stepTable.flatMap((step) => {
    const field = key === 'user' ? step.needs?.who : step.needs?.group && 'group';
    // A short form (a string) names nobody, so only a mapping with the field gives it.
    return field ? [{ required: [step.name], properties: { [step.name]: { not: { type: 'object', required: [field] } } } }] : [];
  });
  return { description, if: { not: { required: [key] } }, then: { properties: { steps: { items: { not: { anyOf: lacking } } } } } };
}

/**
 * One scenario (one YAML document; a file may hold several, separated by `---`). Built from the
 * step table, so a new step is in the schema, and in `docs/scenario.schema.json`, at once.
 */
export const ScenarioSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'What the scenario checks (default: the file name)' })),
    world: Type.Optional(
      Type.Union([Type.String({ description: 'A world file, relative to this file' }), Type.Record(Type.String(), Type.Unknown())], {
        description: 'The world this scenario runs in (default: `--world`, else the default world)',
      }),
    ),
    group: Type.Optional(Uin),
    user: Type.Optional(Uin),
    skip: Type.Optional(Type.Boolean({ description: 'Listed as skipped, not run' })),
    steps: Type.Array(StepSchema, { minItems: 1 }),
  },
  {
    ...strict,
    title: 'Catnap test scenario',
    description: 'A `catnap test` scenario: people act, the bot is expected to answer',
    allOf: [
      scenarioNeeds('user', 'Without the scenario\'s `user`, steps name who acts ("from", "as")'),
      scenarioNeeds('group', 'Without the scenario\'s `group`, steps that happen in a group name it ("group")'),
    ],
  },
);

/** The JSON Schema file for editors (`docs/scenario.schema.json`). */
export function scenarioJsonSchema(): string {
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...ScenarioSchema };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
