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
/**
 * The layers of the rest of src/, from the top: cli.ts and config.ts; http/ (the only user of express and
 * cors); faults/, generations/, edits/, journal/, validation/, uploads/; openapi/ (the contract and the model
 * table, which need none of them); pool/ (worker threads that run images/' render functions; the only user of
 * piscina); images/. The contract suite beside them: its engine/ and checks/ are environment-free, and only its
 * vitest adapter loads vitest. options.ts, errors.ts, is-record.ts and byte-cache.ts are leaves anyone may import.
 * ESLint does not merge a rule's options across config blocks (the last block matching a file wins), so
 * each folder gets one block with every restriction that applies to it; the folders do not overlap.
 * test/architecture.test.ts fails on any import cycle between folders, which no lint rule can see.
 */
const EXPRESS = [
  { name: 'express', message: 'Only src/http/ speaks Express; give lower layers plain values.' },
  { name: 'cors', message: 'Only src/http/ speaks Express; give lower layers plain values.' },
];
const VITEST = { name: 'vitest', message: 'Only src/contract/vitest.ts imports vitest (an optional peer).' };
const NO_FILESYSTEM = ['node:fs', 'node:fs/promises'].map((name) => ({
  name,
  message: 'The contract engine and checks are environment-free: no filesystem.',
}));
const PISCINA = { name: 'piscina', message: 'Only src/pool/ runs worker threads; others ask it to render.' };
const NO_UPWARD_IMPORTS = {
  regex: '^(\\.\\./)+(http/|cli[.-]|config[.-])',
  message:
    'A lower layer never imports http/, cli or config: take what you need as a parameter (Pick<MockOptions, ...> from options.ts).',
};
const OPENAPI_IS_THE_BOTTOM = {
  regex: '^(\\.\\./)+(generations|faults|http|validation)/',
  message: 'openapi/ loads the contract and the model table; it needs nothing from the layers that use them.',
};
const POOL_IS_BELOW_ALL_BUT_IMAGES = {
  regex: '^(\\.\\./)+(generations|faults|journal|validation|openapi|contract)/',
  message: 'pool/ runs the pure render functions of images/; it needs nothing from the layers that use it.',
};
const CONTRACT_CORE = {
  group: ['../cli*', '../vitest*', '../report/*'],
  message: 'The contract engine and checks never import the adapters or reporters built on them.',
};
const CONTRACT_CORE_FILES = ['src/contract/engine/**/*.ts', 'src/contract/checks/**/*.ts'];
const LAYERS = [
  { files: ['src/*.ts'], paths: [...EXPRESS, VITEST, PISCINA] },
  { files: ['src/http/**/*.ts'], paths: [VITEST, PISCINA] },
  {
    files: [
      'src/faults/**/*.ts',
      'src/generations/**/*.ts',
      'src/journal/**/*.ts',
      'src/validation/**/*.ts',
      'src/uploads/**/*.ts',
      'src/edits/**/*.ts',
      'src/images/**/*.ts',
    ],
    paths: [...EXPRESS, VITEST, PISCINA],
    patterns: [NO_UPWARD_IMPORTS],
  },
  {
    files: ['src/pool/**/*.ts'],
    paths: [...EXPRESS, VITEST],
    patterns: [NO_UPWARD_IMPORTS, POOL_IS_BELOW_ALL_BUT_IMAGES],
  },
  {
    files: ['src/openapi/**/*.ts'],
    paths: [...EXPRESS, VITEST, PISCINA],
    patterns: [NO_UPWARD_IMPORTS, OPENAPI_IS_THE_BOTTOM],
  },
  {
    files: CONTRACT_CORE_FILES,
    paths: [...EXPRESS, VITEST, PISCINA, ...NO_FILESYSTEM],
    patterns: [CONTRACT_CORE],
  },
  {
    files: ['src/contract/**/*.ts'],
    ignores: [...CONTRACT_CORE_FILES, 'src/contract/vitest.ts'],
    paths: [...EXPRESS, VITEST, PISCINA],
  },
  { files: ['src/contract/vitest.ts'], paths: [...EXPRESS, PISCINA] },
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
  // ---- layers of src/ (see LAYERS above) ----
  ...LAYERS.map(({ files, ignores = [], paths, patterns = [] }) => ({
    files,
    ignores: [...ignores, '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
  })),
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
