import { http, type HttpHandler } from 'msw'
import { z } from 'zod'
import { ErrorBody, KioskStaffMember, Me, PairDeviceRequest, PairDeviceResponse, SignInRequest, StaffSession, StaffSessionRequest, type Role } from '@chayi/domain'
import { respond } from './contract.js'
import { createMockState, restoreMockState, saveMockState, type MockState, type MockUser } from './mock-state.js'

export { http, HttpResponse, delay } from 'msw'
// For a test's own ad-hoc response schema; real handlers use the domain's schemas.
export { z } from 'zod'
export { ContractError, respond, takeContractViolations } from './contract.js'
export * from './mock-state.js'

const Health = z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgres']) })
const Ok = z.object({ ok: z.literal(true) })
const StaffList = z.object({ items: z.array(KioskStaffMember) })
/** Roles that may unlock a kiosk (as in packages/api/src/identity/kiosk.ts). */
const KIOSK_ROLES: Role[] = ['counter_staff', 'leader', 'admin']
const MAX_PIN_FAILURES = 5

/** An error response in the contract's shape, parsed with ErrorBody like every other body. */
export function fail(status: number, code: string, message: string, issues?: { path: string; message: string }[]) {
  return respond(ErrorBody, { error: issues?.length ? { code, message, issues } : { code, message } }, { status })
}

