import { createPrivateKey, hkdfSync } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Configuration, KoaContextWithOIDC, default as ProviderType, errors as ProviderErrors } from 'oidc-provider'
import { createOauthStore } from '../../db/oauth/oauth-store.repo.js'
import type { Db } from '../../db/types.js'
import { ALL_OB_SCOPES, isObScope } from './scopes.js'

/**
 * The OAuth 2.0 authorization server of the OB 3.0 REST API (issue #13), built on oidc-provider (certified, maintained):
 * authorization code grant with PKCE S256 required for every client (oidc-provider knows no `plain`), RFC 7591
 * dynamic registration without an initial access token, refresh tokens (rotated), RFC 7009 revocation (revoking a
 * token revokes its whole grant), the four OB scopes on one resource server (`/ims/ob/v3p0`), opaque access tokens
 * kept in our database (so they can be revoked and checked on every call). The learner signs in and consents at
 * `/oauth/interaction/{uid}` (routes/oauth.routes.ts); everything oidc-provider stores lives in `oauth_store`.
 */

export interface AuthorizationServerDeps {
  db: Db
  clock: () => Date
  publicUrl: string
  keyEncryptionKey: Buffer
  /** Development mode: http redirect URIs on loopback addresses are accepted at registration; production refuses any non-https one. */
  devMode: boolean
  /** Whether the learner still exists (an erased learner's grants answer nothing). */
  learnerExists: (learnerId: string) => Promise<boolean>
}

export const ACCESS_TOKEN_TTL = 3600
export const CODE_TTL = 600
export const REFRESH_TOKEN_TTL = 30 * 24 * 3600
export const INTERACTION_TTL = 900
const LOOPBACKS = new Set(['127.0.0.1', '[::1]', 'localhost'])

export const oauthUrls = (publicUrl: string) => {
  const issuer = `${publicUrl}/oauth`
  return {
    issuer,
    resource: `${publicUrl}/ims/ob/v3p0`,
    authorization: `${issuer}/auth`,
    token: `${issuer}/token`,
    registration: `${issuer}/reg`,
    revocation: `${issuer}/token/revocation`,
    interaction: (uid: string) => `${issuer}/interaction/${uid}`,
  }
}

/** A secret of its own for each purpose, derived from KEY_ENCRYPTION_KEY (every process derives the same). */
const derive = (kek: Buffer, info: string, length = 32): Buffer => Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), `citybadges ${info}`, length))

/** An Ed25519 signing key for the rare ID token (a client asking for `openid`): the same in every process. */
function idTokenKey (kek: Buffer): Record<string, unknown> {
  const seed = derive(kek, 'oauth id token key')
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed])
  return { ...createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }), use: 'sig', alg: 'EdDSA' }
}

/** What the authorization server found wrong at registration: checks oidc-provider leaves to the deployment. */
function checkRegistration (errors: typeof ProviderErrors, metadata: Record<string, unknown>, devMode: boolean): void {
  const uris = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris as unknown[] : []
  for (const raw of uris) {
    const u = typeof raw === 'string' ? URL.parse(raw) : null
    if (!u) continue // oidc-provider reports it
    if (u.protocol === 'https:') continue
    if (devMode && u.protocol === 'http:' && LOOPBACKS.has(u.hostname)) continue
    throw new errors.InvalidRedirectUri({ error_description: devMode ? 'redirect_uris must use https (http only to a loopback address in development mode)' : 'redirect_uris must use https' } as never)
  }
  if (typeof metadata.client_name !== 'string' || metadata.client_name.trim() === '') {
    throw new errors.InvalidClientMetadata('client_name is required: the learner sees it when asked to consent')
  }
}

