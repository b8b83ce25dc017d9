import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { etagOf } from './http.js'
import { sendProblem } from './problem.js'

/**
 * /docs: the API reference rendered by Swagger UI (swagger-ui-dist, a maintained standalone bundle that runs in the
 * browser; Scalar's and Redoc 3's packages need Node 22) from our own /openapi.json. Every asset is served from our
 * origin out of node_modules — no CDN — under a strict content security policy: scripts from 'self' only (the
 * initialiser is a file, not an inline script), no eval, connections to 'self' only.
 */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const INIT = `// CityBadges API reference: Swagger UI on /openapi.json.
window.addEventListener('DOMContentLoaded', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    docExpansion: 'none',
    defaultModelsExpandDepth: 0,
    defaultModelExpandDepth: 2,
    displayOperationId: true,
    displayRequestDuration: true,
    filter: true,
    showExtensions: false,
    tryItOutEnabled: false,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  })
})
`

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CityBadges API reference</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>body{margin:0;background:#fafafa}header.cb{font:16px/1.4 system-ui,sans-serif;padding:.75rem 1.25rem;background:#0b3d62;color:#fff}
header.cb a{color:#fff}main#reference{max-width:1460px;margin:0 auto}</style>
</head>
<body>
<header class="cb"><strong>CityBadges</strong> API reference · <a href="/openapi.json">openapi.json</a> · <a href="/problems">problem types</a></header>
<main id="reference" aria-label="API reference"><noscript><p>The API reference needs JavaScript. The machine-readable description is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></noscript></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`

function loadAssets (): Map<string, { body: Buffer; type: string; etag: string }> {
  const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const out = new Map<string, { body: Buffer; type: string; etag: string }>()
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = readFileSync(path.join(dir, name))
    out.set(name, { body, type, etag: etagOf(body) })
  }
  const init = Buffer.from(INIT)
  out.set('init.js', { body: init, type: 'text/javascript; charset=utf-8', etag: etagOf(init) })
  return out
}

export function docsRoutes (app: FastifyInstance): void {
  let assets: ReturnType<typeof loadAssets> | undefined
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) =>
    reply.type('application/json').send(app.swagger()))
  app.get('/docs', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
    reply.header('content-security-policy', DOCS_CSP).header('cache-control', 'public, max-age=300')
    return reply.type('text/html; charset=utf-8').send(PAGE)
  })
  app.get<{ Params: { file: string } }>('/docs/assets/:file', { schema: { hide: true }, config: { rateLimit: false } }, async (req, reply) => {
    assets ??= loadAssets()
    const asset = assets.get(req.params.file)
    if (!asset) return sendProblem(req, reply, 404, { detail: 'no such asset of the API reference', code: 'NOT_FOUND' })
    return reply.header('cache-control', 'public, max-age=86400').header('etag', asset.etag).type(asset.type).send(asset.body)
  })
}
