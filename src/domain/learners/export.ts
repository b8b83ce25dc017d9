import { randomUUID } from 'node:crypto'
import yazl from 'yazl'
import * as backpackRepo from '../../db/learners/backpack.repo.js'
import * as exportRepo from '../../db/learners/export.repo.js'
import type { CityRow } from '../../db/types.js'
import { buildClrCredential, signClr, type AssociationInput } from '../../ob/clr/clr.js'
import type { Principal } from '../access/auth.js'
import type { Ob3Service } from '../credentials/ob3-credentials.js'
import { ob2Urls } from '../credentials/ob2-urls.js'
import { multibaseOf } from '../keys/ob3-keys.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidState } from '../shared/errors.js'
import { completionAchievementUrl } from '../pathways/completion-achievement.js'
import type { LearnerService } from './learners.js'

/**
 * Export of a learner (issue #8 item 8): everything as JSON (the pathway record included); the portfolio as a signed
 * CLR 2.0 ClrCredential (every award's signed OpenBadgeCredential inside, eddsa-rdfc-2022, signed by the city's
 * portfolio issuer — its oldest council organisation, else its oldest organisation — with the pathway record as
 * Associations); a zip of the baked badges (OB 3.0 credential baked into each badge image). The CLR and the zip leave
 * the platform, so they hold only awards that are not revoked, not declined, and not held: an under-13's awards are
 * held until the guardian consents (409 until then).
 */

export interface ExportDeps extends DomainDeps {
  learners: LearnerService
  ob3: Ob3Service
}

