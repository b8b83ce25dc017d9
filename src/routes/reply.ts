import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Page } from '../domain/shared/pagination.js'

/** A page of a list, with an RFC 8288 `Link: <…>; rel="next"` when there is more. */
export function sendPage<T> (req: FastifyRequest, reply: FastifyReply, page: Page<T>): Page<T> {
  if (page.nextCursor) {
    const url = new URL(req.url, 'http://x')
    url.searchParams.set('cursor', page.nextCursor)
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`)
  }
  return page
}
