import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Device, KioskStaffMember, Me, Role, StaffSession } from '@chayi/domain'
import { toApiError } from '../api/handle.js'
import { callerFor, trusted } from '../api/json-call.js'
import { translate, useShellContext } from '../context.js'
import { saveStaff, type StaffCredential } from './credentials.js'

/** `unknown` until the first check with the server (the router guard waits for it). */
export type SessionStatus = 'unknown' | 'loading' | 'signed-in' | 'anonymous'

/** Thrown by signOut/lockStaff while the outbox still holds writes (they would go out as someone else, or be lost). */
export class UnsentWritesError extends Error {
  override readonly name = 'UnsentWritesError'
  readonly code = 'unsent_writes'
  constructor(readonly count: number) {
    super(`${count} writes are not sent yet; send them before signing out.`)
  }
}

export const useSessionStore = defineStore('chayi-session', () => {
  const ctx = useShellContext()
  const device = ctx.def.auth === 'device'
  const cacheKey = `chayi.me.${ctx.def.name}`
  // Plain JSON calls, the answers taken at their contract types as the typed client did (unchecked):
  // neither hono's client nor zod belongs in every app's first download for these few calls.
  const call = callerFor(ctx)

  const me = shallowRef<Me | null>(null)
  const status = ref<SessionStatus>('unknown')
  /** `me` came from the offline cache because the server could not be reached. */
  const stale = ref(false)

  const paired = computed(() => ctx.deviceToken.value !== null)
  const staff = computed(() => (me.value?.kind === 'device' ? me.value.staff : null))
  const roles = computed<Role[]>(() => (me.value?.kind === 'user' ? me.value.user.roles : (staff.value?.roles ?? [])))
  const mustChange = computed(() => me.value?.kind === 'user' && !!me.value.mustChangePassword)
  const displayName = computed(() => (me.value?.kind === 'user' ? me.value.user.displayName : (staff.value?.displayName ?? me.value?.device.name ?? '')))

  function hasRole(...wanted: Role[]): boolean {
    return wanted.some((r) => roles.value.includes(r))
  }

  /** Offline apps remember the last `me` so they open without the network (not the session cookie, which stays HttpOnly). */
  function cache(m: Me | null) {
    if (!ctx.def.offline) return
    try {
      if (m) localStorage.setItem(cacheKey, JSON.stringify(m))
      else localStorage.removeItem(cacheKey)
    } catch {
      // storage blocked: no offline start, nothing else lost
    }
  }
  function cached(): Me | null {
    if (!ctx.def.offline) return null
    try {
      return JSON.parse(localStorage.getItem(cacheKey) ?? 'null') as Me | null
    } catch {
      return null
    }
  }

  function setMe(m: Me | null, fromCache = false) {
    me.value = m
    stale.value = fromCache
    status.value = m ? 'signed-in' : 'anonymous'
    if (!fromCache) cache(m)
  }
  function setStaff(s: StaffCredential | null) {
    ctx.staff.value = s
    saveStaff(s)
    const m = me.value
    if (m?.kind === 'device') setMe({ ...m, staff: s && { ...s.staff, expiresAt: s.expiresAt } })
  }
  /** Forgets who is signed in here (after a 401, or signing out). */
  function clear() {
    if (device) setStaff(null)
    setMe(null)
  }

  let deviceLoaded = false
  async function loadDevice() {
    if (!device || deviceLoaded) return
    ctx.deviceToken.value = await ctx.deviceTokens.load()
    deviceLoaded = true
  }

  let inflight: Promise<void> | null = null
  /** Asks the server who we are; offline apps fall back to the last answer when it cannot be reached. */
  function refresh(): Promise<void> {
    inflight ??= (async () => {
      if (status.value === 'unknown') status.value = 'loading'
      try {
        await loadDevice()
        if (device && !ctx.deviceToken.value) return clear()
        const m = await call(trusted<Me>(), 'GET', '/me')
        // The server no longer honours our staff token (expired, or ended on another tablet's unlock).
        if (m.kind === 'device' && !m.staff && ctx.staff.value) setStaff(null)
        setMe(m)
      } catch (err) {
        const e = toApiError(err)
        if (e.status === 401) {
          if (device) await forgetDevice()
          return clear()
        }
        const last = e.isNetwork ? cached() : null
        if (last?.kind === 'device') {
          const s = ctx.staff.value
          setMe({ ...last, staff: s && { ...s.staff, expiresAt: s.expiresAt } }, true)
        } else if (last) setMe(last, true)
        else if (status.value !== 'signed-in') setMe(null)
      } finally {
        inflight = null
      }
    })()
    return inflight
  }

  /** Resolves once the session is known (the first navigation waits for this). */
  async function ready(): Promise<void> {
    if (status.value === 'unknown' || status.value === 'loading') await refresh()
  }

  function unsent(): number {
    const s = ctx.outbox?.state
    return s ? s.pending + s.failed.length : 0
  }
  async function refuseWhileUnsent() {
    // The outbox may not have read IndexedDB yet (it loads after the first paint): ask, do not guess.
    await ctx.outbox?.ready.catch(() => undefined)
    const count = unsent()
    if (count === 0) return
    ctx.notify({ kind: 'warning', message: translate(ctx, 'shell.outbox.refusedSignOut', { count }) })
    throw new UnsentWritesError(count)
  }

  async function signIn(login: string, password: string): Promise<Me> {
    const m = await call(trusted<Me>(), 'POST', '/auth/sign-in', { login, password })
    setMe(m)
    void ctx.outbox?.resume()
    return m
  }

  /**
   * Signs out (a kiosk: unpairs this tablet). Refused while the outbox holds unsent or failed
   * writes: they would be lost, or sent later under the next person's session.
   */
  async function signOut(): Promise<void> {
    await refuseWhileUnsent()
    if (device) {
      if (ctx.staff.value) await endStaffSession()
      await forgetDevice()
      return clear()
    }
    try {
      await call(trusted<unknown>(), 'POST', '/auth/sign-out')
    } catch (err) {
      const e = toApiError(err)
      if (e.status !== 401) throw e // offline: the server session would live on, so do not pretend
    }
    clear()
  }

  /** A 401 from some request: the session is gone (a kiosk re-checks whether the device itself is). */
  async function expire(): Promise<void> {
    if (device) {
      setStaff(null)
      return refresh()
    }
    clear()
  }

  async function forgetDevice() {
    await ctx.deviceTokens.clear()
    ctx.deviceToken.value = null
  }

  async function pairDevice(code: string) {
    const r = await call(trusted<{ device: Device; token: string }>(), 'POST', '/devices/pair', { code })
    await ctx.deviceTokens.save(r.token)
    ctx.deviceToken.value = r.token
    deviceLoaded = true
    await refresh()
    void ctx.outbox?.resume()
    return r.device
  }

  async function listStaff(): Promise<KioskStaffMember[]> {
    return (await call(trusted<{ items: KioskStaffMember[] }>(), 'GET', '/kiosk/staff')).items
  }

  async function unlockStaff(userId: string, pin: string) {
    const s = await call(trusted<StaffSession>(), 'POST', '/kiosk/staff-session', { userId, pin })
    setStaff(s)
    void ctx.outbox?.resume()
    return s.staff
  }

  async function endStaffSession() {
    try {
      await call(trusted<unknown>(), 'POST', '/kiosk/staff-session/end')
    } catch {
      // Offline or already ended: the token is forgotten here and expires on the server.
    }
  }

  /** Locks the kiosk for the next staff member; refused while writes made by this one are unsent. */
  async function lockStaff(): Promise<void> {
    await refuseWhileUnsent()
    await endStaffSession()
    setStaff(null)
  }

  ctx.onUnauthorized(() => void expire())

  return { me, status, stale, paired, staff, roles, mustChange, displayName, hasRole, refresh, ready, signIn, signOut, expire, pairDevice, listStaff, unlockStaff, lockStaff, unsent }
})
