// Lint rules for the whole repository. The layer rule below is the architecture's backbone:
// dependencies point one way, app -> network/admin -> protocol layers -> world -> util, and the
// console (web/) sees the server only through its contract module.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layers = [
  { type: 'app', pattern: 'src/app' },
  { type: 'network', pattern: 'src/network' },
  { type: 'admin', pattern: 'src/admin' },
  { type: 'onebot', pattern: 'src/onebot' },
  { type: 'milky', pattern: 'src/milky' },
  { type: 'world', pattern: 'src/world' },
  { type: 'util', pattern: 'src/util' },
];

/** Which layers each layer may import from (its own is always allowed). */
const allowed = {
  app: ['network', 'admin', 'onebot', 'milky', 'world', 'util'],
  network: ['onebot', 'milky', 'world', 'util'],
  admin: ['onebot', 'milky', 'world', 'util'],
  onebot: ['world', 'util'],
  milky: ['world', 'util'],
  world: ['util'],
  util: [],
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
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['src/**/*.ts'],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: Object.entries(allowed).map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
          })),
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
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
