import { randomInt } from 'node:crypto'
import type { Context } from 'hono'
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { sql } from 'kysely'
import { dialectOf } from '@chayi/db'
import { ChangePasswordRequest, Id, ListQuery, Me, page, PasswordReset, ReplaceRolesRequest, type Role, SessionsEnded, User, UserSession } from '@chayi/domain'
import { actorOf, type Env } from '../context.js'
import { hashPassword, verifyPassword } from '../crypto.js'
import { ApiError, conflict, notFound, unauthenticated, unprocessable, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { transact, write, type WriteScope } from '../write.js'
import { checkAttempts, recordAttempt } from './attempts.js'
import { loadTeam, loadUser, toUser } from './mappers.js'

// Administering accounts after they exist: roles, password resets, sessions; and a person's own
// password change. Imported volunteers get accounts nobody can sign into until an admin resets the
// password here and hands the temporary one over in person.

/** No 0/O/o, 1/l/I/i: a temporary password is read aloud or copied off a screen. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'
export function temporaryPassword(length = 10): string {
  let s = ''
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)]
  return s
}

/** A short public handle for a session row (its id is the hash of the cookie; the handle is a slice of that hash). */
const handleOf = (sessionId: string) => sessionId.slice(0, 16)

const UserParams = z.object({ id: Id })

const replaceRoles = defineRoute({
  method: 'put',
  path: '/users/{id}/roles',
  tags: ['identity'],
  summary: "Replace an account's roles (the team's last active administrator keeps the admin role)",
  access: { roles: ['admin'] },
  request: { params: UserParams, body: jsonBody(ReplaceRolesRequest) },
  responses: { 200: json(User, 'The account with its new roles'), ...errors(400, 401, 403, 404, 409) },
})

const resetPassword = defineRoute({
  method: 'post',
  path: '/users/{id}/password-reset',
  tags: ['identity'],
  summary: 'Set a one-time temporary password (shown once, never replayed), end the account\'s sessions; the person must change it at next sign-in',
  access: { roles: ['admin'] },
  request: { params: UserParams },
  responses: { 200: json(PasswordReset, 'The temporary password, this once'), ...errors(401, 403, 404, 422) },
})

const listSessions = defineRoute({
  method: 'get',
  path: '/users/{id}/sessions',
  tags: ['identity'],
  summary: "An account's active sessions, newest first",
  access: { roles: ['admin'] },
  request: { params: UserParams, query: ListQuery },
  responses: { 200: json(page(UserSession), 'Active sessions'), ...errors(400, 401, 403, 404) },
})

const endSessions = defineRoute({
  method: 'post',
  path: '/users/{id}/sessions/end',
  tags: ['identity'],
  summary: "End all of an account's sessions: its next request is 401",
  access: { roles: ['admin'] },
  request: { params: UserParams },
  responses: { 200: json(SessionsEnded, 'Ended'), ...errors(401, 403, 404) },
})

const changePassword = defineRoute({
  method: 'put',
  path: '/me/password',
  tags: ['identity'],
  summary: 'Change the own password (also after a reset); ends the other sessions',
  access: { signedIn: true },
  request: { body: jsonBody(ChangePasswordRequest) },
  responses: { 200: json(Me, 'Changed'), ...errors(400, 401, 403, 429) },
})

async function teamUser(w: Pick<WriteScope, 'trx' | 'teamId'>, id: string) {
  const u = await w.trx.selectFrom('users').selectAll().where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!u) throw notFound('User')
  return u
}

/**
 * Ends a person's open sessions (but `except`); returns how many. Ended by someone else (a password
 * reset, "end sessions"), it also locks any kiosk the person has unlocked with their PIN.
 */
async function endAll(w: Pick<WriteScope, 'trx' | 'at'>, userId: string, except?: string): Promise<number> {
  let q = w.trx.updateTable('sessions').set({ endedAt: w.at }).where('userId', '=', userId).where('endedAt', 'is', null)
  if (except) q = q.where('id', '<>', except)
  else await w.trx.updateTable('staffSessions').set({ endedAt: w.at }).where('userId', '=', userId).where('endedAt', 'is', null).execute()
  return Number((await q.executeTakeFirst()).numUpdatedRows)
}

/** A write whose answer is secret: no Idempotency-Key response is stored, so none can be replayed. */
async function transactSecret<B>(c: Context<Env>, fn: (w: WriteScope) => Promise<B>): Promise<B> {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  const r = await transact(c.get('deps'), { teamId: p.teamId, actor: actorOf(p) }, async (w) => ({ status: 200, body: await fn(w) }))
  return r.body
}

