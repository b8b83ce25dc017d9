import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import { sendProblem } from '../plugins/problem.js'
import type { Runtime } from '../runtime.js'
import { Problem } from './schemas.js'

const Checks = Type.Record(Type.String(), Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) }))

/** Liveness, readiness (PostgreSQL and Redis) and Prometheus metrics. */
export const operationsRoutes: FastifyPluginAsyncTypebox<{ runtime: Runtime }> = async (app, { runtime }) => {
  app.get('/health/live', {
    schema: { operationId: 'live', tags: ['Operations'], summary: 'The process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    config: { rateLimit: false },
  }, async () => ({ status: 'ok' as const }))

  app.get('/health/ready', {
    schema: {
      operationId: 'ready', tags: ['Operations'], summary: 'PostgreSQL (and Redis when configured) answer',
      response: { 200: Type.Object({ status: Type.Literal('ready'), checks: Checks }), 503: Problem },
    },
    config: { rateLimit: false },
  }, async (req, reply) => {
    const checks = await runtime.checks()
    const down = Object.entries(checks).filter(([, c]) => !c.ok).map(([name]) => name)
    reply.header('cache-control', 'no-store')
    if (down.length > 0) {
      reply.header('retry-after', '5')
      return sendProblem(req, reply, 503, { detail: `not ready: ${down.join(', ')} unavailable`, code: 'UNAVAILABLE', checks })
    }
    return { status: 'ready' as const, checks }
  })

  app.get('/metrics', {
    schema: { operationId: 'metrics', tags: ['Operations'], summary: 'Prometheus metrics (text exposition format)' },
    config: { rateLimit: false },
  }, async (_req, reply) => {
    reply.header('cache-control', 'no-store')
    return reply.type(runtime.metrics.registry.contentType).send(await runtime.metrics.registry.metrics())
  })
}
