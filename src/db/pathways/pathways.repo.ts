import { sql, type Insertable, type Updateable } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import type { PathwayProgressRow, PathwayRow, PathwaysTable, PathwayVersionRow, PathwayVersionsTable } from './pathways.types.js'

export const insertPathway = (db: Executor, row: Insertable<PathwaysTable>): Promise<PathwayRow> =>
  db.insertInto('pathways').values(row).returningAll().executeTakeFirstOrThrow()

export const insertVersion = (db: Executor, row: Insertable<PathwayVersionsTable>): Promise<PathwayVersionRow> =>
  db.insertInto('pathway_versions').values(row).returningAll().executeTakeFirstOrThrow()

export const updateVersion = (db: Executor, pathwayId: string, version: number, set: Updateable<PathwayVersionsTable>): Promise<PathwayVersionRow | undefined> =>
  db.updateTable('pathway_versions').set(set).where('pathway_id', '=', pathwayId).where('version', '=', version).returningAll().executeTakeFirst()

export const findPathway = (db: Executor, cityId: string, id: string): Promise<PathwayRow | undefined> =>
  db.selectFrom('pathways').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

export const lockPathway = (db: Executor, cityId: string, id: string): Promise<PathwayRow | undefined> =>
  db.selectFrom('pathways').selectAll().where('city_id', '=', cityId).where('id', '=', id).forUpdate().executeTakeFirst()

export const updatePathway = (db: Executor, id: string, set: Updateable<PathwaysTable>): Promise<PathwayRow | undefined> =>
  db.updateTable('pathways').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirst()

export const findVersion = (db: Executor, pathwayId: string, version: number): Promise<PathwayVersionRow | undefined> =>
  db.selectFrom('pathway_versions').selectAll().where('pathway_id', '=', pathwayId).where('version', '=', version).executeTakeFirst()

export interface PathwayFilter { status?: string | undefined; kind?: string | undefined; organisationId?: string | undefined; learnerId?: string | undefined }

