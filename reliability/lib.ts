import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'

/**
 * The reliability harness: real processes only. The compiled service (`dist/`), a PostgreSQL cluster and a
 * redis-server of its own on spare loopback ports (never the shared 5432 / 6379), and a plain HTTP client.
 */
export const root = path.resolve(import.meta.dirname, '..')
/** The compiled service the suite drives: its own build, or RELIABILITY_DIST (CI passes the `npm run build` it has). */
export const DIST = process.env.RELIABILITY_DIST ? path.resolve(process.env.RELIABILITY_DIST) : path.join(root, 'reliability/.tmp/dist')
export const OUT = path.join(root, 'reliability/.tmp')

/** `ci` (the bounded subset of `.ci/run`) or `full` (`npm run reliability`). */
export const PROFILE: 'ci' | 'full' = process.env.RELIABILITY_PROFILE === 'ci' ? 'ci' : 'full'

export async function sparePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
  })
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export async function eventually<T> (fn: () => Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
    } catch (err) { last = err }
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await sleep(200)
  }
}

/**
 * Compiles the service with `tsc -p tsconfig.build.json` into reliability/.tmp/dist. The JSON-LD context and schema
 * files are copied when the build leaves them out (issue #14 item 7: the build is being fixed separately).
 */
export function buildDist (): void {
  rmSync(DIST, { recursive: true, force: true })
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', DIST], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('tsc -p tsconfig.build.json failed')
  for (const dir of ['src/ob/contexts/files', 'src/ob/contexts/schemas']) {
    if (existsSync(path.join(root, dir)) && !existsSync(path.join(DIST, dir))) cpSync(path.join(root, dir), path.join(DIST, dir), { recursive: true })
  }
}

// --- PostgreSQL --------------------------------------------------------------------------------------------------

function pgBin (name: string): string {
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? spawnSync('ls', [base]).stdout.toString().split('\n').filter(Boolean).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) if (existsSync(path.join(base, v, 'bin', name))) return path.join(base, v, 'bin', name)
  return name
}

/** As the postgres user when we are root (initdb refuses root). */
function asPostgres (cmd: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args]
}

function run (argv: string[]): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.toString()}${r.stdout.toString()}`)
}

/** A PostgreSQL cluster of our own (initdb into a temp dir) on a spare loopback port; stop/start/restart at will. */
export class PgCluster {
  private constructor (readonly dir: string, readonly port: number) {}

  static async create (): Promise<PgCluster> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cbrel-pg-'))
    if (process.getuid?.() === 0) {
      const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString())
      const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString())
      chownSync(dir, uid, gid)
    }
    chmodSync(dir, 0o700)
    const c = new PgCluster(dir, await sparePort())
    run(asPostgres(pgBin('initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']))
    await c.start()
    return c
  }

  get url (): string { return `postgres://postgres@127.0.0.1:${this.port}/citybadges` }

  async start (): Promise<void> {
    run(asPostgres(pgBin('pg_ctl'), ['-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'log'), '-w', '-t', '60', 'start',
      '-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=200`]))
    const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres` })
    await c.connect()
    const has = await c.query("select 1 from pg_database where datname = 'citybadges'")
    if (has.rowCount === 0) await c.query('create database citybadges')
    await c.end()
  }

  /** `fast` disconnects clients cleanly; `immediate` is a crash. */
  async stop (mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    run(asPostgres(pgBin('pg_ctl'), ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop']))
  }

  async restart (): Promise<void> {
    run(asPostgres(pgBin('pg_ctl'), ['-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'log'), '-m', 'fast', '-w', 'restart',
      '-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=200`]))
  }

  async query<R extends pg.QueryResultRow = any> (text: string, values?: unknown[]): Promise<R[]> {
    const c = new pg.Client({ connectionString: this.url })
    await c.connect()
    try { return (await c.query<R>(text, values)).rows } finally { await c.end() }
  }

  async destroy (): Promise<void> {
    try { await this.stop('immediate') } catch { /* already stopped */ }
    rmSync(this.dir, { recursive: true, force: true })
  }
}

// --- Redis -------------------------------------------------------------------------------------------------------

export class RedisServer {
  private proc: ChildProcess | undefined
  private constructor (readonly port: number) {}