function invalid(error: z.ZodError) {
  return fail(400, 'invalid_request', 'The body is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))
}

async function body<S extends z.ZodType>(request: Request, schema: S) {
  return schema.safeParse(await request.json().catch(() => undefined))
}

export interface HandlerOptions {
  /** The in-memory world (keep a reference to inspect or change it), or a getter so a test can swap in a fresh one. */
  state?: MockState | (() => MockState)
  /** Where the API is; default `*` (any origin, so relative and absolute bases both match). */
  base?: string
  /**
   * Dev mode: keep sessions, devices and pairing codes here (e.g. `sessionStorage`) across reloads.
   * Tests leave it out: each test starts from a fresh state.
   */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
}

/**
 * msw handlers for identity (sign-in, sign-out, me, device pairing, kiosk staff PIN) and health,
 * for `setupServer` in tests and `setupWorker` in an app's dev mode. One browser session at a time
 * (`state.signedIn`); devices by their Bearer token; staff by `X-Chayi-Staff`.
 */
export function createHandlers(opts: HandlerOptions = {}): HttpHandler[] {
  const fixed = typeof opts.state === 'function' ? null : (opts.state ?? createMockState())
  const get = typeof opts.state === 'function' ? opts.state : () => fixed!
  // Every handler reads the current world through this, so a swapped state takes effect at once.
  const state = new Proxy({} as MockState, { get: (_t, key) => Reflect.get(get(), key), set: (_t, key, value) => Reflect.set(get(), key, value) })
  if (opts.storage && fixed) restoreMockState(fixed, opts.storage)
  const base = (opts.base ?? '*').replace(/\/+$/, '')
  const v1 = (path: string) => `${base}/api/v1${path}`

  const deviceOf = (request: Request) => {
    const auth = request.headers.get('authorization')
    if (!auth?.startsWith('Bearer ')) return null
    return state.devices.find((d) => d.token === auth.slice(7) && !d.device.revokedAt) ?? null
  }
  const staffOf = (request: Request, deviceId: string): MockUser | null => {
    const s = state.staffSessions.get(request.headers.get('x-chayi-staff') ?? '')
    if (!s || s.deviceId !== deviceId || Date.parse(s.expiresAt) <= state.now().getTime()) return null
    return state.users.find((u) => u.user.id === s.userId) ?? null
  }
  const userMe = (u: MockUser) => ({
    kind: 'user' as const,
    user: u.user,
    team: state.team,
    session: { idleExpiresAt: new Date(state.now().getTime() + 30 * 60_000).toISOString(), absoluteExpiresAt: new Date(state.now().getTime() + 12 * 3_600_000).toISOString() },
    mustChangePassword: !!u.mustChangePassword,
  })

  // Every route saves the world after answering when a storage is given (dev mode).
  const on = (method: 'get' | 'post', path: string, resolver: (info: { request: Request }) => Response | Promise<Response>): HttpHandler =>
    http[method](path, async ({ request }) => {
      try {
        return await resolver({ request })
      } finally {
        if (opts.storage) saveMockState(state, opts.storage)
      }
    })

  const handlers = [
    on('get', `${base}/api/health`, () => respond(Health, { status: 'ok', version: 'mock', database: 'sqlite' })),

    on('post', v1('/auth/sign-in'), async ({ request }) => {
      const b = await body(request, SignInRequest)
      if (!b.success) return invalid(b.error)
      const login = b.data.login.toLowerCase()
      const u = state.users.find((x) => (x.user.username === login || x.user.phone === b.data.login) && x.user.status === 'active')
      if (!u || u.password !== b.data.password) return fail(401, 'invalid_credentials', 'Wrong login or password.')
      state.signedIn = u.user.id
      return respond(Me, userMe(u), { headers: { 'set-cookie': 'chayi_session=mock; Path=/; HttpOnly; SameSite=Lax' } })
    }),

    on('post', v1('/auth/sign-out'), () => {
      if (!state.signedIn) return fail(401, 'unauthenticated', 'Sign in first.')
      state.signedIn = null
      return respond(Ok, { ok: true })
    }),

    on('get', v1('/me'), ({ request }) => {
      const d = deviceOf(request)
      if (d) {
        const s = staffOf(request, d.device.id)
        const session = s && [...state.staffSessions.values()].find((x) => x.userId === s.user.id && x.deviceId === d.device.id)
        return respond(Me, {
          kind: 'device',
          device: d.device,
          team: state.team,
          staff: s && session ? { userId: s.user.id, displayName: s.user.displayName, roles: s.user.roles, expiresAt: session.expiresAt } : null,
        })
      }
      const u = state.users.find((x) => x.user.id === state.signedIn)
      return u ? respond(Me, userMe(u)) : fail(401, 'unauthenticated', 'Sign in first.')
    }),

    on('post', v1('/devices/pair'), async ({ request }) => {
      const b = await body(request, PairDeviceRequest)
      if (!b.success) return invalid(b.error)
      const code = b.data.code.replace(/\D/g, '')
      const name = state.pairingCodes.get(code)
      if (!name) return fail(404, 'not_found', 'Pairing code (or it has expired or been used) not found.')
      state.pairingCodes.delete(code)
      const paired = state.addDevice(name)
      return respond(PairDeviceResponse, paired, { status: 201 })
    }),

    on('get', v1('/kiosk/staff'), ({ request }) => {
      if (!deviceOf(request)) return state.signedIn ? fail(403, 'forbidden', 'Only a paired kiosk may do this.') : fail(401, 'unauthenticated', 'Sign in first.')
      const items = state.users
        .filter((u) => u.pin && !u.mustChangePassword && u.user.status === 'active' && u.user.roles.some((r) => KIOSK_ROLES.includes(r)))
        .map((u) => ({ userId: u.user.id, displayName: u.user.displayName }))
      return respond(StaffList, { items })
    }),

    on('post', v1('/kiosk/staff-session'), async ({ request }) => {
      const d = deviceOf(request)
      if (!d) return fail(401, 'unauthenticated', 'Sign in first.')
      const b = await body(request, StaffSessionRequest)
      if (!b.success) return invalid(b.error)
      const failures = state.pinFailures.get(b.data.userId) ?? 0
      if (failures >= MAX_PIN_FAILURES) return fail(429, 'too_many_attempts', 'Too many failed attempts. Wait a while and try again.')
      const u = state.users.find((x) => x.user.id === b.data.userId && x.user.roles.some((r) => KIOSK_ROLES.includes(r)))
      if (!u?.pin || u.pin !== b.data.pin) {
        state.pinFailures.set(b.data.userId, failures + 1)
        return fail(401, 'invalid_pin', 'Wrong PIN.')
      }
      state.pinFailures.delete(b.data.userId)
      if (u.mustChangePassword) return fail(403, 'password_change_required', 'This account must choose its own password before it can unlock a kiosk.')
      for (const [t, s] of state.staffSessions) if (s.deviceId === d.device.id) state.staffSessions.delete(t)
      const token = `staff-${state.staffSessions.size + 1}-${Math.random().toString(36).slice(2)}`
      const expiresAt = new Date(state.now().getTime() + 12 * 3_600_000).toISOString()
      state.staffSessions.set(token, { userId: u.user.id, deviceId: d.device.id, expiresAt })
      return respond(StaffSession, { staff: { userId: u.user.id, displayName: u.user.displayName, roles: u.user.roles }, token, expiresAt }, { status: 201 })
    }),

    on('post', v1('/kiosk/staff-session/end'), ({ request }) => {
      const d = deviceOf(request)
      if (!d) return fail(401, 'unauthenticated', 'Sign in first.')
      for (const [t, s] of state.staffSessions) if (s.deviceId === d.device.id) state.staffSessions.delete(t)
      return respond(Ok, { ok: true })
    }),
  ]
  return handlers
}