export function listPathways (db: Executor, cityId: string, f: PathwayFilter, limit: number, cursor?: Cursor): Promise<PathwayRow[]> {
  let q = db.selectFrom('pathways').selectAll().where('city_id', '=', cityId)
  if (f.status) q = q.where('status', '=', f.status as 'draft')
  if (f.kind) q = q.where('kind', '=', f.kind as 'recommended')
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId)
  if (f.learnerId) q = q.where('learner_id', '=', f.learnerId)
  if (cursor) q = q.where(after('pathways', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

/** The current requirement trees of a city's pathways (cycle checks of `pathway` leaves). */
export const currentTrees = (db: Executor, cityId: string): Promise<Array<{ id: string; requirements: unknown }>> =>
  db.selectFrom('pathways as p').innerJoin('pathway_versions as v', (j) => j.onRef('v.pathway_id', '=', 'p.id').onRef('v.version', '=', 'p.version'))
    .select(['p.id', 'v.requirements']).where('p.city_id', '=', cityId).execute()

export const insertFollower = async (db: Executor, row: { pathway_id: string; learner_id: string; city_id: string; version: number }): Promise<boolean> =>
  (await db.insertInto('pathway_followers').values(row).onConflict((oc) => oc.columns(['pathway_id', 'learner_id']).doNothing()).returning('pathway_id').executeTakeFirst()) !== undefined

export const followedBy = (db: Executor, learnerId: string): Promise<Array<{ pathway_id: string; version: number }>> =>
  db.selectFrom('pathway_followers').select(['pathway_id', 'version']).where('learner_id', '=', learnerId).execute()

/** Followers of a pathway in learner-id order, a batch at a time. */
export const followersOf = (db: Executor, pathwayId: string, afterLearner: string | undefined, limit: number): Promise<Array<{ learner_id: string; city_id: string }>> => {
  let q = db.selectFrom('pathway_followers').select(['learner_id', 'city_id']).where('pathway_id', '=', pathwayId)
  if (afterLearner) q = q.where('learner_id', '>', afterLearner)
  return q.orderBy('learner_id').limit(limit).execute()
}

export const allFollowings = (db: Executor): Promise<Array<{ learner_id: string; city_id: string }>> =>
  db.selectFrom('pathway_followers').select(['learner_id', 'city_id']).distinct().orderBy('learner_id').execute()

/** What a learner holds now that counts: awards neither revoked, erased, declined nor expired, with their class on the spine. */
export const countingAwards = (db: Executor, learnerId: string, now: Date) =>
  db.selectFrom('awards as a').innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .select(['a.id', 'a.issued_on', 'b.family_id', 'b.spine_elements', 'b.spine_level', 'b.spine_dimensions', 'b.themes'])
    .where('a.learner_id', '=', learnerId).where('a.revoked_at', 'is', null).where('a.erased_at', 'is', null)
    .where('a.acceptance', '<>', 'declined')
    .where((eb) => eb.or([eb('a.expires', 'is', null), eb('a.expires', '>', now)]))
    .orderBy('a.issued_on').orderBy('a.id').execute()

export const familiesOf = async (db: Executor, cityId: string): Promise<Map<string, string>> =>
  new Map((await db.selectFrom('badge_classes').select(['id', 'family_id']).where('city_id', '=', cityId).execute()).map((r) => [r.id, r.family_id]))

export const completionsOf = (db: Executor, learnerId: string) =>
  db.selectFrom('pathway_completions').select(['pathway_id', 'completed_at', 'award_id', 'broken_at']).where('learner_id', '=', learnerId).execute()

export const upsertProgress = (db: Executor, row: Omit<PathwayProgressRow, 'updated_at' | 'missing' | 'next'> & { missing: string; next: string }): Promise<unknown> =>
  db.insertInto('pathway_progress').values(row).onConflict((oc) => oc.columns(['pathway_id', 'learner_id']).doUpdateSet({
    version: row.version, percent: row.percent, satisfied: row.satisfied, missing: row.missing, next: row.next, contributing: row.contributing, updated_at: sql`now()`,
  })).execute()

/** Records a completion once; answers true for the one call that inserted it. */
export const insertCompletion = async (db: Executor, row: { pathway_id: string; learner_id: string; city_id: string; version: number; award_id: string | null }): Promise<boolean> =>
  (await db.insertInto('pathway_completions').values(row).onConflict((oc) => oc.columns(['pathway_id', 'learner_id']).doNothing()).returning('pathway_id').executeTakeFirst()) !== undefined

/** Records many completions (no badge) at once; answers the rows this call inserted (a completion already there is not). */
export const insertCompletionsMany = async (db: Executor, rows: ReadonlyArray<{ pathway_id: string; learner_id: string; city_id: string; version: number }>) =>
  rows.length === 0 ? [] : (await sql<{ pathway_id: string; learner_id: string; city_id: string }>`insert into pathway_completions (pathway_id, learner_id, city_id, version)
    select * from unnest(${rows.map((r) => r.pathway_id)}::uuid[], ${rows.map((r) => r.learner_id)}::uuid[], ${rows.map((r) => r.city_id)}::uuid[], ${rows.map((r) => r.version)}::int[])
    on conflict (pathway_id, learner_id) do nothing returning pathway_id, learner_id, city_id`.execute(db)).rows

/** Records broken completions (a contributing award gone) at once. */
export const markBrokenMany = async (db: Executor, rows: ReadonlyArray<{ pathway_id: string; learner_id: string }>): Promise<void> => {
  if (rows.length === 0) return
  await sql`update pathway_completions c set broken_at = now() from unnest(${rows.map((r) => r.pathway_id)}::uuid[], ${rows.map((r) => r.learner_id)}::uuid[]) as b(pathway_id, learner_id)
    where c.pathway_id = b.pathway_id and c.learner_id = b.learner_id and c.broken_at is null`.execute(db)
}

/** Which of these pathways unlock an opportunity. */
export const pathwaysWithUnlock = async (db: Executor, ids: readonly string[]): Promise<Set<string>> =>
  new Set((await db.selectFrom('pathways').select('id').where('id', '=', sql<string>`any(${[...ids]}::uuid[])`).where('unlock_opportunity_id', 'is not', null).execute()).map((r) => r.id))

export const learnerProgress = (db: Executor, learnerId: string) =>
  db.selectFrom('pathway_progress as g').innerJoin('pathway_versions as v', (j) => j.onRef('v.pathway_id', '=', 'g.pathway_id').onRef('v.version', '=', 'g.version'))
    .leftJoin('pathway_completions as c', (j) => j.onRef('c.pathway_id', '=', 'g.pathway_id').onRef('c.learner_id', '=', 'g.learner_id'))
    .leftJoin('pathway_unlocks as u', (j) => j.onRef('u.pathway_id', '=', 'g.pathway_id').onRef('u.learner_id', '=', 'g.learner_id'))
    .select(['g.pathway_id', 'g.version', 'g.percent', 'g.satisfied', 'g.missing', 'g.next', 'g.contributing', 'g.updated_at', 'v.title', 'c.completed_at', 'c.award_id', 'u.state as unlock_state', 'u.opportunity_id as unlock_opportunity_id'])
    .where('g.learner_id', '=', learnerId).orderBy('g.pathway_id').execute()

export async function stageCounts (db: Executor, pathwayId: string): Promise<{ started: number; halfway: number; completed: number; unlocked: number }> {
  const r = await db.selectFrom('pathway_followers as f').leftJoin('pathway_progress as g', (j) => j.onRef('g.pathway_id', '=', 'f.pathway_id').onRef('g.learner_id', '=', 'f.learner_id'))
    .leftJoin('pathway_completions as c', (j) => j.onRef('c.pathway_id', '=', 'f.pathway_id').onRef('c.learner_id', '=', 'f.learner_id'))
    .select((eb) => [
      eb.fn.countAll<string>().as('started'),
      eb.fn.count<string>('g.learner_id').filterWhere('g.percent', '>=', 50).as('halfway'),
      eb.fn.count<string>('c.learner_id').as('completed'),
    ]).where('f.pathway_id', '=', pathwayId).executeTakeFirstOrThrow()
  const u = await db.selectFrom('pathway_unlocks').select((eb) => eb.fn.countAll<string>().as('n')).where('pathway_id', '=', pathwayId).where('state', '=', 'offered').executeTakeFirstOrThrow()
  return { started: Number(r.started), halfway: Number(r.halfway), completed: Number(r.completed), unlocked: Number(u.n) }
}

/**
 * Empties pathway_progress for a rebuild: TRUNCATE (instant, and leaves no dead rows for the rebuild's inserts to
 * wade through) when its exclusive lock comes within a moment, else (a long reader holds the table) a DELETE, which
 * waits for no one.
 */
export const deleteAllProgress = async (db: Executor): Promise<void> => {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`set local lock_timeout = '2s'`.execute(trx)
      await sql`truncate pathway_progress`.execute(trx)
    })
  } catch (err) {
    if ((err as { code?: string }).code !== '55P03') throw err
    await db.deleteFrom('pathway_progress').execute()
  }
}

