import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { useShellContext } from '../context.js'
import type { OutboxHandoff } from '../types.js'
import type { DrainResult, NewWrite, OutboxState } from './core.js'
import type { OutboxRecord } from './records.js'

const EMPTY: OutboxState = { items: [], pending: 0, failed: [], online: true, sending: false, paused: false }

/** The outbox for screens: reactive counts and lists, and the user's retry/discard of failed writes. */
export const useOutboxStore = defineStore('chayi-outbox', () => {
  const ctx = useShellContext()
  const outbox = ctx.outbox
  const state = shallowRef<OutboxState>(outbox?.state ?? EMPTY)
  outbox?.subscribe((s) => (state.value = s))

  const enabled = outbox !== null
  const items = computed(() => state.value.items)
  const pending = computed(() => state.value.pending)
  const failed = computed(() => state.value.failed)
  /** Pending plus failed: what signing out would lose. */
  const unsent = computed(() => state.value.pending + state.value.failed.length)
  const online = computed(() => state.value.online)
  const sending = computed(() => state.value.sending)
  const paused = computed(() => state.value.paused)

  function need() {
    if (!outbox) throw new Error(`@chayi/shell: the ${ctx.def.name} app has no outbox (set offline: true)`)
    return outbox
  }
  /** Queues a write (it gets an Idempotency-Key) and returns its id at once; it goes out when it can. */
  const enqueue = (w: NewWrite): Promise<string> => need().enqueue(w)
  const retry = (id: string) => need().retry(id)
  const discard = (id: string) => need().discard(id)
  /**
   * Where the app resolves this failed write (its `def.outbox.handledBy`), or null. Such a write is
   * not the user's to give up from the outbox panel: the app's screen shows what is at stake first.
   */
  const handoff = (r: OutboxRecord): OutboxHandoff | null => (r.status === 'failed' ? (ctx.def.outbox?.handledBy?.(r) ?? null) : null)
  const flush = (): Promise<DrainResult> => (outbox ? outbox.flush() : Promise.resolve('empty'))

  return { enabled, items, pending, failed, unsent, online, sending, paused, enqueue, retry, discard, handoff, flush }
})
