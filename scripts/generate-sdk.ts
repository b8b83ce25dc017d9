// Writes sdk/src/schema.d.ts from openapi/openapi.json (openapi-typescript). `npm run sdk:generate`; a test fails when
// the committed file differs from what this produces.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'

const root = path.resolve(import.meta.dirname, '..')
export const SCHEMA_FILE = path.join(root, 'sdk/src/schema.d.ts')

export async function sdkTypes (): Promise<string> {
  const spec = JSON.parse(readFileSync(path.join(root, 'openapi/openapi.json'), 'utf8')) as Parameters<typeof openapiTS>[0]
  const ast = await openapiTS(spec, { alphabetize: false })
  return `// Generated from openapi/openapi.json by scripts/generate-sdk.ts (npm run sdk:generate). Do not edit.\n${astToString(ast)}`
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  writeFileSync(SCHEMA_FILE, await sdkTypes())
  process.stdout.write(`wrote ${path.relative(root, SCHEMA_FILE)}\n`)
}
