import { defineConfig } from 'vitest/config'

// The reliability suite (issue #15): real processes (compiled server and workers, PostgreSQL and Redis of its own on
// spare ports). One file at a time: the machine has two cores and every file starts its own cluster.
export default defineConfig({
  test: {
    name: 'reliability',
    root: import.meta.dirname + '/..',
    include: ['reliability/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['reliability/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
})
