// Part of `npm run build`: copies every file of src/ that tsc does not emit (JSON-LD contexts, JSON schemas, ...)
// next to the compiled code, so that dist/ runs on its own (`node dist/src/server.js`). Test vectors stay out.
import { cpSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const SKIP_DIRS = new Set(['test-vectors'])
let copied = 0
function walk (rel) {
  for (const name of readdirSync(path.join(root, rel))) {
    const from = path.join(rel, name)
    if (statSync(path.join(root, from)).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(from)
    } else if (!/\.(ts|mts|cts)$/.test(name)) {
      cpSync(path.join(root, from), path.join(root, 'dist', from))
      copied++
    }
  }
}
walk('src')
process.stdout.write(`copied ${copied} asset files into dist/src\n`)
