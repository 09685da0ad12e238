import { openDB } from 'idb'
import type { StaffSession } from '@chayi/domain'

/**
 * Where a paired kiosk keeps its device token. Decision: IndexedDB (database `chayi-device`), not
 * localStorage. Both live in the origin's storage that `navigator.storage.persist()` protects, but
 * IndexedDB can also be read by a service worker, so a later background sync can send the outbox
 * with the token while no tab is open; localStorage cannot be reached from a worker.
 */
export interface DeviceTokenStore {
  load(): Promise<string | null>
  save(token: string): Promise<void>
  clear(): Promise<void>
}

const KEY = 'token'

export function idbDeviceTokenStore(dbName = 'chayi-device'): DeviceTokenStore {
  const db = () => openDB(dbName, 1, { upgrade: (d) => d.createObjectStore('kv') })
  const use = async <T>(fn: (d: Awaited<ReturnType<typeof db>>) => Promise<T>): Promise<T> => {
    const d = await db()
    try {
      return await fn(d)
    } finally {
      d.close()
    }
  }
  return {
    load: () => use(async (d) => ((await d.get('kv', KEY)) as string | undefined) ?? null),
    save: (token) => use(async (d) => void (await d.put('kv', token, KEY))),
    clear: () => use(async (d) => void (await d.delete('kv', KEY))),
  }
}

export function memoryDeviceTokenStore(initial: string | null = null): DeviceTokenStore {
  let token = initial
  return {
    load: async () => token,
    save: async (t) => void (token = t),
    clear: async () => void (token = null),
  }
}

/** The staff member who unlocked the kiosk: the token goes out as `X-Chayi-Staff`. */
export type StaffCredential = StaffSession

/**
 * Kept in sessionStorage: a reload (an app update, a crash) keeps the counter unlocked, even offline,
 * until the session expires; closing the tab or the browser locks it, as a public tablet should.
 */
const STAFF_KEY = 'chayi.kiosk.staff'

export function loadStaff(now = Date.now()): StaffCredential | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(STAFF_KEY)
    const s = raw ? (JSON.parse(raw) as StaffCredential) : null
    return s && Date.parse(s.expiresAt) > now ? s : null
  } catch {
    return null
  }
}

export function saveStaff(s: StaffCredential | null) {
  try {
    if (s) globalThis.sessionStorage?.setItem(STAFF_KEY, JSON.stringify(s))
    else globalThis.sessionStorage?.removeItem(STAFF_KEY)
  } catch {
    // not kept across reloads; still unlocked for this page
  }
}
