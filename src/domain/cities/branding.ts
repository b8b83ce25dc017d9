import { createHash } from 'node:crypto'
import * as repo from '../../db/pages/pages.repo.js'
import type { CityRow } from '../../db/types.js'
import { requireRole, type Principal } from '../access/auth.js'
import { acceptImage } from '../badges/badge-rules.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, NotFound } from '../shared/errors.js'
import type { CityService } from './cities.js'

/** How a city's public pages look: set by its city admin (PATCH /v1/cities/{city}/branding). */
export interface Branding {
  /** The name the pages show ("Harbourside City of Learning"); the city's name when unset. */
  name: string
  /** What the City of Learning is, in a few lines of Markdown (the landing page). */
  about?: string
  /** `#rrggbb`; the default is our blue. */
  accentColour: string
  /** Black or white, whichever reads better on the accent colour (WCAG contrast ≥ 4.58 for any colour). */
  accentText: '#ffffff' | '#000000'
  /** Our own URL of the logo, when there is one (a new URL whenever the logo changes). */
  logo?: string
}

export interface BrandingPatch {
  name?: string | null | undefined
  about?: string | null | undefined
  accentColour?: string | null | undefined
  /** A PNG/SVG data URI, or null to remove the logo. */
  logo?: string | null | undefined
}

export const DEFAULT_ACCENT = '#0b4f9c'

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance (hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number]
  return (x + 0.05) / (y + 0.05)
}

/** The text colour for an accent background: white unless black reads better (one of them always reaches 4.5:1). */
export const textOn = (accent: string): Branding['accentText'] =>
  contrast(accent, '#ffffff') >= contrast(accent, '#000000') ? '#ffffff' : '#000000'

export const logoPath = (city: Pick<CityRow, 'slug' | 'brand_logo_etag'>): string | undefined =>
  city.brand_logo_etag !== null ? `/cities/${city.slug}/logo?v=${city.brand_logo_etag}` : undefined

export function brandingOf (city: CityRow): Branding {
  const accent = city.brand_accent ?? DEFAULT_ACCENT
  const logo = logoPath(city)
  return {
    name: city.brand_name ?? city.name,
    ...(city.brand_about !== null ? { about: city.brand_about } : {}),
    accentColour: accent,
    accentText: textOn(accent),
    ...(logo !== undefined ? { logo } : {}),
  }
}

export function createBrandingService (deps: DomainDeps & { cities: CityService }) {
  async function get (principal: Principal, slug: string): Promise<Branding> {
    return brandingOf(await deps.cities.resolve(principal, slug))
  }

  /** Changes the branding; `null` clears a field. City admins of the city and platform admins only. */
  async function update (principal: Principal, slug: string, patch: BrandingPatch): Promise<Branding> {
    const city = await deps.cities.resolve(principal, slug)
    requireRole(principal, ['platform-admin', 'city-admin'], 'change the city’s branding')
    let accent: string | null | undefined = patch.accentColour
    if (typeof accent === 'string') {
      accent = accent.toLowerCase()
      if (!/^#[0-9a-f]{6}$/.test(accent)) throw new InvalidInput('branding is invalid', [{ field: '/accentColour', message: 'must be a colour #rrggbb' }])
    }
    const image = typeof patch.logo === 'string' ? acceptImage({ dataUri: patch.logo }) : undefined
    const row = await deps.db.transaction().execute(async (trx) => {
      if (image) await repo.putCityLogo(trx, city.id, image.mediaType, image.bytes)
      if (patch.logo === null) await repo.deleteCityLogo(trx, city.id)
      return repo.updateCityBranding(trx, city.id, {
        ...(patch.name !== undefined ? { brand_name: patch.name === null ? null : patch.name.trim() || null } : {}),
        ...(patch.about !== undefined ? { brand_about: patch.about === null ? null : patch.about.trim() || null } : {}),
        ...(accent !== undefined ? { brand_accent: accent } : {}),
        ...(image ? { brand_logo_etag: createHash('sha256').update(image.bytes).digest('base64url').slice(0, 16) } : {}),
        ...(patch.logo === null ? { brand_logo_etag: null } : {}),
      })
    })
    if (!row) throw new NotFound('city', slug)
    return brandingOf(row)
  }

  /** The logo bytes, for GET /cities/{city}/logo (public). */
  async function logo (slug: string): Promise<{ mediaType: string; bytes: Buffer; etag: string }> {
    const found = await repo.findCityLogo(deps.db, slug)
    if (!found) throw new NotFound('logo', slug)
    return found
  }

  return { get, update, logo }
}

export type BrandingService = ReturnType<typeof createBrandingService>