/** A learner's attendance records with the opportunity's kind (evidence of `opportunity` leaves). */
export const attendancesOf = (db: Executor, learnerId: string) =>
  db.selectFrom('opportunity_attendance as a').innerJoin('opportunities as o', 'o.id', 'a.opportunity_id')
    .select(['a.session_id', 'a.opportunity_id', 'o.kind', 'a.recorded_at']).where('a.learner_id', '=', learnerId).orderBy('a.recorded_at').execute()

export const opportunityOfCity = (db: Executor, cityId: string, id: string) =>
  db.selectFrom('opportunities').select('id').where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()

export const unlocksOf = (db: Executor, learnerId: string) =>
  db.selectFrom('pathway_unlocks').select(['pathway_id', 'state']).where('learner_id', '=', learnerId).execute()

/** Records the unlock once; answers true for the one call that inserted it. */
export const insertUnlock = async (db: Executor, row: { pathway_id: string; learner_id: string; city_id: string; opportunity_id: string; state: 'offered' | 'waitlisted' }): Promise<boolean> =>
  (await db.insertInto('pathway_unlocks').values(row).onConflict((oc) => oc.columns(['pathway_id', 'learner_id']).doNothing()).returning('pathway_id').executeTakeFirst()) !== undefined

/**
 * Takes one place of the pathway's unlock if one is left. The row lock of the UPDATE serialises concurrent takers and
 * PostgreSQL re-checks the condition on the committed row, so the count never passes the capacity.
 */
