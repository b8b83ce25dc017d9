import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { CanonError } from '../../ob/v3/canon.js'
import type { CanonErrorCode } from '../../ob/v3/canon.js'
import type { CanonReply, CanonRequest } from './jsonld-worker.js'

/**
 * A small pool of worker threads that canonicalise UNTRUSTED JSON-LD (documents handed to POST /v1/verify, status
 * lists and other documents fetched while verifying), so that a hostile document costs a bounded amount of CPU time
 * and memory and never blocks the event loop (issue #14 item 1):
 * - each worker has a V8 heap limit (`resourceLimits`); running out ends that worker, not the process;
 * - each job has a hard deadline from submission (queue wait included); when it passes, the worker running it is
 *   terminated (V8 stops it mid-computation) and a fresh one takes its place;
 * - the queue is bounded; beyond it a job fails at once.
 * Every failure is a {@link CanonError} (`too_complex` for time/memory, `busy` for a full queue), which the verifier
 * reports as a failed check. Our own signing path and our own credentials' fast path stay in-thread.
 *
 * The worker is `jsonld-worker.js` next to this module in `dist/`, or `jsonld-worker.ts` through tsx when we run
 * from source (npm start, vitest).
 */

export interface JsonLdPoolOptions {
  /** Worker threads; default 2. */
  size?: number
  /** Deadline of one job from submission, default 1 500 ms (the verify answer must come within 2 s). */
  deadlineMs?: number
  /** V8 old-generation heap of each worker, default 128 MB. */
  maxHeapMb?: number
  /** Jobs waiting for a worker beyond which new ones fail with `busy`; default 64. */
  maxQueue?: number
}

export interface JsonLdPool {
  /** RDFC-1.0 canonical N-Quads of `doc` (as canon.ts `canonizeGeneral`), computed in a worker. */
  canonize(doc: object): Promise<string>
  /** Starts the workers if they have not started, and resolves when every one has loaded (tests and benchmarks). */
  ready(): Promise<void>
  /** Terminates every worker; later calls fail. */
  close(): Promise<void>
  /** Counters for tests and metrics. */
  stats(): { workers: number; busy: number; queued: number; terminated: number }
}

interface Job {
  id: number
  doc: string
  resolve: (nquads: string) => void
  reject: (err: Error) => void
  timer: ReturnType<typeof setTimeout>
  slot?: Slot
}

interface Slot {
  worker: Worker
  ready: boolean
  job?: Job
}

const fromSource = import.meta.url.endsWith('.ts')

/** What a job submitted before any worker has loaded may wait for the first one, on top of its deadline. */
const COLD_START_MS = 5_000

/**
 * The worker's entry. Compiled: `jsonld-worker.js` itself. From source: a tiny ES module (a data: URL) that registers
 * tsx's loader inside the worker and then imports `jsonld-worker.ts` (`--import tsx` in a worker's execArgv does not
 * apply to its entry on Node 20, and under vitest the parent has no loader to inherit).
 */
