// The mock API for what the console's screens use beyond sign-in and /me: accounts (roles, password
// resets, sessions), the access log, devices, pairing codes, revoking, and the own kiosk PIN and
// password. Every body goes through `respond(schema, …)` with the API's own schemas, so a mock can
// never answer what the server could not. Dev mode starts it
// in a service worker (main.ts imports this dynamically); tests pass the same handlers to setupServer.
import { AccessLogEntry, ChangePasswordRequest, CreatePairingCodeRequest, Device, Me, page, PairingCode, Password, PasswordReset, Phone, ReplaceRolesRequest, Role, SessionsEnded, SetPinRequest, User, Username, UserSession, VolunteerSettings } from '@chayi/domain'
import { moduleHandlers } from './modules/mocks'
import { createHandlers, createMockState, fail, http, MOCK_PASSWORD, respond, saveMockState, z, type MockState, type MockUser } from '@chayi/testing/msw'

const Ok = z.object({ ok: z.literal(true) })
/** As the API's create-account body (packages/api/src/identity/routes.ts). */
const NewUserBody = z
  .object({
    username: Username.nullish(),
    phone: Phone.nullish(),
    displayName: z.string().trim().min(1).max(100),
    password: Password,
    roles: z.array(Role).min(1).max(7),
  })
  .refine((b) => b.username || b.phone, { message: 'give a username or a phone number', path: ['username'] })
  .refine((b) => !b.roles.includes('district_admin'), { message: 'district administrators are created by the CLI', path: ['roles'] })
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() })
const PAIRING_MINUTES = 15

export interface CareMockOptions {
  /** Dev mode: keep created accounts and PINs here across reloads (as createHandlers does sessions). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
  base?: string
}

const invalid = (error: z.ZodError) =>
  fail(400, 'invalid_request', 'The body is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

/** Keyset paging over ids, as the API does. */
function pageOf<T extends { id: string }>(rows: T[], url: URL) {
  const q = ListQuery.safeParse(Object.fromEntries(url.searchParams))
  if (!q.success) return { error: q.error }
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).filter((r) => !q.data.cursor || r.id > q.data.cursor)
  const items = sorted.slice(0, q.data.limit)
  return { items, nextCursor: sorted.length > q.data.limit ? items[items.length - 1]!.id : null }
}

let seq = 0
/** Ids that sort after the mock's own accounts, like the server's time-ordered UUIDv7. */
const newId = () => `01900000-0000-7000-9000-${(Date.now() * 100 + (seq++ % 100)).toString(16).padStart(12, '0')}`

const STORE_KEY = 'chayi.mock.care'
type Extra = { added: MockUser[]; pins: Record<string, string> }

