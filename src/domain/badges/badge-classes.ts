import { randomUUID } from 'node:crypto'
import * as repo from '../../db/badges/badges.repo.js'
import type { AlignmentRow, BadgeClassRow, BadgeClassStatus, ExpiryRule, SpineDimension, SpineLevel } from '../../db/badges/badges.types.js'
import { isUuid, pageOf } from '../../db/page.js'
import { replaceBadgeClassAlignments, setBadgeClassApproved } from '../../db/spine/spine.repo.js'
import type { CityRow, Executor } from '../../db/types.js'
import { requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import { acceptImage, checkClassRules, type AcceptedImage } from './badge-rules.js'
import { NO_SPINE, badgeClassBasics, choiceOf, createBadgeSpine, mergeChoice, selectionOf, spineColumns, toOb2Alignment, touchesSpine, type SpineFields } from './badge-spine.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import { ob2Urls } from '../credentials/ob2-urls.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import type { createSpineAlignment } from '../spine/spine-alignment.js'
import { applyTexts, canonicalTag, checkTag, defaultLanguage, languagesOf, mapsOf, negotiateLanguage, textIn, type TextInput, type Translations } from '../shared/i18n.js'

export interface BadgeClass {
  id: string
  familyId: string
  version: number
  organisationId: string
  status: BadgeClassStatus
  name: string
  description: string
  image: string
  criteria: { narrative?: string; url?: string }
  tags: string[]
  /** Free alignments, as sent; published after the generated ones. */
  alignments: AlignmentRow[]
  /** Where the class sits on the city's skills spine (absent until chosen). */
  spine?: { elements: string[]; level: SpineLevel; dimensions: SpineDimension[] }
  themes: string[]
  destinations: string[]
  /** The OB 2.0 alignment objects generated from spine, themes and destinations (read-only). */
  generatedAlignments: AlignmentRow[]
  expiry: ExpiryRule
  language?: string
  /** Every language of the translatable fields: `{ name: { en, cy }, description: {…}, criteriaNarrative?: {…} }`. */
  translations: Translations
  createdAt: string
  updatedAt: string
  approvedAt?: string
  retiredAt?: string
  links: { badgeClass: string; image: string; issuer: string }
}

export interface BadgeClassInput extends SpineFields {
  organisationId: string
  /** A string (the city's default language) or a map by language tag. */
  name: TextInput
  description: TextInput
  /** A PNG/SVG data URI; absent when the image comes as a multipart upload. */
  image?: string | undefined
  criteria: { narrative?: TextInput | undefined; url?: string | undefined }
  tags?: string[] | undefined
  alignments?: AlignmentRow[] | undefined
  expiry?: ExpiryRule | undefined
  language?: string | undefined
}

export type BadgeClassPatch = Partial<Omit<BadgeClassInput, 'organisationId'>>

/** Statuses whose BadgeClass document is public (it was approved once: awards may point at it). */
export const PUBLISHED: readonly BadgeClassStatus[] = ['approved', 'superseded', 'retired']

const hasValue = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined

/** The translatable fields of a badge class row, as maps (legacy rows: the columns, in `defaultLang`). */
export const badgeClassTexts = (r: BadgeClassRow, defaultLang: string): Translations =>
  mapsOf({ name: r.name, description: r.description, criteriaNarrative: r.criteria_narrative }, r.translations, defaultLang)

/** The default language of a row's texts: its `language`, else the city's (rows without translations). */
export const rowLanguage = (r: { language: string | null }, cityDefault?: string): string => r.language ?? cityDefault ?? 'en'

/** A badge class in one language (for public documents and pages): its texts in `lang`, `language` set to it. */
export function localiseBadgeClass (bc: BadgeClass, lang: string): BadgeClass {
  const t = bc.translations
  const narrative = textIn(t.criteriaNarrative, lang, bc.language)
  return {
    ...bc,
    name: textIn(t.name, lang, bc.language) ?? bc.name,
    description: textIn(t.description, lang, bc.language) ?? bc.description,
    criteria: { ...bc.criteria, ...(narrative !== undefined ? { narrative } : {}) },
    language: lang,
  }
}

/** The language a public document of a badge class answers in, negotiated from `Accept-Language` (and `?lang=`). */
export function badgeClassLanguage (bc: BadgeClass, header: string | undefined, explicit?: string): string {
  const fallback = bc.language ?? 'en'
  return negotiateLanguage({ header, explicit, available: languagesOf(bc.translations, fallback), fallback })
}

/** A given language tag (canonical), else `fallback` (a bad tag is reported by checkClassRules). */
function tagOr (tag: string | undefined, fallback: string): string {
  const checked = tag === undefined ? undefined : checkTag(tag)
  return checked?.ok === true ? checked.tag : fallback
}

/** Texts of an input mapped onto a row: the default-language columns and the translations. */
function textColumns (v: BadgeClassPatch, stored: Translations, lang: string) {
  const narrative = v.criteria === undefined ? undefined : v.criteria.narrative ?? null
  const { columns, translations } = applyTexts({ name: v.name, description: v.description, criteriaNarrative: narrative }, stored, lang,
    { trim: ['name'], pointer: (f) => f === 'criteriaNarrative' ? '/criteria/narrative' : `/${f}` })
  return { columns, translations }
}

export function createBadgeClassService (deps: DomainDeps & { spine: ReturnType<typeof createSpineAlignment> }) {
  const urls = ob2Urls(deps.publicUrl)
  const spine = createBadgeSpine(deps.spine)

  const toBadgeClass = (r: BadgeClassRow, cityDefault?: string): BadgeClass => ({
    ...badgeClassBasics(r, urls.badgeImage(r.id)),
    criteria: { ...(hasValue(r.criteria_narrative) ? { narrative: r.criteria_narrative } : {}), ...(hasValue(r.criteria_url) ? { url: r.criteria_url } : {}) },
    alignments: r.alignments,
    generatedAlignments: r.spine_alignments.map(toOb2Alignment),
    expiry: r.expiry,
    ...(hasValue(r.language) ? { language: r.language } : {}),
    translations: badgeClassTexts(r, rowLanguage(r, cityDefault)),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    ...(r.approved_at ? { approvedAt: r.approved_at.toISOString() } : {}),
    ...(r.retired_at ? { retiredAt: r.retired_at.toISOString() } : {}),
    links: { badgeClass: urls.badge(r.id), image: urls.badgeImage(r.id), issuer: urls.issuer(r.organisation_id) },
  })

  async function getRow (city: CityRow, id: string, db: Executor = deps.db): Promise<BadgeClassRow> {
    const row = isUuid(id) ? await repo.findBadgeClass(db, city.id, id) : undefined
    if (!row) throw new NotFound('badge-class', id)
    return row
  }

  async function storeImage (db: Executor, city: CityRow, image: AcceptedImage): Promise<string> {
    await repo.insertImage(db, { id: image.id, city_id: city.id, media_type: image.mediaType, bytes: image.bytes })
    return image.id
  }

  /**
   * The columns of an input. Texts in `lang` (the row's language, else the city's default) go to their columns, every
   * language to `translations`; a class with more than one language records its default language in `language`.
   */
  const fieldsOf = (v: BadgeClassPatch, stored: Translations, lang: string, language: string | null) => {
    const { columns, translations } = textColumns(v, stored, lang)
    const multilingual = languagesOf(translations, lang).length > 1
    return {
      ...(columns.name !== undefined ? { name: columns.name ?? '' } : {}),
      ...(columns.description !== undefined ? { description: columns.description ?? '' } : {}),
      ...(v.criteria !== undefined ? { criteria_narrative: columns.criteriaNarrative ?? null, criteria_url: v.criteria.url ?? null } : {}),
      ...otherFields(v),
      ...(columns.name !== undefined || columns.description !== undefined || columns.criteriaNarrative !== undefined ? { translations: JSON.stringify(translations) } : {}),
      ...(v.language === undefined && language === null && multilingual ? { language: lang } : {}),
    }
  }

  const otherFields = (v: BadgeClassPatch) => ({
    ...(v.tags !== undefined ? { tags: [...new Set(v.tags.map((t) => t.trim()))] } : {}),
    ...(v.alignments !== undefined ? { alignments: JSON.stringify(v.alignments) } : {}),
    ...(v.expiry !== undefined ? { expiry: JSON.stringify(v.expiry) } : {}),
    ...(v.language !== undefined ? { language: canonicalTag(v.language) } : {}),
  })

  /** The default-language strings of an input, for the rules that check them (blank names, criteria). */
  const rulesView = <T extends BadgeClassPatch>(v: T, lang: string) => {
    const { columns } = textColumns(v, {}, lang)
    return {
      ...v,
      name: columns.name ?? undefined,
      description: columns.description ?? undefined,
      ...(v.criteria !== undefined ? { criteria: { ...v.criteria, narrative: columns.criteriaNarrative ?? undefined } } : {}),
    }
  }

  async function create (principal: Principal, city: CityRow, input: BadgeClassInput, upload?: Uint8Array): Promise<BadgeClass> {
    requireOrganisationWrite(principal, input.organisationId, 'create badge classes')
    const org = isUuid(input.organisationId) ? await repo.findOrganisationById(deps.db, input.organisationId) : undefined
    if (!org || org.city_id !== city.id) throw new NotFound('organisation', input.organisationId)
    const lang = tagOr(input.language, defaultLanguage(city))
    checkClassRules(rulesView(input, lang))
    const image = upload ? acceptImage({ bytes: upload }) : input.image !== undefined ? acceptImage({ dataUri: input.image }) : undefined
    if (!image) throw new InvalidInput('an image is required: a PNG/SVG data URI in `image`, or a multipart file part named `image`', [{ field: '/image', message: 'required' }])
    const id = randomUUID()
    const row = await deps.db.transaction().execute(async (trx) => {
      const { choice, alignments } = await spine.resolve(trx, city.id, mergeChoice(NO_SPINE, input), 'edit')
      const inserted = await repo.insertBadgeClass(trx, {
        id, city_id: city.id, organisation_id: org.id, family_id: id, version: 1, status: 'draft',
        name: '', description: '', image_id: await storeImage(trx, city, image),
        tags: [], alignments: '[]', expiry: JSON.stringify({ type: 'none' }), language: null,
        ...fieldsOf(input, {}, lang, null), ...spineColumns(choice, alignments),
      })
      await replaceBadgeClassAlignments(trx, city.id, id, selectionOf(choice), false)
      return inserted
    })
    return toBadgeClass(row, defaultLanguage(city))
  }

  /**
   * Edits a draft (or submitted: it goes back to draft) in place. Editing an approved class creates a new draft
   * version in the same family; the approved one stays awardable until the new one is approved.
   */
  async function update (principal: Principal, city: CityRow, id: string, patch: BadgeClassPatch, upload?: Uint8Array): Promise<BadgeClass> {
    const current = await getRow(city, id)
    requireOrganisationWrite(principal, current.organisation_id, 'edit badge classes')
    const lang = tagOr(patch.language, rowLanguage(current, defaultLanguage(city)))
    checkClassRules(rulesView(patch, lang))
    const image = upload ? acceptImage({ bytes: upload }) : patch.image !== undefined ? acceptImage({ dataUri: patch.image }) : undefined
    try {
      const row = await deps.db.transaction().execute(async (trx) => {
        const locked = (await repo.lockBadgeClass(trx, city.id, id))!
        const imageId = image ? await storeImage(trx, city, image) : undefined
        // Other edits rebuild the alignments from the stored choice without re-checking it (an element retired
        // since stays until the class is submitted again).
        const resolveSpine = () => spine.resolve(trx, city.id, mergeChoice(choiceOf(locked), patch), touchesSpine(patch) ? 'edit' : 'copy')
        if (locked.status === 'draft' || locked.status === 'submitted') {
          const { choice, alignments } = await resolveSpine()
          await replaceBadgeClassAlignments(trx, city.id, id, selectionOf(choice), false)
          return repo.updateBadgeClass(trx, id, { ...fieldsOf(patch, badgeClassTexts(locked, lang), lang, locked.language), ...spineColumns(choice, alignments), status: 'draft', ...(imageId ? { image_id: imageId } : {}) })
        }
        if (locked.status !== 'approved') throw new InvalidState(`a ${locked.status} badge class cannot be edited`)
        const family = await repo.familyVersions(trx, locked.family_id)
        const pending = family.find((v) => v.version > locked.version && (v.status === 'draft' || v.status === 'submitted'))
        if (pending) throw new Conflict(`version ${pending.version} (${pending.id}) of this badge class is already pending: edit that one`)
        const newer = family.find((v) => v.version > locked.version)
        if (newer) throw new InvalidState(`version ${locked.version} is no longer the latest version`)
        const { choice, alignments } = await resolveSpine()
        const inserted = await repo.insertBadgeClass(trx, {
          id: randomUUID(), city_id: locked.city_id, organisation_id: locked.organisation_id, family_id: locked.family_id,
          version: Math.max(...family.map((v) => v.version)) + 1, status: 'draft',
          name: locked.name, description: locked.description, image_id: imageId ?? locked.image_id,
          criteria_narrative: locked.criteria_narrative, criteria_url: locked.criteria_url, tags: locked.tags,
          alignments: JSON.stringify(locked.alignments), expiry: JSON.stringify(locked.expiry), language: locked.language,
          translations: JSON.stringify(locked.translations),
          ...fieldsOf(patch, badgeClassTexts(locked, lang), lang, locked.language), ...spineColumns(choice, alignments),
        })
        await replaceBadgeClassAlignments(trx, city.id, inserted.id, selectionOf(choice), false)
        return inserted
      })
      return toBadgeClass(row, defaultLanguage(city))
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new Conflict('another edit created a version at the same time; retry')
      if ((err as { code?: string }).code === '23514') throw new InvalidInput('criteria needs a narrative or a url', [{ field: '/criteria', message: 'needs a narrative or a url' }])
      throw err
    }
  }

  async function transition (principal: Principal, city: CityRow, id: string, to: 'submitted' | 'approved' | 'retired'): Promise<BadgeClass> {
    const current = await getRow(city, id)
    if (to === 'approved') requireRole(principal, ['platform-admin', 'city-admin'], 'approve badge classes (city quality assurance)')
    else requireOrganisationWrite(principal, current.organisation_id, `${to === 'submitted' ? 'submit' : 'retire'} badge classes`)
    const row = await deps.db.transaction().execute(async (trx) => {
      const locked = (await repo.lockBadgeClass(trx, city.id, id))!
      if (locked.status === to) return locked // idempotent
      const allowed: Record<typeof to, BadgeClassStatus[]> = {
        submitted: ['draft'],
        approved: ['submitted'],
        retired: ['draft', 'submitted', 'approved', 'superseded'],
      }
      if (!allowed[to].includes(locked.status)) {
        throw new InvalidState(`a ${locked.status} badge class cannot become ${to}${to === 'approved' && locked.status === 'draft' ? ': submit it first' : ''}`)
      }
      if (to === 'retired') {
        await setBadgeClassApproved(trx, city.id, id, false)
        return repo.updateBadgeClass(trx, id, { status: to, retired_at: deps.clock() })
      }
      // Submission and approval need a valid spine selection; approval freezes the alignments as the spine is now.
      const { choice, alignments } = await spine.resolve(trx, city.id, choiceOf(locked), 'approve')
      if (to === 'submitted') return repo.updateBadgeClass(trx, id, { status: to, ...spineColumns(choice, alignments) })
      for (const old of await repo.supersedeFamily(trx, locked.family_id, locked.id)) await setBadgeClassApproved(trx, city.id, old, false)
      await setBadgeClassApproved(trx, city.id, id, true)
      return repo.updateBadgeClass(trx, id, { status: 'approved', approved_at: deps.clock(), ...spineColumns(choice, alignments) })
    })
    return toBadgeClass(row, defaultLanguage(city))
  }

  async function get (city: CityRow, id: string): Promise<BadgeClass> {
    return toBadgeClass(await getRow(city, id), defaultLanguage(city))
  }

  async function versions (city: CityRow, id: string): Promise<BadgeClass[]> {
    const row = await getRow(city, id)
    return (await repo.familyVersions(deps.db, row.family_id)).map((r) => toBadgeClass(r, defaultLanguage(city)))
  }

  async function list (city: CityRow, q: PageQuery & { organisationId?: string | undefined; status?: BadgeClassStatus | undefined }): Promise<Page<BadgeClass>> {
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const page = pageOf(await repo.listBadgeClasses(deps.db, city.id, { organisationId: q.organisationId, status: q.status }, limit, cursor), limit)
    return { items: page.rows.map((r) => toBadgeClass(r, defaultLanguage(city))), nextCursor: page.nextCursor }
  }

  return {
    getRow, create, update, get, versions, list, toBadgeClass,
    submit: (p: Principal, c: CityRow, id: string) => transition(p, c, id, 'submitted'),
    approve: (p: Principal, c: CityRow, id: string) => transition(p, c, id, 'approved'),
    retire: (p: Principal, c: CityRow, id: string) => transition(p, c, id, 'retired'),
  }
}

export type BadgeClassService = ReturnType<typeof createBadgeClassService>
