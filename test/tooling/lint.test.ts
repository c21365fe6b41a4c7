import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule is the architecture's backbone (eslint.config.js, docs/architecture.md): these
 * imports must fail `npm run lint`. Each is linted as if it were a file at that path.
 */
const crossings: [file: string, source: string, why: RegExp][] = [
  [
    'src/world/lint-probe.ts',
    "import type { ActionSpec } from '../onebot/action.js';\nexport type X = ActionSpec;\n",
    /"world" to .*"onebot"/,
  ],
  [
    'src/onebot/lint-probe.ts',
    "import type { AdminRoute } from '../admin/admin-route.js';\nexport type X = AdminRoute;\n",
    /"onebot" to .*"admin"/,
  ],
  ['src/contract/lint-probe.ts', "import type { World } from '../world/world.js';\nexport type X = World;\n", /"contract" to .*"world"/],
  ['web/src/lint-probe.ts', "import type { World } from '../../src/world/world.js';\nexport type X = World;\n", /"web" to .*"world"/],
  // The console may take the contract's types, never its values (they would bundle TypeBox).
  ['web/src/lint-probe.ts', "import { worldApi } from '@contract';\nexport const x = worldApi;\n", /"web" to .*"contract"/],
];

describe('lint', () => {
  const eslint = new ESLint();

  it.each(crossings)('refuses %s: %s', async (file, source, why) => {
    const [result] = await eslint.lintText(source, { filePath: file });
    const messages = result!.messages.filter((message) => message.ruleId === 'boundaries/dependencies').map((message) => message.message);
    expect(messages.join('\n')).toMatch(why);
  });

  it("accepts the console's type-only import of the contract and a layer's import of the one below", async () => {
    const allowed: [string, string][] = [
      ['web/src/lint-probe.ts', "import type { AccountView } from '@contract';\nexport type X = AccountView;\n"],
      ['src/onebot/lint-probe.ts', "import type { World } from '../world/world.js';\nexport type X = World;\n"],
    ];
    for (const [file, source] of allowed) {
      const [result] = await eslint.lintText(source, { filePath: file });
      expect(result!.messages, file).toEqual([]);
    }
  });
});
