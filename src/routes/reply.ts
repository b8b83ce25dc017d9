import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Page } from '../domain/shared/pagination.js'

/** A page of a list, with an RFC 8288 `Link: <…>; rel="next"` when there is more. */
export function sendPage<T> (req: FastifyRequest, reply: FastifyReply, page: Page<T>): Page<T> {
  linkNext(req, reply, page.nextCursor)
  return page
}

/** The `Link: <…>; rel="next"` header of a page with more after it. */
export function linkNext (req: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (nextCursor) {
    const url = new URL(req.url, 'http://x')
    url.searchParams.set('cursor', nextCursor)
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`)
  }
}

/**
 * `201 Created` with `Location` pointing at the created management resource: the collection's path (the URL
 * the create was posted to) followed by the resource's key (its id, or its slug / code where the API names it so).
 */
export function sendCreated<T> (req: FastifyRequest, reply: FastifyReply, body: T, key: string): FastifyReply {
  const collection = (req.url.split('?')[0] ?? '').replace(/\/+$/, '')
  return reply.code(201).header('location', `${collection}/${encodeURIComponent(key)}`).send(body)
}
