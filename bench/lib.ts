import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const root = path.resolve(import.meta.dirname, '..')
const autocannonBin = path.join(root, 'node_modules/autocannon/autocannon.js')

export async function sparePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
  })
}

export interface Started { proc: ChildProcess; output: () => string; stop (): Promise<void> }

/**
 * CPU pinning on a small machine: servers on one core, the load generator on another, so the two never take turns on
 * the same core (BENCH_PIN=0 turns it off; without `taskset` nothing is pinned). With one core, nothing is pinned.
 */
const hasTaskset = spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0
const cores = os.cpus().length
export const pinning = process.env.BENCH_PIN !== '0' && hasTaskset && cores >= 2
export const SERVER_CPUS = pinning ? (cores >= 4 ? `0-${Math.floor(cores / 2) - 1}` : '0') : undefined
export const LOAD_CPUS = pinning ? (cores >= 4 ? `${Math.floor(cores / 2)}-${cores - 1}` : '1') : undefined
const pinned = (cpus: string | undefined, argv: string[]): [string, string[]] =>
  cpus ? ['taskset', ['-c', cpus, ...argv]] : [argv[0]!, argv.slice(1)]
export const pinningNote = (): string => pinning ? `servers pinned to CPU ${SERVER_CPUS}, load generator to CPU ${LOAD_CPUS} (taskset)` : 'no CPU pinning'

let built: Promise<string> | undefined

/**
 * Compiles the service once into bench/.tmp/dist, as the Dockerfile does, so that benchmarks measure what
 * production runs (`node dist/src/server.js`), not the TypeScript loader.
 */
export function buildDist (): Promise<string> {
  built ??= (async () => {
    const out = path.join(root, 'bench/.tmp/dist')
    rmSync(out, { recursive: true, force: true })
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) throw new Error('tsc failed')
    cpSync(path.join(root, 'src/ob/contexts/files'), path.join(out, 'src/ob/contexts/files'), { recursive: true })
    cpSync(path.join(root, 'src/ob/contexts/schemas'), path.join(out, 'src/ob/contexts/schemas'), { recursive: true })
    return out
  })()
  return built
}

/**
 * The baseline: a bare Fastify (plain JavaScript, no loader) answering fixed bytes. It runs with the one Node-level
 * workaround our entry points have (src/infra/tick-objects.ts, imported first): without it a bare server too falls,
 * at some point of a run, into V8's slow path for Node's tick objects (14 % of its CPU samples in one profile), and a
 * ratio against a baseline that slowed down mid-run flatters us.
 */
export function startBare (env: Record<string, string | undefined>): Promise<Started> {
  return startBaseline('bare.mjs', env)
}

/** Any baseline server of bench/servers (plain JavaScript) the way {@link startBare} starts one. */
export async function startBaseline (script: string, env: Record<string, string | undefined>): Promise<Started> {
  const dist = await buildDist()
  return startProcess(['--import', pathToFileURL(path.join(dist, 'src/infra/tick-objects.js')).href, path.join(root, 'bench/servers', script)], env, /bare server ready/)
}

/** Starts the compiled server (see buildDist) and waits until it listens. */
export async function startServer (env: Record<string, string | undefined>): Promise<Started> {
  const dist = await buildDist()
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)] : []
  // BENCH_NODE_ARGS: more node options for the server (space-separated), e.g. `--require ./probe.cjs` to look inside.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  return startProcess([...prof, ...extra, path.join(dist, 'src/server.js')], env, /CityBadges listening/)
}

/**
 * The production layout (ARCHITECTURE.md §2): the compiled API server with RUN_WORKERS=false and one worker process
 * (the BullMQ processors), on the same database and Redis. Not pinned: the two processes and PostgreSQL share the
 * machine's cores as they would in a deployment.
 */
export async function startApiAndWorker (env: Record<string, string | undefined>): Promise<{ api: Started; worker: Started; stop (): Promise<void> }> {
  const dist = await buildDist()
  const worker = await startProcess([path.join(dist, 'src/worker.js')], env, /CityBadges worker ready/, 120_000, undefined)
  // BENCH_API_NODE_ARGS: node options for the API process only (space-separated), e.g. `--cpu-prof` or a probe.
  const extra = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const api = await startProcess([...extra, path.join(dist, 'src/server.js')], { ...env, RUN_WORKERS: 'false' }, /CityBadges listening/, 120_000, undefined)
  return { api, worker, stop: async () => { await Promise.all([api.stop(), worker.stop()]) } }
}