  static async create (): Promise<RedisServer> {
    const r = new RedisServer(await sparePort())
    await r.start()
    return r
  }

  get url (): string { return `redis://127.0.0.1:${this.port}` }

  async start (): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' })
    await eventually(async () => {
      const probe = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true })
      probe.on('error', () => {})
      try { await probe.connect(); return (await probe.ping()) === 'PONG' } finally { probe.disconnect() }
    }, 10_000, 'redis-server')
  }

  async stop (): Promise<void> {
    const p = this.proc
    if (!p || p.exitCode !== null) return
    await new Promise<void>((resolve) => { p.once('exit', () => resolve()); p.kill('SIGKILL') })
    this.proc = undefined
  }

  client (): Redis { return new Redis(this.url, { maxRetriesPerRequest: 1 }) }
}

// --- the service's processes ---------------------------------------------------------------------------------------

export class Proc {
  proc: ChildProcess | undefined
  /** Everything the process wrote, over all its lives. */
  out = ''
  /** How long each start took until ready. */
  startMs: number[] = []
  exits: Array<{ code: number | null; signal: string | null; expected: boolean }> = []
  private expecting = false

  constructor (readonly name: string, readonly entry: 'server' | 'worker', readonly env: Record<string, string>) {}

  async start (): Promise<void> {
    const p = spawn(process.execPath, [path.join(DIST, `src/${this.entry}.js`)], { cwd: root, env: { PATH: process.env.PATH ?? '', ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    this.proc = p
    this.expecting = false
    const mark = this.out.length
    p.stdout!.on('data', (d: Buffer) => { this.out += d.toString() })
    p.stderr!.on('data', (d: Buffer) => { this.out += d.toString() })
    p.once('exit', (code, signal) => { this.exits.push({ code, signal, expected: this.expecting }) })
    const ready = this.entry === 'server' ? /CityBadges listening/ : /worker started/
    const started = Date.now()
    while (!ready.test(this.out.slice(mark))) {
      if (p.exitCode !== null || p.signalCode !== null) throw new Error(`${this.name} exited while starting: ${this.out.slice(mark).slice(-3000)}`)
      if (Date.now() - started > 120_000) throw new Error(`${this.name} did not start in 120 s: ${this.out.slice(mark).slice(-3000)}`)
      await sleep(50)
    }
    this.startMs.push(Date.now() - started)
  }

  get alive (): boolean { return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null }

  async kill (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.proc
    if (!p || p.exitCode !== null || p.signalCode !== null) return
    this.expecting = true
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve())
      p.kill(signal)
      setTimeout(() => p.kill('SIGKILL'), 20_000).unref()
    })
  }

  /** Exits the test did not cause (a crash). */
  get unexpectedExits (): number { return this.exits.filter((e) => !e.expected).length }
}

export interface Stack {
  pg: PgCluster
  redis: RedisServer
  adminKey: string
  kek: string
  servers: Proc[]
  workers: Proc[]
  url (i?: number): string
  serverEnv (port: number): Record<string, string>
  close (): Promise<void>
}

/** PostgreSQL + Redis of our own, `servers` compiled API processes and `workers` worker processes. */
export async function startStack (opts: { servers?: number; workers?: number; env?: Record<string, string> } = {}): Promise<Stack> {
  const pgc = await PgCluster.create()
  const redis = await RedisServer.create()
  const adminKey = `rel-admin-${randomBytes(16).toString('hex')}`
  const kek = randomBytes(32).toString('hex')
  const ports: number[] = []
  const common = (): Record<string, string> => ({
    DATABASE_URL: pgc.url, REDIS_URL: redis.url, KEY_ENCRYPTION_KEY: kek, CITYBADGES_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '10000000', HOST: '127.0.0.1', NODE_ENV: 'production', ...opts.env,
  })
  // Every server names the same PUBLIC_URL (the first one's), as instances behind one load balancer would.
  for (let i = 0; i < (opts.servers ?? 1); i++) ports.push(await sparePort())
  const publicUrl = `http://127.0.0.1:${ports[0]}`
  const serverEnv = (port: number): Record<string, string> => ({ ...common(), PORT: String(port), PUBLIC_URL: publicUrl })
  const servers = ports.map((p, i) => new Proc(`server${i}`, 'server', serverEnv(p)))
  const workers = Array.from({ length: opts.workers ?? 1 }, (_, i) => new Proc(`worker${i}`, 'worker', { ...common(), PUBLIC_URL: publicUrl }))
  const stack: Stack = {
    pg: pgc, redis, adminKey, kek, servers, workers, serverEnv,
    url: (i = 0) => `http://127.0.0.1:${ports[i]}`,
    close: async () => {
      await Promise.all([...servers, ...workers].map((p) => p.kill('SIGTERM')))
      await redis.stop()
      await pgc.destroy()
    },
  }
  try {
    for (const s of servers) await s.start() // one at a time: the first one migrates
    for (const w of workers) await w.start()
  } catch (err) {
    await stack.close()
    throw err
  }
  return stack
}

