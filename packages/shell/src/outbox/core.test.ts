import { openDB } from 'idb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createOutbox, type Outbox, type OutboxOptions, type SendResult } from './core.js'
import type { OutboxRecord } from './records.js'

let n = 0
const opened: Outbox[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

function make(over: Partial<OutboxOptions> = {}) {
  const o = createOutbox({ dbName: `outbox-test-${++n}`, send: async () => ({ status: 201 }), persist: false, ...over })
  opened.push(o)
  return o
}

/** A server that de-duplicates by Idempotency-Key the way packages/api/src/write.ts does. */
function fakeServer() {
  const seen = new Map<string, { hash: string; result: SendResult }>()
  const effects: unknown[] = []
  const requests: string[] = []
  const handle = (r: OutboxRecord): SendResult => {
    requests.push(r.id)
    const hash = `${r.method} ${r.path} ${JSON.stringify(r.body)}`
    const prior = seen.get(r.id)
    if (prior) return prior.hash === hash ? prior.result : { status: 409, body: { error: { code: 'idempotency_key_reused', message: 'reused' } } }
    effects.push(r.body)
    const result = { status: 201, body: { id: r.id } }
    seen.set(r.id, { hash, result })
    return result
  }
  return { handle, effects, requests }
}

describe('outbox core', () => {
  it('queues writes while offline and sends nothing', async () => {
    const send = vi.fn(async () => ({ status: 201 }))
    const o = make({ send, online: () => false })
    const id = await o.enqueue({ method: 'POST', path: '/api/v1/x', body: { a: 1 } })
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    await o.enqueue({ method: 'POST', path: '/api/v1/x', body: { a: 2 } })
    expect(await o.flush()).toBe('offline')
    expect(send).not.toHaveBeenCalled()
    expect(o.state.pending).toBe(2)
    expect(o.state.items.map((r) => r.seq)).toEqual([1, 2])
  })

  it('sends in order once online, each with its id as Idempotency-Key', async () => {
    let online = false
    const server = fakeServer()
    const o = make({ online: () => online, send: async (r) => server.handle(r) })
    const ids = [] as string[]
    for (const a of [1, 2, 3]) ids.push(await o.enqueue({ method: 'POST', path: '/api/v1/x', body: { a } }))
    expect(await o.flush()).toBe('offline')
    online = true
    expect(await o.flush()).toBe('empty')
    expect(server.requests).toEqual(ids)
    expect(server.effects).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }])
    expect(o.state.pending).toBe(0)
  })

  it('sends on the online event after start()', async () => {
    let online = false
    const send = vi.fn(async () => ({ status: 201 }))
    const o = make({ online: () => online, send })
    o.start()
    await o.enqueue({ method: 'POST', path: '/api/v1/x', body: {} })
    await o.flush()
    expect(send).not.toHaveBeenCalled()
    online = true
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(o.state.pending).toBe(0))
    expect(send).toHaveBeenCalledOnce()
  })

  it('survives a reload: a new instance on the same database continues the queue', async () => {
    const dbName = `outbox-reload-${++n}`
    const first = createOutbox({ dbName, send: async () => ({ status: 201 }), online: () => false, persist: false })
    const a = await first.enqueue({ method: 'POST', path: '/api/v1/x', body: { a: 1 } })
    const b = await first.enqueue({ method: 'PUT', path: '/api/v1/y', body: { b: 2 } })
    await first.close()

    const sent: string[] = []
    const second = make({ dbName, send: async (r) => (sent.push(r.id), { status: 200 }) })
    await second.ready
    expect(second.state.items.map((r) => [r.id, r.seq, r.method])).toEqual([[a, 1, 'POST'], [b, 2, 'PUT']])
    const c = await second.enqueue({ method: 'POST', path: '/api/v1/z' })
    expect(second.state.items.at(-1)?.seq).toBe(3)
    expect(await second.flush()).toBe('empty')
    expect(sent).toEqual([a, b, c])
  })

  it('replays safely: a lost response is resent with the same key and takes effect once', async () => {
    const server = fakeServer()
    let loseNext = true
    const o = make({
      send: async (r) => {
        const res = server.handle(r)
        if (loseNext) {
          loseNext = false
          throw new TypeError('Failed to fetch') // the server did the work; the answer never arrived
        }
        return res
      },
    })
    const id = await o.enqueue({ method: 'POST', path: '/api/v1/x', body: { cup: 1 } })
    expect(await o.flush()).toBe('retrying')
    expect(o.state.items[0]).toMatchObject({ id, attempts: 1, status: 'pending', lastError: { status: 0, code: 'network_error' } })
    expect(await o.flush()).toBe('empty')
    expect(server.requests).toEqual([id, id])
    expect(server.effects).toEqual([{ cup: 1 }])
  })

  it('retries 5xx, 408 and 429, keeping the head in place', async () => {
    const answers = [503, 429, 408, 201]
    const send = vi.fn(async () => ({ status: answers.shift() ?? 201 }))
    const o = make({ send })
    await o.enqueue({ method: 'POST', path: '/api/v1/a' })
    await o.enqueue({ method: 'POST', path: '/api/v1/b' })
    for (let i = 0; i < 3; i++) expect(await o.flush()).toBe('retrying')
    expect(o.state.items[0]!.attempts).toBe(3)
    expect(send.mock.calls.every((c) => (c as unknown as [OutboxRecord])[0].path === '/api/v1/a')).toBe(true)
    expect(await o.flush()).toBe('empty')
    expect(send).toHaveBeenCalledTimes(5)
  })

  it('retries with backoff by itself once started', async () => {
    const answers = [500, 502]
    const send = vi.fn(async () => ({ status: answers.shift() ?? 201 }))
    const o = make({ send, backoff: () => 5 })
    o.start()
    await o.enqueue({ method: 'POST', path: '/api/v1/a' })
    await vi.waitFor(() => expect(o.state.items).toHaveLength(0))
    expect(send).toHaveBeenCalledTimes(3)
  })

  it('moves a permanent 4xx to failed, where it blocks the queue until retried', async () => {
    let reject = true
    const sent: string[] = []
    const o = make({
      send: async (r) => {
        if (reject && r.path === '/api/v1/bad') return { status: 422, body: { error: { code: 'out_of_stock', message: 'No stock.' } } }
        sent.push(r.path)
        return { status: 201 }
      },
    })
    const bad = await o.enqueue({ method: 'POST', path: '/api/v1/bad' })
    await o.enqueue({ method: 'POST', path: '/api/v1/after' })
    expect(await o.flush()).toBe('blocked')
    expect(await o.flush()).toBe('blocked') // not retried forever, not dropped, nothing overtakes it
    expect(sent).toEqual([])
    expect(o.state.failed).toMatchObject([{ id: bad, status: 'failed', attempts: 1, lastError: { status: 422, code: 'out_of_stock', message: 'No stock.' } }])
    // The refusal's body is kept with it (an app may show what it carries, e.g. a 409's current values).
    expect(o.state.failed[0]!.lastError!.body).toEqual({ error: { code: 'out_of_stock', message: 'No stock.' } })
    expect(o.state.pending).toBe(1)

    reject = false
    await o.retry(bad)
    expect(o.state.items[0]).toMatchObject({ id: bad, seq: 1, status: 'pending' })
    expect(await o.flush()).toBe('empty')
    expect(sent).toEqual(['/api/v1/bad', '/api/v1/after'])
  })

  it('lets the queue go on once the user discards a failed write', async () => {
    const sent: string[] = []
    const o = make({
      send: async (r) => (r.path === '/api/v1/bad' ? { status: 403 } : (sent.push(r.path), { status: 201 })),
    })
    const bad = await o.enqueue({ method: 'POST', path: '/api/v1/bad' })
    await o.enqueue({ method: 'POST', path: '/api/v1/after' })
    expect(await o.flush()).toBe('blocked')
    expect(o.state.failed[0]?.lastError?.code).toBe('http_403')
    await o.discard(bad)
    expect(await o.flush()).toBe('empty')
    expect(sent).toEqual(['/api/v1/after'])
  })

  it('treats 409 idempotency_key_reused as a permanent failure', async () => {
    const server = fakeServer()
    const o = make({ send: async (r) => server.handle(r) })
    const id = crypto.randomUUID()
    server.handle({ v: 2, id, seq: 0, method: 'POST', path: '/api/v1/x', body: { other: true }, createdAt: '', attempts: 0, lastError: null, status: 'pending' })
    await o.enqueue({ id, method: 'POST', path: '/api/v1/x', body: { mine: true } })
    expect(await o.flush()).toBe('blocked')
    expect(o.state.failed[0]?.lastError).toMatchObject({ status: 409, code: 'idempotency_key_reused' })
  })

  it('pauses on 401 without losing the write, and resumes after signing in', async () => {
    let signedIn = false
    const onUnauthorized = vi.fn()
    const o = make({ send: async () => ({ status: signedIn ? 201 : 401 }), onUnauthorized })
    await o.enqueue({ method: 'POST', path: '/api/v1/x' })
    expect(await o.flush()).toBe('paused')
    expect(await o.flush()).toBe('paused')
    expect(onUnauthorized).toHaveBeenCalledOnce()
    expect(o.state).toMatchObject({ paused: true, pending: 1 })
    signedIn = true
    expect(await o.resume()).toBe('empty')
  })

  it('stamps createdAt with the given clock and uses a caller-made id', async () => {
    const o = make({ now: () => new Date('2026-03-01T08:00:00.000Z'), online: () => false })
    await o.enqueue({ id: 'sale-0001', method: 'POST', path: '/api/v1/x', body: { a: 1 } })
    expect(await o.list()).toMatchObject([{ v: 2, id: 'sale-0001', seq: 1, createdAt: '2026-03-01T08:00:00.000Z', attempts: 0, lastError: null, status: 'pending' }])
  })

  it('asks once for persistent storage when it opens', async () => {
    const persist = vi.fn(async () => true)
    const o = make({ persist })
    await o.ready
    await o.enqueue({ method: 'POST', path: '/api/v1/x' })
    await o.flush()
    expect(persist).toHaveBeenCalledOnce()
  })

  it('uses navigator.storage.persist() by default', async () => {
    const persist = vi.fn(async () => true)
    const persisted = vi.fn(async () => false)
    vi.stubGlobal('navigator', { storage: { persist, persisted }, onLine: true })
    try {
      const o = createOutbox({ dbName: `outbox-persist-${++n}`, send: async () => ({ status: 201 }) })
      opened.push(o)
      await o.ready
      expect(persisted).toHaveBeenCalledOnce()
      expect(persist).toHaveBeenCalledOnce()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('outbox records v1 → v2', () => {
  it('upgrades v1 records on open, giving them seq in creation order', async () => {
    const dbName = `outbox-v1-${++n}`
    // The version-1 layout exactly as the first build wrote it.
    const old = await openDB(dbName, 1, { upgrade: (db) => db.createObjectStore('outbox', { keyPath: 'id' }) })
    await old.put('outbox', { v: 1, id: 'zz-later', method: 'POST', path: '/api/v1/b', body: { b: 1 }, createdAt: '2026-01-02T00:00:00.000Z', status: 'pending' })
    await old.put('outbox', { v: 1, id: 'aa-earlier', method: 'POST', path: '/api/v1/a', body: { a: 1 }, createdAt: '2026-01-01T00:00:00.000Z', status: 'failed', error: 'boom' })
    old.close()

    const o = make({ dbName, online: () => false })
    await o.ready
    expect(o.state.items).toEqual([
      { v: 2, id: 'aa-earlier', seq: 1, method: 'POST', path: '/api/v1/a', body: { a: 1 }, createdAt: '2026-01-01T00:00:00.000Z', attempts: 0, lastError: { status: 0, code: 'unknown', message: 'boom', at: '2026-01-01T00:00:00.000Z' }, status: 'failed' },
      { v: 2, id: 'zz-later', seq: 2, method: 'POST', path: '/api/v1/b', body: { b: 1 }, createdAt: '2026-01-02T00:00:00.000Z', attempts: 0, lastError: null, status: 'pending' },
    ])
    await o.enqueue({ method: 'POST', path: '/api/v1/c' })
    expect(o.state.items.map((r) => r.seq)).toEqual([1, 2, 3])
  })
})