/** Starts a TypeScript entry point (`node --import tsx`) and waits until its output matches `ready`. */
export function startTs (entry: string, env: Record<string, string | undefined>, ready: RegExp, timeoutMs = 120_000): Promise<Started> {
  return startProcess(['--import', 'tsx', entry], env, ready, timeoutMs)
}

/** Starts any node entry point (plain JavaScript servers of the benchmarks) and waits until its output matches `ready`. */
export const startProcessExported = (args: string[], env: Record<string, string | undefined>, ready: RegExp): Promise<Started> => startProcess(args, env, ready)

async function startProcess (args: string[], env: Record<string, string | undefined>, ready: RegExp, timeoutMs = 120_000, cpus: string | undefined = SERVER_CPUS): Promise<Started> {
  const entry = args[args.length - 1]
  const [cmd, argv] = pinned(cpus, [process.execPath, ...args])
  const proc = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  proc.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  proc.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  const until = Date.now() + timeoutMs
  while (!ready.test(out)) {
    if (proc.exitCode !== null || Date.now() > until) {
      proc.kill('SIGKILL')
      throw new Error(`${entry} did not start:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    proc,
    output: () => out,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve()
      proc.once('exit', () => resolve())
      proc.kill('SIGTERM')
      setTimeout(() => proc.kill('SIGKILL'), 20_000).unref()
    }),
  }
}

/**
 * CPU time (user + system, all threads) a process has used, in microseconds, from /proc (Linux). The difference over
 * a round divided by the answers of the round is the server's cost of an answer: unlike requests per second, it does
 * not depend on which of server and load generator saturates first.
 */
export function cpuMicros (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * (1e6 / CLOCK_TICKS)
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** Runs one round and adds the server's CPU time per answer (µs; see cpuMicros) to its result. */
export async function withCpu (pid: number, round: () => Promise<LoadResult>): Promise<LoadResult & { cpuPerAnswer: number }> {
  const before = cpuMicros(pid)
  const r = await round()
  return { ...r, cpuPerAnswer: (cpuMicros(pid) - before) / Math.max(1, r.requests) }
}

/**
 * Resident set size and peak, in MiB, of a process and all its descendants, read from /proc (Linux): whatever the
 * server spawns counts too.
 */
export function rssOf (pid: number): { rss: number; peak: number } {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch { /* the process ended */ }
  }
  let rss = 0
  let peak = 0
  const stack = [pid]
  while (stack.length > 0) {
    const p = stack.pop()!
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8')
      const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0)
      rss += kb('VmRSS') / 1024
      peak += kb('VmHWM') / 1024
    } catch { /* the process ended */ }
    stack.push(...(children.get(p) ?? []))
  }
  return { rss, peak }
}

export interface LoadResult {
  rps: number; p50: number; p90: number; p99: number; max: number; errors: number; non2xx: number; requests: number
  /** Answers by status code (autocannon's statusCodeStats): lets a benchmark tell intended answers (a 410) from errors. */
  statuses: Record<string, number>
}

/**
 * Drives `url` with autocannon in a SEPARATE process (the load generator must not share the server's event loop).
 * `paths` rotates through several paths when given (autocannon's requests array; `headers` go with every one).
 */
export interface LoadOptions { url: string; connections: number; seconds: number; paths?: string[]; method?: string; body?: string; headers?: Record<string, string> }

/** Whether wrk (Debian package `wrk`, a load generator in C) is installed. */
export const hasWrk = spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0

/**
 * The load generator for a comparison of small, fast answers: wrk when installed, else autocannon. autocannon parses
 * answers in JavaScript (http-parser-js); on a 2-core machine with server and load generator pinned to one core each,
 * its core saturates first on answers of a few hundred microseconds, and a ratio then measures the load generator's
 * cost of parsing each answer's headers rather than the servers'. wrk (C) leaves the server's core the bottleneck.
 */
export const fastLoadGenerator = (): 'wrk' | 'autocannon' => process.env.BENCH_LOADGEN === 'autocannon' || !hasWrk ? 'autocannon' : 'wrk'

/**
 * Drives `url` with wrk (one thread, `connections` connections) in a separate process, rotating through `paths`
 * when given; same result shape as {@link load} (latencies in ms, to 0.1 ms; `statuses` is empty: wrk counts
 * answers >= 400 as `non2xx`). The requests are formatted once (`init`), not per request: `wrk.format` in each
 * `request()` call made wrk's own core saturate first, at about 45,000 requests a second on this machine, so that a
 * round measured the load generator and two servers of different cost scored alike.
 */
export async function loadWrk (opts: LoadOptions): Promise<LoadResult> {
  const script = path.join(os.tmpdir(), `cb-bench-wrk-${process.pid}.lua`)
  const q = (v: string): string => JSON.stringify(v) // a JSON string literal is a Lua string literal for these ASCII values
  const headerLines = Object.entries(opts.headers ?? {}).map(([k, v]) => `wrk.headers[${q(k)}] = ${q(v)}`).join('\n')
  writeFileSync(script, `
wrk.method = ${q(opts.method ?? 'GET')}
${opts.body !== undefined ? `wrk.body = ${q(opts.body)}` : ''}
${headerLines}
local paths = { ${(opts.paths ?? []).map(q).join(', ')} }
local requests = {}
local i = 0
${opts.paths && opts.paths.length > 0 ? `init = function () for k, p in ipairs(paths) do requests[k] = wrk.format(nil, p) end end
request = function () i = i + 1; return requests[(i % #requests) + 1] end` : ''}
done = function (s, latency, requests)
  local e = s.errors
  io.write(string.format('{"requests":%d,"duration":%d,"errors":%d,"non2xx":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n',
    s.requests, s.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
`)
  const [cmd, argv] = pinned(LOAD_CPUS, ['wrk', '-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--timeout', '10s', '-s', script, opts.url])
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { err += d.toString() })
  await new Promise((resolve) => child.on('exit', resolve))
  const line = out.split('\n').find((l) => l.startsWith('{"requests"'))
  if (!line) throw new Error(`wrk gave no result: ${out.slice(-500)} ${err.slice(-500)}`)
  const r = JSON.parse(line) as { requests: number; duration: number; errors: number; non2xx: number; p50: number; p90: number; p99: number; max: number }
  const ms = (us: number): number => Math.round(us / 100) / 10
  return { rps: r.requests / (r.duration / 1e6), p50: ms(r.p50), p90: ms(r.p90), p99: ms(r.p99), max: ms(r.max), errors: r.errors, non2xx: r.non2xx, requests: r.requests, statuses: {} }
}

/** {@link load} or {@link loadWrk}, as {@link fastLoadGenerator} says. */
export const loadFast = (opts: LoadOptions): Promise<LoadResult> => fastLoadGenerator() === 'wrk' ? loadWrk(opts) : load(opts)

export async function load (opts: LoadOptions): Promise<LoadResult> {
  const args = ['-c', String(opts.connections), '-d', String(opts.seconds), '--json']
  if (opts.method) args.push('-m', opts.method)
  if (opts.body) args.push('-b', opts.body)
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`)
  let script: string | undefined
  if (opts.paths && opts.paths.length > 0) {
    // autocannon's CLI takes one URL: a tiny driver script rotates through many paths instead.
    script = path.join(os.tmpdir(), `cb-bench-${process.pid}.cjs`)
    writeFileSync(script, `
const autocannon = require(${JSON.stringify(path.join(root, 'node_modules/autocannon'))})
const paths = ${JSON.stringify(opts.paths)}
let i = 0
autocannon({ url: ${JSON.stringify(opts.url)}, connections: ${opts.connections}, duration: ${opts.seconds}, headers: ${JSON.stringify(opts.headers ?? {})},
  requests: [{ setupRequest: (r) => { r.path = paths[i++ % paths.length]; return r } }] },
  (err, res) => { if (err) { console.error(err); process.exit(1) } process.stdout.write(JSON.stringify(res)) })`)
  }
  const [cmd, argv] = pinned(LOAD_CPUS, [process.execPath, ...(script ? [script] : [autocannonBin, ...args, opts.url])])
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', () => {})
  await new Promise((resolve) => child.on('exit', resolve))
  const r = JSON.parse(out) as { requests: { average: number; total: number }; latency: { p50: number; p90: number; p99: number; max: number }; errors: number; non2xx: number; '2xx': number; statusCodeStats?: Record<string, { count: number }> }
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]))
  return { rps: r.requests.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, errors: r.errors, non2xx: r.non2xx, requests: r.requests.total, statuses }
}

/** Fetches every path once (`concurrency` at a time): a deterministic warm-up that fills caches whatever the machine's speed. */
export async function prime (base: string, paths: string[], concurrency = 20): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < paths.length) {
      const p = paths[next++]!
      const res = await fetch(`${base}${p}`)
      await res.arrayBuffer()
    }
  }))
}

