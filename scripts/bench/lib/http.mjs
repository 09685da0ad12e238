// A small keep-alive HTTP/1.1 client (node:http, lighter on this machine's two cores than fetch),
// a bounded load runner and latency statistics. Only ever pointed at 127.0.0.1.
import http from 'node:http'
import { performance } from 'node:perf_hooks'

/** A client for one server; `request` resolves with status, parsed JSON and time to the last byte. */
export function client(baseUrl, { maxSockets = 32 } = {}) {
  const u = new URL(baseUrl)
  if (u.hostname !== '127.0.0.1') throw new Error(`the bench only loads 127.0.0.1, not ${u.hostname}`)
  const agent = new http.Agent({ keepAlive: true, maxSockets })

  /** `headers`: extra request headers (an Idempotency-Key); the answer's `bytes` is the body's length in bytes. */
  function request(method, path, { cookie, body, headers: extra, timeoutMs = 30_000 } = {}) {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
      const headers = { accept: 'application/json' }
      if (cookie) headers.cookie = cookie
      if (extra) Object.assign(headers, extra)
      if (payload) {
        headers['content-type'] = 'application/json'
        headers['content-length'] = String(payload.length)
      }
      const t0 = performance.now()
      const req = http.request({ host: u.hostname, port: u.port, method, path, headers, agent }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const ms = performance.now() - t0
          const buf = Buffer.concat(chunks)
          const text = buf.toString('utf8')
          let json
          try {
            json = text ? JSON.parse(text) : undefined
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, bytes: buf.length, head: buf.subarray(0, 4), ms })
        })
      })
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)))
      req.on('error', reject)
      if (payload) req.write(payload)
      req.end()
    })
  }

  return { request, close: () => agent.destroy() }
}

/** The `name=value` part of a response's first Set-Cookie header. */
export function cookieOf(res) {
  const set = res.headers['set-cookie']
  const first = Array.isArray(set) ? set[0] : set
  if (!first) throw new Error(`no session cookie in the answer (${res.status})`)
  return first.split(';')[0]
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export function stats(latencies) {
  const s = [...latencies].sort((a, b) => a - b)
  const sum = s.reduce((a, b) => a + b, 0)
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.length ? s[s.length - 1] : NaN, mean: s.length ? sum / s.length : NaN }
}

/**
 * Runs `task(i)` for i = 0..count-1 with at most `concurrency` in flight, and starts nothing new
 * once `capMs` has passed (each request also has its own timeout). `task` resolves with
 * `{ ms, ok, note? }`; a throw counts as a failure. Returns latency statistics over the completed
 * tasks, the wall time, throughput, failures (first few) and whether the cap cut it short.
 * `until()` true stops it early without counting as cut short (a dynamic count).
 */
export async function runLoad({ count, concurrency, capMs, task, until = () => false }) {
  if (concurrency > 16) throw new Error('the bench keeps concurrency at 16 or less')
  const latencies = []
  const failures = []
  let failed = 0
  let next = 0
  let timedOut = false
  const t0 = performance.now()
  const deadline = t0 + capMs
  async function worker() {
    while (next < count && !until()) {
      if (performance.now() > deadline) {
        timedOut = true
        return
      }
      const i = next++
      try {
        const r = await task(i)
        latencies.push(r.ms)
        if (!r.ok) {
          failed++
          if (failures.length < 5) failures.push(`#${i}: ${r.note ?? 'unexpected answer'}`)
        }
      } catch (err) {
        failed++
        if (failures.length < 5) failures.push(`#${i}: ${err?.message ?? err}`)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker))
  const wallMs = performance.now() - t0
  return { ...stats(latencies), requested: count, concurrency, completed: latencies.length, failed, failures, timedOut, wallMs, perSecond: latencies.length / (wallMs / 1000) }
}
