import { createHash, randomUUID } from 'node:crypto'
import * as repo from '../../db/learners/imports.repo.js'
import type { ImportSourceKind, ImportSpine, LearnerImportRow } from '../../db/learners/imports.types.js'
import { addEvent } from '../../db/outbox.js'
import { findCityById } from '../../db/repos.js'
import { isUuid, pageOf } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import { createEgress } from '../../infra/egress.js'
import type { VerificationReport } from '../../ob/report.js'
import { mapAlignments } from '../../spine/import-mapping.js'
import { isDimension, isLevel } from '../../spine/model.js'
import { spineUrls } from '../../spine/urls.js'
import { requireRole, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { createVerifyService, type VerifyInput, type VerifyService } from '../verify/verify.js'
import type { LearnerService } from './learners.js'

// Imports (issue #8 item 7): a learner adds a badge from elsewhere in any form POST /v1/verify takes. It goes
// through the same verification pipeline (domain/verify/verify.ts), is kept with its report whatever the outcome,
// is mapped to the city's spine by its alignments (or by a city admin), and is verified again on a schedule so that
// a revocation at its issuer shows up. Only verified imports count (backpack, pathways evidence via
// db/learners/imports.repo.ts `verifiedImportsOf`); a failed one is kept with its report and counts nowhere.

export interface LearnerImport {
  id: string
  learnerId: string
  status: 'verified' | 'failed'
  format: string
  source: { kind: ImportSourceKind; url?: string }
  name?: string
  issuerName?: string
  issuedOn?: string
  spine?: ImportSpine
  themes: string[]
  mappedBy?: 'alignment' | 'admin'
  /** The stored verification report of the last check. */
  report: unknown
  verifiedAt?: string
  checkedAt: string
  createdAt: string
}

export interface ImportMappingInput { elements: string[]; level?: string | undefined; dimensions?: string[] | undefined; themes?: string[] | undefined }

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const text = (v: unknown, max = 500): string | null => typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null
const date = (v: unknown): Date | null => {
  if (typeof v !== 'string' && typeof v !== 'number') return null
  const d = new Date(typeof v === 'number' ? v * 1000 : v)
  return Number.isNaN(d.getTime()) ? null : d
}

/** Name, issuer, issue date and alignments of a verified badge, from the documents its report carries. */
export function reportFacts (report: VerificationReport): { name: string | null; issuerName: string | null; issuedOn: Date | null; alignments: unknown[] } {
  if (isObject(report.credential)) {
    const c = report.credential
    const subject = asArray(c.credentialSubject).find(isObject)
    const achievement = isObject(subject?.achievement) ? subject.achievement : undefined
    const issuer = isObject(c.issuer) ? c.issuer : isObject(report.issuer) ? report.issuer : undefined
    return { name: text(achievement?.name), issuerName: text(issuer?.name), issuedOn: date(c.validFrom ?? c.issuanceDate ?? c.awardedDate), alignments: asArray(achievement?.alignment) }
  }
  const badge = isObject(report.badgeClass) ? report.badgeClass : undefined
  const assertion = isObject(report.assertion) ? report.assertion : undefined
  const issuer = isObject(report.issuer) ? report.issuer : undefined
  return { name: text(badge?.name), issuerName: text(issuer?.name), issuedOn: date(assertion?.issuedOn), alignments: asArray(badge?.alignment) }
}

function sourceOf (input: VerifyInput): { kind: ImportSourceKind; source: string } {
  if ('url' in input) return { kind: 'url', source: input.url.trim() }
  if ('assertion' in input) return { kind: 'assertion', source: JSON.stringify(input.assertion) }
  if ('credential' in input) return { kind: 'credential', source: JSON.stringify(input.credential) }
  if ('jws' in input) return { kind: 'jws', source: input.jws.trim() }
  if ('jwt' in input) return { kind: 'jwt', source: input.jwt.trim() }
  return { kind: 'image', source: Buffer.from(input.image).toString('base64') }
}

function inputOf (kind: ImportSourceKind, source: string): VerifyInput {
  switch (kind) {
    case 'url': return { url: source }
    case 'assertion': return { assertion: JSON.parse(source) as unknown }
    case 'credential': return { credential: JSON.parse(source) as unknown }
    case 'jws': return { jws: source }
    case 'jwt': return { jwt: source }
    case 'image': return { image: Buffer.from(source, 'base64') }
  }
}

export function createImportService (deps: DomainDeps & { learners: LearnerService }) {
  let verifier: VerifyService | undefined

  /** The verifier with the HTTP app's own-URL resolver and JSON-LD pool (routes attach it); a plain one otherwise. */
  const verify = (input: VerifyInput): Promise<VerificationReport> => {
    verifier ??= createVerifyService({ egress: deps.egress ?? createEgress(), clock: deps.clock })
    return verifier.verify(input)
  }

  const present = (r: LearnerImportRow): LearnerImport => ({
    id: r.id,
    learnerId: r.learner_id,
    status: r.status,
    format: r.format,
    source: r.source_kind === 'url' ? { kind: 'url', url: r.source } : { kind: r.source_kind },
    ...(r.name !== null ? { name: r.name } : {}),
    ...(r.issuer_name !== null ? { issuerName: r.issuer_name } : {}),
    ...(r.issued_on !== null ? { issuedOn: r.issued_on.toISOString() } : {}),
    ...(r.spine !== null ? { spine: r.spine } : {}),
    themes: r.themes,
    ...(r.mapped_by !== null ? { mappedBy: r.mapped_by } : {}),
    report: r.report,
    ...(r.verified_at !== null ? { verifiedAt: r.verified_at.toISOString() } : {}),
    checkedAt: r.checked_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  })

  /** Verifies and works out what the report says; an admin's mapping (`keep`) stays as it is. */
  async function assess (city: CityRow, input: VerifyInput, keep?: LearnerImportRow): Promise<repo.ImportOutcome> {
    const report = await verify(input)
    const facts = reportFacts(report)
    const outcome: repo.ImportOutcome = {
      status: report.verified ? 'verified' : 'failed', format: report.format, report,
      name: facts.name, issuer_name: facts.issuerName, issued_on: facts.issuedOn, spine: null, themes: [], mapped_by: null,
    }
    if (keep?.mapped_by === 'admin') return { ...outcome, spine: keep.spine, themes: keep.themes, mapped_by: 'admin' }
    const candidates = facts.alignments.flatMap((a) => isObject(a) ? [a.targetCode, String(a.targetUrl ?? '').split('/').pop()].flatMap((c) => typeof c === 'string' ? [decodeURIComponentSafe(c.trim())] : []) : [])
    const [elementCodes, themeCodes] = await Promise.all([repo.knownCodes(deps.db, city.id, 'spine_elements', candidates), repo.knownCodes(deps.db, city.id, 'themes', candidates)])
    const mapping = mapAlignments(facts.alignments, { spineRoot: spineUrls(deps.publicUrl, city.slug).framework, elementCodes, themeCodes })
    return { ...outcome, spine: mapping.spine ?? null, themes: mapping.themes, mapped_by: mapping.spine || mapping.themes.length ? 'alignment' : null }
  }

  /** POST .../learners/{id}/imports: verified or not, the import is kept with its report (201; 200 when it exists). */
  async function create (p: Principal, city: CityRow, learnerId: string, input: VerifyInput): Promise<{ created: boolean; item: LearnerImport }> {
    await deps.learners.getRow(p, city, learnerId, 'import badges')
    const { kind, source } = sourceOf(input)
    const fingerprint = createHash('sha256').update(`${kind}\n${source}`).digest('base64url')
    const outcome = await assess(city, input)
    const now = deps.clock()
    const result = await deps.db.transaction().execute(async (trx) => {
      const r = await repo.insertImport(trx, { id: randomUUID(), city_id: city.id, learner_id: learnerId, source_kind: kind, source, fingerprint }, outcome, now)
      if (r.created && r.row.status === 'verified') {
        await addEvent(trx, { type: 'import.verified', cityId: city.id, payload: { cityId: city.id, learnerId, importId: r.row.id } })
      }
      return r
    })
    if (result.created && result.row.status === 'verified') deps.eventsWritten()
    return { created: result.created, item: present(result.row) }
  }

  async function rowOf (p: Principal, city: CityRow, learnerId: string, importId: string, action: string): Promise<LearnerImportRow> {
    await deps.learners.getRow(p, city, learnerId, action)
    const row = isUuid(importId) ? await repo.findImport(deps.db, learnerId, importId) : undefined
    if (!row) throw new NotFound('import', importId)
    return row
  }

  const get = async (p: Principal, city: CityRow, learnerId: string, importId: string): Promise<LearnerImport> =>
    present(await rowOf(p, city, learnerId, importId, 'read imports'))

  async function list (p: Principal, city: CityRow, learnerId: string, q: PageQuery & { status?: 'verified' | 'failed' | undefined }): Promise<Page<LearnerImport>> {
    await deps.learners.getRow(p, city, learnerId, 'read imports')
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const page = pageOf(await repo.listImports(deps.db, learnerId, { status: q.status }, limit, cursor), limit)
    return { items: page.rows.map(present), nextCursor: page.nextCursor }
  }

  async function remove (p: Principal, city: CityRow, learnerId: string, importId: string): Promise<void> {
    await deps.learners.getRow(p, city, learnerId, 'remove imports')
    const removed = isUuid(importId) && await deps.db.transaction().execute(async (trx) => {
      const row = await repo.findImport(trx, learnerId, importId)
      if (!row || (await repo.deleteImport(trx, learnerId, importId)) === 0) return false
      // A verified import counted (pathways, insights): they recount without it.
      if (row.status === 'verified') await addEvent(trx, { type: 'import.removed', cityId: city.id, payload: { cityId: city.id, learnerId, importId } })
      return true
    })
    if (!removed) throw new NotFound('import', importId)
    deps.eventsWritten()
  }

  /** A city admin maps an import to the spine (replacing what its alignments said); empty elements clear it. */
  async function setMapping (p: Principal, city: CityRow, learnerId: string, importId: string, m: ImportMappingInput): Promise<LearnerImport> {
    requireRole(p, ['platform-admin', 'city-admin'], 'map imported badges to the spine')
    await rowOf(p, city, learnerId, importId, 'map imported badges to the spine')
    const fields: Array<{ field: string; message: string }> = []
    const [elements, themes] = await Promise.all([repo.knownCodes(deps.db, city.id, 'spine_elements', m.elements), repo.knownCodes(deps.db, city.id, 'themes', m.themes ?? [])])
    m.elements.forEach((c, i) => { if (!elements.has(c)) fields.push({ field: `/elements/${i}`, message: `no spine element ${c} in this city` }) })
    ;(m.themes ?? []).forEach((c, i) => { if (!themes.has(c)) fields.push({ field: `/themes/${i}`, message: `no theme ${c} in this city` }) })
    const level = m.level ?? 'engagement'
    if (!isLevel(level)) fields.push({ field: '/level', message: 'not a level of the grid' })
    const dimensions = m.dimensions ?? ['skills']
    dimensions.forEach((d, i) => { if (!isDimension(d)) fields.push({ field: `/dimensions/${i}`, message: 'not a dimension of the grid' }) })
    if (fields.length) throw new InvalidInput('the mapping names what this city does not have', fields)
    const spine = m.elements.length ? { elements: [...new Set(m.elements)], level, dimensions: [...new Set(dimensions)] } : null
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await repo.setImportSpine(trx, learnerId, importId, spine, [...new Set(m.themes ?? [])], spine || (m.themes ?? []).length ? 'admin' : null)
      if (r?.status === 'verified') await addEvent(trx, { type: 'import.mapped', cityId: city.id, payload: { cityId: city.id, learnerId, importId } })
      return r
    })
    if (!row) throw new NotFound('import', importId)
    if (row.status === 'verified') deps.eventsWritten()
    return present(row)
  }

  /**
   * The scheduled re-verification: imports last checked more than `olderThanSeconds` ago are leased, verified again
   * and their reports replaced. One that verifies for the first time records `import.verified`; one whose badge was
   * revoked (or broke) meanwhile becomes `failed` and stops counting. Returns how many were checked.
   */
  async function reverifyDue (opts: { olderThanSeconds: number; batch?: number }): Promise<number> {
    const now = deps.clock()
    const due = await repo.leaseDueImports(deps.db, new Date(now.getTime() - opts.olderThanSeconds * 1000), now, 120, opts.batch ?? 50)
    let events = false
    for (const row of due) {
      const city = await findCityById(deps.db, row.city_id)
      if (!city) continue
      let outcome: repo.ImportOutcome
      try {
        outcome = await assess(city, inputOf(row.source_kind, row.source), row)
      } catch (err) {
        // Input the verifier refuses outright (it was accepted once, so only a changed rule gets here): a failed report.
        outcome = { status: 'failed', format: 'unknown', report: { verified: false, format: 'unknown', checks: [{ id: 'structure', valid: false, code: 'refused', message: (err as Error).message }] }, name: row.name, issuer_name: row.issuer_name, issued_on: row.issued_on, spine: row.spine, themes: row.themes, mapped_by: row.mapped_by }
      }
      const at = deps.clock()
      await deps.db.transaction().execute(async (trx) => {
        const r = await repo.recordCheck(trx, row.id, outcome, at)
        if (r && r.before !== 'verified' && r.row.status === 'verified') {
          await addEvent(trx, { type: 'import.verified', cityId: row.city_id, payload: { cityId: row.city_id, learnerId: row.learner_id, importId: row.id } })
          events = true
        } else if (r && r.before === 'verified' && r.row.status !== 'verified') {
          // Revoked elsewhere (or broken) since: it stops counting in pathways and insights.
          await addEvent(trx, { type: 'import.revoked', cityId: row.city_id, payload: { cityId: row.city_id, learnerId: row.learner_id, importId: row.id } })
          events = true
        }
      })
    }
    if (events) deps.eventsWritten()
    return due.length
  }

  return {
    create, get, list, remove, setMapping, reverifyDue,
    /** The HTTP app attaches the verifier POST /v1/verify uses (own URLs in-process, JSON-LD in worker threads). */
    useVerifier (v: VerifyService): void { verifier = v },
  }
}

function decodeURIComponentSafe (s: string): string {
  try { return decodeURIComponent(s) } catch { return s }
}

export type ImportService = ReturnType<typeof createImportService>