export interface Paired<T extends LoadResult = LoadResult> { a: T[]; b: T[]; ratios: number[]; ratio: { min: number; median: number; max: number }; bMedian: LoadResult; aMedian: LoadResult }

/**
 * Paired rounds on a noisy machine: each pair runs A and B back to back (the order alternates from pair to pair so a
 * drift favours neither), and the ratio B/A is taken within each pair, where both saw the same conditions. Reports
 * min / median / max of the pair ratios, and the median round of each side for latencies.
 */
export async function pairedRounds<T extends LoadResult> (rounds: number, a: () => Promise<T>, b: () => Promise<T>): Promise<Paired<T>> {
  const ra: T[] = []
  const rb: T[] = []
  const ratios: number[] = []
  for (let i = 0; i < rounds; i++) {
    let x: T, y: T
    if (i % 2 === 0) { x = await a(); y = await b() } else { y = await b(); x = await a() }
    ra.push(x); rb.push(y); ratios.push(y.rps / x.rps)
  }
  return { a: ra, b: rb, ratios, ratio: spread(ratios), aMedian: median(ra), bMedian: median(rb) }
}

/** Smallest, median (the upper middle of an even count) and largest of some numbers. */
export function spread (xs: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...xs].sort((p, q) => p - q)
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]! }
}

