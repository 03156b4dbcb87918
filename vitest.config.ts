import { defineConfig } from 'vitest/config';

/**
 * Five projects, so the daily loop can run the fast ones alone (`npm run test:unit`, seconds) while
 * `npm test` and CI run everything:
 * - unit: the tests beside the code in src/ (pure functions, in-process);
 * - http: the server through supertest, the CLI as a process, the official SDK against the mock;
 * - contract: the contract suite against the mock and the broken provider (deviations, tolerances);
 * - browser: pages (the inspector, the HTML report) in headless Chromium from Debian's packages;
 * - package: the packed tarball installed in a temporary directory (slow; Node 20 only in CI).
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        // Pure, in-process tests: one module graph per worker thread instead of one per file halves the
        // project's time (the modules they load, Prism's validators above all, are the slow part).
        test: { name: 'unit', include: ['src/**/*.test.ts'], pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'http',
          include: ['test/**/*.test.ts'],
          exclude: ['test/contract/**', 'test/contract-*.test.ts', 'test/browser/**', 'test/package.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'contract', include: ['test/contract/**/*.test.ts', 'test/contract-*.test.ts'] },
      },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'] } },
      { extends: true, test: { name: 'package', include: ['test/package.test.ts'] } },
    ],
  },
});
