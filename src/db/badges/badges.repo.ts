import { sql, type Insertable } from 'kysely'
import type { BadgeClassImagesTable, BadgeClassRow, BadgeClassStatus, BadgeClassesTable, EndorsementRow, EndorsementSubjectType, EndorsementsTable, SigningKeyRow, SigningKeysTable } from './badges.types.js'
import { after, type Cursor } from '../page.js'
import type { Executor, OrganisationRow } from '../types.js'

// Signing keys, badge classes and their images, endorsements. Awards live in awards.repo.ts.

export const findOrganisationById = (db: Executor, id: string): Promise<OrganisationRow | undefined> =>
  db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()

export const findOrganisationsByIds = (db: Executor, ids: readonly string[]): Promise<OrganisationRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('organisations').selectAll().where('id', 'in', [...ids]).execute()

// ---- signing keys

export const findActiveKey = (db: Executor, organisationId: string, algorithm: SigningKeyRow['algorithm']): Promise<SigningKeyRow | undefined> =>
  db.selectFrom('signing_keys').selectAll().where('organisation_id', '=', organisationId).where('algorithm', '=', algorithm)
    .where('retired_at', 'is', null).executeTakeFirst()

/** Inserts a key unless the organisation already has an active one of that algorithm (the loser of a race gets undefined). */
export const insertKeyIfNoneActive = (db: Executor, row: Insertable<SigningKeysTable>): Promise<SigningKeyRow | undefined> =>
  db.insertInto('signing_keys').values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'algorithm']).where('retired_at', 'is', null).doNothing())
    .returningAll().executeTakeFirst()

export const retireActiveKeys = (db: Executor, organisationId: string, algorithm: SigningKeyRow['algorithm']): Promise<unknown> =>
  db.updateTable('signing_keys').set({ retired_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('algorithm', '=', algorithm).where('retired_at', 'is', null).execute()

/** A few stored signing keys (the newest), to check at start that the key-encryption key opens them. */
export const sampleKeys = (db: Executor, n: number): Promise<Array<Pick<SigningKeyRow, 'id' | 'private_key_enc'>>> =>
  db.selectFrom('signing_keys').select(['id', 'private_key_enc']).orderBy('created_at', 'desc').limit(n).execute()

export const findKey = (db: Executor, id: string): Promise<SigningKeyRow | undefined> =>
  db.selectFrom('signing_keys').selectAll().where('id', '=', id).executeTakeFirst()

export const listKeys = (db: Executor, organisationId: string, algorithm?: SigningKeyRow['algorithm']): Promise<SigningKeyRow[]> => {
  let q = db.selectFrom('signing_keys').selectAll().where('organisation_id', '=', organisationId)
  if (algorithm) q = q.where('algorithm', '=', algorithm)
  return q.orderBy('created_at').orderBy('id').execute()
}

// ---- badge class images and versions

export const insertImage = (db: Executor, row: Insertable<BadgeClassImagesTable>): Promise<unknown> =>
  db.insertInto('badge_class_images').values(row).execute()

export const findBadgeClassImage = (db: Executor, badgeClassId: string): Promise<{ media_type: string; bytes: Buffer; status: BadgeClassStatus } | undefined> =>
  db.selectFrom('badge_classes').innerJoin('badge_class_images as i', 'i.id', 'badge_classes.image_id')
    .select(['i.media_type', 'i.bytes', 'badge_classes.status']).where('badge_classes.id', '=', badgeClassId).executeTakeFirst()

export const insertBadgeClass = (db: Executor, row: Insertable<BadgeClassesTable>): Promise<BadgeClassRow> =>
  db.insertInto('badge_classes').values(row).returningAll().executeTakeFirstOrThrow()

export const findBadgeClass = (db: Executor, cityId: string, id: string): Promise<BadgeClassRow | undefined> =>
  db.selectFrom('badge_classes').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

/** The badge class with its row version (`xmin`, as findCityBySlugVersioned). */
export const findBadgeClassVersioned = (db: Executor, cityId: string, id: string): Promise<(BadgeClassRow & { row_version: string }) | undefined> =>
  db.selectFrom('badge_classes').selectAll().select(sql<string>`xmin::text`.as('row_version')).where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

export const findBadgeClassById = (db: Executor, id: string): Promise<BadgeClassRow | undefined> =>
  db.selectFrom('badge_classes').selectAll().where('id', '=', id).executeTakeFirst()

export const findBadgeClassesByIds = (db: Executor, ids: readonly string[]): Promise<BadgeClassRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('badge_classes').selectAll().where('id', 'in', [...ids]).execute()

export const lockBadgeClass = (db: Executor, cityId: string, id: string): Promise<BadgeClassRow | undefined> =>
  db.selectFrom('badge_classes').selectAll().where('city_id', '=', cityId).where('id', '=', id).forUpdate().executeTakeFirst()

export const updateBadgeClass = (db: Executor, id: string, patch: Partial<Insertable<BadgeClassesTable>>): Promise<BadgeClassRow> =>
  db.updateTable('badge_classes').set({ ...patch, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()

export const familyVersions = (db: Executor, familyId: string): Promise<BadgeClassRow[]> =>
  db.selectFrom('badge_classes').selectAll().where('family_id', '=', familyId).orderBy('version').execute()

/** Other approved versions of a family become `superseded` when a newer one is approved. */
export const supersedeFamily = async (db: Executor, familyId: string, exceptId: string): Promise<string[]> =>
  (await db.updateTable('badge_classes').set({ status: 'superseded', updated_at: sql`now()` })
    .where('family_id', '=', familyId).where('id', '!=', exceptId).where('status', '=', 'approved').returning('id').execute()).map((r) => r.id)

export interface BadgeClassFilter { organisationId?: string | undefined; status?: BadgeClassStatus | undefined }

export const listBadgeClasses = (db: Executor, cityId: string, f: BadgeClassFilter, limit: number, cursor?: Cursor): Promise<BadgeClassRow[]> => {
  let q = db.selectFrom('badge_classes').selectAll().where('city_id', '=', cityId)
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId)
  if (f.status) q = q.where('status', '=', f.status)
  if (cursor) q = q.where(after('badge_classes', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

// ---- endorsements

export const insertEndorsement = (db: Executor, row: Insertable<EndorsementsTable>): Promise<EndorsementRow> =>
  db.insertInto('endorsements').values(row).returningAll().executeTakeFirstOrThrow()

export const findEndorsementById = (db: Executor, id: string): Promise<EndorsementRow | undefined> =>
  db.selectFrom('endorsements').selectAll().where('id', '=', id).executeTakeFirst()

export const endorsementIdsFor = async (db: Executor, subjectType: EndorsementSubjectType, subjectId: string): Promise<string[]> =>
  (await db.selectFrom('endorsements').select('id').where('subject_id', '=', subjectId).where('subject_type', '=', subjectType)
    .orderBy('created_at').orderBy('id').execute()).map((r) => r.id)

export const listEndorsements = (db: Executor, cityId: string, f: { subjectId?: string | undefined; organisationId?: string | undefined }, limit: number, cursor?: Cursor): Promise<EndorsementRow[]> => {
  let q = db.selectFrom('endorsements').selectAll().where('city_id', '=', cityId)
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId)
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId)
  if (cursor) q = q.where(after('endorsements', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}
