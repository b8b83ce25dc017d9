import { createHash } from 'node:crypto'
import * as awardsRepo from '../../db/badges/awards.repo.js'
import * as repo from '../../db/badges/badges.repo.js'
import type { AwardRow } from '../../db/badges/badges.types.js'
import { isUuid } from '../../db/page.js'
import { bakePng } from '../../ob/bake/png.js'
import { bakeSvg } from '../../ob/bake/svg.js'
import {
  buildAssertion, buildBadgeClass, buildCryptographicKey, buildEndorsement, buildProfile, buildRevocationList, buildRevokedAssertion,
} from '../../ob/v2/documents.js'
import type { Ob2Assertion, Ob2Document } from '../../ob/v2/types.js'
import type { AwardService, Award } from '../badges/awards.js'
import type { BadgeClass, BadgeClassService } from '../badges/badge-classes.js'
import { PUBLISHED, badgeClassTexts } from '../badges/badge-classes.js'
import { findCityById } from '../../db/repos.js'
import { defaultLanguage, languagesOf, negotiateLanguage, textIn } from '../shared/i18n.js'
import { toOb2Alignment } from '../badges/badge-spine.js'
import type { DomainDeps } from '../shared/context.js'
import type { Endorsement, EndorsementService } from '../badges/endorsements.js'
import { NotFound } from '../shared/errors.js'
import type { CachedDocument, HostedCache } from './hosted-cache.js'
import type { KeyService } from '../keys/keys.js'
import { ob2Urls, signedAssertionId } from './ob2-urls.js'
import { toOrganisation, type Organisation } from '../cities/organisations.js'

export type AssertionForm = 'hosted' | 'signed'

/** Everything a human page of an assertion shows (src/routes/assertion-page.ts): never the plain identity. */
export interface AssertionView {
  award: Omit<Award, 'recipient'> & { recipient: Omit<Award['recipient'], 'plainIdentity'> }
  badgeClass: BadgeClass
  organisation: Organisation
  endorsements: Array<Endorsement & { endorser: Organisation }>
  status: 'valid' | 'revoked' | 'expired'
  links: Award['links']
}

const etagOf = (body: string): string => `"${createHash('sha1').update(body).digest('base64url')}"`
const json = (doc: unknown): string => JSON.stringify(doc)

