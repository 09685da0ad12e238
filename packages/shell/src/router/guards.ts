import type { Role } from '@chayi/domain'
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import type { ChayiAppDef } from '../types.js'

/** The shell's own route names. */
export const ROUTES = {
  signIn: 'sign-in',
  pairDevice: 'pair-device',
  staffPin: 'staff-pin',
  noAccess: 'no-access',
  changePassword: 'change-password',
} as const

/** What the guard needs to know about the session. */
export interface GuardSession {
  status: 'unknown' | 'loading' | 'signed-in' | 'anonymous'
  paired: boolean
  staff: unknown
  roles: readonly Role[]
  /** Signed in with a temporary password an administrator set: nothing else until it is changed. */
  mustChange?: boolean
}

const back = (to: RouteLocationNormalized) => (to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {})

/**
 * Deny by default. Needs every role list on the way: the app's `roles`, then each matched route's
 * own `meta.roles` (a route without one inherits the app's). Public routes (sign-in, pairing, a
 * public board) are open to anyone; the kiosk's PIN screen needs a paired device. Returns true or
 * where to go instead.
 */
export function decide(to: RouteLocationNormalized, def: Pick<ChayiAppDef, 'auth' | 'roles'>, s: GuardSession): true | RouteLocationRaw {
  // Public screens (sign-in, pairing, the kiosk's public board) need no one: not even a paired device.
  if (to.meta.public) return true
  if (def.auth === 'device') {
    if (!s.paired || s.status !== 'signed-in') return { name: ROUTES.pairDevice, query: back(to) }
    if (to.name === ROUTES.staffPin) return true
    if (!s.staff) return { name: ROUTES.staffPin, query: back(to) }
  } else if (s.status !== 'signed-in') {
    return { name: ROUTES.signIn, query: back(to) }
  } else if (s.mustChange || to.name === ROUTES.changePassword) {
    // The server refuses everything else to such a session anyway (403 password_change_required).
    return to.name === ROUTES.changePassword || { name: ROUTES.changePassword, query: back(to) }
  }
  const lists = [def.roles, ...to.matched.map((r) => r.meta.roles).filter((r): r is Role[] => Array.isArray(r))]
  const allowed = lists.every((list) => list.some((r) => s.roles.includes(r)))
  return allowed ? true : { name: ROUTES.noAccess, query: { from: to.fullPath } }
}

/** A `redirect` query value that stays inside the app (no `//host` or absolute URLs). */
export function safeRedirect(value: unknown, fallback = '/'): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') ? v : fallback
}

export function installGuards(router: Router, def: Pick<ChayiAppDef, 'auth' | 'roles'>, session: () => GuardSession & { ready(): Promise<void> }) {
  router.beforeEach(async (to) => {
    const s = session()
    await s.ready()
    return decide(to, def, s)
  })
}