function workerEntry(): URL {
  if (!fromSource) return new URL('./jsonld-worker.js', import.meta.url)
  const apiCjs = createRequire(import.meta.url).resolve('tsx/esm/api')
  const api = pathToFileURL(path.join(path.dirname(apiCjs), 'index.mjs')).href
  const target = new URL('./jsonld-worker.ts', import.meta.url).href
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(target)})`
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
}

export function createJsonLdPool(opts: JsonLdPoolOptions = {}): JsonLdPool {
  const size = Math.max(1, opts.size ?? 2)
  const deadlineMs = opts.deadlineMs ?? 1_500
  const maxHeapMb = opts.maxHeapMb ?? 128
  const maxQueue = opts.maxQueue ?? 64
  const slots: Slot[] = []
  const queue: Job[] = []
  let nextId = 1
  let terminated = 0
  let closed = false
  let broken = false
  let startFailures = 0
  // The workers start at the first job (or ready()), not at creation: each one loads jsonld and the Data Integrity
  // suites (tens of MB), and most API processes never verify anything.
  let wanted = false
  let warm = false
  const readyWaiters: Array<() => void> = []

  const entry = workerEntry()
  const fail = (code: CanonErrorCode, message: string): CanonError => new CanonError(code, message)

  function spawn(): Slot {
    const worker = new Worker(entry, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    })
    worker.unref() // an idle pool never keeps the process alive
    const slot: Slot = { worker, ready: false }
    worker.on('message', (reply: CanonReply) => {
      if ('ready' in reply) {
        slot.ready = true
        warm = true
        startFailures = 0
        for (const waiter of readyWaiters.splice(0)) waiter()
        pump()
        return
      }
      const job = slot.job
      if (job === undefined || job.id !== reply.id) return
      finish(slot, job)
      if (reply.ok) job.resolve(reply.nquads)
      else job.reject(fail(reply.code as CanonErrorCode, reply.message))
    })
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY), a crash, or our own terminate(): replace the worker.
    const gone = (err?: Error): void => {
      const index = slots.indexOf(slot)
      if (index < 0) return
      slots.splice(index, 1)
      // A worker that dies before loading would die again: after a few in a row, stop respawning (jobs fail `busy`).
      startFailures = slot.ready ? 0 : startFailures + 1
      if (startFailures >= 3 && !broken) {
        broken = true
        for (const job of queue.splice(0)) {
          clearTimeout(job.timer)
          job.reject(fail('busy', `JSON-LD workers cannot start${err ? `: ${err.message}` : ''}`))
        }
      }
      const job = slot.job
      if (job !== undefined) {
        clearTimeout(job.timer)
        slot.job = undefined
        const oom = (err as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
        job.reject(fail('too_complex', oom ? `JSON-LD processing exceeded its ${maxHeapMb} MB memory limit` : 'JSON-LD worker stopped'))
      }
      pump()
    }
    worker.on('error', gone)
    worker.on('exit', () => gone())
    slots.push(slot)
    return slot
  }

  function finish(slot: Slot, job: Job): void {
    clearTimeout(job.timer)
    slot.job = undefined
    slot.worker.unref()
    pump()
  }

  function pump(): void {
    while (wanted && !closed && !broken && slots.length < size) spawn()
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.ready && s.job === undefined)
      if (slot === undefined) return
      const job = queue.shift()!
      slot.job = job
      job.slot = slot
      slot.worker.ref() // a running job keeps the process alive until it answers
      slot.worker.postMessage({ id: job.id, doc: job.doc } satisfies CanonRequest)
    }
  }

  function onDeadline(job: Job): void {
    const waiting = queue.indexOf(job)
    if (waiting >= 0) queue.splice(waiting, 1)
    const slot = job.slot
    if (slot !== undefined && slot.job === job) {
      slot.job = undefined
      terminated++
      const index = slots.indexOf(slot)
      if (index >= 0) slots.splice(index, 1)
      void slot.worker.terminate()
      pump() // spawns its replacement at once
    }
    job.reject(fail('too_complex', `JSON-LD processing exceeded its ${deadlineMs} ms time limit`))
  }

  return {
    async ready() {
      wanted = true
      pump()
      while (!closed && !broken && !(slots.length >= size && slots.every((s) => s.ready))) {
        await new Promise<void>((resolve) => readyWaiters.push(resolve))
      }
    },
    canonize(doc) {
      if (closed) return Promise.reject(fail('busy', 'the JSON-LD pool is closed'))
      if (broken) return Promise.reject(fail('busy', 'JSON-LD workers cannot start'))
      if (queue.length >= maxQueue) return Promise.reject(fail('busy', 'too many JSON-LD documents waiting; try again'))
      let text: string
      try {
        text = JSON.stringify(doc)
      } catch {
        return Promise.reject(fail('malformed', 'document is not serialisable JSON'))
      }
      wanted = true
      return new Promise<string>((resolve, reject) => {
        const job: Job = { id: nextId++, doc: text, resolve, reject, timer: undefined as unknown as ReturnType<typeof setTimeout> }
        // Before any worker has loaded, a job's deadline also allows for the loading (the first job after start).
        job.timer = setTimeout(() => onDeadline(job), warm ? deadlineMs : deadlineMs + COLD_START_MS)
        queue.push(job)
        pump()
      })
    },
    async close() {
      closed = true
      for (const job of queue.splice(0)) {
        clearTimeout(job.timer)
        job.reject(fail('busy', 'the JSON-LD pool is closed'))
      }
      const all = slots.splice(0)
      for (const slot of all) {
        if (slot.job !== undefined) {
          clearTimeout(slot.job.timer)
          slot.job.reject(fail('busy', 'the JSON-LD pool is closed'))
        }
      }
      await Promise.all(all.map((s) => s.worker.terminate()))
    },
    stats: () => ({ workers: slots.length, busy: slots.filter((s) => s.job !== undefined).length, queued: queue.length, terminated }),
  }
}