export function careHandlers(getState: () => MockState, opts: CareMockOptions = {}) {
  const base = (opts.base ?? '*').replace(/\/+$/, '')
  const v1 = (path: string) => `${base}/api/v1${path}`
  const builtIn = new Set(createMockState().users.map((u) => u.user.id))
  let volunteerSettings: VolunteerSettings = { starThresholds: [100, 300, 600, 1000, 1500], personInCharge: '', contact: '' }
  /** Idempotency-Key → what the first request with it got (the mock keeps them per page load). */
  const replays = new Map<string, { body: string; status: number; user: User }>()

  if (opts.storage) {
    const saved = JSON.parse(opts.storage.getItem(STORE_KEY) ?? 'null') as Extra | null
    const s = getState()
    for (const u of saved?.added ?? []) if (!s.users.some((x) => x.user.id === u.user.id)) s.users.push(u)
    for (const [id, pin] of Object.entries(saved?.pins ?? {})) {
      const u = s.users.find((x) => x.user.id === id)
      if (u) u.pin = pin
    }
  }
  const persist = () => {
    if (!opts.storage) return
    const s = getState()
    saveMockState(s, opts.storage)
    const extra: Extra = { added: s.users.filter((u) => !builtIn.has(u.user.id)), pins: Object.fromEntries(s.users.filter((u) => u.pin).map((u) => [u.user.id, u.pin!])) }
    opts.storage.setItem(STORE_KEY, JSON.stringify(extra))
  }

  /** The signed-in person, or the refusal (401 anonymous, 403 without one of `roles`). */
  const caller = (roles?: Role[]): MockUser | Response => {
    const s = getState()
    const u = s.users.find((x) => x.user.id === s.signedIn)
    if (!u) return fail(401, 'unauthenticated', 'Sign in first.')
    if (roles && !u.user.roles.some((r) => roles.includes(r))) return fail(403, 'forbidden', 'Your role may not do this.')
    return u
  }
  const json = async (request: Request) => (await request.json().catch(() => undefined)) as unknown
  const teamUser = (who: MockUser, id: string) => getState().users.find((u) => u.user.id === id && u.user.teamId === who.user.teamId)

  /** Accounts given a temporary password (the shared /me mock does not show the flag; the API does). */
  /** Sessions per account: the caller's own, plus a phone sign-in for everyone until ended. */
  const sessions = new Map<string, UserSession[]>()
  const sessionsOf = (userId: string, callerId: string): UserSession[] => {
    if (!sessions.has(userId)) {
      const now = getState().now().getTime()
      const at = (min: number) => new Date(now - min * 60_000).toISOString()
      const phone: UserSession = { id: `s${userId.slice(-15)}`, createdAt: at(180), lastSeenAt: at(25), address: '192.0.2.14', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) MicroMessenger/8.0', current: false }
      const desk: UserSession = { id: `d${userId.slice(-15)}`, createdAt: at(40), lastSeenAt: at(1), address: '192.0.2.7', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0', current: false }
      sessions.set(userId, userId === callerId ? [{ ...desk, current: true }, phone] : [phone])
    }
    return sessions.get(userId)!
  }

  function replaceRoles(id: string, raw: unknown): Response {
    const who = caller(['admin'])
    if (who instanceof Response) return who
    const target = teamUser(who, id)
    if (!target) return fail(404, 'not_found', 'User not found.')
    const b = ReplaceRolesRequest.safeParse(raw)
    if (!b.success) return invalid(b.error)
    const roles = [...new Set(b.data.roles)].sort()
    const admins = getState().users.filter((u) => u.user.teamId === who.user.teamId && u.user.status === 'active' && u.user.roles.includes('admin'))
    if (target.user.roles.includes('admin') && !roles.includes('admin') && admins.length <= 1) {
      return fail(409, 'last_admin', "This is the team's last active administrator; make someone else an administrator first.")
    }
    target.user = { ...target.user, roles }
    persist()
    return respond(User, target.user)
  }

  /** A few reveals of sensitive fields, as the care register and the volunteer office make them. */
  let log: AccessLogEntry[] | null = null
  const accessLog = () => {
    if (log) return [...log]
    const s = getState()
    const people = s.users.filter((u) => u.user.roles.some((r) => r === 'admin' || r === 'leader' || r === 'care_staff'))
    const fields = [
      ['beneficiary', 'id_number', '核对残疾补贴申请'],
      ['volunteer', 'id_number', '办理意外保险'],
      ['beneficiary', 'disability', '安排上门探访'],
      ['beneficiary', 'income', '核对低保资格'],
      ['beneficiary', 'health_notes', '准备体检陪同'],
    ] as const
    log = Array.from({ length: 26 }, (_, i) => {
      const who = people[i % people.length]!
      const [entity, field, reason] = fields[i % fields.length]!
      return {
        id: `01900000-0000-7000-a000-${String(i + 1).padStart(12, '0')}`,
        actor: `user:${who.user.id}`,
        actorName: who.user.displayName,
        entity,
        entityId: `01900000-0000-7000-b000-${String((i % 7) + 1).padStart(12, '0')}`,
        field,
        reason,
        at: new Date(s.now().getTime() - (i * 97 + 5) * 60_000).toISOString(),
      }
    })
    return [...log]
  }

  return [
    http.get(v1('/users'), ({ request }) => {
      const who = caller(['admin', 'leader'])
      if (who instanceof Response) return who
      const url = new URL(request.url)
      const kind = url.searchParams.get('kind') ?? 'all'
      if (kind !== 'all' && kind !== 'staff') return fail(400, 'invalid_request', 'The query is not valid.', [{ path: 'kind', message: 'must be all or staff' }])
      // As the server: staff are people holding any role besides volunteer.
      const mine = getState().users.filter((u) => u.user.teamId === who.user.teamId && (kind === 'all' || u.user.roles.some((r) => r !== 'volunteer')))
      url.searchParams.delete('kind')
      const p = pageOf(mine.map((u) => u.user), url)
      if ('error' in p) return invalid(p.error!)
      return respond(page(User), p)
    }),

    http.post(v1('/users'), async ({ request }) => {
      const who = caller(['admin'])
      if (who instanceof Response) return who
      const raw = await json(request)
      const key = request.headers.get('idempotency-key')
      const prior = key ? replays.get(key) : undefined
      if (prior && prior.body !== JSON.stringify(raw)) return fail(409, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
      if (prior) return respond(User, prior.user, { status: prior.status, headers: { 'idempotent-replayed': 'true' } })
      const b = NewUserBody.safeParse(raw)
      if (!b.success) return invalid(b.error)
      const s = getState()
      const taken = s.users.some((u) => (b.data.username && u.user.username === b.data.username) || (b.data.phone && u.user.phone === b.data.phone))
      if (taken) return fail(409, 'login_taken', 'That username or phone number is already registered.')
      const user = User.parse({
        id: newId(),
        teamId: who.user.teamId,
        username: b.data.username ?? null,
        phone: b.data.phone ?? null,
        displayName: b.data.displayName,
        roles: [...new Set(b.data.roles)].sort(),
        status: 'active',
        createdAt: s.now().toISOString(),
      })
      s.users.push({ user, password: b.data.password })
      if (key) replays.set(key, { body: JSON.stringify(raw), status: 201, user })
      persist()
      return respond(User, user, { status: 201 })
    }),

    http.put(v1('/users/:id/roles'), async ({ params, request }) => replaceRoles(String(params.id), await json(request))),

    http.post(v1('/users/:id/password-reset'), ({ params }) => {
      const who = caller(['admin'])
      if (who instanceof Response) return who
      const target = teamUser(who, String(params.id))
      if (!target) return fail(404, 'not_found', 'User not found.')
      if (target.user.id === who.user.id) return fail(422, 'own_account', 'Change your own password under your account instead.')
      // As the server: a readable one-time password, the account's sessions ended, nothing replayed.
      const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'
      const temporaryPassword = Array.from(crypto.getRandomValues(new Uint32Array(10)), (n) => alphabet[n % alphabet.length]).join('')
      target.password = temporaryPassword
      target.mustChangePassword = true
      // …and a kiosk the person had unlocked is locked again.
      for (const [token, staff] of getState().staffSessions) if (staff.userId === target.user.id) getState().staffSessions.delete(token)
      const sessionsEnded = sessionsOf(target.user.id, who.user.id).length
      sessions.set(target.user.id, [])
      persist()
      return respond(PasswordReset, { user: target.user, temporaryPassword, sessionsEnded }, { headers: { 'cache-control': 'no-store' } })
    }),

    http.get(v1('/users/:id/sessions'), ({ params }) => {
      const who = caller(['admin'])
      if (who instanceof Response) return who
      const target = teamUser(who, String(params.id))
      if (!target) return fail(404, 'not_found', 'User not found.')
      return respond(page(UserSession), { items: sessionsOf(target.user.id, who.user.id), nextCursor: null })
    }),

    http.post(v1('/users/:id/sessions/end'), ({ params }) => {
      const who = caller(['admin'])
      if (who instanceof Response) return who
      const target = teamUser(who, String(params.id))
      if (!target) return fail(404, 'not_found', 'User not found.')
      const ended = sessionsOf(target.user.id, who.user.id).length
      sessions.set(target.user.id, [])
      return respond(SessionsEnded, { ended })
    }),

    http.put(v1('/me/password'), async ({ request }) => {
      const who = caller()
      if (who instanceof Response) return who
      const b = ChangePasswordRequest.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      if (b.data.currentPassword !== who.password) return fail(400, 'wrong_password', 'The current password is not right.', [{ path: 'currentPassword', message: 'wrong password' }])
      who.password = b.data.newPassword
      who.mustChangePassword = false
      persist()
      const s = getState()
      const later = (h: number) => new Date(s.now().getTime() + h * 3_600_000).toISOString()
      return respond(Me, { kind: 'user', user: who.user, team: s.team, session: { idleExpiresAt: later(2), absoluteExpiresAt: later(12) }, mustChangePassword: false })
    }),

    http.get(v1('/access-log'), ({ request }) => {
      const who = caller(['admin'])
      if (who instanceof Response) return who
      const q = ListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error)
      // Newest first, keyed by `at|id` as the server does.
      const all = accessLog().sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
      const from = q.data.cursor ? all.findIndex((x) => `${x.at}|${x.id}` === q.data.cursor) + 1 : 0
      const items = all.slice(from, from + q.data.limit)
      const last = items[items.length - 1]
      return respond(page(AccessLogEntry), { items, nextCursor: from + q.data.limit < all.length && last ? `${last.at}|${last.id}` : null })
    }),

    http.get(v1('/volunteer-settings'), () => {
      const who = caller()
      if (who instanceof Response) return who
      return respond(VolunteerSettings, volunteerSettings)
    }),

    http.put(v1('/volunteer-settings'), async ({ request }) => {
      const who = caller(['admin', 'leader'])
      if (who instanceof Response) return who
      const b = VolunteerSettings.safeParse(await request.json().catch(() => undefined))
      if (!b.success) return fail(400, 'invalid_request', 'The body is not valid.', b.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))
      volunteerSettings = b.data
      return respond(VolunteerSettings, volunteerSettings)
    }),

    http.get(v1('/devices'), ({ request }) => {
      const who = caller(['admin', 'leader'])
      if (who instanceof Response) return who
      const p = pageOf(getState().devices.map((d) => d.device).filter((d) => d.teamId === who.user.teamId), new URL(request.url))
      if ('error' in p) return invalid(p.error!)
      return respond(page(Device), p)
    }),

    http.post(v1('/devices/pairing-codes'), async ({ request }) => {
      const who = caller(['admin', 'leader'])
      if (who instanceof Response) return who
      const b = CreatePairingCodeRequest.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const s = getState()
      const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 100_000_000).padStart(8, '0')
      s.pairingCodes.set(code, b.data.name)
      persist()
      return respond(PairingCode, { code, name: b.data.name, expiresAt: new Date(s.now().getTime() + PAIRING_MINUTES * 60_000).toISOString() }, { status: 201 })
    }),

    http.post(v1('/devices/:id/revoke'), ({ params }) => {
      const who = caller(['admin'])
      if (who instanceof Response) return who
      const s = getState()
      const d = s.devices.find((x) => x.device.id === params.id && x.device.teamId === who.user.teamId)
      if (!d) return fail(404, 'not_found', 'Device not found.')
      d.device = { ...d.device, revokedAt: d.device.revokedAt ?? s.now().toISOString() }
      persist()
      return respond(Device, d.device)
    }),

    http.put(v1('/me/pin'), async ({ request }) => {
      const who = caller()
      if (who instanceof Response) return who
      const b = SetPinRequest.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      if (b.data.password !== who.password) return fail(400, 'invalid_request', 'The password is not right.', [{ path: 'password', message: 'wrong password' }])
      who.pin = b.data.pin
      persist()
      return respond(Ok, { ok: true })
    }),
    ...moduleHandlers(getState, opts),
  ]
}

/** Dev mode: the shared identity mock plus the console's handlers in a service worker, kept in sessionStorage. */
export async function startMockWorker() {
  // Loaded here, not at the top: the tests import this module under Node, where msw/browser has no place.
  const { setupWorker } = await import('msw/browser')
  const state = createMockState()
  const storage = sessionStorage
  const worker = setupWorker(...createHandlers({ state, storage }), ...careHandlers(() => state, { storage }))
  await worker.start({ serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` }, onUnhandledRequest: 'bypass' })
  console.info(`[chayi] mock API: sign in as admin, leader or care with the password "${MOCK_PASSWORD}"`)
}
