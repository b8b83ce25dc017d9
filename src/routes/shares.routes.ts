import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { Services } from '../domain/services.js'
import { sendProblem } from '../plugins/problem.js'
import { negotiate } from './spine-public.routes.js'
import { SHARE_PAGE_CSP, renderSharePage, shareJsonLd } from './share-page.js'

/** The public page of a share link: no API key; HTML for browsers, JSON-LD for machines; never cached by others. */
export const sharePublicRoutes: FastifyPluginAsyncTypebox<{ services: Services; publicUrl: string }> = async (app, { services, publicUrl }) => {
  app.get('/:token', {
    schema: {
      operationId: 'getShare', tags: ['Shares'], summary: 'A shared set of badges (text/html or application/ld+json); 410 when revoked or expired',
      params: Type.Object({ token: Type.String({ maxLength: 64 }) }),
    },
  }, async (req, reply) => {
    reply.header('vary', 'Accept').header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex')
    const want = negotiate(req.headers.accept)
    if (want === 'none') return sendProblem(req, reply, 406, { detail: 'this share is available as text/html or application/ld+json', code: 'NOT_ACCEPTABLE' })
    const result = await services.shares.view(req.params.token)
    if (result.gone) return sendProblem(req, reply, 410, { detail: result.reason, code: 'GONE' })
    const pageUrl = `${publicUrl}/shares/${req.params.token}`
    if (want === 'html') {
      return reply.header('content-security-policy', SHARE_PAGE_CSP).type('text/html; charset=utf-8').send(renderSharePage(result.view, { publicUrl, pageUrl }))
    }
    return reply.type('application/ld+json').send(JSON.stringify(shareJsonLd(result.view, pageUrl)))
  })
}
