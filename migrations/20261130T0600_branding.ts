import { sql, type Kysely } from 'kysely'

// A city's public branding, shown on every public page of the city (issue #16): a display name ("Harbourside City
// of Learning"), a short "about" text (Markdown), an accent colour (#rrggbb; pages pick black or white text on it, so
// any colour stays readable) and a logo (PNG or SVG, checked and sanitised like badge images, served from our own
// origin). The logo bytes live in their own table so that every city lookup stays small; `brand_logo_etag` says
// whether there is one and changes with it. Organisations already carry `verified` (foundation); a city admin sets it.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cities')
    .addColumn('brand_name', 'text')
    .addColumn('brand_about', 'text')
    .addColumn('brand_accent', 'text', (c) => c.check(sql`brand_accent ~ '^#[0-9a-f]{6}$'`))
    .addColumn('brand_logo_etag', 'text')
    .execute()
  await db.schema.createTable('city_logos')
    .addColumn('city_id', 'uuid', (c) => c.primaryKey().references('cities.id').onDelete('cascade'))
    .addColumn('media_type', 'text', (c) => c.notNull().check(sql`media_type in ('image/png', 'image/svg+xml')`))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('city_logos').ifExists().execute()
  await db.schema.alterTable('cities')
    .dropColumn('brand_name').dropColumn('brand_about').dropColumn('brand_accent').dropColumn('brand_logo_etag')
    .execute()
}
