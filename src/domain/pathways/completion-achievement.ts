import * as repo from '../../db/pathways/pathways.repo.js'
import type { Executor } from '../../db/types.js'
import { isComposite, requirementsNarrative, treeElements, type RequirementNode } from '../../pathways/index.js'
import { spineUrls } from '../../spine/urls.js'
import { frameworkName } from '../spine/spine-store.js'

/**
 * What a pathway's completion badge says about the pathway (issue #10 item 9): its OB 3.0 Achievement's criteria
 * narrative names the pathway and lists its requirements in plain words (src/pathways/narrative.ts), and its
 * alignments point at the pathway itself, its destinations and the spine elements its skill steps ask for. The
 * version described is the one the learner completed, so an edit of the pathway never changes an issued credential.
 */
export interface CompletionAchievement {
  pathwayId: string
  /** The version of the pathway completed (the Achievement's own URL names it: see `completionAchievementUrl`). */
  version: number
  /** The pathway's URL in the API (`/v1/cities/{city}/pathways/{id}`). */
  pathwayUrl: string
  narrative: string
  alignment: Array<{ targetName: string; targetUrl: string; targetDescription?: string; targetFramework?: string; targetCode?: string; targetType?: string }>
}

export const pathwayUrl = (publicUrl: string, citySlug: string, pathwayId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/v1/cities/${encodeURIComponent(citySlug)}/pathways/${pathwayId}`

function refsOf (tree: RequirementNode, acc: { badgeClassIds: Set<string>; themes: Set<string>; pathwayIds: Set<string> }): void {
  if (isComposite(tree)) { for (const c of tree.children) refsOf(c, acc); return }
  if (tree.type === 'badge') acc.badgeClassIds.add(tree.badgeClassId)
  else if (tree.type === 'theme') acc.themes.add(tree.theme)
  else if (tree.type === 'pathway') acc.pathwayIds.add(tree.pathwayId)
}

/**
 * The URL of a completion Achievement: the badge class's Achievement URL with the pathway and version completed. It
 * answers the same description the credential carries (a verifier that follows the id sees what was signed), while
 * the plain Achievement URL keeps describing the badge class alone.
 */
export const completionAchievementUrl = (achievementUrl: string, c: Pick<CompletionAchievement, 'pathwayId' | 'version'>): string =>
  `${achievementUrl}?pathway=${c.pathwayId}&version=${c.version}`

/** The completion descriptions of the awards among `awardIds` that completed a pathway (a few queries per city). */
export async function completionAchievements (db: Executor, publicUrl: string, awardIds: readonly string[]): Promise<Map<string, CompletionAchievement>> {
  const out = new Map<string, CompletionAchievement>()
  for (const [r, c] of await describe(db, publicUrl, await repo.completionsOfAwards(db, awardIds))) if (r.award_id) out.set(r.award_id, c)
  return out
}

/** What the completion badge of one version of a pathway says, and which badge class it is; undefined if none. */
export async function completionAchievementOfVersion (db: Executor, publicUrl: string, pathwayId: string, version: number): Promise<(CompletionAchievement & { badgeClassId: string }) | undefined> {
  const row = await repo.completionOfVersion(db, pathwayId, version)
  if (!row?.completion_badge_class_id) return undefined
  const [found] = await describe(db, publicUrl, [row])
  return found ? { ...found[1], badgeClassId: row.completion_badge_class_id } : undefined
}

type CompletionRow = Awaited<ReturnType<typeof repo.completionsOfAwards>>[number]

async function describe<R extends CompletionRow> (db: Executor, publicUrl: string, rows: R[]): Promise<Array<[R, CompletionAchievement]>> {
  const out: Array<[R, CompletionAchievement]> = []
  const byCity = new Map<string, typeof rows>()
  for (const r of rows) byCity.set(r.city_id, [...(byCity.get(r.city_id) ?? []), r])
  for (const [cityId, list] of byCity) {
    const acc = { badgeClassIds: new Set<string>(), themes: new Set<string>(), pathwayIds: new Set<string>() }
    const elements = new Set<string>()
    const destinations = new Set<string>()
    for (const r of list) {
      const tree = r.requirements as RequirementNode
      refsOf(tree, acc)
      for (const e of treeElements(tree)) elements.add(e)
      for (const d of r.destinations) destinations.add(d)
    }
    const names = await repo.namesOf(db, cityId, {
      badgeClassIds: [...acc.badgeClassIds].filter((id) => /^[0-9a-f-]{36}$/i.test(id)), elements: [...elements], themes: [...acc.themes],
      pathwayIds: [...acc.pathwayIds].filter((id) => /^[0-9a-f-]{36}$/i.test(id)), destinations: [...destinations],
    })
    for (const r of list) {
      const tree = r.requirements as RequirementNode
      const urls = spineUrls(publicUrl, r.city_slug)
      const framework = frameworkName({ name: r.city_name }, r.spine_title)
      const url = pathwayUrl(publicUrl, r.city_slug, r.pathway_id)
      const steps = requirementsNarrative(tree, {
        badgeClass: (id) => names.badgeClasses.get(id), element: (code) => names.elements.get(code)?.title,
        theme: (code) => names.themes.get(code), pathway: (id) => names.pathways.get(id),
      })
      const intro = `Awarded for completing the pathway "${r.title}" (version ${r.version})${r.description ? `: ${r.description.trim()}` : '.'}`
      const alignment: CompletionAchievement['alignment'] = [
        { targetName: r.title, targetUrl: url, ...(r.description ? { targetDescription: r.description } : {}), targetFramework: `${r.city_name} pathways`, targetCode: `pathway.${r.pathway_id}`, targetType: 'ext:CityBadgesPathway' },
        ...r.destinations.map((code) => {
          const d = names.destinations.get(code)
          return { targetName: d?.title ?? code, targetUrl: urls.destination(code), ...(d?.description ? { targetDescription: d.description } : {}), targetFramework: framework, targetCode: `destination.${code}`, targetType: 'ext:CityBadgesDestination' }
        }),
        ...treeElements(tree).map((code) => {
          const e = names.elements.get(code)
          return { targetName: e?.title ?? code, targetUrl: urls.element(code), ...(e?.description ? { targetDescription: e.description } : {}), targetFramework: framework, targetCode: code, targetType: 'CFItem' }
        }),
      ]
      out.push([r, { pathwayId: r.pathway_id, version: r.version, pathwayUrl: url, narrative: `${intro}\n\n${steps}`, alignment }])
    }
  }
  return out
}
