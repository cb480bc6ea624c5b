// ESLint for the TypeScript sources, tests, benchmarks and scripts (the contract is linted by Redocly).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.cli-build-*/', 'node_modules/', 'src/types/allsign-v2.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // response bodies of arbitrary APIs are `any` on purpose in the conformance client and checks
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
