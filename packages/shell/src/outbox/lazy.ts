import { whenIdle } from '../idle.js'
import type { Outbox, OutboxOptions, OutboxState } from './core.js'

/**
 * The outbox as the shell hands it out: the same `Outbox`, but the queue's code and IndexedDB
 * (`core.ts`, `db.ts`, idb) load in their own chunk — when `start()`ed after the first render, or
 * on the first call that needs the queue (`enqueue`, `flush`, `ready` …), whichever comes first.
 * Until then `state` is an empty queue with the live online flag, which is also what the real
 * outbox reports until it has read IndexedDB; anything that must not act on a guess (sign-out)
 * awaits `ready` first.
 */
export function createLazyOutbox(opts: OutboxOptions, load: () => Promise<{ createOutbox(o: OutboxOptions): Outbox }> = () => import('./core.js')): Outbox {
  const online = opts.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false)
  const listeners = new Set<(s: OutboxState) => void>()
  let state: OutboxState = { items: [], pending: 0, failed: [], online: online(), sending: false, paused: false }
  let started = false
  let loading: Promise<Outbox> | undefined

  const real = () =>
    (loading ??= load().then((m) => {
      const o = m.createOutbox(opts)
      o.subscribe((s) => {
        state = s
        for (const l of listeners) l(s)
      })
      if (started) o.start()
      return o
    }))

  return {
    get ready() {
      return real().then((o) => o.ready)
    },
    get state() {
      return state
    },
    enqueue: (w) => real().then((o) => o.enqueue(w)),
    list: () => real().then((o) => o.list()),
    flush: () => real().then((o) => o.flush()),
    retry: (id) => real().then((o) => o.retry(id)),
    discard: (id) => real().then((o) => o.discard(id)),
    resume: () => real().then((o) => o.resume()),
    start() {
      if (started) return
      started = true
      if (loading) void loading.then((o) => started && o.start())
      else whenIdle(() => void real())
    },
    stop() {
      if (!started) return
      started = false
      void loading?.then((o) => o.stop())
    },
    async close() {
      started = false
      if (loading) await (await loading).close()
    },
    subscribe(listener) {
      listeners.add(listener)
      listener(state)
      return () => listeners.delete(listener)
    },
  }
}
