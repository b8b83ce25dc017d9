import { sql, type Kysely } from 'kysely'

// One number that changes whenever anything a public HTML page shows may have changed (issue #16 speed): the pages
// keep rendered HTML per instance, keyed by this version, and read it once per request (a primary-key read), so a
// page is never served from before a committed change, on any instance. Triggers bump it, once per transaction, at
// COMMIT (deferred constraint triggers): the lock on the one row is taken last and held only while committing, so it
// neither deadlocks with the writer's other locks nor slows a transaction down while it runs.
//
// What the pages read: cities and their logos, organisations, badge classes (images, alignments), endorsements,
// awards (not their creation: a new award changes no existing page; not the status-list slot set at issue), learners
// and their shares (the display name a learner chose to show), the spine (elements, versions, grid, themes,
// destinations), opportunities with their sessions, pathways with their versions.
// Frozen in time: never import from src/.

const TABLES = [
  'cities', 'city_logos', 'organisations', 'badge_classes', 'badge_class_images', 'badge_class_alignments', 'endorsements',
  'learners', 'learner_shares', 'spines', 'spine_elements', 'spine_element_versions', 'spine_grid_cells', 'spine_deleted_codes',
  'themes', 'destinations', 'opportunities', 'opportunity_sessions', 'pathways', 'pathway_versions',
]
const AWARD_COLUMNS = [
  'city_id', 'organisation_id', 'badge_class_id', 'recipient_type', 'identity_hash', 'salt', 'plain_identity', 'evidence', 'narrative',
  'issued_on', 'expires', 'signing_key_id', 'revoked_at', 'revocation_reason', 'learner_id', 'acceptance', 'acceptance_at', 'erased_at',
]

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('public_content_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into public_content_version (id, version) values (1, 1)`.execute(db)
  await sql`create function bump_public_content_version() returns trigger language plpgsql as $$
begin
  if current_setting('citybadges.public_content_bumped', true) is distinct from txid_current()::text then
    perform set_config('citybadges.public_content_bumped', txid_current()::text, true);
    update public_content_version set version = version + 1 where id = 1;
  end if;
  return null;
end $$`.execute(db)
  for (const t of TABLES) {
    await sql.raw(`create constraint trigger ${t}_public_content after insert or update or delete on ${t} deferrable initially deferred for each row execute function bump_public_content_version()`).execute(db)
  }
  await sql.raw(`create constraint trigger awards_public_content after update of ${AWARD_COLUMNS.join(', ')} or delete on awards deferrable initially deferred for each row execute function bump_public_content_version()`).execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const t of [...TABLES, 'awards']) await sql.raw(`drop trigger if exists ${t}_public_content on ${t}`).execute(db)
  await sql`drop function if exists bump_public_content_version()`.execute(db)
  await db.schema.dropTable('public_content_version').ifExists().execute()
}
