// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'scratch/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bench/*.js', 'scripts/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // ---- contract suite: layering (src/contract/) ----
  // The engine and the checks are environment-free (no filesystem, no vitest) and never reach up into the
  // adapters above them (the CLI, the vitest adapter, the reporters). Tests beside them are exempt.
  {
    files: ['src/contract/engine/**/*.ts', 'src/contract/checks/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vitest', message: 'Only src/contract/vitest.ts imports vitest.' },
            {
              name: 'node:fs',
              message: 'The contract engine and checks are environment-free: no filesystem.',
            },
            {
              name: 'node:fs/promises',
              message: 'The contract engine and checks are environment-free: no filesystem.',
            },
          ],
          patterns: [
            {
              group: ['../cli*', '../vitest*', '../report/*'],
              message: 'The engine and checks never import the adapters or reporters built on them.',
            },
          ],
        },
      ],
    },
  },
  // Among non-test sources, only the vitest adapter loads vitest (an optional peer dependency).
  {
    files: ['src/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      'src/contract/vitest.ts',
      // Covered, vitest included, by the block above (a later block would replace its options).
      'src/contract/engine/**',
      'src/contract/checks/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vitest', message: 'Only src/contract/vitest.ts imports vitest.' }] },
      ],
    },
  },
  // ---- end contract suite ----
);
