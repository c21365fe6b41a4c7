// Lint rules for the whole repository. The layer rule below is the architecture's backbone:
// dependencies point one way, app -> network/admin -> protocol layers (onebot, milky) -> world ->
// util, every layer may use the contract, and the console (web/) sees the server only through the
// contract's types. docs/architecture.md explains the layers; test/tooling/lint.test.ts proves
// that a crossing import fails.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layers = [
  { type: 'app', pattern: 'src/app/**', partialMatch: false },
  { type: 'network', pattern: 'src/network/**', partialMatch: false },
  { type: 'admin', pattern: 'src/admin/**', partialMatch: false },
  { type: 'onebot', pattern: 'src/onebot/**', partialMatch: false },
  { type: 'milky', pattern: 'src/milky/**', partialMatch: false },
  { type: 'world', pattern: 'src/world/**', partialMatch: false },
  { type: 'util', pattern: 'src/util/**', partialMatch: false },
  // Shapes shared by the server and its clients: TypeBox schemas and types, nothing else.
  { type: 'contract', pattern: 'src/contract/**', partialMatch: false },
  // The browser console.
  { type: 'web', pattern: 'web/src/**', partialMatch: false },
];

/**
 * Which layers each layer may import from (its own is always allowed). The two protocol layers
 * (OneBot, Milky) sit side by side over the world and never import each other.
 */
const allowed = {
  app: ['network', 'admin', 'onebot', 'milky', 'world', 'util', 'contract'],
  network: ['onebot', 'milky', 'world', 'util', 'contract'],
  admin: ['onebot', 'milky', 'world', 'util', 'contract'],
  onebot: ['world', 'util', 'contract'],
  milky: ['world', 'util', 'contract'],
  world: ['util', 'contract'],
  util: [],
  contract: [],
  web: [],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'data/', '.tmp/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
      'import/resolver': { typescript: { project: ['./tsconfig.json', './web/tsconfig.json'], noWarnOnMultipleProjects: true } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...Object.entries(allowed).map(([from, to]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
            })),
            // The console takes the contract's types only: no server code (not even TypeBox) in the bundle.
            { from: { element: { type: 'web' } }, allow: { to: { element: { type: 'contract' } }, dependency: { kind: 'type' } } },
          ],
        },
      ],
      // Every source file belongs to a layer, and imports only files that do.
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown-dependencies': 'error',
    },
  },
  {
    // The contract is imported by the console's compiler too: TypeBox is its only dependency.
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!@sinclair/typebox$|\\.{1,2}/)', message: 'The contract imports nothing but TypeBox and its own files.' },
          ],
        },
      ],
    },
  },
  {
    // Tests reach into fixtures and clients' untyped payloads; `any` is the honest type there.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // useLoad(load, deps) takes dependencies like an effect: its call sites are checked too.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLoad$' }],
    },
  },
);
