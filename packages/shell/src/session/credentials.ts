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

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/**
 * One key in one object store, read before the first screen (a paired kiosk's token), so plain
 * IndexedDB rather than idb: the wrapper comes later with the outbox's chunk (outbox/lazy.ts).
 * Same layout as before (`kv` store, key `token`), so tablets paired earlier stay paired.
 */
export function idbDeviceTokenStore(dbName = 'chayi-device'): DeviceTokenStore {
  async function use<T>(mode: IDBTransactionMode, op: (kv: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const open = indexedDB.open(dbName, 1)
    open.onupgradeneeded = () => open.result.createObjectStore('kv')
    const db = await request(open)
    try {
      const tx = db.transaction('kv', mode)
      // A write counts once its transaction has committed (as with idb's put and delete).
      const committed = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve()
        tx.onerror = tx.onabort = () => reject(tx.error ?? new DOMException('IndexedDB transaction aborted', 'AbortError'))
      })
      const [result] = await Promise.all([request(op(tx.objectStore('kv'))), committed])
      return result
    } finally {
      db.close()
    }
  }
  return {
    load: async () => ((await use('readonly', (kv) => kv.get(KEY))) as string | undefined) ?? null,
    save: async (token) => void (await use('readwrite', (kv) => kv.put(token, KEY))),
    clear: async () => void (await use('readwrite', (kv) => kv.delete(KEY))),
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
