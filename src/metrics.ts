import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client'

/** Prometheus metrics of one process; a registry per runtime so tests can build several apps. */
export function createMetrics (opts: { pendingEvents?: () => Promise<number> } = {}) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const http = httpMetrics(registry)
  const jobs = new Counter({
    name: 'citybadges_jobs_total', help: 'Event jobs processed by type and outcome',
    labelNames: ['type', 'outcome'] as const, registers: [registry],
  })
  const jobDuration = new Histogram({
    name: 'citybadges_job_duration_seconds', help: 'Event job duration', labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers: [registry],
  })
  const insightTables = new Histogram({
    name: 'citybadges_insight_table_compute_seconds', help: 'Kept insight tables computed, by cause: a first ask (request), a reader of an expired table (revalidation, in the background) or the refresher (refresh)',
    labelNames: ['cause'] as const, buckets: [0.05, 0.25, 1, 2.5, 5, 10, 30, 60], registers: [registry],
  })
  const pending = opts.pendingEvents
  new Gauge({
    name: 'citybadges_outbox_pending', help: 'Outbox events not yet handed to the queue', registers: [registry],
    async collect () {
      if (pending) this.set(await pending().catch(() => -1))
    },
  })
  return {
    registry,
    /** One answered HTTP request (every answer: Fastify's hook and the hosted fast path). */
    recordResponse: http.record,
    /** recordResponse of one method and route, bound once (for a hot path). */
    responseRecorder: http.recorder,
    jobDone (type: string, outcome: 'completed' | 'failed', seconds: number): void {
      jobs.inc({ type, outcome })
      jobDuration.observe({ type }, seconds)
    },
    insightTableComputed (cause: 'request' | 'revalidation' | 'refresh', seconds: number): void {
      insightTables.observe({ cause }, seconds)
    },
  }
}

export type Metrics = ReturnType<typeof createMetrics>

const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]

/**
 * The two per-request metrics (requests by method, route and status; duration by method and route), counted in plain
 * numbers and rendered in prom-client's format only when scraped. prom-client's own Counter and Histogram validate
 * and hash a labels object on every call, even through bound children: a measurable share of the hottest answers
 * (a cached hosted assertion takes about 25 µs in all). The label sets are a small fixed set (routes, statuses).
 */
function httpMetrics (registry: Registry) {
  // One entry per (method, route); statuses counted within it.
  const byRoute = new Map<string, { method: string; route: string; statuses: Map<number, number>; buckets: Float64Array; sum: number; count: number }>()
  const requestsName = 'citybadges_http_requests_total'
  const durationName = 'citybadges_http_request_duration_seconds'
  type Entry = { method: string; route: string; statuses: Map<number, number>; buckets: Float64Array; sum: number; count: number }
  const entryOf = (method: string, route: string): Entry | undefined => {
    const key = `${method} ${route}`
    let d = byRoute.get(key)
    if (!d) {
      if (byRoute.size >= 5_000) return undefined
      d = { method, route, statuses: new Map(), buckets: new Float64Array(HTTP_BUCKETS.length), sum: 0, count: 0 }
      byRoute.set(key, d)
    }
    return d
  }
  const add = (d: Entry, status: number, seconds: number): void => {
    d.statuses.set(status, (d.statuses.get(status) ?? 0) + 1)
    d.sum += seconds
    d.count++
    for (let i = 0; i < HTTP_BUCKETS.length; i++) {
      if (seconds <= HTTP_BUCKETS[i]!) { d.buckets[i]!++; break }
    }
  }
  const record = (method: string, route: string, status: number, seconds: number): void => {
    const d = entryOf(method, route)
    if (d) add(d, status, seconds)
  }
  /** record() of one method and route, its entry found once (the hosted fast path). */
  const recorder = (method: string, route: string) => {
    const d = entryOf(method, route)
    return d ? (status: number, seconds: number): void => add(d, status, seconds) : () => {}
  }
  registry.registerMetric({
    name: requestsName,
    get: () => ({
      name: requestsName, help: 'HTTP requests by method, route and status', type: 'counter', aggregator: 'sum',
      values: [...byRoute.values()].flatMap((d) => [...d.statuses].map(([status, n]) => ({ labels: { method: d.method, route: d.route, status: String(status) }, value: n }))),
    }),
  } as unknown as Metric)
  registry.registerMetric({
    name: durationName,
    get: () => ({
      name: durationName, help: 'HTTP request duration', type: 'histogram', aggregator: 'sum',
      values: [...byRoute.values()].flatMap((d) => {
        const labels = { method: d.method, route: d.route }
        let acc = 0
        return [
          ...HTTP_BUCKETS.map((le, i) => { acc += d.buckets[i]!; return { labels: { ...labels, le }, value: acc, metricName: `${durationName}_bucket` } }),
          { labels: { ...labels, le: '+Inf' }, value: d.count, metricName: `${durationName}_bucket` },
          { labels, value: d.sum, metricName: `${durationName}_sum` },
          { labels, value: d.count, metricName: `${durationName}_count` },
        ]
      }),
    }),
  } as unknown as Metric)
  return { record, recorder }
}
