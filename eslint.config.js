// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/images, lowest first: scene (what is drawn), raster (rows and pixels),
 * codecs (bytes; each codec uses only codecs/shared and the raster's data types), then the
 * entry files at the top of src/images that wire them, behind index.ts. Each folder's rule
 * lists what it must not import, as regexes on the import path relative to its files.
 * Tests are left out: they feed a codec a rendered picture or check a layer through another.
 */
const IMAGES_LAYERS = [
  {
    files: ['src/images/*.ts'],
    patterns: [{ regex: '^\\.\\./', message: 'Rendering depends on nothing outside src/images.' }],
  },
  {
    files: ['src/images/scene/**/*.ts'],
    patterns: [
      { regex: '^\\.\\./(raster|codecs)/', message: 'The scene knows nothing of rasterising or encoding.' },
      { regex: '^\\.\\./[^/]+$', message: 'Only the entry files at the top of src/images wire the layers.' },
      { regex: '^\\.\\./\\.\\./', message: 'Rendering depends on nothing outside src/images.' },
    ],
  },
  {
    files: ['src/images/raster/**/*.ts'],
    patterns: [
      { regex: '^\\.\\./codecs/', message: 'The raster describes rows and pixels; it does not encode them.' },
      { regex: '^\\.\\./[^/]+$', message: 'Only the entry files at the top of src/images wire the layers.' },
      { regex: '^\\.\\./\\.\\./', message: 'Rendering depends on nothing outside src/images.' },
    ],
  },
  {
    files: ['src/images/codecs/**/*.ts'],
    patterns: [
      { regex: '^\\.\\./\\.\\./scene/', message: 'A codec encodes pixels and rows, never a scene.' },
      {
        regex: '^\\.\\./\\.\\./raster/',
        allowTypeImports: true,
        message: "A codec may name the raster's data types (import type), not run its code.",
      },
      {
        regex: '^\\.\\./(png|jpeg|webp)/',
        message: 'Codecs are independent: share code through codecs/shared.',
      },
      {
        regex: '^\\.\\./\\.\\./[^/]+$',
        message: 'Only the entry files at the top of src/images wire the layers.',
      },
      { regex: '^\\.\\./\\.\\./\\.\\./', message: 'Rendering depends on nothing outside src/images.' },
    ],
  },
];

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
  // ---- images: layering (src/images/) ----
  {
    // Outside src/images, the images module is its index: src/images/index.ts (dist/images/index.js).
    files: ['**/*.ts', '**/*.js'],
    ignores: ['src/images/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\.?/(.*/)?images/(?!index\\.js$)',
              message: 'Import src/images through its index (images/index.js) only.',
            },
          ],
        },
      ],
    },
  },
  ...IMAGES_LAYERS.map(({ files, patterns }) => ({
    files,
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  })),
  // ---- end images ----
);
