// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ---- Server layers (src/http, faults, generations, validation, openapi, images) ----------------------------
// Lower folders never import higher ones, so nobody has to remember it. From the top: cli.ts and config.ts;
// http/ (Express, the only user of express and cors); faults/, generations/, validation/; openapi/ (the
// contract, which needs none of them); images/. options.ts and errors.ts are leaves anyone may import.
// ESLint does not merge a rule's options across blocks (the last block matching a file wins), so each
// block below repeats the restrictions of the blocks above it.
const EXPRESS_ONLY_IN_HTTP = {
  paths: [
    { name: 'express', message: 'Only src/http/ speaks Express; give lower layers plain values.' },
    { name: 'cors', message: 'Only src/http/ speaks Express; give lower layers plain values.' },
  ],
};
const NO_UPWARD_IMPORTS = {
  regex: '^(\\.\\./)+(http/|cli[.-]|config[.-])',
  message:
    'A lower layer never imports http/, cli or config: take what you need as a parameter (Pick<MockOptions, ...> from options.ts).',
};
const OPENAPI_IS_THE_BOTTOM = {
  regex: '^(\\.\\./)+(generations|faults|http|validation)/',
  message: 'openapi/ loads the contract and the model table; it needs nothing from the layers that use them.',
};
const serverLayers = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/http/**', 'src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', EXPRESS_ONLY_IN_HTTP] },
  },
  {
    files: ['src/faults/**/*.ts', 'src/generations/**/*.ts', 'src/validation/**/*.ts', 'src/images/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...EXPRESS_ONLY_IN_HTTP, patterns: [NO_UPWARD_IMPORTS] }] },
  },
  {
    files: ['src/openapi/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...EXPRESS_ONLY_IN_HTTP, patterns: [NO_UPWARD_IMPORTS, OPENAPI_IS_THE_BOTTOM] },
      ],
    },
  },
];
// ---- end of server layers -----------------------------------------------------------------------------------

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
  ...serverLayers,
);
