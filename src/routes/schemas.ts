import { Type, type Static } from '@fastify/type-provider-typebox'

// Shapes shared by every resource. Route files keep their own next to their handlers.

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
}, { additionalProperties: true, description: 'RFC 9457 problem details' })

export const problems = (...codes: number[]): Record<number, typeof Problem> =>
  Object.fromEntries(codes.map((c) => [c, Problem]))

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
}, { additionalProperties: false })
export type PageQuery = Static<typeof PageQuery>

export const pageOf = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({
  items: Type.Array(item),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const Uuid = Type.String({ format: 'uuid' })
export const Slug = Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$', maxLength: 64 })
export const CityParams = Type.Object({ city: Slug })

/** Free text: no control characters other than tab and newlines. */
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max, pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$' })

/**
 * A translatable text (issue #13, Languages): a plain string (the city's default language, `locales[0]`) or a map
 * by BCP 47 language tag that includes the default language. Tags are checked by the domain (INVALID_LANGUAGE_TAG).
 */
export const Translatable = (max: number, min = 1) => Type.Union([
  Text(max, min),
  Type.Record(Type.String({ maxLength: 35 }), Text(max, min), {
    minProperties: 1, maxProperties: 30,
    description: 'The text by BCP 47 language tag, e.g. `{ "en": "…", "cy": "…" }`; must include the city\'s default language',
  }),
])

/** Every language of the translatable fields of a resource: field → language tag → text (the default language included). */
export const TranslationsSchema = Type.Record(Type.String(), Type.Record(Type.String(), Type.String()), {
  description: 'Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language.',
})
