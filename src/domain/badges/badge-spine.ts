import type { AlignmentRow, BadgeClassRow, GeneratedAlignment, SpineDimension, SpineLevel } from '../../db/badges/badges.types.js'
import type { Executor } from '../../db/types.js'
import { buildAlignments, type Ob3Alignment } from '../../spine/index.js'
import { InvalidInput, InvalidState } from '../shared/errors.js'
import type { createSpineAlignment } from '../spine/spine-alignment.js'

// A badge class's place on the skills spine: what it stores, how it is validated, and the alignment objects
// generated from it (OB 2.0 and OB 3.0 `alignment`, before the class's free alignments).

/** The spine part of a badge class as the API takes it. */
export interface SpineFields {
  /** `null` (PATCH) clears the selection. */
  spine?: { elements: string[]; level: SpineLevel; dimensions: SpineDimension[] } | null | undefined
  /** Theme codes (or ids) of the city. */
  themes?: string[] | undefined
  /** Destination codes (or ids) of the city. */
  destinations?: string[] | undefined
}

/** What a badge class version stores. `level` is null when it has no spine selection (a draft). */
export interface SpineChoice {
  elements: string[]
  level: SpineLevel | null
  dimensions: SpineDimension[]
  themes: string[]
  destinations: string[]
}

/**
 * - `edit`: what the client sent is checked (known, active, listed once); a draft may have no elements yet.
 * - `copy`: carried over unchanged (a new version, an edit of other fields): rebuilt, not re-checked.
 * - `approve`: at least one element, every code active (submission and approval).
 */
export type SpineMode = 'edit' | 'copy' | 'approve'

export const NO_SPINE: SpineChoice = { elements: [], level: null, dimensions: [], themes: [], destinations: [] }

export const choiceOf = (r: BadgeClassRow): SpineChoice => ({
  elements: r.spine_elements, level: r.spine_level, dimensions: r.spine_dimensions, themes: r.themes, destinations: r.destinations,
})

/** The stored choice with a create body or PATCH applied (absent fields keep their value). */
export function mergeChoice (current: SpineChoice, input: SpineFields): SpineChoice {
  const spine = input.spine === undefined
    ? { elements: current.elements, level: current.level, dimensions: current.dimensions }
    : input.spine === null ? { elements: [], level: null, dimensions: [] } : input.spine
  return { ...spine, themes: input.themes ?? current.themes, destinations: input.destinations ?? current.destinations }
}

export const touchesSpine = (input: SpineFields): boolean =>
  input.spine !== undefined || input.themes !== undefined || input.destinations !== undefined

/** The row columns of a choice and its generated alignments. */
export const spineColumns = (c: SpineChoice, generated: readonly GeneratedAlignment[]) => ({
  spine_elements: c.elements, spine_level: c.level, spine_dimensions: c.dimensions, themes: c.themes, destinations: c.destinations,
  spine_alignments: JSON.stringify(generated),
})

/** The selection as the alignment rows take it (none without a level). */
export const selectionOf = (c: SpineChoice) =>
  ({ elements: c.level === null ? [] : c.elements, level: c.level ?? 'engagement', dimensions: c.dimensions })

/** The OB 2.0 AlignmentObject of a generated alignment. */
/** The columns every view of a badge class version starts with (management API and catalogue alike). */
type ViewRow = Pick<BadgeClassRow, 'id' | 'family_id' | 'version' | 'organisation_id' | 'status' | 'name' | 'description' | 'tags' | 'spine_elements' | 'spine_level' | 'spine_dimensions' | 'themes' | 'destinations'>

/** Identity, text, image URL, tags and the spine choice of a badge class version, as the API shows them. */
export const badgeClassBasics = (r: ViewRow, image: string) => ({
  id: r.id,
  familyId: r.family_id,
  version: r.version,
  organisationId: r.organisation_id,
  status: r.status,
  name: r.name,
  description: r.description,
  image,
  tags: r.tags,
  ...(r.spine_level !== null ? { spine: { elements: r.spine_elements, level: r.spine_level, dimensions: r.spine_dimensions } } : {}),
  themes: r.themes,
  destinations: r.destinations,
})

export const toOb2Alignment = ({ type: _t, targetType: _tt, ...a }: GeneratedAlignment): AlignmentRow => a

// Spine problem pointers (`/elements/0`, `/level`, `/dimensions/1`) belong under `/spine` in a badge class body.
const underSpine = (f: { field: string; message: string }) =>
  /^\/(elements|level|dimensions)(\/|$)/.test(f.field) ? { ...f, field: `/spine${f.field}` } : f

type SpineAlignment = ReturnType<typeof createSpineAlignment>

export function createBadgeSpine (spine: SpineAlignment) {
  /**
   * Validates a choice (as `mode` says) and builds its alignment objects, inside the caller's transaction.
   * Theme and destination ids come back as codes.
   * @throws InvalidInput naming each bad field; InvalidState when approval finds no element.
   */
  async function resolve (trx: Executor, cityId: string, choice: SpineChoice, mode: SpineMode): Promise<{ choice: SpineChoice; alignments: GeneratedAlignment[] }> {
    if (mode === 'approve' && choice.elements.length === 0) {
      throw new InvalidState('a badge class needs at least one skills spine element before it is submitted or approved',
        [{ field: '/spine/elements', message: 'select at least one spine element' }])
    }
    if (choice.level === null && choice.themes.length === 0 && choice.destinations.length === 0) return { choice, alignments: [] }
    // Without a spine selection the level is never used: no dimensions, so no grid cell.
    const selection = { elements: choice.elements, level: choice.level ?? 'engagement', dimensions: choice.dimensions }
    let built: { ob3: Ob3Alignment[] }
    let resolved = choice
    try {
      if (mode === 'copy') {
        built = await spine.alignmentsFor(cityId, selection, choice.themes, choice.destinations, { db: trx })
      } else {
        const input = await spine.resolveSelection(cityId, selection, choice.themes, choice.destinations, { db: trx, partial: mode === 'edit' })
        resolved = { ...choice, themes: [...(input.themes ?? [])], destinations: [...(input.destinations ?? [])] }
        built = buildAlignments(input)
      }
    } catch (err) {
      if (err instanceof InvalidInput) throw new InvalidInput(err.message, (err.fields ?? []).map(underSpine))
      throw err
    }
    return { choice: resolved, alignments: built.ob3.map((a) => ({ ...a, type: ['Alignment'] as ['Alignment'] })) }
  }

  return { resolve }
}

export type BadgeSpine = ReturnType<typeof createBadgeSpine>
