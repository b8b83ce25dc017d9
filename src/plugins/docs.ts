import type { FastifyInstance } from 'fastify'

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

interface Operation { operationId?: string; summary?: string; description?: string; tags?: string[]; requestBody?: unknown; parameters?: Array<{ name: string; in: string; required?: boolean }>; responses?: Record<string, unknown> }

/** /docs: a self-contained API reference page rendered from the same OpenAPI document (no external assets). */
export function renderDocs (spec: { info?: { title?: string; version?: string; description?: string }; paths?: Record<string, Record<string, Operation>> }): string {
  const byTag = new Map<string, string[]>()
  for (const [path, ops] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const tag = op.tags?.[0] ?? 'Other'
      const params = (op.parameters ?? []).map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`).join(', ')
      const body = op.requestBody
        ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify((op.requestBody as { content?: Record<string, { schema?: unknown }> }).content?.['application/json']?.schema ?? op.requestBody, null, 2))}</pre></details>`
        : ''
      const statuses = Object.keys(op.responses ?? {}).join(', ')
      const html = `<section class="op" id="${esc(op.operationId)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>` +
        `<p>${esc(op.summary ?? '')}</p>${params ? `<p>Parameters: ${params}</p>` : ''}<p>Responses: ${esc(statuses)}</p>${body}</section>`
      byTag.set(tag, [...(byTag.get(tag) ?? []), html])
    }
  }
  const nav = [...byTag.keys()].map((t) => `<li><a href="#tag-${esc(t)}">${esc(t)}</a></li>`).join('')
  const sections = [...byTag.entries()].map(([t, ops]) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${ops.join('')}`).join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(spec.info?.title)} API reference</title><style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
code,pre{font-family:ui-monospace,monospace;background:#f3f3f3;border-radius:4px;padding:.1rem .3rem}
pre{padding:.75rem;overflow:auto}.op{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.get{color:#0b5394}.post{color:#1e6b2f}.patch{color:#7a4b00}.delete{color:#9b1c1c}
</style></head><body><header><h1>${esc(spec.info?.title)} <small>${esc(spec.info?.version)}</small></h1>
<p>${esc(spec.info?.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code>. Errors are <code>application/problem+json</code>.</p></header>
<nav aria-label="Resources"><ul>${nav}</ul></nav><main>${sections}</main></body></html>`
}

export function docsRoutes (app: FastifyInstance): void {
  let cached: string | undefined
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) =>
    reply.type('application/json').send(app.swagger()))
  app.get('/docs', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
    cached ??= renderDocs(app.swagger() as Parameters<typeof renderDocs>[0])
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
    return reply.type('text/html; charset=utf-8').send(cached)
  })
}
