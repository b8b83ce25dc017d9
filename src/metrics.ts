import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Prometheus metrics of one process; a registry per runtime so tests can build several apps. */
export function createMetrics (opts: { pendingEvents?: () => Promise<number> } = {}) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const httpRequests = new Counter({
    name: 'citybadges_http_requests_total', help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const, registers: [registry],
  })
  const httpDuration = new Histogram({
    name: 'citybadges_http_request_duration_seconds', help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const, buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  })
  const jobs = new Counter({
    name: 'citybadges_jobs_total', help: 'Event jobs processed by type and outcome',
    labelNames: ['type', 'outcome'] as const, registers: [registry],
  })
  const jobDuration = new Histogram({
    name: 'citybadges_job_duration_seconds', help: 'Event job duration', labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers: [registry],
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
    httpRequests,
    httpDuration,
    jobDone (type: string, outcome: 'completed' | 'failed', seconds: number): void {
      jobs.inc({ type, outcome })
      jobDuration.observe({ type }, seconds)
    },
  }
}

export type Metrics = ReturnType<typeof createMetrics>
