import type { Executor, OrganisationRow } from '../types.js'

/** Every award of the learner with its badge and issuer names, oldest first (erased stubs excluded). */
export const learnerAwards = (db: Executor, learnerId: string) =>
  db.selectFrom('awards as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.badge_class_id', 'a.organisation_id', 'a.issued_on', 'a.expires', 'a.revoked_at', 'a.revocation_reason',
      'a.acceptance', 'a.acceptance_at', 'a.created_at', 'b.name as badge_name', 'b.description as badge_description', 'o.name as issuer_name'])
    .where('a.learner_id', '=', learnerId).where('a.erased_at', 'is', null)
    .orderBy('a.created_at').orderBy('a.id')
    .execute()

/** The organisation that signs the city's portfolio exports: its oldest council, else its oldest organisation. */
export const portfolioIssuer = (db: Executor, cityId: string): Promise<OrganisationRow | undefined> =>
  db.selectFrom('organisations').selectAll().where('city_id', '=', cityId)
    .orderBy((eb) => eb.case().when('kind', '=', 'council').then(0).else(1).end())
    .orderBy('created_at').orderBy('id')
    .executeTakeFirst()

/**
 * The learner's pathway completions that have a completion award, with what counted towards each: the awards of
 * the current progress row (ids that are not awards, such as imports and attendances, are the caller's to drop).
 */
export const completionRecords = (db: Executor, learnerId: string) =>
  db.selectFrom('pathway_completions as pc')
    .leftJoin('pathway_progress as pp', (j) => j.onRef('pp.pathway_id', '=', 'pc.pathway_id').onRef('pp.learner_id', '=', 'pc.learner_id'))
    .select(['pc.pathway_id', 'pc.version', 'pc.award_id', 'pp.contributing'])
    .where('pc.learner_id', '=', learnerId).where('pc.award_id', 'is not', null)
    .orderBy('pc.completed_at').orderBy('pc.pathway_id')
    .execute()

/** Every pathway the learner follows, with their progress and completion (the JSON export's pathway record). */
export const pathwayRecord = (db: Executor, learnerId: string) =>
  db.selectFrom('pathway_followers as pf')
    .innerJoin('pathway_versions as v', (j) => j.onRef('v.pathway_id', '=', 'pf.pathway_id').onRef('v.version', '=', 'pf.version'))
    .leftJoin('pathway_progress as pp', (j) => j.onRef('pp.pathway_id', '=', 'pf.pathway_id').onRef('pp.learner_id', '=', 'pf.learner_id'))
    .leftJoin('pathway_completions as pc', (j) => j.onRef('pc.pathway_id', '=', 'pf.pathway_id').onRef('pc.learner_id', '=', 'pf.learner_id'))
    .select(['pf.pathway_id', 'pf.version', 'pf.started_at', 'v.title', 'pp.percent', 'pp.satisfied', 'pp.contributing', 'pc.completed_at', 'pc.award_id', 'pc.broken_at'])
    .where('pf.learner_id', '=', learnerId)
    .orderBy('pf.started_at').orderBy('pf.pathway_id')
    .execute()
