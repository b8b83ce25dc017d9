import { readFileSync } from 'node:fs'
import { Ajv2019 } from 'ajv/dist/2019.js'
import type { ValidateFunction } from 'ajv/dist/2019.js'
import addFormatsModule from 'ajv-formats'

/**
 * OB 3.0 JSON Schema validation (OB 3.0 §D "JSON Schema", draft 2019-09; CONFORMANCE items 55, 76): Ajv2019 +
 * ajv-formats, `strict: false` (the 1EdTech schemas use annotation keywords Ajv's strict mode rejects). Schemas are
 * the bundled copies in `../contexts/schemas/` (never fetched), compiled lazily on first use and then reused.
 */

/** Which OB 3.0 credential schema to validate against. */
export type Ob3SchemaKind = 'achievement' | 'endorsement'

/** Result of {@link validateOb3}: `errors` are `<JSON pointer> <message>` strings, at most {@link MAX_ERRORS}. */
export interface SchemaResult {
  valid: boolean
  errors: string[]
}

export const MAX_ERRORS = 20

const SCHEMA_FILES: Record<Ob3SchemaKind, string> = {
  achievement: 'ghpages-achievementcredential.json',
  endorsement: 'ghpages-endorsementcredential.json',
}

// ajv-formats is CommonJS: under nodenext its default import is the module object on some toolchains.
type AddFormats = (ajv: Ajv2019) => Ajv2019
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats)

let ajv: Ajv2019 | undefined
const compiled = new Map<Ob3SchemaKind, ValidateFunction>()

function validator(kind: Ob3SchemaKind): ValidateFunction {
  const cached = compiled.get(kind)
  if (cached !== undefined) return cached
  if (ajv === undefined) {
    ajv = new Ajv2019({ strict: false, allErrors: true })
    addFormats(ajv)
  }
  const text = readFileSync(new URL(`../contexts/schemas/${SCHEMA_FILES[kind]}`, import.meta.url), 'utf8')
  const fn = ajv.compile(JSON.parse(text) as object)
  compiled.set(kind, fn)
  return fn
}

/** `endorsement` when `type` lists EndorsementCredential, else `achievement`. */
export function schemaKindOf(doc: unknown): Ob3SchemaKind {
  const type = doc !== null && typeof doc === 'object' ? (doc as { type?: unknown }).type : undefined
  const types = Array.isArray(type) ? type : [type]
  return types.includes('EndorsementCredential') ? 'endorsement' : 'achievement'
}

/**
 * Validates an OB 3.0 (VCDM 2.0) credential against the AchievementCredential or EndorsementCredential schema
 * (`kind` defaults to {@link schemaKindOf}). Never throws on bad input.
 */
export function validateOb3(doc: unknown, kind: Ob3SchemaKind = schemaKindOf(doc)): SchemaResult {
  const validate = validator(kind)
  if (validate(doc)) return { valid: true, errors: [] }
  const errors = (validate.errors ?? [])
    .slice(0, MAX_ERRORS)
    .map((e) => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`)
  return { valid: false, errors: errors.length > 0 ? errors : ['/ is invalid'] }
}
