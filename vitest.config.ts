import { defineConfig } from 'vitest/config'

// Two honest tiers: `unit` (pure modules, no I/O) and `integration` (the real app on real
// PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set, embedded PGlite + in-process jobs otherwise).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // PGlite is single-connection and memory hungry: keep the number of workers small.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
