import type { Migration } from 'kysely'
import * as foundation from './20261122T1600_foundation.js'

/**
 * Every migration, in order. Listed statically so that tsx, vitest and the compiled image load them alike;
 * a test fails when a file in this folder is missing here.
 */
export const migrations: Record<string, Migration> = {
  '20261122T1600_foundation': foundation,
}