export const takePlace = async (db: Executor, pathwayId: string): Promise<boolean> =>
  (await db.updateTable('pathways').set((eb) => ({ unlock_offered: eb('unlock_offered', '+', 1) }))
    .where('id', '=', pathwayId).where((eb) => eb.or([eb('unlock_capacity', 'is', null), eb('unlock_offered', '<', eb.ref('unlock_capacity'))]))
    .returning('id').executeTakeFirst()) !== undefined

export const setUnlockState = (db: Executor, pathwayId: string, learnerId: string, state: 'offered' | 'waitlisted'): Promise<unknown> =>
  db.updateTable('pathway_unlocks').set({ state }).where('pathway_id', '=', pathwayId).where('learner_id', '=', learnerId).execute()

/** The unlock list of a pathway: only learners who (still) consent to be contacted, in (created_at, learner) order. */
export const listUnlocks = (db: Executor, pathwayId: string, limit: number, cursor?: Cursor) => {
  let q = db.selectFrom('pathway_unlocks as u').innerJoin('learners as l', 'l.id', 'u.learner_id')
    .select(['u.learner_id as id', 'u.opportunity_id', 'u.state', 'u.created_at']).where('u.pathway_id', '=', pathwayId).where('l.consent_contact', '=', true)
  if (cursor) q = q.where(sql<boolean>`(u.created_at, u.learner_id) > (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`)
  return q.orderBy('u.created_at').orderBy('u.learner_id').limit(limit + 1).execute()
}

export const destinationTitle = async (db: Executor, cityId: string, code: string): Promise<string | undefined> =>
  (await db.selectFrom('destinations').select('title').where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst())?.title

/** The spine claims of the approved badge classes that lead to a destination (what the destination asks for). */
export const destinationClasses = (db: Executor, cityId: string, code: string) =>
  db.selectFrom('badge_classes').select(['spine_elements', 'spine_level']).where('city_id', '=', cityId).where('status', '=', 'approved')
    .where(sql<boolean>`destinations @> array[${code}]::text[]`).limit(1000).execute()

/** Approved badge classes a learner could earn (bounded). */
export const recommendableClasses = (db: Executor, cityId: string) =>
  db.selectFrom('badge_classes').select(['id', 'family_id', 'name', 'spine_elements', 'spine_level', 'spine_dimensions', 'themes'])
    .where('city_id', '=', cityId).where('status', '=', 'approved').orderBy('created_at').limit(2000).execute()

/** Published opportunities with their next scheduled session from now (bounded, soonest first). */
export const upcomingOpportunities = (db: Executor, cityId: string, now: Date) =>
  db.selectFrom('opportunities as o')
    .innerJoinLateral((eb) => eb.selectFrom('opportunity_sessions as s').select(['s.start_at', 's.places_left'])
      .whereRef('s.opportunity_id', '=', 'o.id').where('s.status', '=', 'scheduled').where('s.start_at', '>=', now).orderBy('s.start_at').limit(1).as('n'), (j) => j.onTrue())
    .select(['o.id', 'o.title', 'o.kind', 'o.lat', 'o.lon', 'o.area', 'o.age_min', 'o.age_max', 'o.free', 'o.cost_amount', 'o.badge_class_ids', 'o.themes', 'n.start_at', 'n.places_left'])
    .where('o.city_id', '=', cityId).where('o.status', '=', 'published').where('o.deleted_at', 'is', null)
    .orderBy('n.start_at').limit(500).execute()

// ---- batches of learners (recomputeMany: rebuilds and pathway edits fan out a batch at a time) ------------------

// Learner ids go as one array parameter (`= any`): a batch of thousands is one parameter, not thousands.
const anyOf = (ids: readonly string[]) => sql<string>`any(${[...ids]}::uuid[])`

export const followsOfMany = (db: Executor, learnerIds: readonly string[]) =>
  db.selectFrom('pathway_followers').select(['learner_id', 'pathway_id', 'version', 'city_id']).where('learner_id', '=', anyOf(learnerIds)).execute()

/** A counting award as the evaluator reads it: the issue instant in epoch ms (no Date, no ISO string to parse back). */
export interface CountingAward { learner_id: string; id: string; badge_class_id: string; issued_at: number }

