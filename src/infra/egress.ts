import dns from 'node:dns'
import type { LookupAddress } from 'node:dns'
import http from 'node:http'
import type { IncomingMessage } from 'node:http'
import https from 'node:https'
import net from 'node:net'
import type { LookupFunction } from 'node:net'

// The one HTTP client for every outbound request of the service (remote badges, status lists, images).
// Each remote URL is attacker-chosen, so: http(s) only, public addresses only, checked when the socket connects
// (a DNS answer that changes between check and use cannot slip through), every redirect re-checked, one
// deadline for the whole exchange, a bounded body. The danger is the address, not the scheme: plain http to a
// public address is allowed (older OB 2.0 issuers host on it) unless `httpsOnly` is set.
//
// Outcomes a verifier reports: `bad_scheme`, `bad_url` and `blocked_address` (a literal non-public IP in the URL)
// are refusals by policy; a NAME that resolves only to non-public addresses is `unreachable`, exactly like a name
// that does not resolve or a host that refuses the connection, with the same message, so that the answer never
// tells a caller which internal names exist.

export type EgressErrorCode =
  | 'bad_url'
  | 'bad_scheme'
  | 'blocked_address'
  | 'unreachable'
  | 'too_many_redirects'
  | 'timeout'
  | 'too_large'
  | 'network'

export class EgressError extends Error {
  override readonly name = 'EgressError'
  constructor(
    readonly code: EgressErrorCode,
    message: string,
    readonly url?: string,
  ) {
    super(message)
  }
}

/** Egress error codes that are a refusal by this service's policy (not a fault of the remote resource). */
export const POLICY_CODES: ReadonlySet<EgressErrorCode> = new Set(['bad_url', 'bad_scheme', 'blocked_address'])

export interface EgressOptions {
  /** Only https (plus plain http to `allowHttpHosts`); default false: http and https to public addresses. */
  httpsOnly?: boolean
  /** With `httpsOnly`: hosts (lower-case, IPv6 without brackets) that may still be fetched over plain http. */
  allowHttpHosts?: string[]
  /**
   * `host` or `host:port` entries (EGRESS_ALLOW_PRIVATE_HOSTS) that may resolve to private or loopback addresses and
   * be reached over plain http: on-premise receivers and tests. Everything else keeps the public-address policy.
   */
  allowPrivateHosts?: string[]
  /** Address policy; default {@link isPublicAddress}. Only tests should pass their own. */
  allowAddresses?: (ip: string) => boolean
  /** Deadline for the whole fetch, redirects and body included; default 10 000 ms. */
  timeoutMs?: number
  /** Largest accepted body; default 1 MiB. */
  maxBytes?: number
  /** Redirects followed before giving up; default 5. */
  maxRedirects?: number
  userAgent?: string
}

export interface EgressResponse {
  status: number
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>
  body: Buffer
  /** The URL that produced this response, after redirects. */
  finalUrl: string
}

export interface Egress {
  fetch(url: string, init?: { accept?: string }): Promise<EgressResponse>
  /**
   * One POST (webhook deliveries): the same address policy, redirects NOT followed (a 3xx is returned as it is), the
   * answer's body read up to 64 KiB.
   */
  post(url: string, init: { headers: Record<string, string>; body: string; timeoutMs?: number }): Promise<EgressResponse>
  /** Refuses a URL this client would never reach (bad scheme, credentials, a literal or resolved non-public address). */
  check(url: string): Promise<void>
}

// ---- address policy ------------------------------------------------------------------------------------

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function inV4(ip: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits)
  return Math.floor(ip / size) === Math.floor(ipv4ToInt(base) / size)
}

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates): everything not globally reachable.
const V4_BLOCKED: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
]

function isPublicV4(ip: string): boolean {
  const n = ipv4ToInt(ip)
  return !V4_BLOCKED.some(([base, bits]) => inV4(n, base, bits))
}

/** Eight 16-bit groups of a valid IPv6 address (zone id dropped, embedded dotted IPv4 converted). */
function ipv6Groups(ip: string): number[] {
  let text = ip.split('%')[0]!
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const n = ipv4ToInt(v4[1]!)
    text = text.slice(0, v4.index) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)))
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
}

function v4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
}

/**
 * True only for globally routable unicast addresses. Refuses loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), link-local (169.254/16, fe80::/10), multicast,
 * unspecified, documentation/benchmark/reserved ranges, anything outside 2000::/3 and 2001::/23; IPv4
 * carried in IPv6 (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by its IPv4 address.
 * Anything that is not an IP address is false.
 */
