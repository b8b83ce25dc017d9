import { createHook } from 'node:async_hooks'

/**
 * Keeps one of Node's tick objects (what `process.nextTick` queues) alive for the life of the process. Imported
 * first by the process entry points (server.ts, worker.ts), before anything else has run.
 *
 * Why: an HTTP answer queues about eight ticks inside Node (stream and socket bookkeeping). In our API process, V8
 * sooner or later starts building these objects through a slow generic path: in a benchmark of cached hosted
 * assertions, 11 % of all CPU samples fell on the three lines of `nextTick` that fill in the new object
 * (node:internal/process/task_queues, lines 127–129 in Node 20), in 3 of 3 processes; with one tick object kept, 0 %
 * in 3 of 3 (bench/RESULTS.md, 2026-12-01). A small process is not spared, only later: a bare Fastify baseline fell
 * into the same path in the middle of a benchmark (14 % of its samples), so the benchmarks' baseline runs with it too.
 * The effect is measured; the mechanism is our reading of it: the hidden classes of tick objects are held only
 * weakly, and when a garbage collection drops them the next tick objects get new ones, which the optimised
 * `nextTick` then handles as megamorphic. One live tick object holds its hidden class, so that never happens.
 *
 * The object is caught through a short-lived async hook (enabled for one `process.nextTick` call, then disabled);
 * if a Node version no longer reports tick objects this way, nothing is kept and nothing else changes.
 */
let kept: object | undefined

function keepOne (): void {
  const hook = createHook({
    init (_id, type, _trigger, resource) {
      if (type === 'TickObject' && kept === undefined) kept = resource as object
    },
  })
  hook.enable()
  try {
    process.nextTick(() => {})
  } finally {
    hook.disable()
  }
}

keepOne()

/** The tick object held (undefined when this Node version did not report one). */
export const keptTickObject = (): object | undefined => kept
