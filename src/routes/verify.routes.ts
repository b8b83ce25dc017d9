import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest, LightMyRequestResponse } from 'fastify'
import { BadRequest } from '../domain/shared/errors.js'
import { createJsonLdPool } from '../domain/verify/jsonld-pool.js'
import { createVerifyService, type ExpectedRecipient, type FetchedResource, type VerifyInput } from '../domain/verify/verify.js'
import { requireJsonAccept } from '../plugins/http.js'
import { readingMultipart } from '../plugins/multipart.js'
import type { Runtime } from '../runtime.js'
import { problems } from './schemas.js'

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024
const MAX_OWN_BYTES = 1024 * 1024

const Recipient = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 40, description: 'email, url, telephone or id (OB 2.0 IdentityObject type)' })),
  identity: Type.String({ minLength: 1, maxLength: 2048 }),
}, { additionalProperties: false })

// Documents are carried as Type.Unknown: ob/ does the strict checking, and nothing here may reshape a signed document.
export const VerifyBody = Type.Object({
  url: Type.Optional(Type.String({ maxLength: 4096, description: 'URL of a hosted OB 2.0 assertion (or of an OB 3.0 credential)' })),
  assertion: Type.Optional(Type.Unknown({ description: 'OB 2.0 assertion JSON (object or text)' })),
  jws: Type.Optional(Type.String({ maxLength: 1_000_000, description: 'compact JWS of a signed OB 2.0 assertion' })),
  credential: Type.Optional(Type.Unknown({ description: 'OB 3.0 credential JSON with an embedded proof' })),
  jwt: Type.Optional(Type.String({ maxLength: 1_048_576, description: 'OB 3.0 VC-JWT' })),
  recipient: Type.Optional(Recipient),
}, { additionalProperties: false })
type VerifyBody = Static<typeof VerifyBody>

const Report = Type.Unknown({
  description: 'VerificationReport: { verified, format, checks: [{ id, valid, code?, message? }], assertion?, badgeClass?, issuer?, credential? }. ' +
    'A badge that fails verification is a 200 with verified: false.',
})

const INPUT_KEYS = ['url', 'assertion', 'jws', 'credential', 'jwt'] as const

export function jsonInput (body: VerifyBody): VerifyInput {
  const given = INPUT_KEYS.filter((k) => body[k] !== undefined)
  if (given.length !== 1) {
    throw new BadRequest('give exactly one of url, assertion, jws, credential, jwt (or upload an image as multipart field "file")')
  }
  const key = given[0]!
  return { [key]: body[key] } as VerifyInput
}

function parseRecipient (raw: string | undefined, type: string | undefined): ExpectedRecipient | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  if (!raw.trim().startsWith('{')) return type ? { type, identity: raw } : { identity: raw }
  let v: unknown
  try {
    v = JSON.parse(raw)
  } catch {
    throw new BadRequest('field "recipient" is neither an identity nor JSON { type?, identity }')
  }
  const r = v as Partial<ExpectedRecipient>
  if (typeof r?.identity !== 'string' || (r.type !== undefined && typeof r.type !== 'string')) {
    throw new BadRequest('field "recipient" must be { "type"?: string, "identity": string }')
  }
  return r.type === undefined ? { identity: r.identity } : { type: r.type, identity: r.identity }
}

