import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers only make the e2e server and browser fight the API tests.
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
