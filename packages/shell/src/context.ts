import { getActivePinia, type Pinia } from 'pinia'
import { hasInjectionContext, inject, shallowRef, type InjectionKey, type ShallowRef } from 'vue'
import { apiUrl, createShellFetch, resolveApiBase, type ChayiClient } from './api/client.js'
import type { Outbox, OutboxOptions, SendResult } from './outbox/core.js'
import { createLazyOutbox } from './outbox/lazy.js'
import { idbDeviceTokenStore, loadStaff, type DeviceTokenStore, type StaffCredential } from './session/credentials.js'
import type { ShellI18n } from './i18n/i18n.js'
import type { ChayiAppDef } from './types.js'

export interface Notice {
  kind: 'info' | 'success' | 'warning' | 'error'
  message: string
}

/** What the stores and screens of one app share: settings, credentials, client, outbox. */
export interface ShellContext {
  def: ChayiAppDef
  apiBase: string
  /** fetch with credentials, the kiosk's headers and the 401 hook. */
  fetch: typeof fetch
  /**
   * The typed client, for an app whose definition asks for it (`client: createApiClient`); reading it
   * in any other app throws. (The kiosk and the tracker make plain JSON calls: see `callerFor`.)
   */
  readonly client: ChayiClient
  /** Kiosk only: the paired device's token (null until paired or loaded). */
  deviceToken: ShallowRef<string | null>
  /** Kiosk only: the staff member who unlocked it. */
  staff: ShallowRef<StaffCredential | null>
  deviceTokens: DeviceTokenStore
  /** Present when the app is `offline`. */
  outbox: Outbox | null
  i18n: ShellI18n | null
  notify(notice: Notice): void
  /** Subscribes to "a request came back 401"; returns the unsubscribe. */
  onUnauthorized(listener: () => void): () => void
}

export interface ShellContextOptions {
  /** Replaces the global fetch (tests, or a platform fetch). */
  fetch?: typeof fetch
  notify?: (notice: Notice) => void
  deviceTokens?: DeviceTokenStore
  /** Outbox overrides (tests pin `online`, `backoff`, `persist`); `false` turns it off. */
  outbox?: Partial<OutboxOptions> | false
  i18n?: ShellI18n
}

export function createShellContext(def: ChayiAppDef, opts: ShellContextOptions = {}): ShellContext {
  const apiBase = resolveApiBase(def.apiBase)
  const deviceToken = shallowRef<string | null>(null)
  const staff = shallowRef<StaffCredential | null>(def.auth === 'device' ? loadStaff() : null)
  const listeners = new Set<() => void>()
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = {}
    if (deviceToken.value) h.authorization = `Bearer ${deviceToken.value}`
    if (deviceToken.value && staff.value) h['x-chayi-staff'] = staff.value.token
    return h
  }
  const shellFetch = createShellFetch({ headers, fetch: opts.fetch, onUnauthorized: () => listeners.forEach((l) => l()) })

  const send = async (rec: Parameters<OutboxOptions['send']>[0]): Promise<SendResult> => {
    const res = await shellFetch(apiUrl(apiBase, rec.path), {
      method: rec.method,
      headers: { 'content-type': 'application/json', 'idempotency-key': rec.id },
      body: rec.body === null || rec.body === undefined ? undefined : JSON.stringify(rec.body),
    })
    const body: unknown = await res.json().catch(() => undefined)
    const retryAfter = res.headers.get('retry-after')
    return { status: res.status, body, retryAfterMs: retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined }
  }
  const outbox = def.offline && opts.outbox !== false ? createLazyOutbox({ dbName: `chayi-outbox-${def.name}`, send, ...(opts.outbox || {}) }) : null

  // Made only for apps that use it: hono's client stays out of the others' first download.
  const client = def.client?.(apiBase, shellFetch) ?? null

  return {
    def,
    apiBase,
    fetch: shellFetch,
    get client(): ChayiClient {
      if (!client) throw new Error(`@chayi/shell: the ${def.name} app has no typed client; add \`client: createApiClient\` to its app definition (or make plain JSON calls with callerFor/useCall)`)
      return client
    },
    deviceToken,
    staff,
    deviceTokens: opts.deviceTokens ?? idbDeviceTokenStore(),
    outbox,
    i18n: opts.i18n ?? null,
    notify: opts.notify ?? ((n) => console.warn(`[${n.kind}] ${n.message}`)),
    onUnauthorized(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export const SHELL_CONTEXT: InjectionKey<ShellContext> = Symbol('chayi.shell')
const byPinia = new WeakMap<Pinia, ShellContext>()

/** Lets the stores of this pinia find the context (they may run outside any component). */
export function bindShellContext(pinia: Pinia, ctx: ShellContext) {
  byPinia.set(pinia, ctx)
}

export function useShellContext(): ShellContext {
  const injected = hasInjectionContext() ? inject(SHELL_CONTEXT, null) : null
  const pinia = getActivePinia()
  const ctx = injected ?? (pinia ? byPinia.get(pinia) : undefined)
  if (!ctx) throw new Error('@chayi/shell: no shell context; make the app with createChayiApp() or call bindShellContext(pinia, ctx) in a test')
  return ctx
}

/** A shell message in the app's language (the key itself when the app has no i18n, e.g. in store tests). */
export function translate(ctx: Pick<ShellContext, 'i18n'>, key: string, params: Record<string, unknown> = {}): string {
  return ctx.i18n ? ctx.i18n.global.t(key, params) : key
}
