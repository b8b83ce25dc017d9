// npm run bench -- <name>: runs bench/<name>.ts in its own process (results are appended to bench/RESULTS.md).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

const here = import.meta.dirname
const available = readdirSync(here).filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f)).map((f) => f.replace(/\.ts$/, ''))
const name = process.argv[2]
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}>\n`)
  process.exit(2)
}
const file = path.join(here, `${name}.ts`)
if (!existsSync(file)) process.exit(2)
const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(3)], { stdio: 'inherit' })
process.exit(r.status ?? 1)