/**
 * The counting awards of many learners, without their class's columns (the caller holds the city's classes: a batch
 * of thousands of awards of a few hundred classes would otherwise read and parse the same arrays thousands of times).
 * PostgreSQL packs each learner's awards into one string (award id, class id, epoch ms; fixed-width uuids): a rebuild
 * reads a million awards, and one short row a learner costs the driver a fraction of a row (and a Date) an award.
 * Each learner's awards come in (issued_on, id) order; the instant is floored to the millisecond as a JS Date is.
 */
export const countingAwardsOfMany = async (db: Executor, learnerIds: readonly string[], now: Date): Promise<CountingAward[]> => {
  const r = await sql<{ learner_id: string; awards: string }>`select a.learner_id,
      string_agg(a.id::text || a.badge_class_id::text || floor(extract(epoch from a.issued_on) * 1000)::bigint::text, ',' order by a.issued_on, a.id) as awards
    from awards a
    where a.learner_id = ${anyOf(learnerIds)} and a.revoked_at is null and a.erased_at is null and a.acceptance <> 'declined'
      and (a.expires is null or a.expires > ${now})
    group by a.learner_id`.execute(db)
  const out: CountingAward[] = []
  for (const row of r.rows) {
    for (const s of row.awards.split(',')) out.push({ learner_id: row.learner_id, id: s.slice(0, 36), badge_class_id: s.slice(36, 72), issued_at: Number(s.slice(72)) })
  }
  return out
}

/** A city's badge classes as the evaluator sees them (family and spine claim). */
export const classesOf = (db: Executor, cityId: string) =>
  db.selectFrom('badge_classes').select(['id', 'family_id', 'spine_elements', 'spine_level', 'spine_dimensions', 'themes']).where('city_id', '=', cityId).execute()

export const completionsOfMany = (db: Executor, learnerIds: readonly string[]) =>
  db.selectFrom('pathway_completions').select(['learner_id', 'pathway_id', 'completed_at', 'award_id', 'broken_at']).where('learner_id', '=', anyOf(learnerIds)).execute()

export const attendancesOfMany = (db: Executor, learnerIds: readonly string[]) =>
  db.selectFrom('opportunity_attendance as a').innerJoin('opportunities as o', 'o.id', 'a.opportunity_id')
    .select(['a.learner_id', 'a.session_id', 'a.opportunity_id', 'o.kind', 'a.recorded_at']).where('a.learner_id', '=', anyOf(learnerIds)).orderBy('a.recorded_at').execute()

export const unlocksOfMany = (db: Executor, learnerIds: readonly string[]) =>
  db.selectFrom('pathway_unlocks').select(['learner_id', 'pathway_id']).where('learner_id', '=', anyOf(learnerIds)).execute()

/** A progress row as written (`missing` and `next` as JSON values). */
export type ProgressWrite = Omit<PathwayProgressRow, 'updated_at' | 'missing' | 'next'> & { missing: unknown; next: unknown }

/**
 * Upserts many progress rows, up to 1,000 a statement, as one JSON document that `json_to_recordset` turns back into
 * rows: one JSON.stringify (native code) instead of nine array parameters escaped element by element by the driver,
 * and one plan whatever the batch size. 1,000 rows (about 1 MB) keep the function's rows within work_mem (more
 * spill to a temporary file).
 */
export const upsertProgressMany = async (db: Executor, rows: readonly ProgressWrite[]): Promise<void> => {
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000)
    await sql`insert into pathway_progress (pathway_id, learner_id, city_id, version, percent, satisfied, missing, next, contributing)
      select r.pathway_id, r.learner_id, r.city_id, r.version, r.percent, r.satisfied, r.missing, r.next, r.contributing
      from json_to_recordset(${JSON.stringify(part)}::json)
        as r(pathway_id uuid, learner_id uuid, city_id uuid, version int, percent int, satisfied boolean, missing jsonb, next jsonb, contributing text[])
      on conflict (pathway_id, learner_id) do update set version = excluded.version, percent = excluded.percent, satisfied = excluded.satisfied,
        missing = excluded.missing, next = excluded.next, contributing = excluded.contributing, updated_at = now()`.execute(db)
  }
}

