import { existsSync } from 'node:fs'
import path from 'node:path'
import { DIST, buildDist } from './lib.js'

/**
 * Compiles the service once per run: every test drives `dist/`, as production runs it. RELIABILITY_SKIP_BUILD=1 reuses
 * an earlier build (while iterating on the suite itself).
 */
export default function setup (): void {
  if (process.env.RELIABILITY_SKIP_BUILD === '1' && existsSync(path.join(DIST, 'src/server.js'))) return
  const started = Date.now()
  buildDist()
  process.stderr.write(`reliability: dist built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}
