/**
 * @fastify/swagger keeps only the `schema` of a request body's media type. A multipart schema may carry its OpenAPI
 * `encoding` object under `x-encoding`; this moves it to where OpenAPI wants it (the media type object).
 */
export function liftMultipartEncodings<T> (doc: T): T {
  const paths = (doc as { paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Record<string, unknown>; encoding?: unknown }> } }>> }).paths
  for (const item of Object.values(paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const media of Object.values(op?.requestBody?.content ?? {})) {
        const encoding = media.schema?.['x-encoding']
        if (encoding === undefined) continue
        delete media.schema!['x-encoding']
        media.encoding = encoding
      }
    }
  }
  return doc
}