/** The versions named (one query for a batch, instead of one per pathway). */
export const versionsOf = async (db: Executor, keys: ReadonlyArray<{ pathway_id: string; version: number }>): Promise<PathwayVersionRow[]> => {
  if (keys.length === 0) return []
  return (await sql<PathwayVersionRow>`select v.* from pathway_versions v
    join unnest(${keys.map((k) => k.pathway_id)}::uuid[], ${keys.map((k) => k.version)}::int[]) as k(pathway_id, version)
      on v.pathway_id = k.pathway_id and v.version = k.version`.execute(db)).rows
}

/** Every version of every followed pathway (a rebuild loads them once). */
export const followedVersions = async (db: Executor): Promise<PathwayVersionRow[]> =>
  (await sql<PathwayVersionRow>`select v.* from pathway_versions v where exists (select 1 from pathway_followers f where f.pathway_id = v.pathway_id and f.version = v.version)`.execute(db)).rows

// ---- dirty marks (learners whose progress waits for the drainer) --------------------------------------------------

/**
 * Marks learners dirty; marking one already marked bumps its mark (and frees its lease): a running batch keeps it.
 * Learners who follow nothing have no progress rows and are not marked.
 */
export const markDirty = async (db: Executor, rows: ReadonlyArray<{ learner_id: string; city_id: string }>, priority = 0): Promise<void> => {
  if (rows.length === 0) return
  await sql`insert into pathway_dirty (learner_id, city_id, priority)
    select l, c, ${priority}::smallint from unnest(${rows.map((r) => r.learner_id)}::uuid[], ${rows.map((r) => r.city_id)}::uuid[]) as r(l, c)
    where exists (select 1 from pathway_followers f where f.learner_id = r.l)
    on conflict (learner_id) do update set mark = nextval('pathway_dirty_mark'), priority = least(pathway_dirty.priority, excluded.priority), leased_until = null`.execute(db)
}

/** Marks an award's learner dirty in one statement (an award event's whole share of the work); answers whether one was. */
export const markAwardLearnersDirty = async (db: Executor, awardIds: readonly string[]): Promise<number> =>
  awardIds.length === 0 ? 0 : Number((await sql`insert into pathway_dirty (learner_id, city_id)
    select distinct a.learner_id, a.city_id from awards a
    where a.id = any(${[...awardIds]}::uuid[]) and a.learner_id is not null and exists (select 1 from pathway_followers f where f.learner_id = a.learner_id)
    on conflict (learner_id) do update set mark = nextval('pathway_dirty_mark'), priority = 0, leased_until = null`.execute(db)).numAffectedRows ?? 0)

