import { defineConfig } from 'vitest/config';

// Two cores: the end-to-end files each start Chromium, so files run two at a time.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    pool: 'forks',
    // The end-to-end tests poll the screen; a loaded 2-core machine needs more than the
    // default second before a poll gives up.
    expect: { poll: { timeout: 8000, interval: 100 } },
    // In CI a browser test that fails on timing gets one more try; a real failure fails twice.
    retry: process.env.CI ? 1 : 0,
  },
});
