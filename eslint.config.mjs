// @ts-check
// Style that a tool checks, so a review need not: `npm run lint` (part of `npm test`), `npm run format` fixes.
// Rules that need type information are left out on purpose: they build the whole TypeScript program
// once more and would make the lint several times slower on CI's two cores.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'docs/', '.local/', 'coverage/', 'deploy/local/kafka/lib/'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        // As in tsconfig.json. consistent-type-imports then leaves alone files with decorators, where an
        // import that looks type-only may be what Nest injects (the class is read from decorator metadata).
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      // One block of imports, as the code has it: packages and our libraries, then relative paths.
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000', '^node:', '^@?\\w', '^', '^\\.\\.', '^\\.']] }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import type { A }` when every name is a type, `import { a, type B }` when mixed.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // `const { secret: _, ...rest } = x` leaves a field out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      // Input checks reject control characters on purpose (`/[\x00-\x1f]/`).
      'no-control-regex': 'off',
      // Reports a value that is used only in a parameter decorator (`@Body(pipe)`) as never used.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Services log through Nest's Logger, which carries the correlation id.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // A service whose configuration is wrong exits before Nest, and so its Logger, exists.
    files: ['libs/service-kit/src/run-service.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
