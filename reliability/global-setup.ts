import { existsSync } from 'node:fs'
import path from 'node:path'
import { DIST, buildDist } from './lib.js'

/**
 * Compiles the service once per run: every test drives `dist/`, as production runs it. RELIABILITY_SKIP_BUILD=1 reuses
 * an earlier build (while iterating on the suite itself); RELIABILITY_DIST=<dir> uses a build made by `npm run build`
 * (CI builds once and hands it over).
 */
export default function setup (): void {
  if (process.env.RELIABILITY_DIST) {
    if (!existsSync(path.join(DIST, 'src/server.js'))) throw new Error(`RELIABILITY_DIST=${DIST} holds no src/server.js: run npm run build first`)
    return
  }
  if (process.env.RELIABILITY_SKIP_BUILD === '1' && existsSync(path.join(DIST, 'src/server.js'))) return
  const started = Date.now()
  buildDist()
  process.stderr.write(`reliability: dist built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}
