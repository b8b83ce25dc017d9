import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import type { ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { validateOb3 } from '../v3/schema.js'

/**
 * CLR 2.0 JSON Schema validation. The bundled schema is 1EdTech's `clr_v2p0_clrcredential_schema.json` as the 1EdTech
 * validator ships it (draft-04 copy, `../contexts/schemas/clr_v2p0_clrcredential_schema_draft4.inspector-tcp-copy.json`),
 * which predates CLR 2.0's move to VC Data Model 2.0: it names the VCDM 1.1 dates. At load time, and only there,
 * `issuanceDate`/`expirationDate` become the VCDM 2.0 `validFrom`/`validUntil` (same meaning, same DateTimeZ format),
 * and its VCDM 1.1 `VerifiableCredential` definition is replaced by the current OB 3.0 AchievementCredential schema
 * (VCDM 2.0), applied to every embedded credential. Nothing else is changed. Never fetched; compiled once.
 */

export interface ClrSchemaResult {
  valid: boolean
  errors: string[]
}

type AddFormats = (ajv: Ajv) => Ajv
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats)

const RENAMES: Record<string, string> = { issuanceDate: 'validFrom', expirationDate: 'validUntil' }

/** The VCDM 1.1 → 2.0 date rename of one schema object (properties and required). */
function vcdm2(schema: Record<string, unknown>): void {
  const props = schema.properties as Record<string, unknown> | undefined
  if (props) {
    for (const [from, to] of Object.entries(RENAMES)) {
      if (props[from] !== undefined) {
        props[to] = props[from]
        delete props[from]
      }
    }
  }
  if (Array.isArray(schema.required)) schema.required = schema.required.map((r: string) => RENAMES[r] ?? r)
}

let validate: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (validate) return validate
  const text = readFileSync(new URL('../contexts/schemas/clr_v2p0_clrcredential_schema_draft4.inspector-tcp-copy.json', import.meta.url), 'utf8')
  const schema = JSON.parse(text) as Record<string, unknown>
  delete schema.$schema // draft-04 declared, but written with $id/$defs: Ajv's default draft reads it as meant
  vcdm2(schema)
  const defs = schema.$defs as Record<string, Record<string, unknown>>
  if (defs.EndorsementCredential) vcdm2(defs.EndorsementCredential)
  // The draft's VerifiableCredential (VCDM 1.1, 1EdTech revocation list only) is replaced by "an object": every
  // embedded credential is validated against the current OB 3.0 AchievementCredential schema below instead.
  defs.VerifiableCredential = { type: 'object' }
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  validate = ajv.compile(schema)
  return validate
}

/** Validates a ClrCredential, then every embedded credential against the OB 3.0 schema. Never throws on bad input. */
export function validateClr(doc: unknown): ClrSchemaResult {
  const fn = validator()
  const errors: string[] = []
  if (!fn(doc)) {
    for (const e of (fn.errors ?? []).slice(0, 20)) errors.push(`${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`)
  }
  const subject = (doc as { credentialSubject?: { verifiableCredential?: unknown } } | null)?.credentialSubject
  const creds = Array.isArray(subject?.verifiableCredential) ? subject.verifiableCredential : []
  creds.forEach((c, i) => {
    const r = validateOb3(c, 'achievement')
    if (!r.valid && errors.length < 20) errors.push(...r.errors.map((e) => `/credentialSubject/verifiableCredential/${i}${e}`))
  })
  return { valid: errors.length === 0, errors }
}