export const ratioLine = (p: Paired): string =>
  `pair ratios ${p.ratios.map((r) => r.toFixed(2)).join(', ')} → min ${p.ratio.min.toFixed(2)}×, **median ${p.ratio.median.toFixed(2)}×**, max ${p.ratio.max.toFixed(2)}×`

/** p99 over every round of one side (the worst median-free view: the p99 of the round with the highest p99 is max). */
export const p99Median = (rounds: LoadResult[]): number => spread(rounds.map((r) => r.p99)).median

/** The round with the median req/s (its latencies travel with it). */
export function median (rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.rps - b.rps)
  return sorted[Math.floor(sorted.length / 2)]!
}

export interface BenchService {
  publicUrl: string
  /** The bench database of this run (for bulk seeding with SQL). */
  dbUrl: string
  /** `Authorization` for the platform-admin key of this run. */
  headers: Record<string, string>
  server: Started
  /** A JSON call with the admin key; throws on any answer >= 300. */
  api (method: string, path: string, body?: unknown): Promise<any>
  /** Stops the server and starts it again on the same database and keys, with `more` environment. */
  restart (more?: Record<string, string>): Promise<Started>
  /** Starts a worker process (dist/src/worker.js) on the same database, Redis and keys. */
  startWorker (more?: Record<string, string>): Promise<Started>
  /** Stops the server and, unless `keep`, drops the bench database. */
  close (opts?: { keep?: boolean }): Promise<void>
}

/**
 * The compiled service on a fresh PostgreSQL database of its own (created on the server DATABASE_URL names) with the
 * Redis of REDIS_URL: what the PostgreSQL benchmarks drive. Exits with a usage message when either is missing.
 */
/**
 * A compiled CityBadges on a bench database of its own. `https`: PUBLIC_URL says https (answers then carry what a
 * production deployment behind TLS sends, such as Strict-Transport-Security); the bench still calls it over http.
 */