export function isPublicAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return isPublicV4(ip)
  if (!net.isIPv6(ip)) return false
  const g = ipv6Groups(ip)
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return isPublicV4(v4FromGroups(g6, g7))
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPublicV4(v4FromGroups(g6, g7))
  if ((g0 & 0xe000) !== 0x2000) return false // only 2000::/3 is global unicast
  if (g0 === 0x2002) return isPublicV4(v4FromGroups(g1, g2))
  if (g0 === 0x2001 && (g1 < 0x200 || g1 === 0xdb8)) return false // 2001::/23 protocol assignments, 2001:db8::/32
  if (g0 === 0x3fff && g1 < 0x1000) return false // 3fff::/20 documentation
  return true
}

// ---- client --------------------------------------------------------------------------------------------

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** A pooled connection failed before any answer (closed by the peer while idle): the request may be sent again. */
class StaleConnection extends Error {}

function headerRecord(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

/** Creates the egress client; see the module comment and {@link EgressOptions}. */
export function createEgress(opts: EgressOptions = {}): Egress {
  const publicOnly = opts.allowAddresses ?? isPublicAddress
  const httpHosts = new Set((opts.allowHttpHosts ?? []).map((h) => h.toLowerCase()))
  const privateHosts = new Set((opts.allowPrivateHosts ?? []).map((h) => h.toLowerCase()))
  // An allow-listed host:port (or host) may reach any address; the policy is chosen per request, never widened globally.
  const isPrivateAllowed = (url: URL): boolean => {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
    const port = url.port || (url.protocol === 'https:' ? '443' : '80')
    return privateHosts.has(host) || privateHosts.has(`${host}:${port}`) || privateHosts.has(`[${host}]:${port}`)
  }
  const policyFor = (url: URL): ((ip: string) => boolean) => isPrivateAllowed(url) ? () => true : publicOnly
  const timeoutMs = opts.timeoutMs ?? 10_000
  const maxBytes = opts.maxBytes ?? 1024 * 1024
  const maxRedirects = opts.maxRedirects ?? 5
  const userAgent = opts.userAgent ?? 'CityBadges/1 (+egress)'

  const httpsOnly = opts.httpsOnly ?? false
  // A literal address in the URL: the caller already knows it, so say it is refused by policy.
  const blocked = (host: string): EgressError => new EgressError('blocked_address', `${host} is not a public address`)
  // A name: one outcome for "resolves to a non-public address", "does not resolve" and "does not answer".
  const unreachable = (host: string, url?: string): EgressError => new EgressError('unreachable', `${host} is not reachable`, url)

  // Runs inside net.connect, so the address checked is the address dialled.
  const lookupWith = (allow: (ip: string) => boolean): LookupFunction => (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(unreachable(hostname), '', 0)
      const allowed = addresses.filter((a) => allow(a.address))
      if (allowed.length === 0) return callback(unreachable(hostname), '', 0)
      if (options.all) return callback(null, allowed)
      return callback(null, allowed[0]!.address, allowed[0]!.family)
    })
  }

  function checkUrl(raw: string): URL {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      throw new EgressError('bad_url', `not an absolute URL: ${raw.slice(0, 200)}`)
    }
    if (url.username || url.password) throw new EgressError('bad_url', 'URLs with credentials are refused', url.href)
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
    const httpAllowed = url.protocol === 'http:' && (!httpsOnly || httpHosts.has(host) || isPrivateAllowed(url))
    if (url.protocol !== 'https:' && !httpAllowed) {
      throw new EgressError('bad_scheme', `${url.protocol} is not allowed for ${host || 'this URL'}`, url.href)
    }
    if (host === '') throw new EgressError('bad_url', 'URL has no host', url.href)
    // Literal IPs never reach `lookup`: check them here.
    if (net.isIP(host) && !policyFor(url)(host)) throw blocked(host)
    return url
  }

  /** What we POST (webhook deliveries carry signatures and data): https only, unless the host is listed. */
  function checkPushUrl(raw: string): URL {
    const url = checkUrl(raw)
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
    if (url.protocol === 'http:' && !(httpHosts.has(host) || isPrivateAllowed(url))) {
      throw new EgressError('bad_scheme', `http: is not allowed for ${host}`, url.href)
    }
    return url
  }

  interface HopInit { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; maxBytes: number; agent?: http.Agent | false }

  // Deliveries to one receiver reuse connections (webhooks: hundreds a second to the same URL). A pooled socket was
  // checked when it connected (the `connect` check below) and is only reused for the same host and port, whose
  // policy is the same; sockets idle longer than 4 s are closed before a receiver's usual 5 s keep-alive ends.
  const keepAlive = { http: new http.Agent({ keepAlive: true, maxSockets: 16, timeout: 4_000 }), https: new https.Agent({ keepAlive: true, maxSockets: 16, timeout: 4_000 }) }

  function hop(url: URL, init: HopInit, signal: AbortSignal): Promise<EgressResponse & { location?: string }> {
    const allow = policyFor(url)
    const maxBytes = init.maxBytes
    return new Promise((resolve, reject) => {
      let settled = false
      let responded = false // before a response, a failure to connect is `unreachable`; after it, `network`
      // `complete`: the whole answer was read, so a pooled connection may serve the next request.
      const finish = (err: Error | null, value?: EgressResponse & { location?: string }, complete = false): void => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        if (!complete || !init.agent) req.destroy()
        if (err instanceof EgressError) reject(err)
        else if (err && !responded && req.reusedSocket) reject(new StaleConnection(err.message))
        else if (err) reject(responded ? new EgressError('network', `${url.host}: ${err.message}`, url.href) : unreachable(url.hostname, url.href))
        else resolve(value!)
      }
      const onAbort = (): void => finish(new EgressError('timeout', `no complete response within ${timeoutMs} ms`, url.href))
      const lib = url.protocol === 'https:' ? https : http
      const req = lib.request(url, {
        method: init.method,
        agent: init.agent ?? false,
        lookup: lookupWith(allow),
        headers: { 'accept-encoding': 'identity', 'user-agent': userAgent, ...init.headers },
      })
      signal.addEventListener('abort', onAbort)
      if (signal.aborted) return onAbort()
      req.on('socket', (socket) => {
        // Defence in depth: whatever path led here, the peer must pass the policy too (a pooled socket passed it when
        // it connected).
        if (!socket.connecting) return
        socket.once('connect', () => {
          const peer = socket.remoteAddress ?? ''
          if (!allow(peer)) finish(net.isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) ? blocked(url.hostname) : unreachable(url.hostname, url.href))
        })
      })
      req.on('error', (err) => finish(err))
      req.on('response', (res) => {
        responded = true
        const status = res.statusCode ?? 0
        const headers = headerRecord(res)
        if (REDIRECTS.has(status) && headers.location !== undefined) {
          return finish(null, { status, headers, body: Buffer.alloc(0), finalUrl: url.href, location: headers.location })
        }
        const tooLarge = (): void => finish(new EgressError('too_large', `body exceeds ${maxBytes} bytes`, url.href))
        if (Number(headers['content-length']) > maxBytes) return tooLarge()
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBytes) return tooLarge()
          chunks.push(chunk)
        })
        res.on('end', () => finish(null, { status, headers, body: Buffer.concat(chunks), finalUrl: url.href }, true))
        res.on('error', (err) => finish(err))
        res.on('close', () => {
          if (!res.complete) finish(new Error('connection closed before the body ended'))
        })
      })
      req.end(init.body)
    })
  }

  return {
    async fetch(rawUrl, init = {}) {
      const accept = init.accept ?? '*/*'
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      try {
        let url = checkUrl(rawUrl)
        for (let redirects = 0; ; redirects++) {
          const res = await hop(url, { method: 'GET', headers: { accept }, maxBytes }, controller.signal)
          if (res.location === undefined) {
            return { status: res.status, headers: res.headers, body: res.body, finalUrl: res.finalUrl }
          }
          if (redirects >= maxRedirects) {
            throw new EgressError('too_many_redirects', `more than ${maxRedirects} redirects`, url.href)
          }
          let next: string
          try {
            next = new URL(res.location, url).href
          } catch {
            throw new EgressError('bad_url', `invalid redirect location ${res.location.slice(0, 200)}`, url.href)
          }
          url = checkUrl(next)
        }
      } finally {
        clearTimeout(timer)
      }
    },

    async post(rawUrl, init) {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), init.timeoutMs ?? timeoutMs)
      try {
        const url = checkPushUrl(rawUrl)
        const body = Buffer.from(init.body, 'utf8')
        const hopInit: HopInit = { method: 'POST', headers: { ...init.headers, 'content-length': String(body.length) }, body: init.body, maxBytes: 64 * 1024, agent: url.protocol === 'https:' ? keepAlive.https : keepAlive.http }
        let res: EgressResponse & { location?: string }
        try {
          res = await hop(url, hopInit, controller.signal)
        } catch (err) {
          // The receiver closed an idle pooled connection as we sent on it: nothing reached it, send again on a new one.
          if (!(err instanceof StaleConnection)) throw err
          res = await hop(url, { ...hopInit, agent: false }, controller.signal)
        }
        return { status: res.status, headers: res.headers, body: res.body, finalUrl: res.finalUrl }
      } finally {
        clearTimeout(timer)
      }
    },

    async check(rawUrl) {
      const url = checkPushUrl(rawUrl)
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
      if (net.isIP(host)) return
      const allow = policyFor(url)
      const addresses = await dns.promises.lookup(host, { all: true }).catch(() => [] as LookupAddress[])
      // A name that does not resolve yet is accepted: delivery re-checks at connect time.
      if (addresses.length > 0 && !addresses.some((a) => allow(a.address))) throw blocked(host)
    },
  }
}
