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
    expect: { poll: { timeout: 20_000, interval: 100 } },
    // No retries: a test that passes only on its second try hides a race (issue 21).
    retry: 0,
    // FC_SEED=… replays every property test with the seed a failure printed.
    setupFiles: ['tests/helpers/fc-seed.ts'],
  },
});