/** The public OB 2.0 documents, built from the database with every id pointing back at this service. */
export function createOb2PublicService (deps: DomainDeps & { keys: KeyService; cache: HostedCache; awards: AwardService; badgeClasses: BadgeClassService; endorsements: EndorsementService }) {
  const urls = ob2Urls(deps.publicUrl)

  async function endorsementUrls (type: 'badge-class' | 'organisation' | 'award', id: string): Promise<string[]> {
    return (await repo.endorsementIdsFor(deps.db, type, id)).map(urls.endorsement)
  }

  async function profile (organisationId: string): Promise<Ob2Document> {
    const org = isUuid(organisationId) ? await repo.findOrganisationById(deps.db, organisationId) : undefined
    if (!org) throw new NotFound('issuer', organisationId)
    const keys = await repo.listKeys(deps.db, org.id, 'RS256')
    return buildProfile({
      id: urls.issuer(org.id), name: org.name, url: org.url, email: org.email,
      ...(org.description !== null ? { description: org.description } : {}),
      ...(org.image !== null ? { image: org.image } : {}),
      ...(org.telephone !== null ? { telephone: org.telephone } : {}),
      publicKey: keys.map((k) => urls.key(org.id, k.id)),
      revocationList: urls.revocations(org.id),
      endorsement: await endorsementUrls('organisation', org.id),
    })
  }

  async function cryptographicKey (organisationId: string, kid: string): Promise<Ob2Document> {
    const key = isUuid(organisationId) ? await repo.findKey(deps.db, kid) : undefined
    if (!key || key.organisation_id !== organisationId || key.algorithm !== 'RS256') throw new NotFound('key', kid)
    return buildCryptographicKey({ id: urls.key(organisationId, kid), owner: urls.issuer(organisationId), publicKey: key.public_key_pem })
  }

  /** Every revoked award of the issuer, by both of its ids (hosted URL and the signed form's urn:uuid). */
  async function revocationList (organisationId: string): Promise<Ob2Document> {
    const org = isUuid(organisationId) ? await repo.findOrganisationById(deps.db, organisationId) : undefined
    if (!org) throw new NotFound('issuer', organisationId)
    const revoked = (await awardsRepo.listRevoked(deps.db, org.id)).flatMap((r) => {
      const reason = r.revocation_reason !== null ? { revocationReason: r.revocation_reason } : {}
      return [{ id: urls.assertion(r.id), ...reason }, { id: signedAssertionId(r.id), ...reason }]
    })
    return buildRevocationList({ id: urls.revocations(org.id), issuer: urls.issuer(org.id), revoked })
  }

  /**
   * The BadgeClass document in the language negotiated from `Accept-Language` (or `?lang=`) among the class's
   * languages, falling back to its own (else the city's default); `language` says which (also its `@language`).
   */
  async function badgeClass (id: string, want: { header?: string | undefined; lang?: string | undefined } = {}): Promise<{ doc: Ob2Document; language: string }> {
    const row = isUuid(id) ? await repo.findBadgeClassById(deps.db, id) : undefined
    if (!row || !PUBLISHED.includes(row.status)) throw new NotFound('badge-class', id)
    const city = await findCityById(deps.db, row.city_id)
    const fallback = row.language ?? (city ? defaultLanguage(city) : 'en')
    const texts = badgeClassTexts(row, fallback)
    const language = negotiateLanguage({ header: want.header, explicit: want.lang, available: languagesOf(texts, fallback), fallback })
    const narrative = textIn(texts.criteriaNarrative, language, fallback)
    const doc: Ob2Document = buildBadgeClass({
      id: urls.badge(row.id), name: textIn(texts.name, language, fallback) ?? row.name, description: textIn(texts.description, language, fallback) ?? row.description, image: urls.badgeImage(row.id),
      criteria: { ...(row.criteria_url !== null ? { id: row.criteria_url } : {}), ...(narrative !== undefined ? { narrative } : {}) },
      issuer: urls.issuer(row.organisation_id), alignment: [...row.spine_alignments.map(toOb2Alignment), ...row.alignments], tags: row.tags,
      endorsement: await endorsementUrls('badge-class', row.id), version: row.version,
    })
    if (row.language !== null) doc['@language'] = language
    return { doc, language }
  }

  async function badgeImage (id: string): Promise<{ mediaType: string; bytes: Buffer }> {
    const img = isUuid(id) ? await repo.findBadgeClassImage(deps.db, id) : undefined
    if (!img) throw new NotFound('badge-class image', id)
    return { mediaType: img.media_type, bytes: img.bytes }
  }

  async function endorsement (id: string): Promise<Ob2Document> {
    const row = isUuid(id) ? await repo.findEndorsementById(deps.db, id) : undefined
    if (!row) throw new NotFound('endorsement', id)
    return buildEndorsement({
      id: urls.endorsement(row.id), issuer: urls.issuer(row.organisation_id), issuedOn: row.issued_on,
      claim: { id: deps.endorsements.subjectUrl(row.subject_type, row.subject_id), ...(row.comment !== null ? { endorsementComment: row.comment } : {}) },
      verification: { type: 'HostedBadge' },
    })
  }

  function assertionDoc (row: AwardRow, form: AssertionForm, endorsement: string[]): Ob2Assertion {
    return buildAssertion({
      id: form === 'hosted' ? urls.assertion(row.id) : signedAssertionId(row.id),
      badge: urls.badge(row.badge_class_id),
      recipient: { type: row.recipient_type, hashed: true, identity: row.identity_hash, salt: row.salt },
      issuedOn: row.issued_on,
      ...(row.expires ? { expires: row.expires } : {}),
      verification: form === 'hosted' ? { type: 'HostedBadge' } : { type: 'SignedBadge', creator: urls.key(row.organisation_id, row.signing_key_id) },
      image: urls.assertionImage(row.id, form),
      evidence: row.evidence,
      ...(row.narrative !== null ? { narrative: row.narrative } : {}),
      endorsement,
    })
  }

  /**
   * The hosted assertion (200) or its revocation notice (410), serialised once and kept in the LRU until
   * revoked or endorsed. `jws` gives the signed form as text (410 with the same notice when revoked).
   */
  async function assertion (id: string, form: AssertionForm): Promise<CachedDocument> {
    const key = `${form === 'hosted' ? 'hosted' : 'jws'}:${id}`
    const hit = deps.cache.get(key)
    if (hit) return hit
    const generation = deps.cache.generation()
    const row = isUuid(id) ? await awardsRepo.findAwardById(deps.db, id) : undefined
    if (!row) throw new NotFound('assertion', id)
    let body: string
    let status = 200
    if (row.revoked_at) {
      status = 410
      body = json(buildRevokedAssertion({ id: urls.assertion(row.id), ...(row.revocation_reason !== null ? { revocationReason: row.revocation_reason } : {}) }))
    } else {
      const doc = assertionDoc(row, form, await endorsementUrls('award', row.id))
      body = form === 'hosted' ? json(doc) : await deps.keys.sign(row.signing_key_id, doc)
    }
    const entry = { status, body, etag: etagOf(body) }
    deps.cache.set(key, entry, generation)
    return entry
  }

  /** The badge class image baked with the hosted assertion JSON or the signed JWS (PNG iTXt or SVG). */
  async function bakedImage (id: string, form: AssertionForm): Promise<{ status: number; mediaType: string; body: Buffer }> {
    const doc = await assertion(id, form)
    if (doc.status !== 200) return { status: doc.status, mediaType: 'application/json', body: Buffer.from(doc.body) }
    const row = (await awardsRepo.findAwardById(deps.db, id))!
    const image = await badgeImage(row.badge_class_id)
    const text = doc.body.toString()
    if (image.mediaType === 'image/png') return { status: 200, mediaType: 'image/png', body: Buffer.from(bakePng(image.bytes, 'openbadges', text)) }
    const svg = image.bytes.toString('utf8')
    const baked = form === 'hosted' ? bakeSvg(svg, { version: 2, hosted: { url: urls.assertion(id), json: text } }) : bakeSvg(svg, { version: 2, signed: { jws: text } })
    return { status: 200, mediaType: 'image/svg+xml', body: Buffer.from(baked, 'utf8') }
  }

  /** For the human page of an assertion: the award with its badge class, issuer, endorsements, status and links. */
  async function assertionView (id: string): Promise<AssertionView> {
    const row = isUuid(id) ? await awardsRepo.findAwardById(deps.db, id) : undefined
    if (!row) throw new NotFound('assertion', id)
    const klass = (await repo.findBadgeClassById(deps.db, row.badge_class_id))!
    const org = (await repo.findOrganisationById(deps.db, row.organisation_id))!
    const { recipient, ...award } = deps.awards.toAward(row)
    const { plainIdentity: _hidden, ...publicRecipient } = recipient
    const endorsementRows = await Promise.all((await repo.endorsementIdsFor(deps.db, 'award', row.id)).map((e) => repo.findEndorsementById(deps.db, e)))
    const endorsements = await Promise.all(endorsementRows.filter((e) => e !== undefined).map(async (e) => ({
      ...deps.endorsements.toEndorsement(e), endorser: toOrganisation((await repo.findOrganisationById(deps.db, e.organisation_id))!),
    })))
    const status = row.revoked_at ? 'revoked' : row.expires && row.expires.getTime() < deps.clock().getTime() ? 'expired' : 'valid'
    return { award: { ...award, recipient: publicRecipient }, badgeClass: deps.badgeClasses.toBadgeClass(klass), organisation: toOrganisation(org), endorsements, status, links: award.links }
  }

  return { profile, cryptographicKey, revocationList, badgeClass, badgeImage, endorsement, assertion, bakedImage, assertionView }
}

export type Ob2PublicService = ReturnType<typeof createOb2PublicService>
