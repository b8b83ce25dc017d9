import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Principal } from '../domain/access/auth.js'
import type { ApiKeyService } from '../domain/access/api-keys.js'
import type { LearnerTokenService } from '../domain/learners/tokens.js'
import { sendProblem } from './problem.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined
  }
  interface FastifyContextConfig {
    /** The route accepts a learner token (`cblt_…`); every other route refuses one with a 403. */
    learnerToken?: boolean
  }
}

/** `Authorization: Bearer <api key>` → `req.principal`; anything else is a 401 problem. */
export function bearerAuth (apiKeys: ApiKeyService, learnerTokens?: LearnerTokenService) {
  return async function authenticate (req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = req.headers.authorization
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!m) {
      reply.header('www-authenticate', 'Bearer realm="citybadges"')
      await sendProblem(req, reply, 401, { detail: 'send an API key as `Authorization: Bearer <key>`', code: 'UNAUTHENTICATED' })
      return
    }
    const learnerToken = learnerTokens?.isLearnerToken(m[1]!) === true
    const principal = learnerToken ? await learnerTokens!.authenticate(m[1]!) : await apiKeys.authenticate(m[1]!)
    if (!principal) {
      reply.header('www-authenticate', 'Bearer realm="citybadges", error="invalid_token"')
      await sendProblem(req, reply, 401, { detail: learnerToken ? 'the learner token is unknown, expired or revoked' : 'the API key is unknown or revoked', code: 'UNAUTHENTICATED' })
      return
    }
    if (learnerToken && req.routeOptions.config.learnerToken !== true) {
      await sendProblem(req, reply, 403, { detail: 'a learner token reaches only its learner\'s own resources', code: 'FORBIDDEN' })
      return
    }
    req.principal = principal
  }
}

/** The caller of an authenticated route (the hook guarantees it). */
export function principalOf (req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route registered without bearer auth')
  return req.principal
}
