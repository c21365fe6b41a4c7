import { Type, type TSchema } from '@sinclair/typebox';
import { strict, Uin } from './step.js';
import { stepTable } from './steps.js';

/** A step as the schema sees it: an object with exactly one step key (`say`, `expect`, ...). */
export const StepSchema = Type.Union(
  stepTable.map((step) => Type.Object({ [step.name]: step.schema } as Record<string, TSchema>, { ...strict, description: step.summary })),
);

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
  { ...strict, title: 'Catnap test scenario', description: 'A `catnap test` scenario: people act, the bot is expected to answer' },
);

/** The JSON Schema file for editors (`docs/scenario.schema.json`). */
export function scenarioJsonSchema(): string {
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...ScenarioSchema };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