export async function startBenchService (name: string, extraEnv: Record<string, string> = {}, opts: { https?: boolean } = {}): Promise<BenchService> {
  const base = process.env.DATABASE_URL
  const redisUrl = process.env.REDIS_URL
  if (!base || !redisUrl) {
    process.stderr.write(`${name} needs DATABASE_URL and REDIS_URL (e.g. postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379)\n`)
    process.exit(2)
  }
  const { default: pg } = await import('pg')
  const dbName = `cbbench_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database "${dbName}"`)
  const dbUrl = new URL(base)
  dbUrl.pathname = `/${dbName}`
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`
  const port = await sparePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const headers = { authorization: `Bearer ${adminKey}` }
  const drop = async (): Promise<void> => {
    await admin.query(`drop database if exists "${dbName}" with (force)`)
    await admin.end()
  }
  let server: Started
  const env: Record<string, string> = {
    PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: opts.https ? publicUrl.replace(/^http:/, 'https:') : publicUrl, DATABASE_URL: dbUrl.toString(), REDIS_URL: redisUrl,
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'), CITYBADGES_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000', ...extraEnv,
  }
  try {
    server = await startServer(env)
  } catch (err) {
    await drop()
    throw err
  }
  const svc: BenchService = {
    publicUrl,
    dbUrl: dbUrl.toString(),
    headers,
    server,
    async api (method, path, body) {
      const res = await fetch(`${publicUrl}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
      const text = await res.text()
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
      return text ? JSON.parse(text) : undefined
    },
    async restart (more = {}) {
      await svc.server.stop()
      svc.server = await startServer({ ...env, ...more })
      return svc.server
    },
    async startWorker (more = {}) {
      const dist = await buildDist()
      return startProcess([path.join(dist, 'src/worker.js')], { ...env, ...more, PORT: undefined }, /CityBadges worker ready/)
    },
    async close (opts = {}) {
      await svc.server.stop()
      if (opts.keep) await admin.end()
      else await drop()
    },
  }
  return svc
}

/**
 * The city `bench` with one organisation and one approved badge class (aligned to the spine, a theme and a
 * destination): the common start of the benchmarks that issue awards.
 */
export async function seedBenchCity (api: BenchService['api']): Promise<{ organisation: { id: string }; badgeClass: { id: string } }> {
  await api('POST', '/v1/cities', { slug: 'bench', name: 'Bench City' })
  const organisation = await api('POST', '/v1/cities/bench/organisations', { name: 'Bench Org', url: 'https://org.example', email: 'badges@org.example', kind: 'college' })
  const badgeClass = await api('POST', '/v1/cities/bench/badge-classes', {
    organisationId: organisation.id, name: 'Bench Badge', description: 'A badge for benchmarks', image: BENCH_PNG, criteria: { narrative: 'Take part.' },
    spine: { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] }, themes: ['civic'], destinations: ['education'],
  })
  await api('POST', `/v1/cities/bench/badge-classes/${badgeClass.id as string}/submit`)
  await api('POST', `/v1/cities/bench/badge-classes/${badgeClass.id as string}/approve`)
  return { organisation, badgeClass }
}

/** A real PNG (a public-domain heart from the Open Badges 2.0 vectors) as a data URI, for benchmark badge images. */
export const BENCH_PNG = `data:image/png;base64,${readFileSync(path.join(root, 'test/fixtures/vectors/ob20/baked/public_domain_heart.png')).toString('base64')}`

export function machine (): string {
  const cpus = os.cpus()
  const pkg = (n: string) => JSON.parse(readFileSync(path.join(root, 'node_modules', n, 'package.json'), 'utf8')).version as string
  return `${cpus[0]?.model.trim() ?? '?'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; node ${process.version}; fastify ${pkg('fastify')}, autocannon ${pkg('autocannon')}`
}

export const fmt = (n: number, d = 0): string => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d })

export function appendResults (markdown: string): void {
  const file = path.join(root, 'bench/RESULTS.md')
  if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n')
  appendFileSync(file, `\n${markdown.trim()}\n`)
  process.stdout.write(`${markdown.trim()}\n\n(appended to bench/RESULTS.md)\n`)
}

export function row (name: string, r: LoadResult, rss?: { rss: number; peak: number }): string {
  return `| ${name} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p90, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${r.errors + r.non2xx} | ${rss ? `${fmt(rss.rss)} / ${fmt(rss.peak)}` : '–'} |`
}
export const tableHead = '| server | req/s | p50 ms | p90 ms | p99 ms | max ms | errors + non-2xx | RSS / peak MiB |\n|---|---:|---:|---:|---:|---:|---:|---:|'

/**
 * A small HTTP client for steady-rate load from a benchmark: kept-alive connections, at most `maxSockets` of them
 * (requests beyond wait in the client, and their wait counts in their latency, as a user's would). Node's fetch opens
 * a connection per request in flight without bound, so a server that falls behind meets thousands of connections.
 */
export function httpClient (origin: string, maxSockets = 32): { request (method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }>; close (): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets })
  const { hostname, port } = new URL(origin)
  return {
    request: (method, path, headers, body) => new Promise((resolve, reject) => {
      const req = http.request({ agent, hostname, port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    }),
    close: () => agent.destroy(),
  }
}
