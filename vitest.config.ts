import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration files each claim their own Redis prefix, so files may run in parallel.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
