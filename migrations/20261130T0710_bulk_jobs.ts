import { sql, type Kysely } from 'kysely'

// Bulk issuing jobs: the job, and every row of its file with its outcome. Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // `principal` is who submitted the job (key id, role, organisation): rows are issued with that key's rights. A lease
  // lets one runner at a time work a job; a runner that dies leaves a lease that expires, and another resumes.
  await db.schema.createTable('bulk_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('awards')`))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued').check(sql`state in ('queued', 'running', 'completed', 'cancelled', 'failed')`))
    .addColumn('principal', 'jsonb', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('succeeded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('bulk_jobs_city_page').on('bulk_jobs').columns(['city_id', 'created_at', 'id']).execute()
  await sql`create index bulk_jobs_open on bulk_jobs (created_at) where state in ('queued', 'running')`.execute(db)

  await db.schema.createTable('bulk_job_rows')
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('bulk_jobs.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending').check(sql`state in ('pending', 'issued', 'replayed', 'error')`))
    .addColumn('award_id', 'uuid')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('bulk_job_rows_pk', ['job_id', 'row_no'])
    .execute()
  await sql`create index bulk_job_rows_pending on bulk_job_rows (job_id, row_no) where state = 'pending'`.execute(db)
  await sql`create index bulk_job_rows_errors on bulk_job_rows (job_id, row_no) where state = 'error'`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulk_job_rows').ifExists().execute()
  await db.schema.dropTable('bulk_jobs').ifExists().execute()
}