/** multipart/form-data: one file in field `file`, optional fields `recipient` (identity or JSON) and `recipientType`. */
export async function multipartInput (req: FastifyRequest): Promise<{ input: VerifyInput; recipient: ExpectedRecipient | undefined }> {
  let image: Buffer | undefined
  const fields: Record<string, string> = {}
  for await (const part of req.parts({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 2, fieldSize: 4096, parts: 3 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw new BadRequest(`unexpected file field "${part.fieldname.slice(0, 40)}"; use "file"`)
      image = await part.toBuffer()
    } else if (part.fieldname === 'recipient' || part.fieldname === 'recipientType') {
      fields[part.fieldname] = String(part.value)
    } else {
      throw new BadRequest(`unexpected field "${part.fieldname.slice(0, 40)}"`)
    }
  }
  if (!image) throw new BadRequest('multipart upload needs the badge image in field "file"')
  return { input: { image }, recipient: parseRecipient(fields.recipient, fields.recipientType) }
}

/**
 * Our own hosted documents (URLs under config.publicUrl) are resolved in-process with `app.inject`. A real verifier
 * would fetch them over the network; we skip that because our public name need not resolve from where we run (and in
 * tests it does not). Only GET, only our routes, at most 5 same-service redirects, same 1 MB cap as egress.
 */
export function ownFetcher (app: FastifyInstance, publicUrl: string): (url: string) => Promise<FetchedResource | undefined> {
  const base = new URL(publicUrl)
  const basePath = base.pathname.replace(/\/+$/, '')
  const ownPath = (raw: string): string | undefined => {
    let u: URL
    try { u = new URL(raw) } catch { return undefined }
    if (u.origin !== base.origin || (basePath !== '' && !(u.pathname === basePath || u.pathname.startsWith(`${basePath}/`)))) return undefined
    return (u.pathname.slice(basePath.length) || '/') + u.search
  }
  return async (url) => {
    let path = ownPath(url)
    if (path === undefined) return undefined
    for (let hops = 0; ; hops++) {
      const res: LightMyRequestResponse = await app.inject({ method: 'GET', url: path, headers: { accept: 'application/ld+json, application/json;q=0.9, text/plain;q=0.5' } })
      const next: string | undefined = res.statusCode >= 300 && res.statusCode < 400 && typeof res.headers.location === 'string'
        ? ownPath(new URL(res.headers.location, url).href)
        : undefined
      if (next !== undefined && hops < 5) {
        path = next
        continue
      }
      if (res.rawPayload.length > MAX_OWN_BYTES) throw Object.assign(new Error('body too large'), { code: 'too_large' })
      return { status: res.statusCode, body: res.rawPayload }
    }
  }
}

/**
 * POST /v1/verify: public (employers verify badges without an account), rate limited per address, creates nothing.
 * Registered outside the authenticated /v1 block (src/app.ts).
 */
export const verifyRoutes: FastifyPluginAsyncTypebox<{ runtime: Runtime; perMinute?: number }> = async (app, { runtime, perMinute = 60 }) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } })
  app.addHook('onRequest', requireJsonAccept)
  // Untrusted JSON-LD is expanded and canonicalised in worker threads with a time and heap limit (issue #14 item 1).
  const jsonld = createJsonLdPool()
  app.addHook('onClose', async () => jsonld.close())
  const service = createVerifyService({
    egress: runtime.egress, clock: runtime.clock, fetchOwn: ownFetcher(app, runtime.config.publicUrl), canonize: jsonld.canonize,
  })
  // Learners' imports go through this same pipeline (issue #8 item 7).
  runtime.services.imports.useVerifier(service)

  app.post('/', {
    schema: {
      operationId: 'verifyBadge',
      tags: ['Verification'],
      summary: 'Verify an Open Badge (2.0 or 3.0): URL, JSON, JWS/JWT or a baked PNG/SVG',
      description: 'JSON body with exactly one of url, assertion, jws, credential, jwt (+ optional recipient), or ' +
        'multipart/form-data with the baked image in field `file` (+ optional `recipient`, `recipientType`). ' +
        'Public; limited to ' + String(perMinute) + ' requests a minute per address.',
      body: { content: { 'application/json': { schema: VerifyBody } } },
      response: { 200: Report, ...problems(400, 406, 413, 415, 429) },
    },
    bodyLimit: MAX_IMAGE_BYTES + 64 * 1024,
    config: {
      idempotent: false,
      rateLimit: { max: perMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `verify:${req.ip}` },
    },
  }, async (req, reply) => {
    let input: VerifyInput
    let recipient: ExpectedRecipient | undefined
    if (req.isMultipart()) {
      ({ input, recipient } = await readingMultipart(async () => await multipartInput(req)))
    } else {
      const body = (req.body ?? {}) as VerifyBody
      input = jsonInput(body)
      recipient = body.recipient
    }
    const report = await service.verify(input, recipient)
    reply.header('cache-control', 'no-store')
    // A plain object: no response schema may drop fields of the documents in the report.
    return reply.type('application/json').send(JSON.stringify(report))
  })
}
