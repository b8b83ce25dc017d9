import { sql, type Kysely } from 'kysely'

// The award fact table (issue #11 "Speed"): a full rebuild (`cli reconcile`) inserts one row per award, and each
// foreign key on it runs a lookup and a row lock (FOR KEY SHARE) per inserted row. Measured at full size
// (1,000,000 awards, a loaded 2-core machine): the INSERT took 74 s with the three keys, 53 s without the award and
// city keys (the lock on each award row also rewrites the awards heap). Only the learner key is kept: it carries every cascade the facts need (an erased learner's facts go in
// the erasure's transaction; a deleted city takes its learners, and so their facts, with it; awards are never
// deleted but with their city). A fact is written from a join of its award and learner in one statement, so its
// award and city exist when it is written.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await sql`alter table insight_award_facts drop constraint if exists insight_award_facts_award_id_fkey, drop constraint if exists insight_award_facts_city_id_fkey`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await sql`delete from insight_award_facts f where not exists (select 1 from awards a where a.id = f.award_id)`.execute(db)
  await sql`alter table insight_award_facts
    add constraint insight_award_facts_award_id_fkey foreign key (award_id) references awards (id) on delete cascade,
    add constraint insight_award_facts_city_id_fkey foreign key (city_id) references cities (id) on delete cascade`.execute(db)
}
