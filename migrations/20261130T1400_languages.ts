import { sql, type Kysely } from 'kysely'

// Languages (issue #13 item 4): the translatable fields of badge classes, spine elements, themes, destinations,
// pathway versions and opportunities as maps by BCP 47 language tag, `{ <field>: { <tag>: <text> } }`. The existing
// text columns keep the city's default language, so rows written before this migration read as that language.
// Frozen in time: never import from src/.
const TABLES = ['badge_classes', 'spine_elements', 'themes', 'destinations', 'pathway_versions', 'opportunities']

export async function up (db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table)
      .addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(translations) = 'object'`))
      .execute()
  }
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('translations').execute()
}
