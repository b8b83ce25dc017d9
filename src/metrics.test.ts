import { describe, expect, it } from 'vitest'
import { createMetrics } from './metrics.js'

// The per-request metrics are counted outside prom-client (src/metrics.ts): they must still read as Prometheus does.
describe('HTTP metrics', () => {
  it('counts requests by method, route and status, and durations in cumulative buckets', async () => {
    const m = createMetrics()
    m.recordResponse('GET', '/ob/v2/assertions/:id', 200, 0.0004)
    m.recordResponse('GET', '/ob/v2/assertions/:id', 200, 0.003)
    m.recordResponse('GET', '/ob/v2/assertions/:id', 304, 0.02)
    m.recordResponse('POST', '/v1/cities/:city/awards', 201, 30)
    const text = await m.registry.metrics()
    const line = (s: string): string | undefined => text.split('\n').find((l) => l.startsWith(s))
    expect(line('citybadges_http_requests_total{method="GET",route="/ob/v2/assertions/:id",status="200"}')).toMatch(/ 2$/)
    expect(line('citybadges_http_requests_total{method="GET",route="/ob/v2/assertions/:id",status="304"}')).toMatch(/ 1$/)
    const bucket = (route: string, le: string) => line(`citybadges_http_request_duration_seconds_bucket{method="${route.startsWith('/v1') ? 'POST' : 'GET'}",route="${route}",le="${le}"}`)
    expect(bucket('/ob/v2/assertions/:id', '0.001')).toMatch(/ 1$/)
    expect(bucket('/ob/v2/assertions/:id', '0.005')).toMatch(/ 2$/)
    expect(bucket('/ob/v2/assertions/:id', '0.025')).toMatch(/ 3$/)
    expect(bucket('/ob/v2/assertions/:id', '+Inf')).toMatch(/ 3$/)
    // Above the last bound: only in +Inf.
    expect(bucket('/v1/cities/:city/awards', '10')).toMatch(/ 0$/)
    expect(bucket('/v1/cities/:city/awards', '+Inf')).toMatch(/ 1$/)
    expect(line('citybadges_http_request_duration_seconds_sum{method="GET",route="/ob/v2/assertions/:id"}')).toMatch(/ 0\.0234$/)
    expect(line('citybadges_http_request_duration_seconds_count{method="POST",route="/v1/cities/:city/awards"}')).toMatch(/ 1$/)
  })
})
