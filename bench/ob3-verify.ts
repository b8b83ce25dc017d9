/**
 * OB 3.0 verification throughput: our verifyOb3 vs @digitalcredentials/verifier-core on the same did:key-signed
 * OpenBadgeCredentials (eddsa-rdfc-2022), same process, interleaved rounds. Offline: verifier-core's only fetch
 * (the credentialSchema URL) is served from our bundled schema copy.
 *
 *   npx tsx bench/ob3-verify.ts [--credentials 100] [--seconds 3] [--rounds 3]
 *
 * Prints a markdown section and appends it to bench/RESULTS.md.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { createJsonLdPool } from '../src/domain/verify/jsonld-pool.js'
import { canonizeGeneral } from '../src/ob/v3/canon.js'
import { signDataIntegrity } from '../src/ob/v3/data-integrity.js'
import { buildOpenBadgeCredential } from '../src/ob/v3/documents.js'
import { didKeyFromPublicKey, didKeyVerificationMethod, generateEd25519 } from '../src/ob/v3/multikey.js'
import { verifyOb3 } from '../src/ob/v3/verify.js'

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}
const CREDENTIALS = arg('credentials', 100)
const SECONDS = arg('seconds', 3)
const ROUNDS = arg('rounds', 3)
const root = new URL('../', import.meta.url)
const version = (pkg: string): string =>
  (JSON.parse(readFileSync(new URL(`node_modules/${pkg}/package.json`, root), 'utf8')) as { version: string }).version

// verifier-core fetches the credentialSchema URL with global fetch: serve the bundled copy, refuse anything else.
const schemaText = readFileSync(new URL('src/ob/contexts/schemas/ghpages-achievementcredential.json', root), 'utf8')
let foreignFetches = 0
globalThis.fetch = (async (input: string | URL | Request) => {
  const url = String(input instanceof Request ? input.url : input)
  if (url.endsWith('/ob_v3p0_achievementcredential_schema.json')) {
    return new Response(JSON.stringify({ ...(JSON.parse(schemaText) as object), $id: url }), { headers: { 'content-type': 'application/json' } })
  }
  foreignFetches++
  throw new Error(`offline bench: ${url}`)
}) as typeof fetch
const verifierCore = (await import('@digitalcredentials/verifier-core' as string)) as {
  verifyCredential(opts: { credential: object; knownDIDRegistries: unknown[] }): Promise<{ errors?: unknown[]; log?: Array<{ id: string; valid?: boolean }> }>
}

// A realistic credential: hashed email identifier, alignment, evidence, validity window.
const now = new Date()
const credentials: object[] = []
for (let i = 0; i < CREDENTIALS; i++) {
  const { publicKey, privateKey } = generateEd25519()
  const issuer = didKeyFromPublicKey(publicKey)
  const unsigned = buildOpenBadgeCredential({
    id: `https://badges.city.test/ob/v3/credentials/bench-${i}`,
    name: `Maker badge ${i}`,
    description: 'Awarded for building and presenting a working robot at the city library.',
    issuer: { id: issuer, name: 'City Library', url: 'https://library.city.test', email: 'badges@library.city.test' },
    validFrom: new Date(now.getTime() - 86_400_000),
    validUntil: new Date(now.getTime() + 365 * 86_400_000),
    subject: { id: `did:example:learner-${i}`, identifier: [{ identity: `learner${i}@example.org`, salt: `salt-${i}` }] },
    achievement: {
      id: `https://badges.city.test/ob/v3/achievements/b-${i % 10}`,
      name: 'Maker',
      description: 'Builds things that work.',
      criteria: { narrative: 'Build a robot and present it.' },
      alignment: [{ targetName: 'Engineering design', targetUrl: 'https://skills.city.test/eng', targetFramework: 'City Skills' }],
      tag: ['stem', 'making'],
    },
    evidence: [{ id: `https://badges.city.test/evidence/${i}`, name: 'Robot demo' }],
  })
  credentials.push(await signDataIntegrity(unsigned, { privateKey, verificationMethod: didKeyVerificationMethod(publicKey), created: now }))
}

// The same credentials with one inline @context term: not our shape, so verification takes the general JSON-LD path
// (expansion + RDFC-1.0), which /v1/verify runs in the worker pool (issue #14 item 1).
const generalCredentials: object[] = []
for (const [i, c] of credentials.entries()) {
  const { proof: _p, ...unsigned } = c as Record<string, unknown>
  const { publicKey, privateKey } = generateEd25519()
  const issuer = didKeyFromPublicKey(publicKey)
  const doc = { ...unsigned, '@context': [...(unsigned['@context'] as string[]), { benchNote: 'https://bench.city.test/benchNote' }], benchNote: `note ${i}`, issuer: { ...(unsigned.issuer as object), id: issuer } }
  generalCredentials.push(await signDataIntegrity(doc, { privateKey, verificationMethod: didKeyVerificationMethod(publicKey), created: now }))
}
const pool = createJsonLdPool()
await pool.ready()

const noFetch = async (): Promise<never> => {
  throw Object.assign(new Error('no egress in bench'), { code: 'offline' })
}
const ours = async (credential: object): Promise<boolean> => (await verifyOb3({ credential }, { now, fetchJson: noFetch })).verified
const theirs = async (credential: object): Promise<boolean> => {
  const r = await verifierCore.verifyCredential({ credential, knownDIDRegistries: [] })
  return r.errors === undefined && r.log?.find((s) => s.id === 'valid_signature')?.valid === true
}

const generalInThread = async (credential: object): Promise<boolean> =>
  (await verifyOb3({ credential }, { now, fetchJson: noFetch, canonize: (d) => canonizeGeneral(d) })).verified
const generalPool = async (credential: object): Promise<boolean> =>
  (await verifyOb3({ credential }, { now, fetchJson: noFetch, canonize: pool.canonize })).verified

/** Verifies the credentials round-robin for `seconds`; returns ops/s. Every result must be `true`. */
async function measure(fn: (c: object) => Promise<boolean>, seconds: number, set: object[] = credentials): Promise<number> {
  const started = performance.now()
  let ops = 0
  while (performance.now() - started < seconds * 1000) {
    const credential = set[ops % set.length] as object
    if (!(await fn(credential))) throw new Error(`verification failed for credential ${ops % credentials.length}`)
    ops++
  }
  return ops / ((performance.now() - started) / 1000)
}

