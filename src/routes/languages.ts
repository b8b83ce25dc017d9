import { Type } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'

// Languages of public documents and pages (issue #13 item 4): what the client asked for, and saying what we used.

/** `?lang=`: answer in this language when the resource has it (the ids of OB 3.0 `related` achievements use it). */
export const LangParam = Type.Optional(Type.String({ maxLength: 35, pattern: '^[A-Za-z0-9-]+$', description: 'A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city\'s default language)' }))

/** What the request asks for: its `Accept-Language` header and `?lang=`. */
export function languageWanted (req: FastifyRequest): { header?: string; lang?: string } {
  const header = req.headers['accept-language']
  const lang = (req.query as { lang?: unknown } | undefined)?.lang
  return { ...(typeof header === 'string' ? { header } : {}), ...(typeof lang === 'string' ? { lang } : {}) }
}

/** Says which language an answer is in (`Content-Language`) and that it depends on `Accept-Language` (`Vary`). */
export function sayLanguage (reply: FastifyReply, lang: string | undefined): FastifyReply {
  const vary = String(reply.getHeader('vary') ?? '')
  const names = vary.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (!names.some((n) => n.toLowerCase() === 'accept-language')) names.push('Accept-Language')
  reply.header('vary', names.join(', '))
  if (lang !== undefined) reply.header('content-language', lang)
  return reply
}

/** The part of a request that chooses a page's language, as a page cache key: pages kept per language asked for. */
export function languageKey (req: FastifyRequest): string {
  const { header, lang } = languageWanted(req)
  return `${lang ?? ''}|${header ?? ''}`
}