export function createAuthorizationServer (deps: AuthorizationServerDeps) {
  const urls = oauthUrls(deps.publicUrl)
  const publicUrl = new URL(deps.publicUrl)
  // oidc-provider (and Koa under it) is a tenth of the server's memory: it is loaded when the first OAuth request or
  // OB API token arrives, not at start (most deployments see verifiers and integrators long before any wallet).
  let built: Promise<{ provider: ProviderType; callback: (req: IncomingMessage, res: ServerResponse) => Promise<void> }> | undefined
  const build = () => (built ??= buildProvider().catch((err: unknown) => { built = undefined; throw err }))

  async function buildProvider () {
    const { default: Provider, errors } = await import('oidc-provider')
    const extras = ['software_id', 'software_version'] as const

    const configuration: Configuration = {
      adapter: (name: string) => createOauthStore(deps.db, name, deps.clock) as never,
      clientDefaults: {
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'EdDSA',
      },
      clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
      responseTypes: ['code'],
      // Listed here so that clients may register them (RFC 7591 `scope`); access tokens carry them for the resource server below.
      scopes: ['openid', ...ALL_OB_SCOPES],
      claims: { openid: ['sub'] },
      enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] },
      jwks: { keys: [idTokenKey(deps.keyEncryptionKey) as never] },
      cookies: {
        keys: [derive(deps.keyEncryptionKey, 'oauth cookie key').toString('base64url')],
        long: { sameSite: 'lax' },
        short: { sameSite: 'lax' },
      },
      pkce: { methods: ['S256'], required: () => true },
      features: {
        devInteractions: { enabled: false },
        registration: { enabled: true, initialAccessToken: false },
        revocation: { enabled: true },
        userinfo: { enabled: false },
        rpInitiatedLogout: { enabled: false },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => urls.resource,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, indicator) => {
            if (indicator !== urls.resource) throw new errors.InvalidTarget('the only resource here is the Open Badges API')
            return { scope: ALL_OB_SCOPES.join(' '), audience: urls.resource, accessTokenTTL: ACCESS_TOKEN_TTL, accessTokenFormat: 'opaque' }
          },
        },
      },
      extraClientMetadata: {
        properties: [...extras],
        validator: (_ctx, key, value, metadata) => {
          if (value !== undefined && typeof value !== 'string') throw new errors.InvalidClientMetadata(`${key} must be a string`)
          if (key === extras[0]) checkRegistration(errors, metadata as Record<string, unknown>, deps.devMode)
        },
      },
      // Every client may refresh: OB wallets do not ask for `offline_access`.
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: true,
      ttl: {
        AccessToken: ACCESS_TOKEN_TTL,
        AuthorizationCode: CODE_TTL,
        RefreshToken: REFRESH_TOKEN_TTL,
        Interaction: INTERACTION_TTL,
        Session: 3600,
        Grant: REFRESH_TOKEN_TTL,
      },
      interactions: { url: (_ctx, interaction) => `/oauth/interaction/${interaction.uid}` },
      findAccount: async (_ctx, id) => (await deps.learnerExists(id)) ? { accountId: id, claims: async () => ({ sub: id }) } : undefined,
      renderError: async (ctx: KoaContextWithOIDC, out) => {
        ctx.type = 'html'
        ctx.body = errorPage(out as unknown as Record<string, unknown>)
      },
    }

    const provider = new Provider(urls.issuer, configuration)
    // Behind our own PUBLIC_URL: the adapter below tells it the public scheme and host.
    provider.proxy = true
    return { provider, callback: provider.callback() as unknown as (req: IncomingMessage, res: ServerResponse) => Promise<void> }
  }

  /**
   * Hands a raw request under `/oauth` to oidc-provider. The body is still unread (the route plugin adds no parser);
   * the URL is made relative to the mount point, and the host and scheme are the public ones (so every URL it builds
   * and every cookie it sets is right behind a proxy and in tests).
   */
  async function handle (req: IncomingMessage, res: ServerResponse, mountedUrl: string): Promise<void> {
    const { callback } = await build()
    const r = req as IncomingMessage & { originalUrl?: string }
    r.originalUrl = mountedUrl
    r.url = mountedUrl.slice('/oauth'.length) || '/'
    req.headers.host = publicUrl.host
    req.headers['x-forwarded-host'] = publicUrl.host
    req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1)
    return new Promise((resolve) => {
      res.once('finish', () => resolve())
      res.once('close', () => resolve())
      void callback(req, res)
    })
  }

  /** An access token presented to the OB API: live, for our resource, and its grant not revoked. */
  async function accessToken (value: string): Promise<{ accountId: string; clientId: string; scopes: Set<string>; grantId: string } | undefined> {
    const { provider } = await build()
    const token = await provider.AccessToken.find(value)
    if (!token || token.isExpired) return undefined
    if (token.aud !== urls.resource && !(Array.isArray(token.aud) && token.aud.includes(urls.resource))) return undefined
    if (!token.accountId || !token.clientId || !token.grantId) return undefined
    const grant = await provider.Grant.find(token.grantId)
    if (!grant) return undefined
    return { accountId: token.accountId, clientId: token.clientId, scopes: new Set((token.scope ?? '').split(' ').filter(isObScope)), grantId: token.grantId }
  }

  /** The oidc-provider instance (loaded on first use). */
  const provider = async (): Promise<ProviderType> => (await build()).provider

  return { provider, urls, handle, accessToken }
}

export type AuthorizationServer = ReturnType<typeof createAuthorizationServer>

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The page a browser sees when an authorization request cannot go back to the client (an unknown redirect URI, …). */
function errorPage (out: Record<string, unknown>): string {
  const error = typeof out.error === 'string' ? out.error : 'server_error'
  const description = typeof out.error_description === 'string' ? out.error_description : ''
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign-in stopped</title></head>` +
    `<body><main><h1>Sign-in stopped</h1><p>The app that sent you here made a request we cannot complete, so nothing was shared.</p>` +
    `<p>Error: <code>${escapeHtml(error)}</code></p>${description ? `<p>${escapeHtml(description)}</p>` : ''}</main></body></html>`
}
