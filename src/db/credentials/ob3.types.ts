import type { ColumnType, Generated, Selectable } from 'kysely'

// Tables of migrations/20261122T1800_ob3.ts (OB 3.0 status lists). The award columns it adds are
// declared on AwardsTable through `Ob3AwardColumns` (see badges.types.ts).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface StatusListsTable {
  id: string
  city_id: string
  organisation_id: string
  purpose: Generated<'revocation'>
  size: Generated<number>
  next_index: Generated<number>
  created_at: Timestamp
  published_at: Date | null
  published: string | null
  published_bits: number | null
}

export interface Ob3Tables {
  status_lists: StatusListsTable
}

export type StatusListRow = Selectable<StatusListsTable>

// The award columns of the OB 3.0 migration, merged into E's AwardsTable (optional on insert: awards made before
// the migration have none, and allocation happens in the award's own transaction).
declare module '../badges/badges.types.js' {
  interface AwardsTable {
    status_list_id: ColumnType<string | null, string | null | undefined, string | null>
    status_index: ColumnType<number | null, number | null | undefined, number | null>
  }
}
