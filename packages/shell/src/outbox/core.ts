import { append, deleteRecord, getRecord, openOutboxDb, putRecord, readAll, type OutboxDb } from './db.js'
import type { OutboxError, OutboxMethod, OutboxRecord } from './records.js'
import { newClientId } from '../api/ids.js'

/** What the server answered; `send` throws instead when the request never got an answer. */
export interface SendResult {
  status: number
  body?: unknown
  /** From a `Retry-After` header (408/429/503), used instead of the backoff. */
  retryAfterMs?: number
}

export interface OutboxOptions {
  /** One database per app: the four apps share an origin. */
  dbName: string
  /** Sends one record with `Idempotency-Key: record.id`; throws on a network failure. */
  send: (record: OutboxRecord) => Promise<SendResult>
  /** Clock for `createdAt` and error times (tests pin it). */
  now?: () => Date
  /** Default: `navigator.onLine`. */
  online?: () => boolean
  /** Delay before retry number `attempts` after a network error, 5xx, 408 or 429. */
  backoff?: (attempts: number) => number
  /** Asks the browser to keep this origin's storage under pressure; `false` skips it. */
  persist?: (() => Promise<boolean>) | false
  newId?: () => string
  onSent?: (record: OutboxRecord, result: SendResult) => void
  /** A 401: the queue pauses (nothing is lost) until `resume()` after signing in again. */
  onUnauthorized?: (record: OutboxRecord) => void
}

export interface OutboxState {
  /** Every stored record in send order (pending and failed). */
  items: OutboxRecord[]
  /** Records still to send (not counting failed ones). */
  pending: number
  /** Refused by the server for good; they block the queue until retried or discarded. */
  failed: OutboxRecord[]
  online: boolean
  sending: boolean
  /** Paused by a 401 until `resume()`. */
  paused: boolean
}

/** How a drain ended: nothing left, no network, a failed head, waiting to retry, paused by a 401, stopped. */
export type DrainResult = 'empty' | 'offline' | 'blocked' | 'retrying' | 'paused' | 'stopped'

export interface NewWrite {
  method: OutboxMethod
  /** The full API path, e.g. `/api/v1/teahouse/sales`. */
  path: string
  body?: unknown
  /** A client UUID made beforehand (e.g. also used as the new entity's id); default: a new one. */
  id?: string
}

export interface Outbox {
  /** Resolves once the database is open (and migrated). */
  readonly ready: Promise<void>
  readonly state: OutboxState
  /** Stores the write durably and returns its id (the Idempotency-Key) without waiting for the network. */
  enqueue(write: NewWrite): Promise<string>
  list(): Promise<OutboxRecord[]>
  /** Sends from the head until empty, offline, blocked, retrying or paused. Sends at once, ignoring backoff. */
  flush(): Promise<DrainResult>
  /** Puts a failed record back in line at its old place (same seq, same Idempotency-Key) and sends. */
  retry(id: string): Promise<void>
  /** Removes a record the user chose to give up; later records may then go. */
  discard(id: string): Promise<void>
  /** Lifts a 401 pause (after signing in again) and sends. */
  resume(): Promise<DrainResult>
  /** Sends on the `online` event and retries after failures with backoff. */
  start(): void
  stop(): void
  close(): Promise<void>
  subscribe(listener: (state: OutboxState) => void): () => void
}

