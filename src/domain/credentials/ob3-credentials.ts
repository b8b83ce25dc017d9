import { createHash } from 'node:crypto'
import * as awardsRepo from '../../db/badges/awards.repo.js'
import * as repo from '../../db/badges/badges.repo.js'
import type { AwardRow, BadgeClassRow, EndorsementRow, EndorsementSubjectType, SigningKeyRow } from '../../db/badges/badges.types.js'
import { isUuid } from '../../db/page.js'
import type { CityRow, OrganisationRow } from '../../db/types.js'
import { bakePng } from '../../ob/bake/png.js'
import { bakeSvg } from '../../ob/bake/svg.js'
import {
  buildAchievement, buildEndorsementCredential, buildMultikeyDocument, buildOpenBadgeCredential, buildProfile, OB3_EXTENSIONS_CONTEXT,
  type AchievementInput, type IdentifierInput, type ProfileInput, type VerificationMethodInput,
} from '../../ob/v3/documents.js'
import type { JwtAlg } from '../../ob/v3/jwt.js'
import { requireOrganisationWrite, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { Gone, NotFound } from '../shared/errors.js'
import { createHostedCache } from './hosted-cache.js'
import { ob2Urls } from './ob2-urls.js'
import { createOb3KeyStore, multibaseOf } from '../keys/ob3-keys.js'
import { completionAchievementOfVersion, completionAchievementUrl, completionAchievements, type CompletionAchievement } from '../pathways/completion-achievement.js'
import { createOb3StatusService, type StatusEntry } from './ob3-status.js'
import { ob3Urls } from './ob3-urls.js'
import { badgeClassTexts } from '../badges/badge-classes.js'
import { languagesOf, negotiateLanguage, textIn } from '../shared/i18n.js'

/**
 * OB 3.0 documents of the OB 2.0 issue (OB 3.0 v1.2 on VCDM 2.0; CONFORMANCE B1–B8): every award is also an
 * OpenBadgeCredential, built on demand from its rows and signed (Data Integrity eddsa-rdfc-2022 and VC-JWT);
 * badge classes are Achievements, organisations Profiles (the controller documents of their keys), endorsements
 * EndorsementCredentials. Signing is deterministic (Ed25519, proof `created` = the award's issue time), so the
 * signed bytes are cached in memory under a fingerprint of their inputs: any change of a row or key signs anew.
 */

type Json = Record<string, unknown>
/** OB 3.0's LanguageCode pattern (its JSON schema): only such tags go into `inLanguage`. */
const OB_LANGUAGE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/
type Owner = { cityId: string; organisationId: string }

// Badge class versions that were ever public: what was awarded stays resolvable after supersession or retirement.
const PUBLIC_CLASS = new Set(['approved', 'superseded', 'retired'])
const IDENTITY_TYPE: Record<AwardRow['recipient_type'], string> = { email: 'emailAddress', telephone: 'ext:telephone', url: 'ext:url', id: 'identifier' }

export function createOb3Service (deps: Pick<DomainDeps, 'db' | 'clock' | 'publicUrl' | 'keyEncryptionKey'>) {
  const urls = ob3Urls(deps.publicUrl)
  const v2 = ob2Urls(deps.publicUrl)
  const keys = createOb3KeyStore(deps)
  const status = createOb3StatusService({ ...deps, keys })
  const cache = createHostedCache({ maxEntries: 20_000, ttlMs: 15 * 60_000 })

  const ownerOf = (r: { city_id: string; organisation_id: string }): Owner => ({ cityId: r.city_id, organisationId: r.organisation_id })

  /** Caches `make()` under `kind` + a hash of everything the signed bytes depend on. */
  async function cached (kind: string, inputs: unknown, make: () => Promise<string | Buffer>): Promise<Buffer> {
    const key = `ob3:${kind}:${createHash('sha256').update(JSON.stringify(inputs)).digest('base64url')}`
    const hit = cache.get(key)
    if (hit) return typeof hit.body === 'string' ? Buffer.from(hit.body) : hit.body
    const generation = cache.generation()
    const made = await make()
    const body = typeof made === 'string' ? Buffer.from(made, 'utf8') : made
    cache.set(key, { status: 200, body, etag: '' }, generation)
    return body
  }

  function profileOf (org: OrganisationRow): ProfileInput {
    return {
      id: urls.issuer(org.id),
      name: org.name,
      url: org.url,
      email: org.email,
      ...(org.description ? { description: org.description } : {}),
      // A data URI would ride along in every credential and JWT: only a linked image is embedded.
      ...(org.image?.startsWith('https://') ? { image: { id: org.image } } : {}),
    }
  }

  /** The languages of a badge class row: its default (`language`) first; none when it names no language. */
  function languagesOfClass (bc: BadgeClassRow): string[] {
    return bc.language ? languagesOf(badgeClassTexts(bc, bc.language), bc.language).filter((l) => l === bc.language || OB_LANGUAGE.test(l)) : []
  }

  /**
   * The Achievement of a badge class in `lang` (default: the class's own language, as in the signed credentials,
   * which never change after signing). A class with several languages names the others as `related` achievements:
   * their ids are this achievement's URL with `?lang=`, where the hosted document answers in that language.
   * For a pathway's completion award (issue #10 item 9) it describes the pathway completed: the criteria narrative
   * names it and lists its requirements, and the alignments lead with the pathway, its destinations and the spine
   * elements it asks for (then the badge class's own, each target URL once).
   */
  function achievementOf (bc: BadgeClassRow, opts: { lang?: string | undefined; completion?: CompletionAchievement | undefined } = {}): AchievementInput {
    const { lang, completion } = opts
    const langs = languagesOfClass(bc)
    const use = lang !== undefined && langs.includes(lang) ? lang : bc.language ?? undefined
    const texts = bc.language ? badgeClassTexts(bc, bc.language) : {}
    const text = (field: string, column: string | null): string | null => use !== undefined ? textIn(texts[field], use, bc.language ?? undefined) ?? column : column
    const own = [...bc.spine_alignments.map(({ type: _type, ...a }) => a), ...bc.alignments.map((a) => ({
      targetName: a.targetName, targetUrl: a.targetUrl,
      ...(a.targetDescription ? { targetDescription: a.targetDescription } : {}),
      ...(a.targetFramework ? { targetFramework: a.targetFramework } : {}),
      ...(a.targetCode ? { targetCode: a.targetCode } : {}),
    }))]
    // With a completion, the badge class's own alignments follow the pathway's, minus targets already named; without
    // one they are exactly the badge class's (as in its OB 2.0 BadgeClass).
    const named = new Set(completion?.alignment.map((a) => a.targetUrl))
    const alignment = completion ? [...completion.alignment, ...own.filter((a) => !named.has(a.targetUrl))] : own
    const narrative = [completion?.narrative, text('criteriaNarrative', bc.criteria_narrative)].filter((t): t is string => typeof t === 'string' && t !== '').join('\n\n')
    // A completion is its own Achievement (its URL names the pathway version), which that URL answers as signed here.
    const id = completion ? completionAchievementUrl(urls.achievement(bc.id), completion) : urls.achievement(bc.id)
    return {
      id,
      name: text('name', bc.name) ?? bc.name,
      description: text('description', bc.description) ?? bc.description,
      criteria: { ...(bc.criteria_url ? { id: bc.criteria_url } : {}), ...(narrative ? { narrative } : {}) },
      image: { id: v2.badgeImage(bc.id) },
      // Generated from the skills spine first (with their OB 3.0 targetType), then the free ones.
      alignment: alignment as AchievementInput['alignment'],
      tag: bc.tags,
      ...(use !== undefined ? { inLanguage: use } : {}),
      ...(langs.length > 1 ? { related: langs.filter((l) => l !== use).map((l) => ({ id: `${id}${id.includes('?') ? '&' : '?'}lang=${encodeURIComponent(l)}`, inLanguage: l, version: String(bc.version) })) } : {}),
      achievementType: 'Badge',
    }
  }

  async function organisation (id: string): Promise<OrganisationRow> {
    const org = isUuid(id) ? await repo.findOrganisationById(deps.db, id) : undefined
    if (!org) throw new NotFound('organisation', id)
    return org
  }

  async function publicClass (id: string): Promise<BadgeClassRow> {
    const bc = isUuid(id) ? await repo.findBadgeClassById(deps.db, id) : undefined
    if (!bc || !PUBLIC_CLASS.has(bc.status)) throw new NotFound('achievement', id)
    return bc
  }

  /** The unsigned OpenBadgeCredential of an award, with its rows (an entry is allocated for older awards). */
  async function unsignedCredential (awardId: string): Promise<{ award: AwardRow; doc: Json }> {
    const award = isUuid(awardId) ? await awardsRepo.findAwardById(deps.db, awardId) : undefined
    if (!award) throw new NotFound('credential', awardId)
    // Erased with its learner (issue #8): no recipient data is left to put in a credential.
    if (award.erased_at) throw new Gone('this credential was erased with its learner')
    const [bc, org, completions] = await Promise.all([
      repo.findBadgeClassById(deps.db, award.badge_class_id), repo.findOrganisationById(deps.db, award.organisation_id),
      completionAchievements(deps.db, deps.publicUrl, [award.id]),
    ])
    if (!bc || !org) throw new NotFound('credential', awardId)
    const entry = await status.ensureEntry(award)
    return { award, doc: credentialDoc(award, bc, org, entry, completions.get(award.id)) }
  }

  /** The OpenBadgeCredential of an award from its rows (no I/O). */
  function credentialDoc (award: AwardRow, bc: BadgeClassRow, org: OrganisationRow, entry: StatusEntry, completion: CompletionAchievement | undefined): Json {
    const identifier: IdentifierInput = { identityType: IDENTITY_TYPE[award.recipient_type], identityHash: award.identity_hash, salt: award.salt }
    const learnerId = (award.recipient_type === 'url' || award.recipient_type === 'id') ? award.plain_identity ?? undefined : undefined
    const doc = buildOpenBadgeCredential({
      id: urls.credential(award.id),
      name: bc.name,
      issuer: profileOf(org),
      validFrom: award.issued_on,
      ...(award.expires ? { validUntil: award.expires } : {}),
      subject: { ...(learnerId ? { id: learnerId } : {}), identifier: [identifier], ...(award.narrative ? { narrative: award.narrative } : {}) },
      achievement: achievementOf(bc, { completion }),
      evidence: award.evidence.map((e) => ({
        ...(e.id ? { id: e.id } : {}), ...(e.narrative ? { narrative: e.narrative } : {}),
        ...(e.name ? { name: e.name } : {}), ...(e.description ? { description: e.description } : {}),
      })),
      credentialStatus: { type: 'BitstringStatusListEntry', listUrl: urls.status(entry.listId), index: entry.index },
    })
    // genre and audience are OB 3.0 Evidence terms the builder does not take.
    const evidence = doc.evidence as Json[] | undefined
    award.evidence.forEach((e, i) => {
      const target = evidence?.[i]
      if (target && e.genre) target.genre = e.genre
      if (target && e.audience) target.audience = e.audience
    })
    return doc
  }

  /** The Data Integrity-signed credential, as JSON text (never re-serialised on the way out). */
  async function credential (awardId: string): Promise<Buffer> {
    const { award, doc } = await unsignedCredential(awardId)
    const key = await keys.activeKey(award.city_id, award.organisation_id, 'Ed25519')
    return cached('di', [doc, key.id], async () => JSON.stringify(await keys.signDi(ownerOf(award), doc, award.issued_on, key)))
  }

  /**
   * The Data Integrity-signed credentials of many awards at once, in the order asked (a portfolio export): their
   * rows are read with a handful of queries rather than a few per award. Erased or unknown awards are refused.
   */
  async function credentials (awardIds: readonly string[]): Promise<Buffer[]> {
    const awards = new Map<string, AwardRow>()
    const classes = new Map<string, BadgeClassRow>()
    const orgs = new Map<string, OrganisationRow>()
    const completions = new Map<string, CompletionAchievement>()
    for (let i = 0; i < awardIds.length; i += 1000) {
      const chunk = awardIds.slice(i, i + 1000).filter(isUuid)
      for (const a of await awardsRepo.findAwardsByIds(deps.db, chunk)) awards.set(a.id, a)
      for (const [k, v] of await completionAchievements(deps.db, deps.publicUrl, chunk)) completions.set(k, v)
    }
    const classIds = [...new Set([...awards.values()].map((a) => a.badge_class_id))].filter((id) => !classes.has(id))
    const orgIds = [...new Set([...awards.values()].map((a) => a.organisation_id))]
    for (const b of await repo.findBadgeClassesByIds(deps.db, classIds)) classes.set(b.id, b)
    for (const o of await repo.findOrganisationsByIds(deps.db, orgIds)) orgs.set(o.id, o)
    const out: Buffer[] = []
    for (const id of awardIds) {
      const award = awards.get(id)
      if (!award) throw new NotFound('credential', id)
      if (award.erased_at) throw new Gone('this credential was erased with its learner')
      const bc = classes.get(award.badge_class_id)
      const org = orgs.get(award.organisation_id)
      if (!bc || !org) throw new NotFound('credential', id)
      const doc = credentialDoc(award, bc, org, await status.ensureEntry(award), completions.get(award.id))
      const key = await keys.activeKey(award.city_id, award.organisation_id, 'Ed25519')
      out.push(await cached('di', [doc, key.id], async () => JSON.stringify(await keys.signDi(ownerOf(award), doc, award.issued_on, key))))
    }
    return out
  }

  /** The VC-JWT (compact JWS) of the credential: RS256 by default (what OB 3.0 certification checks), or ES256. */
  async function credentialJwt (awardId: string, alg: JwtAlg = 'RS256'): Promise<string> {
    const { award, doc } = await unsignedCredential(awardId)
    const key = await keys.activeKey(award.city_id, award.organisation_id, alg)
    return (await cached('jwt', [doc, key.id], () => keys.signJwt(ownerOf(award), doc, alg))).toString('utf8')
  }

  /** The badge image with the signed credential baked in (PNG iTXt `openbadgecredential`, or SVG `openbadges:credential`). */
  async function credentialImage (awardId: string): Promise<{ mediaType: 'image/png' | 'image/svg+xml'; bytes: Buffer }> {
    const json = await credential(awardId)
    const award = await awardsRepo.findAwardById(deps.db, awardId)
    const image = award ? await repo.findBadgeClassImage(deps.db, award.badge_class_id) : undefined
    if (!image) throw new NotFound('credential', awardId)
    const mediaType = image.media_type === 'image/svg+xml' ? 'image/svg+xml' : 'image/png'
    const bytes = await cached('image', [json.toString('base64url'), createHash('sha256').update(image.bytes).digest('hex')], async () =>
      mediaType === 'image/png'
        ? Buffer.from(bakePng(image.bytes, 'openbadgecredential', json.toString('utf8')))
        : bakeSvg(image.bytes.toString('utf8'), { version: 3, json: json.toString('utf8') }))
    return { mediaType, bytes }
  }

  /** The OB 3.0 id of what an endorsement is about. */
  const subjectUrl = (type: EndorsementSubjectType, id: string): string =>
    type === 'badge-class' ? urls.achievement(id) : type === 'organisation' ? urls.issuer(id) : urls.credential(id)

  async function signedEndorsement (row: EndorsementRow): Promise<Buffer> {
    const endorser = await organisation(row.organisation_id)
    const doc = buildEndorsementCredential({
      id: urls.endorsement(row.id),
      name: `Endorsement by ${endorser.name}`,
      issuer: profileOf(endorser),
      validFrom: row.issued_on,
      subject: { id: subjectUrl(row.subject_type, row.subject_id), ...(row.comment ? { endorsementComment: row.comment } : {}) },
    })
    const key = await keys.activeKey(row.city_id, row.organisation_id, 'Ed25519')
    return cached('endorsement', [doc, key.id], async () => JSON.stringify(await keys.signDi(ownerOf(row), doc, row.issued_on, key)))
  }

  /** An EndorsementCredential (Data Integrity), as JSON text. */
  async function endorsement (id: string): Promise<Buffer> {
    const row = isUuid(id) ? await repo.findEndorsementById(deps.db, id) : undefined
    if (!row) throw new NotFound('endorsement', id)
    return signedEndorsement(row)
  }

  async function endorsementsOf (type: EndorsementSubjectType, id: string): Promise<object[]> {
    const ids = await repo.endorsementIdsFor(deps.db, type, id)
    const out: object[] = []
    for (const eid of ids.slice(0, 50)) out.push(JSON.parse((await endorsement(eid)).toString('utf8')) as object)
    return out
  }

  /**
   * The Achievement of a badge class version, with the signed endorsements of it, in the language negotiated from
   * `Accept-Language` (or `?lang=`), falling back to the class's own language; `language` says which (if any).
   */
  async function achievement (badgeClassId: string, want: { header?: string | undefined; lang?: string | undefined } = {},
    completionOf?: { pathwayId: string; version: number }): Promise<{ doc: Json; language?: string }> {
    const bc = await publicClass(badgeClassId)
    // The completion Achievement of a pathway version: only for the pathway whose completion badge this class is.
    let completion: CompletionAchievement | undefined
    if (completionOf) {
      const found = isUuid(completionOf.pathwayId) ? await completionAchievementOfVersion(deps.db, deps.publicUrl, completionOf.pathwayId, completionOf.version) : undefined
      if (!found || found.badgeClassId !== bc.id) throw new NotFound('achievement', `${badgeClassId} of pathway ${completionOf.pathwayId} version ${completionOf.version}`)
      completion = found
    }
    const endorsements = await endorsementsOf('badge-class', bc.id)
    const langs = languagesOfClass(bc)
    const lang = bc.language ? negotiateLanguage({ header: want.header, explicit: want.lang, available: langs, fallback: bc.language }) : undefined
    const doc = buildAchievement({ ...achievementOf(bc, { lang, completion }), ...(endorsements.length ? { endorsement: endorsements } : {}) })
    return { doc, ...(lang !== undefined ? { language: lang } : {}) }
  }

  /** A public JWK of a key row, its `kid` being its own URL (never the private part). */
  const publicJwk = (row: SigningKeyRow): Json => {
    const { d: _private, ...pub } = row.public_jwk as Json
    return { ...pub, kid: urls.jwk(row.organisation_id, row.id) }
  }

  /** The VC-JWT keys (RS256 and ES256, retired ones too), oldest first. */
  const jwtKeys = async (organisationId: string): Promise<SigningKeyRow[]> =>
    [...await keys.allKeys(organisationId, 'RS256'), ...await keys.allKeys(organisationId, 'ES256')]

  /**
   * The issuer Profile, also the controller document of the organisation's keys (issue #14 items 2 and 3), listing
   * under verificationMethod and assertionMethod:
   * - every Ed25519 key ever used (retired ones too, so their proofs keep verifying) as a Multikey whose id is a key
   *   URL `{profile}/keys/{multibase}` that serves the key document itself (what proofs name), and again under its
   *   pre-#14 id `{profile}#{multibase}` for credentials signed before;
   * - every RS256/ES256 key as a JsonWebKey whose id is the VC-JWT `kid` URL (which serves the bare JWK).
   * Services: the 1EdTech revocation list (OB 3.0 Profile has no property for it) and the JWKS.
   */
  async function profile (organisationId: string): Promise<Json> {
    const org = await organisation(organisationId)
    await keys.activeKey(org.city_id, org.id, 'Ed25519')
    const edKeys = (await keys.allKeys(org.id, 'Ed25519')).map(multibaseOf)
    const methods: VerificationMethodInput[] = [
      ...edKeys.map((key) => ({ id: urls.verificationMethod(org.id, key), type: 'Multikey' as const, publicKeyMultibase: key })),
      ...edKeys.map((key) => ({ id: urls.legacyVerificationMethod(org.id, key), type: 'Multikey' as const, publicKeyMultibase: key })),
      ...(await jwtKeys(org.id)).map((row) => {
        const { kid: _kid, ...jwk } = publicJwk(row)
        return { id: urls.jwk(org.id, row.id), type: 'JsonWebKey' as const, publicKeyJwk: jwk }
      }),
    ]
    const endorsements = await endorsementsOf('organisation', org.id)
    const doc = buildProfile({ ...profileOf(org), verificationMethods: methods, ...(endorsements.length ? { endorsement: endorsements } : {}) })
    return {
      ...doc,
      // The extensions context defines 1EdTechRevocationList; the JWKS service type is named by its RFC (safe-mode JSON-LD
      // processors, e.g. @digitalbazaar/vc's purpose check, expand this document and refuse undefined types).
      '@context': [...(doc['@context'] as unknown[]), OB3_EXTENSIONS_CONTEXT, { JsonWebKeySet: 'https://www.rfc-editor.org/rfc/rfc7517#section-5' }],
      ...(org.telephone ? { phone: org.telephone } : {}),
      service: [
        { id: `${urls.issuer(org.id)}#revocation-list`, type: '1EdTechRevocationList', serviceEndpoint: urls.revocations(org.id) },
        { id: `${urls.issuer(org.id)}#jwks`, type: 'JsonWebKeySet', serviceEndpoint: urls.jwks(org.id) },
      ],
    }
  }

  /** The Multikey document at a verification method URL `{profile}/keys/{multibase}` (any Ed25519 key, retired too). */
  async function keyDocument (organisationId: string, publicKeyMultibase: string): Promise<Json> {
    const org = await organisation(organisationId)
    const found = (await keys.allKeys(org.id, 'Ed25519')).some((row) => multibaseOf(row) === publicKeyMultibase)
    if (!found) throw new NotFound('key', publicKeyMultibase)
    return buildMultikeyDocument({ id: urls.verificationMethod(org.id, publicKeyMultibase), controller: urls.issuer(org.id), publicKeyMultibase })
  }

  /** A bare public JWK of the organisation (any algorithm, retired too), its `kid` being its own URL. */
  async function jwk (organisationId: string, kid: string): Promise<Json> {
    const row: SigningKeyRow | undefined = /^[A-Za-z0-9_-]{1,64}$/.test(kid) ? await keys.findKey(kid) : undefined
    if (!row || row.organisation_id !== organisationId) throw new NotFound('key', kid)
    return publicJwk(row)
  }

  /** The JWKS (RFC 7517 §5) of the organisation's VC-JWT keys, retired ones included; each `kid` is its URL. */
  async function jwks (organisationId: string): Promise<Json> {
    const org = await organisation(organisationId)
    return { keys: (await jwtKeys(org.id)).map(publicJwk) }
  }

  /**
   * Rotates the organisation's OB 3.0 keys (Ed25519 for Data Integrity, ES256 for VC-JWT; RS256 is rotated by
   * keys.ts). Retired keys stay in the controller document and at their JWK URLs: issued credentials keep verifying.
   */
  async function rotateKeys (principal: Principal, city: CityRow, organisationId: string): Promise<void> {
    requireOrganisationWrite(principal, organisationId, 'rotate signing keys')
    const org = await organisation(organisationId)
    if (org.city_id !== city.id) throw new NotFound('organisation', organisationId)
    await deps.db.transaction().execute((trx) => keys.rotate(trx, city.id, org.id, ['Ed25519', 'ES256']))
  }

  return {
    urls,
    rotateKeys,
    keys,
    status,
    credential,
    credentials,
    credentialJwt,
    credentialImage,
    unsignedCredential,
    achievement,
    profile,
    keyDocument,
    jwk,
    jwks,
    endorsement,
  }
}

export type Ob3Service = ReturnType<typeof createOb3Service>