export function createExportService (deps: ExportDeps) {
  const v2 = ob2Urls(deps.publicUrl)

  async function loadLearner (p: Principal, city: CityRow, learnerId: string) {
    const row = await deps.learners.getRow(p, city, learnerId, 'export learners')
    const awards = await exportRepo.learnerAwards(deps.db, row.id)
    return { row, awards }
  }

  /** Everything about the learner, as JSON (for the learner, their guardian or their app). */
  async function json (p: Principal, city: CityRow, learnerId: string): Promise<Record<string, unknown>> {
    const { row, awards } = await loadLearner(p, city, learnerId)
    const collections = await backpackRepo.listCollections(deps.db, row.id)
    const members = await backpackRepo.collectionAwardIds(deps.db, collections.map((c) => c.id))
    return {
      exportedAt: deps.clock().toISOString(),
      learner: await deps.learners.get(p, city, learnerId),
      awards: awards.map((a) => ({
        awardId: a.id, badgeClassId: a.badge_class_id, badgeName: a.badge_name, badgeDescription: a.badge_description,
        organisationId: a.organisation_id, issuerName: a.issuer_name, issuedOn: a.issued_on.toISOString(),
        ...(a.expires ? { expires: a.expires.toISOString() } : {}),
        acceptance: a.acceptance, revoked: a.revoked_at !== null, ...(a.revocation_reason ? { revocationReason: a.revocation_reason } : {}),
        links: { assertion: v2.assertion(a.id), credential: deps.ob3.urls.credential(a.id), image: deps.ob3.urls.credentialImage(a.id) },
      })),
      collections: collections.map((c) => ({ id: c.id, name: c.name, position: c.position, awardIds: members.get(c.id) ?? [] })),
      // The pathway record: what they follow, how far they are, what they completed and what counted.
      pathways: (await exportRepo.pathwayRecord(deps.db, row.id)).map((r) => ({
        pathwayId: r.pathway_id, title: r.title, version: r.version, startedAt: r.started_at.toISOString(),
        percent: r.percent ?? 0, satisfied: r.satisfied ?? false,
        contributingAwardIds: (r.contributing ?? []).filter((id) => awards.some((a) => a.id === id)),
        ...(r.completed_at ? { completedAt: r.completed_at.toISOString() } : {}),
        ...(r.award_id ? { completionAwardId: r.award_id } : {}),
        ...(r.broken_at ? { brokenAt: r.broken_at.toISOString() } : {}),
      })),
    }
  }

  /** The awards that may leave the platform (revoked, declined and held awards stay out). */
  async function portable (p: Principal, city: CityRow, learnerId: string) {
    const { row, awards } = await loadLearner(p, city, learnerId)
    if (row.age_band === 'under-13' && row.guardian_consent !== 'given') {
      throw new InvalidState("this learner's awards are held until their guardian consents; the JSON export is available")
    }
    return { row, awards: awards.filter((a) => a.revoked_at === null && a.acceptance !== 'declined') }
  }

  /**
   * The learner's pathway record in the CLR (issue #10 item 9): each achievement that counted towards a completed
   * pathway `isPartOf` that pathway's completion achievement (CLR 2.0 Association, by achievement ids). Only awards
   * in this CLR take part; an achievement counted by several awards is associated once.
   */
  async function pathwayAssociations (learnerId: string, awards: ReadonlyArray<{ id: string; badge_class_id: string }>): Promise<AssociationInput[]> {
    const classOf = new Map(awards.map((a) => [a.id, a.badge_class_id]))
    const out: AssociationInput[] = []
    const seen = new Set<string>()
    const records = await exportRepo.completionRecords(deps.db, learnerId)
    // A completion award's Achievement is its pathway version's own (completionAchievementUrl), as in its credential.
    const achievementOf = new Map(awards.map((a) => [a.id, deps.ob3.urls.achievement(a.badge_class_id)]))
    for (const c of records) {
      const cls = c.award_id ? classOf.get(c.award_id) : undefined
      if (c.award_id && cls) achievementOf.set(c.award_id, completionAchievementUrl(deps.ob3.urls.achievement(cls), { pathwayId: c.pathway_id, version: c.version }))
    }
    for (const c of records) {
      const targetId = c.award_id ? achievementOf.get(c.award_id) : undefined
      if (!targetId) continue // the completion badge itself is not in this CLR (revoked or declined)
      const counted = new Set(c.contributing ?? [])
      for (const a of awards) { // in the CLR's order (oldest first), whatever order the evaluator listed them in
        if (!counted.has(a.id) || a.id === c.award_id) continue
        const sourceId = achievementOf.get(a.id)!
        const key = `${sourceId} ${targetId}`
        if (sourceId === targetId || seen.has(key)) continue
        seen.add(key)
        out.push({ associationType: 'isPartOf', sourceId, targetId })
      }
    }
    return out
  }

  /** The signed ClrCredential (JSON text: never re-serialised through a response schema). */
  async function clr (p: Principal, city: CityRow, learnerId: string): Promise<string> {
    const { row, awards } = await portable(p, city, learnerId)
    if (awards.length === 0) throw new InvalidState('this learner has no awards to put in a portfolio')
    const issuer = await exportRepo.portfolioIssuer(deps.db, city.id)
    if (!issuer) throw new InvalidState('this city has no organisation to sign portfolios')
    const credentials = (await deps.ob3.credentials(awards.map((a) => a.id))).map((b) => JSON.parse(b.toString('utf8')) as object)
    const key = await deps.ob3.keys.activeKey(city.id, issuer.id, 'Ed25519')
    const now = deps.clock()
    const doc = buildClrCredential({
      id: `urn:uuid:${randomUUID()}`,
      name: `Learning record from ${city.name}`,
      description: `Every badge this learner holds in ${city.name}, each signed by its issuer.`,
      issuer: { id: deps.ob3.urls.issuer(issuer.id), name: issuer.name, ...(issuer.url ? { url: issuer.url } : {}) },
      validFrom: now,
      subject: { id: `urn:uuid:${row.pseudonym}` },
      credentials,
      associations: await pathwayAssociations(row.id, awards),
    })
    const signed = await signClr(doc, {
      privateKey: deps.ob3.keys.privateKey(key),
      verificationMethod: deps.ob3.urls.verificationMethod(issuer.id, multibaseOf(key)),
      created: now,
    })
    return JSON.stringify(signed)
  }

  /** A zip of the baked badges (each image carries its signed OB 3.0 credential). */
  async function zip (p: Principal, city: CityRow, learnerId: string): Promise<Buffer> {
    const { awards } = await portable(p, city, learnerId)
    const z = new yazl.ZipFile()
    const used = new Set<string>()
    for (const a of awards) {
      const img = await deps.ob3.credentialImage(a.id)
      const base = a.badge_name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'badge'
      let name = `${base}-${a.id.slice(0, 8)}.${img.mediaType === 'image/png' ? 'png' : 'svg'}`
      for (let i = 2; used.has(name); i++) name = `${base}-${a.id.slice(0, 8)}-${i}.${img.mediaType === 'image/png' ? 'png' : 'svg'}`
      used.add(name)
      z.addBuffer(img.bytes, name, { mtime: a.issued_on, compress: img.mediaType !== 'image/png' })
    }
    z.addBuffer(Buffer.from(`Badges exported from ${city.name} on ${deps.clock().toISOString()}.\nEach image has its Open Badges 3.0 credential baked in: open it in any Open Badges verifier.\n`, 'utf8'), 'README.txt', { mtime: deps.clock() })
    z.end()
    const chunks: Buffer[] = []
    for await (const c of z.outputStream) chunks.push(c as Buffer)
    return Buffer.concat(chunks)
  }

  return { json, clr, zip }
}

export type ExportService = ReturnType<typeof createExportService>
