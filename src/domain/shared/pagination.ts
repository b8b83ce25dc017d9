import { decodeCursor, isUuid, type Cursor } from '../../db/page.js'
import { BadRequest } from './errors.js'

export interface PageQuery { limit?: number | undefined; cursor?: string | undefined }
export interface Page<T> { items: T[]; nextCursor: string | null }

export function readPageQuery (q: PageQuery, opts: { uuidIds?: boolean } = {}): { limit: number; cursor: Cursor | undefined } {
  const limit = Math.min(Math.max(q.limit ?? 25, 1), 100)
  if (q.cursor === undefined) return { limit, cursor: undefined }
  const cursor = decodeCursor(q.cursor)
  if (!cursor || (opts.uuidIds === true && !isUuid(cursor.id))) throw new BadRequest('cursor is not valid: pass back the nextCursor of a previous page')
  return { limit, cursor }
}