// --- HTTP ----------------------------------------------------------------------------------------------------------

export interface Answer { status: number; headers: Headers; body: string; json: any; ms: number }

export async function http (url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now()
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000), redirect: 'manual' })
  const body = await res.text()
  let json: any
  try { json = JSON.parse(body) } catch { json = undefined }
  return { status: res.status, headers: res.headers, body, json, ms: performance.now() - started }
}

/** A JSON API call; throws unless the answer is 2xx. */
export async function api (base: string, key: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const a = await http(base + p, {
    method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (a.status >= 300) throw new Error(`${method} ${p} -> ${a.status}: ${a.body.slice(0, 300)}`)
  return a.json
}

/** A tiny PNG (the test vectors' heart) as a data URI, for badge classes. */
export const PNG_URI = `data:image/png;base64,${readFileSync(path.join(root, 'test/fixtures/vectors/ob20/baked/public_domain_heart.png')).toString('base64')}`

export interface Tenant { slug: string; cityAdminKey: string; orgId: string; issuerKey: string; classId: string }

/** A city, its admin key, an organisation, an issuer key and an approved badge class, all through the API. */
export async function seedTenant (base: string, adminKey: string, slug: string): Promise<Tenant> {
  await api(base, adminKey, 'POST', '/v1/cities', { slug, name: `City ${slug}` })
  const cityAdminKey = (await api(base, adminKey, 'POST', `/v1/cities/${slug}/api-keys`, { name: 'admin', role: 'city-admin' })).key as string
  const org = await api(base, cityAdminKey, 'POST', `/v1/cities/${slug}/organisations`, { name: 'Harbourside College', url: 'https://harbourside.example.org', email: 'badges@harbourside.example.org', kind: 'college' })
  const issuerKey = (await api(base, cityAdminKey, 'POST', `/v1/cities/${slug}/api-keys`, { name: 'issuer', role: 'issuer', organisationId: org.id })).key as string
  const klass = await api(base, issuerKey, 'POST', `/v1/cities/${slug}/badge-classes`, {
    organisationId: org.id, name: 'Digital Maker', description: 'Built and shared a digital project.', image: PNG_URI,
    criteria: { narrative: 'Make something digital.' }, spine: { elements: ['col.digital'], level: 'participation', dimensions: ['skills'] },
  })
  await api(base, issuerKey, 'POST', `/v1/cities/${slug}/badge-classes/${klass.id}/submit`)
  await api(base, cityAdminKey, 'POST', `/v1/cities/${slug}/badge-classes/${klass.id}/approve`)
  return { slug, cityAdminKey, orgId: org.id, issuerKey, classId: klass.id }
}

// --- figures -------------------------------------------------------------------------------------------------------

/** Appends one item's figures to reliability/.tmp/figures.jsonl (RELIABILITY.md is written from them). */
export function recordFigures (item: string, figures: Record<string, unknown>): void {
  mkdirSync(OUT, { recursive: true })
  const line = { item, profile: PROFILE, at: new Date().toISOString(), ...figures }
  appendFileSync(path.join(OUT, 'figures.jsonl'), JSON.stringify(line) + '\n')
  process.stdout.write(`[reliability] ${JSON.stringify(line)}\n`)
}

/** Percentile of a list of numbers. */
export function pct (xs: number[], p: number): number {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