export const accountsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(replaceRoles, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      // PostgreSQL: two admins demoting each other at once must not both pass the last-admin check.
      if (dialectOf(w.trx) === 'postgres') await sql`select id from teams where id = ${w.teamId} for update`.execute(w.trx)
      const u = await teamUser(w, id)
      const before = (await w.trx.selectFrom('userRoles').select('role').where('userId', '=', id).execute()).map((x) => x.role as Role).sort()
      // Not grantable here, and not taken away here either: district roles are the CLI's.
      const after = [...new Set([...body.roles, ...before.filter((x) => x === 'district_admin')])].sort()
      if (before.includes('admin') && !after.includes('admin') && u.status === 'active') {
        const others = await w.trx
          .selectFrom('userRoles')
          .innerJoin('users', 'users.id', 'userRoles.userId')
          .select(sql<number>`count(*)`.as('n'))
          .where('users.teamId', '=', w.teamId)
          .where('users.status', '=', 'active')
          .where('userRoles.role', '=', 'admin')
          .where('users.id', '<>', id)
          .executeTakeFirst()
        if (Number(others?.n ?? 0) === 0) throw conflict('last_admin', "This is the team's last active administrator; make someone else an administrator first.")
      }
      if (before.join() !== after.join()) {
        await w.trx.deleteFrom('userRoles').where('userId', '=', id).execute()
        await w.trx.insertInto('userRoles').values(after.map((role) => ({ userId: id, role }))).execute()
        await w.record({ kind: 'identity.roles_replaced', entity: 'user', entityId: id, payload: { before, after } })
      }
      return { status: 200, body: toUser(u, after) }
    })
    return c.json(r.body, 200)
  })
  .openapi(resetPassword, async (c) => {
    const { id } = c.req.valid('param')
    const p = c.get('principal')!
    // An admin changes their own password with PUT /me/password, knowing the current one.
    if (p.kind === 'user' && p.userId === id) throw unprocessable('own_account', 'Change your own password under your account instead.')
    const password = temporaryPassword()
    const hash = await hashPassword(password)
    const body = await transactSecret(c, async (w) => {
      const u = await teamUser(w, id)
      await w.trx.updateTable('users').set({ passwordHash: hash, mustChangePassword: 1, passwordChangedAt: w.at }).where('id', '=', id).execute()
      const sessionsEnded = await endAll(w, id)
      // The chain says that it happened and by whom; never the password.
      await w.record({ kind: 'identity.password_reset', entity: 'user', entityId: id, payload: { sessionsEnded } })
      const roles = (await w.trx.selectFrom('userRoles').select('role').where('userId', '=', id).orderBy('role').execute()).map((x) => x.role as Role)
      return { user: toUser(u, roles), temporaryPassword: password, sessionsEnded }
    })
    c.header('Cache-Control', 'no-store')
    return c.json(body, 200)
  })
  .openapi(listSessions, async (c) => {
    const { id } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    const deps = c.get('deps')
    const p = c.get('principal')!
    const u = await deps.db.selectFrom('users').select('id').where('id', '=', id).where('teamId', '=', p.teamId).executeTakeFirst()
    if (!u) throw notFound('User')
    const now = deps.clock.now().toISOString()
    let q = deps.db
      .selectFrom('sessions')
      .select(['id', 'createdAt', 'lastSeenAt', 'address', 'userAgent'])
      .where('userId', '=', id)
      .where('endedAt', 'is', null)
      .where('idleExpiresAt', '>', now)
      .where('absoluteExpiresAt', '>', now)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
    if (cursor) {
      const [at = '', h = ''] = cursor.split('|')
      q = q.where((eb) => eb.or([eb('createdAt', '<', at), eb.and([eb('createdAt', '=', at), eb('id', '<', h)])]))
    }
    const rows = await q.execute()
    const more = rows.length > limit
    const items = (more ? rows.slice(0, limit) : rows).map((s) => ({
      id: handleOf(s.id),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      address: s.address,
      userAgent: s.userAgent,
      current: p.kind === 'user' && p.sessionId === s.id,
    }))
    const last = items[items.length - 1]
    return c.json({ items, nextCursor: more && last ? `${last.createdAt}|${last.id}` : null }, 200)
  })
  .openapi(endSessions, async (c) => {
    const { id } = c.req.valid('param')
    const r = await write(c, { id }, async (w) => {
      await teamUser(w, id)
      const ended = await endAll(w, id)
      await w.record({ kind: 'identity.sessions_ended', entity: 'user', entityId: id, payload: { ended } })
      return { status: 200, body: { ended } }
    })
    return c.json(r.body, 200)
  })
  .openapi(changePassword, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')
    if (p?.kind !== 'user') throw unauthenticated()
    const { currentPassword, newPassword } = c.req.valid('json')
    // Guessing the current password here is throttled like sign-in.
    const accountKey = `password-change:${p.userId}`
    const address = deps.clientAddress(c)
    await checkAttempts(deps, accountKey, address)
    const row = await deps.db.selectFrom('users').select('passwordHash').where('id', '=', p.userId).executeTakeFirstOrThrow()
    const ok = await verifyPassword(currentPassword, row.passwordHash)
    await recordAttempt(deps, accountKey, address, ok)
    if (!ok) throw new ApiError(400, 'wrong_password', 'The current password is not right.', [{ path: 'currentPassword', message: 'wrong password' }])
    const hash = await hashPassword(newPassword)
    await transactSecret(c, async (w) => {
      await w.trx.updateTable('users').set({ passwordHash: hash, mustChangePassword: 0, passwordChangedAt: w.at }).where('id', '=', p.userId).execute()
      const othersEnded = await endAll(w, p.userId, p.sessionId)
      await w.record({ kind: 'identity.password_changed', entity: 'user', entityId: p.userId, payload: { othersEnded } })
      return null
    })
    const user = await loadUser(deps.db, p.userId)
    const s = await deps.db.selectFrom('sessions').select(['idleExpiresAt', 'absoluteExpiresAt']).where('id', '=', p.sessionId).executeTakeFirstOrThrow()
    return c.json({ kind: 'user' as const, user, team: await loadTeam(deps.db, user.teamId), session: s, mustChangePassword: false }, 200)
  })