const defaultBackoff = (attempts: number) => {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

async function defaultPersist(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  if (!storage?.persist) return false
  if (await storage.persisted?.()) return true
  return storage.persist()
}

/** 408 and 429 say "later"; 401 pauses; every other 4xx (409 `idempotency_key_reused` too) will never succeed. */
export function isPermanentFailure(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429
}

function errorOf(r: SendResult, at: string): OutboxError {
  const e = (r.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  return {
    status: r.status,
    code: typeof e?.code === 'string' ? e.code : `http_${r.status}`,
    message: typeof e?.message === 'string' ? e.message : `HTTP ${r.status}`,
    at,
    ...(r.body === undefined ? {} : { body: r.body }),
  }
}

/**
 * A durable FIFO of writes for offline clients, free of Vue so it can be tested alone. Strict order:
 * only the head is ever in flight and nothing overtakes it, so a server sees writes in the order
 * they were made. Resending is safe because each record's id is its Idempotency-Key.
 *
 * Decision: a permanently refused head moves to `failed` and keeps blocking the queue until the
 * user retries or discards it — later writes may depend on it (a sale, then its redemption), so
 * letting them overtake could break the server's view of causality.
 */
export function createOutbox(opts: OutboxOptions): Outbox {
  const now = opts.now ?? (() => new Date())
  const online = opts.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false)
  const backoff = opts.backoff ?? defaultBackoff
  const newId = opts.newId ?? newClientId
  const listeners = new Set<(s: OutboxState) => void>()
  let state: OutboxState = { items: [], pending: 0, failed: [], online: online(), sending: false, paused: false }
  let db: OutboxDb | undefined
  let started = false
  let stopped = false
  let paused = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<DrainResult> | null = null
  let rerun = false

  const ready = openOutboxDb(opts.dbName).then(async (d) => {
    db = d
    if (opts.persist !== false) await (opts.persist ?? defaultPersist)().catch(() => false)
    await refresh()
  })

  function set(patch: Partial<OutboxState>) {
    state = { ...state, ...patch, online: online(), paused }
    for (const l of listeners) l(state)
  }
  async function refresh(): Promise<OutboxRecord[]> {
    const items = await readAll(db!)
    set({ items, pending: items.filter((r) => r.status === 'pending').length, failed: items.filter((r) => r.status === 'failed') })
    return items
  }
  function schedule(ms: number) {
    clearTimeout(timer)
    if (started) timer = setTimeout(() => void flush(), ms)
  }

  async function drain(): Promise<DrainResult> {
    await ready
    clearTimeout(timer)
    for (;;) {
      if (stopped) return 'stopped'
      if (!online()) {
        set({})
        return 'offline'
      }
      if (paused) return 'paused'
      const head = (await refresh())[0]
      if (!head) return 'empty'
      if (head.status === 'failed') return 'blocked'
      set({ sending: true })
      let result: SendResult | undefined
      let thrown: unknown
      try {
        result = await opts.send(head)
      } catch (err) {
        thrown = err
      }
      set({ sending: false })
      if (result && result.status >= 200 && result.status < 300) {
        await deleteRecord(db!, head.id)
        opts.onSent?.(head, result)
        continue
      }
      const at = now().toISOString()
      const lastError = result ? errorOf(result, at) : { status: 0, code: 'network_error', message: thrown instanceof Error ? thrown.message : String(thrown), at }
      const next: OutboxRecord = { ...head, attempts: head.attempts + 1, lastError }
      if (result?.status === 401) {
        paused = true
        await putRecord(db!, next)
        await refresh()
        opts.onUnauthorized?.(next)
        return 'paused'
      }
      if (result && isPermanentFailure(result.status)) {
        await putRecord(db!, { ...next, status: 'failed' })
        await refresh()
        return 'blocked'
      }
      await putRecord(db!, next)
      await refresh()
      schedule(result?.retryAfterMs ?? backoff(next.attempts))
      return 'retrying'
    }
  }

  function flush(): Promise<DrainResult> {
    if (running) {
      rerun = true
      return running
    }
    const run = (async () => {
      let r: DrainResult
      do {
        rerun = false
        r = await drain()
      } while (rerun)
      return r
    })()
    running = run
    void run.finally(() => {
      if (running === run) running = null
    })
    return run
  }

  const onOnline = () => void flush()
  const onOffline = () => set({})

  return {
    ready,
    get state() {
      return state
    },
    async enqueue(w) {
      await ready
      const rec = await append(db!, (seq) => ({
        v: 2,
        id: w.id ?? newId(),
        seq,
        method: w.method,
        path: w.path,
        body: w.body ?? null,
        createdAt: now().toISOString(),
        attempts: 0,
        lastError: null,
        status: 'pending',
      }))
      await refresh()
      if (started) void flush()
      return rec.id
    },
    async list() {
      await ready
      return readAll(db!)
    },
    flush,
    async retry(id) {
      await ready
      const rec = await getRecord(db!, id)
      if (!rec) return
      await putRecord(db!, { ...rec, status: 'pending', attempts: 0 })
      await refresh()
      if (started) void flush()
    },
    async discard(id) {
      await ready
      await deleteRecord(db!, id)
      await refresh()
      if (started) void flush()
    },
    resume() {
      paused = false
      set({})
      return flush()
    },
    start() {
      if (started) return
      started = true
      stopped = false
      if (typeof window !== 'undefined') {
        window.addEventListener('online', onOnline)
        window.addEventListener('offline', onOffline)
      }
      void flush()
    },
    stop() {
      started = false
      stopped = true
      clearTimeout(timer)
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline)
        window.removeEventListener('offline', onOffline)
      }
    },
    async close() {
      this.stop()
      await ready.catch(() => undefined)
      await running?.catch(() => undefined)
      db?.close()
    },
    subscribe(listener) {
      listeners.add(listener)
      listener(state)
      return () => listeners.delete(listener)
    },
  }
}
