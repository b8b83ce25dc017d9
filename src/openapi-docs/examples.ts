// Examples synthesised from a JSON schema, for the responses an operation's documentation does not give by hand.
// Values follow the schema (formats, enums, bounds) and read like real data: the examples test validates every one.

type Schema = Record<string, unknown>
export type Resolve = (ref: string) => Schema | undefined

const ID = '3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80'
const NOW = '2026-11-30T09:00:00Z'

/** Plausible strings by property name, where the name says more than the schema. */
const BY_NAME: Record<string, string> = {
  city: 'leeds', slug: 'leeds', name: 'Leeds City of Learning', title: 'Young Climate Champion',
  description: 'Led a climate action project in their neighbourhood.', narrative: 'Planned and ran a litter pick with 20 volunteers.',
  url: 'https://example.org/youth-centre', email: 'badges@example.org', telephone: '+441130000000', image: 'https://citybadges.example/ob/v2/badges/3f6c2a9e/image',
  timezone: 'Europe/London', locale: 'en-GB', language: 'en', currency: 'GBP', code: 'climate-action', kind: 'charity', area: 'LS6',
  reason: 'Issued to the wrong learner', comment: 'A well-run, well-assessed programme.', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  key: 'cbk_live_2kTz9cQ1vW8yXn4pLr7sHf3a', token: 'ltk_9xT2mQ4vZ8rW1pLs', nextCursor: 'eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ',
  cursor: 'eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ', identity: 'sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c',
  salt: 'd41d8cd98f00b204', message: 'must be an approved badge class of this city', field: 'badgeClassId', detail: 'badgeClassId: no such badge class in this city',
  address: '1 Briggate, Leeds', postcode: 'LS1 6HD', accentColour: '#0b5394', about: 'Leeds City of Learning recognises learning across the city.',
  event: 'award.issued', eventType: 'award.issued', status: 'active', error: 'connection refused', wordingVersion: '2026-09',
  platform: 'youthhub', ref: 'u-4821', industryCode: '62', displayName: 'Sam', bookingUrl: 'https://example.org/book',
}

const STRING_FORMATS: Record<string, string> = {
  uuid: ID, 'date-time': NOW, date: '2026-11-30', uri: 'https://example.org/', email: 'badges@example.org', url: 'https://example.org/',
}

/** An example value that validates against `schema`; `name` is the property it is for. */
export function exampleOf (schema: unknown, resolve: Resolve, name = '', depth = 0): unknown {
  if (schema === true || schema === undefined || schema === null || typeof schema !== 'object') return {}
  const s = schema as Schema
  if (depth > 12) return null
  if ('example' in s) return s.example
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0]
  if (typeof s.$ref === 'string') return exampleOf(resolve(s.$ref), resolve, name, depth + 1)
  if ('const' in s) return s.const
  if (Array.isArray(s.enum)) return s.enum[0]
  if (s.default !== undefined) return s.default
  const alt = (s.anyOf ?? s.oneOf) as unknown[] | undefined
  if (Array.isArray(alt)) {
    // The first alternative that is not null reads best.
    const pick = alt.find((a) => (a as Schema).type !== 'null') ?? alt[0]
    return exampleOf(pick, resolve, name, depth + 1)
  }
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((a) => exampleOf(a, resolve, name, depth + 1) as object))
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type) {
    case 'object': case undefined: {
      const props = (s.properties ?? {}) as Record<string, unknown>
      if (type === undefined && Object.keys(props).length === 0) return s.description ? {} : {}
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(props)) out[k] = exampleOf(v, resolve, k, depth + 1)
      const ap = s.additionalProperties
      if (Object.keys(props).length === 0 && ap && typeof ap === 'object') out.en = exampleOf(ap, resolve, 'en', depth + 1)
      else if (Object.keys(props).length === 0 && s.patternProperties && typeof s.patternProperties === 'object') {
        const [, v] = Object.entries(s.patternProperties as Record<string, unknown>)[0] ?? []
        if (v) out.en = exampleOf(v, resolve, 'en', depth + 1)
      }
      return out
    }
    case 'array': {
      const n = Math.max(1, Number(s.minItems ?? 1))
      return Array.from({ length: Math.min(n, 3) }, () => exampleOf(s.items, resolve, singular(name), depth + 1))
    }
    case 'integer': case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : undefined
      const max = typeof s.maximum === 'number' ? s.maximum : undefined
      let v = /percent/i.test(name) ? 40 : /lat/i.test(name) ? 53.8 : /lon/i.test(name) ? -1.55 : 1
      if (min !== undefined && v < min) v = min
      if (max !== undefined && v > max) v = max
      return type === 'integer' ? Math.round(v) : v
    }
    case 'boolean': return false
    case 'null': return null
    case 'string': return stringExample(s, name)
    default: return null
  }
}

function singular (name: string): string {
  return name.endsWith('ies') ? name.slice(0, -3) + 'y' : name.endsWith('s') ? name.slice(0, -1) : name
}

function stringExample (s: Schema, name: string): string {
  const fmt = typeof s.format === 'string' ? STRING_FORMATS[s.format] : undefined
  if (fmt) return fmt
  let v: string
  if (/Id$|^id$/.test(name)) v = ID
  else if (/(At|On|Date|^start|^end|^from|^to|expires)$/i.test(name)) v = NOW
  else if (/Url$|Uri$/.test(name)) v = 'https://example.org/'
  else v = BY_NAME[name] ?? BY_NAME[singular(name)] ?? 'text'
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) {
    v = ['leeds', 'climate-action', 'abc123', 'msg-' + ID, ID].find((c) => new RegExp(s.pattern as string, 'u').test(c)) ?? v
  }
  const min = Number(s.minLength ?? 0)
  const max = Number(s.maxLength ?? Infinity)
  if (v.length < min) v = v.padEnd(min, 'x')
  if (v.length > max) v = v.slice(0, max)
  return v
}