/** Marks every follower of a pathway dirty in one statement (a published or edited pathway); answers how many. */
export const markFollowersDirty = async (db: Executor, pathwayId: string, priority = 1): Promise<number> => {
  const r = await sql`insert into pathway_dirty (learner_id, city_id, priority)
    select learner_id, city_id, ${priority}::smallint from pathway_followers where pathway_id = ${pathwayId}::uuid
    on conflict (learner_id) do update set mark = nextval('pathway_dirty_mark'), priority = least(pathway_dirty.priority, excluded.priority), leased_until = null`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

export interface DirtyMark { learner_id: string; city_id: string; mark: string }

/**
 * Claims up to `limit` marks, most urgent first, for `leaseSeconds`: marks leased by another drainer are skipped (and
 * so are rows another claim is taking right now), expired leases are claimed again (their drainer died).
 */
export const claimDirty = async (db: Executor, limit: number, leaseSeconds: number): Promise<DirtyMark[]> =>
  (await sql<DirtyMark>`update pathway_dirty d set leased_until = now() + make_interval(secs => ${leaseSeconds})
    from (select learner_id from pathway_dirty where leased_until is null or leased_until < now() order by priority, mark limit ${limit} for update skip locked) c
    where d.learner_id = c.learner_id
    returning d.learner_id, d.city_id, d.mark::text as mark`.execute(db)).rows

/** Deletes the marks a batch covered: a mark bumped since the claim (a newer event) stays. */
export const clearDirty = async (db: Executor, marks: readonly DirtyMark[]): Promise<void> => {
  if (marks.length === 0) return
  await sql`delete from pathway_dirty d using unnest(${marks.map((m) => m.learner_id)}::uuid[], ${marks.map((m) => m.mark)}::bigint[]) as c(learner_id, mark)
    where d.learner_id = c.learner_id and d.mark = c.mark`.execute(db)
}

/** Marks waiting (any lease), for metrics and benchmarks. */
export const countDirty = async (db: Executor): Promise<number> =>
  Number((await db.selectFrom('pathway_dirty').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

/**
 * The pathway each of these awards completed (issue #10 item 9: a completion award's Achievement describes its
 * pathway), with the version completed, its city and the spine's title. Awards that completed nothing are absent.
 */
export const completionsOfAwards = (db: Executor, awardIds: readonly string[]) =>
  awardIds.length === 0 ? Promise.resolve([]) : db.selectFrom('pathway_completions as pc')
    .innerJoin('pathway_versions as v', (j) => j.onRef('v.pathway_id', '=', 'pc.pathway_id').onRef('v.version', '=', 'pc.version'))
    .innerJoin('cities as c', 'c.id', 'pc.city_id')
    .leftJoin('spines as s', 's.city_id', 'pc.city_id')
    .select(['pc.award_id', 'pc.pathway_id', 'pc.version', 'pc.city_id', 'v.title', 'v.description', 'v.destinations', 'v.requirements', 'c.slug as city_slug', 'c.name as city_name', 's.title as spine_title'])
    .where('pc.award_id', 'in', [...awardIds])
    .execute()

/** A published version of a pathway in the shape of `completionsOfAwards` (no award): what its completion badge says. */
export const completionOfVersion = (db: Executor, pathwayId: string, version: number) =>
  db.selectFrom('pathway_versions as v')
    .innerJoin('pathways as p', 'p.id', 'v.pathway_id')
    .innerJoin('cities as c', 'c.id', 'p.city_id')
    .leftJoin('spines as s', 's.city_id', 'p.city_id')
    .select([sql<string | null>`null`.as('award_id'), 'v.pathway_id', 'v.version', 'p.city_id', 'v.title', 'v.description', 'v.destinations', 'v.requirements', 'c.slug as city_slug', 'c.name as city_name', 's.title as spine_title', 'v.completion_badge_class_id'])
    .where('v.pathway_id', '=', pathwayId).where('v.version', '=', version)
    .executeTakeFirst()

/** Names of what requirement trees and destinations refer to, in one city (for criteria narratives and alignments). */
export async function namesOf (db: Executor, cityId: string, refs: { badgeClassIds: string[]; elements: string[]; themes: string[]; pathwayIds: string[]; destinations: string[] }) {
  const none = Promise.resolve([])
  const [classes, elements, themes, pathways, destinations] = await Promise.all([
    refs.badgeClassIds.length ? db.selectFrom('badge_classes').select(['id', 'name']).where('city_id', '=', cityId).where('id', 'in', refs.badgeClassIds).execute() : none,
    refs.elements.length ? db.selectFrom('spine_elements').select(['code', 'title', 'description']).where('city_id', '=', cityId).where('code', 'in', refs.elements).execute() : none,
    refs.themes.length ? db.selectFrom('themes').select(['code', 'title']).where('city_id', '=', cityId).where('code', 'in', refs.themes).execute() : none,
    refs.pathwayIds.length ? db.selectFrom('pathways as p').innerJoin('pathway_versions as v', (j) => j.onRef('v.pathway_id', '=', 'p.id').onRef('v.version', '=', 'p.version'))
      .select(['p.id', 'v.title']).where('p.city_id', '=', cityId).where('p.id', 'in', refs.pathwayIds).execute() : none,
    refs.destinations.length ? db.selectFrom('destinations').select(['code', 'title', 'description']).where('city_id', '=', cityId).where('code', 'in', refs.destinations).execute() : none,
  ])
  return {
    badgeClasses: new Map(classes.map((r) => [r.id, r.name])),
    elements: new Map(elements.map((r) => [r.code, { title: r.title, description: r.description }])),
    themes: new Map(themes.map((r) => [r.code, r.title])),
    pathways: new Map(pathways.map((r) => [r.id, r.title])),
    destinations: new Map(destinations.map((r) => [r.code, { title: r.title, description: r.description }])),
  }
}
