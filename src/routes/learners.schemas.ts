import { Type } from '@fastify/type-provider-typebox'
import { Slug, Text, Uuid } from './schemas.js'

// Shapes of the learner API (issue #8): learners, backpack, collections, shares, learner tokens.

export const AgeBand = Type.Union([Type.Literal('under-13'), Type.Literal('13-15'), Type.Literal('16-18'), Type.Literal('19-24'), Type.Literal('25-plus')], { description: 'under-13 needs a guardian' })
export const IdentifierType = Type.Union([Type.Literal('email'), Type.Literal('url'), Type.Literal('telephone'), Type.Literal('did')])
const Platform = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' })
const Ref = Type.String({ pattern: '^[\\x21-\\x7e]{1,256}$' })
export const ExternalRef = Type.Object({ platform: Platform, ref: Ref }, { additionalProperties: false })
export const IdentifierInput = Type.Object({
  type: IdentifierType,
  value: Type.String({ minLength: 1, maxLength: 2048, description: 'stored only as a keyed hash; never returned' }),
  verified: Type.Optional(Type.Boolean({ description: 'the caller vouches that the learner controls it' })),
}, { additionalProperties: false })
export const ConsentsInput = Type.Object({
  sharing: Type.Optional(Type.Boolean()),
  contact: Type.Optional(Type.Boolean({ description: 'being contacted about opportunities' })),
  insightsOptOut: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
const Area = Type.String({ minLength: 2, maxLength: 9, description: 'coarse area: a postcode district (LS6) or a ward/LSOA code' })

export const NewLearner = Type.Object({
  ageBand: AgeBand,
  area: Type.Optional(Area),
  externalRefs: Type.Optional(Type.Array(ExternalRef, { maxItems: 20 })),
  identifiers: Type.Optional(Type.Array(IdentifierInput, { maxItems: 20 })),
  consents: Type.Optional(ConsentsInput),
  guardian: Type.Optional(Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) }, { additionalProperties: false })),
  displayName: Type.Optional(Text(100)),
}, { additionalProperties: false })

export const LearnerPatch = Type.Object({
  ageBand: Type.Optional(AgeBand),
  area: Type.Optional(Type.Union([Area, Type.Null()])),
  externalRefs: Type.Optional(Type.Array(ExternalRef, { maxItems: 20, description: 'added to the existing ones' })),
  identifiers: Type.Optional(Type.Array(IdentifierInput, { maxItems: 20, description: 'added, or verified when marked verified' })),
  consents: Type.Optional(ConsentsInput),
  displayName: Type.Optional(Type.Union([Text(100), Type.Null()])),
}, { additionalProperties: false, minProperties: 1 })

export const Learner = Type.Object({
  id: Uuid,
  ageBand: AgeBand,
  area: Type.Optional(Type.String()),
  displayName: Type.Optional(Type.String()),
  externalRefs: Type.Array(Type.Object({ platform: Type.String(), ref: Type.String() })),
  identifiers: Type.Array(Type.Object({
    id: Uuid, type: IdentifierType, masked: Type.String({ description: 'e.g. j***@example.org' }), verified: Type.Boolean(),
    verifiedAt: Type.Optional(Type.String({ format: 'date-time' })),
  })),
  consents: Type.Object({ sharing: Type.Boolean(), contact: Type.Boolean(), insightsOptOut: Type.Boolean() }),
  guardianConsent: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('given')])),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const LearnerParams = Type.Object({ city: Slug, id: Uuid })
export const LearnerSettings = Type.Object({ learnerNames: Type.Boolean({ description: 'learners may carry a display name' }) }, { additionalProperties: false })

export const BackpackItem = Type.Object({
  awardId: Uuid,
  badgeClassId: Uuid,
  badgeName: Type.String(),
  badgeDescription: Type.String(),
  organisationId: Uuid,
  issuerName: Type.String(),
  issuedOn: Type.String({ format: 'date-time' }),
  expires: Type.Optional(Type.String({ format: 'date-time' })),
  acceptance: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined')]),
  acceptanceAt: Type.Optional(Type.String({ format: 'date-time' })),
  revoked: Type.Boolean(),
  revocationReason: Type.Optional(Type.String()),
  links: Type.Object({ assertion: Type.String(), image: Type.String(), credential: Type.String(), badgeClass: Type.String() }),
})
export const BackpackParams = Type.Object({ city: Slug, id: Uuid, awardId: Uuid })

/** A verified imported badge as the backpack lists it (the whole import: GET .../imports/{importId}). */
export const BackpackImport = Type.Object({
  importId: Uuid,
  name: Type.Optional(Type.String()),
  issuerName: Type.Optional(Type.String()),
  issuedOn: Type.Optional(Type.String({ format: 'date-time' })),
  format: Type.String(),
  verifiedAt: Type.String({ format: 'date-time' }),
  checkedAt: Type.String({ format: 'date-time' }),
})
export const BackpackPage = Type.Object({
  items: Type.Array(BackpackItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  imports: Type.Optional(Type.Array(BackpackImport, { description: "verified imported badges, on the first page of an unfiltered backpack (not for issuer keys); failed imports are never listed here" })),
})

const CollectionFields = {
  name: Text(200),
  awardIds: Type.Array(Uuid, { maxItems: 500, description: "the learner's own awards, in order" }),
  position: Type.Integer({ minimum: 0, maximum: 100_000 }),
}
export const NewCollection = Type.Object({ name: CollectionFields.name, awardIds: Type.Optional(CollectionFields.awardIds), position: Type.Optional(CollectionFields.position) }, { additionalProperties: false })
export const CollectionPatch = Type.Partial(Type.Object(CollectionFields), { additionalProperties: false, minProperties: 1 })
export const Collection = Type.Object({ id: Uuid, name: Type.String(), position: Type.Integer(), awardIds: Type.Array(Uuid), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }) })
export const CollectionParams = Type.Object({ city: Slug, id: Uuid, collectionId: Uuid })

export const NewShare = Type.Object({
  awardIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 100 })),
  collectionId: Type.Optional(Uuid),
  expiresAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 with timezone' })),
  showName: Type.Optional(Type.Boolean({ description: "show the learner's display name (when the city stores names)" })),
}, { additionalProperties: false })
export const Share = Type.Object({
  id: Uuid,
  url: Type.Optional(Type.String({ description: 'the unguessable link: returned once, at creation' })),
  awardIds: Type.Optional(Type.Array(Uuid)),
  collectionId: Type.Optional(Uuid),
  showName: Type.Boolean(),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
})
export const ShareParams = Type.Object({ city: Slug, id: Uuid, shareId: Uuid })

export const NewLearnerToken = Type.Object({ ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 3600, default: 900 })) }, { additionalProperties: false })
export const LearnerToken = Type.Object({
  token: Type.String({ description: 'cblt_…: send as Authorization: Bearer; reaches only this learner' }),
  expiresAt: Type.String({ format: 'date-time' }),
  learnerId: Uuid,
})
export const ErasureResult = Type.Object({ learnerId: Uuid, erasedAt: Type.String({ format: 'date-time' }), awardsErased: Type.Integer(), alreadyErased: Type.Boolean() })
