import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // End-to-end tests spawn the CLI; on 2 cores a few at a time keeps them honest.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