const rssMb = (): number => Math.round(process.memoryUsage().rss / 1e5) / 10
await measure(ours, 0.5) // warm-up (lazy schema compile, JIT)
await measure(theirs, 0.5)
const rates = { ours: [] as number[], theirs: [] as number[] }
const rss = { ours: 0, theirs: 0 }
for (let round = 0; round < ROUNDS; round++) {
  rates.ours.push(await measure(ours, SECONDS))
  rss.ours = Math.max(rss.ours, rssMb())
  rates.theirs.push(await measure(theirs, SECONDS))
  rss.theirs = Math.max(rss.theirs, rssMb())
}
// General JSON-LD path: in-thread (as before the pool) vs the worker pool, sequential and 4 at a time.
await measure(generalInThread, 0.5, generalCredentials)
await measure(generalPool, 0.5, generalCredentials)
const concurrent = (fn: (c: object) => Promise<boolean>) => async (c: object): Promise<boolean> => (await Promise.all([c, c, c, c].map(fn))).every(Boolean)
const general = { inThread: [] as number[], pool: [] as number[], inThread4: [] as number[], pool4: [] as number[] }
for (let round = 0; round < ROUNDS; round++) {
  general.inThread.push(await measure(generalInThread, SECONDS, generalCredentials))
  general.pool.push(await measure(generalPool, SECONDS, generalCredentials))
  general.inThread4.push(4 * await measure(concurrent(generalInThread), SECONDS, generalCredentials))
  general.pool4.push(4 * await measure(concurrent(generalPool), SECONDS, generalCredentials))
}
await pool.close()

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const oursRate = median(rates.ours)
const theirsRate = median(rates.theirs)
const ratio = oursRate / theirsRate
const fmt = (n: number): string => n.toFixed(1)

const cpus = os.cpus()
const section = `
## OB 3.0 verification: verifyOb3 vs @digitalcredentials/verifier-core (${now.toISOString()})

- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical cores (shared), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}
- Node ${process.version}; jsonld ${version('jsonld')}, rdf-canonize ${version('rdf-canonize')}, ajv ${version('ajv')}, verifier-core ${version('@digitalcredentials/verifier-core')}
- Workload: ${CREDENTIALS} distinct did:key-signed OpenBadgeCredentials (eddsa-rdfc-2022, hashed identifier, alignment, evidence), verified round-robin, sequentially; ${ROUNDS} interleaved rounds of ${SECONDS} s each, median reported. Both verifiers accept every credential (checked each call).
- Ours = full verifyOb3 report (structure, context, schema, proof, issuer binding, dates, status). Theirs = verifyCredential (signature, expiry, schema via a stubbed fetch of the bundled schema, registry step with no registries).

| verifier | ops/s (median) | rounds | process RSS after its rounds |
|---|---:|---|---:|
| verifyOb3 (ours) | ${fmt(oursRate)} | ${rates.ours.map(fmt).join(', ')} | ${rss.ours} MB |
| verifier-core | ${fmt(theirsRate)} | ${rates.theirs.map(fmt).join(', ')} | ${rss.theirs} MB |

Ratio ours / verifier-core: **${ratio.toFixed(2)}x** (target >= 3x: ${ratio >= 3 ? 'met' : 'NOT met'}). Unexpected fetches by verifier-core: ${foreignFetches}.

General JSON-LD path (the same credentials plus one inline @context term, so the fast path does not apply), verifyOb3
with canonicalisation in-thread (before issue #14) vs in the worker pool that /v1/verify uses (2 workers, 1.5 s
deadline, 128 MB heap):

| general path | ops/s sequential (median) | rounds | ops/s 4 concurrent (median) | rounds |
|---|---:|---|---:|---|
| in-thread | ${fmt(median(general.inThread))} | ${general.inThread.map(fmt).join(', ')} | ${fmt(median(general.inThread4))} | ${general.inThread4.map(fmt).join(', ')} |
| worker pool | ${fmt(median(general.pool))} | ${general.pool.map(fmt).join(', ')} | ${fmt(median(general.pool4))} | ${general.pool4.map(fmt).join(', ')} |

Pool / in-thread: sequential **${(median(general.pool) / median(general.inThread)).toFixed(2)}x**, 4 concurrent **${(median(general.pool4) / median(general.inThread4)).toFixed(2)}x**. Our own credentials (table above) keep the in-thread fast path.
`
process.stdout.write(section)
const results = new URL('bench/RESULTS.md', root)
if (!existsSync(results)) writeFileSync(results, '# Benchmark results\n')
appendFileSync(results, section)
