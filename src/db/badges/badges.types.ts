import type { ColumnType, Selectable } from 'kysely'
import type { TranslationsColumn } from '../types.js'

// Tables of migrations/20261122T1710_badges.ts (OB 2.0 issuing).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export interface SigningKeysTable {
  id: string
  city_id: string
  organisation_id: string
  algorithm: 'RS256' | 'Ed25519' | 'ES256'
  public_key_pem: string
  public_jwk: Json<Record<string, unknown>>
  private_key_enc: string
  created_at: Timestamp
  retired_at: Date | null
}

export interface BadgeClassImagesTable {
  id: string
  city_id: string
  media_type: 'image/png' | 'image/svg+xml'
  bytes: Buffer
  created_at: Timestamp
}

export type BadgeClassStatus = 'draft' | 'submitted' | 'approved' | 'superseded' | 'retired'
export type ExpiryRule = { type: 'none' } | { type: 'date'; date: string } | { type: 'duration'; duration: string }
export interface AlignmentRow { targetName: string; targetUrl: string; targetDescription?: string; targetFramework?: string; targetCode?: string }

export interface BadgeClassesTable {
  /** Migration 20261130T1400: the translatable fields by language, `{ <field>: { <tag>: <text> } }` (insert/update as JSON text). */
  translations: TranslationsColumn
  id: string
  city_id: string
  organisation_id: string
  family_id: string
  version: number
  status: BadgeClassStatus
  name: string
  description: string
  image_id: string
  criteria_narrative: string | null
  criteria_url: string | null
  tags: ColumnType<string[], string[] | undefined, string[]>
  alignments: Json<AlignmentRow[]>
  expiry: Json<ExpiryRule>
  language: string | null
  created_at: Timestamp
  updated_at: Timestamp
  approved_at: Date | null
  retired_at: Date | null
  // migrations/20261122T1900_badge_spine.ts: the spine selection, themes, destinations, generated alignments.
  spine_elements: ColumnType<string[], string[] | undefined, string[]>
  spine_level: SpineLevel | null
  spine_dimensions: ColumnType<SpineDimension[], SpineDimension[] | undefined, SpineDimension[]>
  themes: ColumnType<string[], string[] | undefined, string[]>
  destinations: ColumnType<string[], string[] | undefined, string[]>
  spine_alignments: ColumnType<GeneratedAlignment[], string | undefined, string>
  /** Generated (migrations/20261122T1910): the text-search vector of name, tags and description. */
  search: ColumnType<string, never, never>
}

export type SpineLevel = 'engagement' | 'participation' | 'demonstration' | 'leadership'
export type SpineDimension = 'knowledge' | 'skills' | 'attitudes-values'
/** An OB 3.0 Alignment built from the spine (`type` is always ['Alignment']). */
export interface GeneratedAlignment extends AlignmentRow { type: ['Alignment']; targetType?: string }

export interface EvidenceRow { id?: string; narrative?: string; name?: string; description?: string; genre?: string; audience?: string }

export interface AwardsTable {
  id: string
  city_id: string
  organisation_id: string
  badge_class_id: string
  recipient_type: 'email' | 'url' | 'telephone' | 'id'
  identity_hash: string
  salt: string
  plain_identity: string | null
  evidence: Json<EvidenceRow[]>
  narrative: string | null
  issued_on: Date
  expires: Date | null
  signing_key_id: string
  idempotency_key: string | null
  issued_by: string | null
  created_at: Timestamp
  revoked_at: Date | null
  revocation_reason: string | null
}

export type EndorsementSubjectType = 'badge-class' | 'organisation' | 'award'

export interface EndorsementsTable {
  id: string
  city_id: string
  organisation_id: string
  subject_type: EndorsementSubjectType
  subject_id: string
  comment: string | null
  issued_on: Date
  created_at: Timestamp
}

export interface BadgesTables {
  signing_keys: SigningKeysTable
  badge_class_images: BadgeClassImagesTable
  badge_classes: BadgeClassesTable
  awards: AwardsTable
  endorsements: EndorsementsTable
}

export type SigningKeyRow = Selectable<SigningKeysTable>
export type BadgeClassRow = Selectable<BadgeClassesTable>
export type AwardRow = Selectable<AwardsTable>
export type EndorsementRow = Selectable<EndorsementsTable>
