import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Role } from '@chayi/domain'
import type { Deps, Env, Principal } from '../context.js'
import { randomToken, sha256Hex } from '../crypto.js'
import { ApiError } from '../errors.js'

export const SESSION_COOKIE = 'chayi_session'

const minutes = (n: number) => n * 60_000

async function rolesOf(deps: Deps, userId: string): Promise<Role[]> {
  const rows = await deps.db.selectFrom('userRoles').select('role').where('userId', '=', userId).orderBy('role').execute()
  return rows.map((r) => r.role as Role)
}

/**
 * Works out who is calling: a person by session cookie, or a paired kiosk by `Authorization: Bearer`.
 * Expired sessions are ended here. It never refuses a request itself; each route's guard does.
 */
export function principalMiddleware(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const deps = c.get('deps')
    const p = (await deviceFromBearer(c, deps)) ?? (await userFromCookie(c, deps))
    c.set('principal', p?.principal ?? null)
    if (p?.restricted && !allowedWhileRestricted(c.req.method, c.req.path)) {
      throw new ApiError(403, 'password_change_required', 'Choose your own password first (PUT /api/v1/me/password).')
    }
    return next()
  }
}

/**
 * What a person signed in with a temporary password may do before choosing their own: see who
 * they are, change the password, sign out, and the anonymous routes (sign-in, /public).
 * Everything else is refused here, once, rather than by each route.
 */
const RESTRICTED_OPEN = new Set(['GET /api/v1/me', 'PUT /api/v1/me/password', 'POST /api/v1/auth/sign-out', 'POST /api/v1/auth/sign-in'])
function allowedWhileRestricted(method: string, path: string): boolean {
  const p = path.replace(/\/+$/, '')
  return RESTRICTED_OPEN.has(`${method} ${p}`) || p.startsWith('/api/v1/public/') || p === '/api/v1/public'
}

type Resolved = { principal: Principal; restricted: boolean }

async function deviceFromBearer(c: Context<Env>, deps: Deps): Promise<Resolved | null> {
  const auth = c.req.header('authorization')
  if (!auth?.startsWith('Bearer ')) return null
  const device = await deps.db
    .selectFrom('devices')
    .select(['id', 'teamId', 'lastSeenAt'])
    .where('tokenHash', '=', sha256Hex(auth.slice(7).trim()))
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  if (!device) return null
  const now = deps.clock.now()
  if (!device.lastSeenAt || now.getTime() - Date.parse(device.lastSeenAt) > 60_000) {
    await deps.db.updateTable('devices').set({ lastSeenAt: now.toISOString() }).where('id', '=', device.id).execute()
  }
  const staff = await staffOf(c, deps, device.id, now.toISOString())
  return {
    principal: { kind: 'device', deviceId: device.id, teamId: device.teamId, roles: staff?.roles ?? [], staff: staff && { userId: staff.userId, sessionId: staff.id, expiresAt: staff.expiresAt } },
    restricted: false,
  }
}

/** The staff member who unlocked this kiosk (X-Chayi-Staff), if the token is theirs, current and for this device. */
async function staffOf(c: Context<Env>, deps: Deps, deviceId: string, nowIso: string) {
  const token = c.req.header('x-chayi-staff')
  if (!token) return null
  const s = await deps.db
    .selectFrom('staffSessions')
    .innerJoin('users', 'users.id', 'staffSessions.userId')
    .select(['staffSessions.id', 'staffSessions.userId', 'staffSessions.expiresAt', 'users.status'])
    .where('staffSessions.id', '=', sha256Hex(token))
    .where('staffSessions.deviceId', '=', deviceId)
    .where('staffSessions.endedAt', 'is', null)
    .executeTakeFirst()
  if (!s || s.status !== 'active' || s.expiresAt <= nowIso) return null
  return { ...s, roles: await rolesOf(deps, s.userId) }
}

async function userFromCookie(c: Context<Env>, deps: Deps): Promise<Resolved | null> {
  const token = getCookie(c, SESSION_COOKIE)
  if (!token) return null
  const id = sha256Hex(token)
  const s = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select(['sessions.id', 'sessions.userId', 'sessions.teamId', 'sessions.lastSeenAt', 'sessions.idleExpiresAt', 'sessions.absoluteExpiresAt', 'users.status', 'users.mustChangePassword'])
    .where('sessions.id', '=', id)
    .where('sessions.endedAt', 'is', null)
    .executeTakeFirst()
  const now = deps.clock.now()
  const nowIso = now.toISOString()
  if (!s || s.status !== 'active' || nowIso >= s.idleExpiresAt || nowIso >= s.absoluteExpiresAt) {
    if (s) await deps.db.updateTable('sessions').set({ endedAt: nowIso }).where('id', '=', id).where('endedAt', 'is', null).execute()
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return null
  }
  // Slide the idle deadline, but write at most once a minute per session.
  if (now.getTime() - Date.parse(s.lastSeenAt) > 60_000) {
    const idle = new Date(Math.min(now.getTime() + minutes(deps.config.sessionIdleMinutes), Date.parse(s.absoluteExpiresAt))).toISOString()
    await deps.db.updateTable('sessions').set({ lastSeenAt: nowIso, idleExpiresAt: idle }).where('id', '=', id).execute()
  }
  return { principal: { kind: 'user', userId: s.userId, teamId: s.teamId, roles: await rolesOf(deps, s.userId), sessionId: id }, restricted: Number(s.mustChangePassword) === 1 }
}

/** Opens a session and sets its cookie: 256 random bits; only their hash is stored. */
export async function openSession(c: Context<Env>, user: { id: string; teamId: string }): Promise<string> {
  const deps = c.get('deps')
  const token = randomToken(32)
  const now = deps.clock.now()
  const absolute = new Date(now.getTime() + deps.config.sessionMaxHours * 3_600_000)
  const id = sha256Hex(token)
  await deps.db
    .insertInto('sessions')
    .values({
      id,
      userId: user.id,
      teamId: user.teamId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      idleExpiresAt: new Date(Math.min(now.getTime() + minutes(deps.config.sessionIdleMinutes), absolute.getTime())).toISOString(),
      absoluteExpiresAt: absolute.toISOString(),
      endedAt: null,
      address: deps.clientAddress(c),
      userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
    })
    .execute()
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    // Lax keeps other sites' forms from riding the session; an app hosted on another site needs None.
    sameSite: deps.config.crossSiteCookies ? 'None' : 'Lax',
    secure: deps.config.secureCookies || deps.config.crossSiteCookies,
    path: '/',
    maxAge: deps.config.sessionMaxHours * 3600,
  })
  return id
}

export async function endSession(c: Context<Env>, sessionId: string): Promise<void> {
  const deps = c.get('deps')
  await deps.db.updateTable('sessions').set({ endedAt: deps.clock.now().toISOString() }).where('id', '=', sessionId).execute()
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}
