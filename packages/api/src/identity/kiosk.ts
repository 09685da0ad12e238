import { OpenAPIHono, z } from '@hono/zod-openapi'
import { Id, KioskStaffMember, SetPinRequest, StaffSession, StaffSessionRequest, type Role } from '@chayi/domain'
import type { Env } from '../context.js'
import { burnPasswordCheck, randomToken, sha256Hex, verifyPassword } from '../crypto.js'
import { ApiError, notFound, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { checkAttempts, recordAttempt } from './attempts.js'
import { setPin } from './service.js'

/** Roles that may unlock a kiosk at the counter. */
const KIOSK_ROLES: Role[] = ['counter_staff', 'leader', 'admin']
/** An unlock lasts a shift at most; switching staff ends it sooner. */
const STAFF_SESSION_HOURS = 12

const Ok = z.object({ ok: z.literal(true) })

const listStaff = defineRoute({
  method: 'get',
  path: '/kiosk/staff',
  tags: ['identity'],
  summary: 'Who can unlock this kiosk with a PIN (names only: the tablet is in a public place)',
  access: { device: true },
  responses: { 200: json(z.object({ items: z.array(KioskStaffMember) }), 'Staff'), ...errors(401, 403) },
})

const unlock = defineRoute({
  method: 'post',
  path: '/kiosk/staff-session',
  tags: ['identity'],
  summary: 'Unlock the kiosk as a staff member with their PIN; the kiosk then acts with their roles',
  access: { device: true },
  request: { body: jsonBody(StaffSessionRequest) },
  responses: { 201: json(StaffSession, 'Unlocked'), ...errors(400, 401, 403, 429) },
})

const lock = defineRoute({
  method: 'post',
  path: '/kiosk/staff-session/end',
  tags: ['identity'],
  summary: 'Lock the kiosk again (switch staff, end of shift)',
  access: { device: true },
  responses: { 200: json(Ok, 'Locked'), ...errors(401, 403) },
})

const setOwnPin = defineRoute({
  method: 'put',
  path: '/me/pin',
  tags: ['identity'],
  summary: 'Set your own kiosk PIN (needs your password)',
  access: { signedIn: true },
  request: { body: jsonBody(SetPinRequest) },
  responses: { 200: json(Ok, 'PIN set'), ...errors(400, 401, 403) },
})

const setUserPin = defineRoute({
  method: 'put',
  path: '/users/{id}/pin',
  tags: ['identity'],
  summary: "Set a team member's kiosk PIN",
  access: { roles: ['admin'] },
  request: { params: z.object({ id: Id }), body: jsonBody(SetPinRequest.pick({ pin: true })) },
  responses: { 200: json(Ok, 'PIN set'), ...errors(400, 401, 403, 404) },
})

export const kioskApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(listStaff, async (c) => {
    const p = c.get('principal')!
    const rows = await c
      .get('deps')
      .db.selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .select(['users.id', 'users.displayName'])
      .distinct()
      .where('users.teamId', '=', p.teamId)
      .where('users.status', '=', 'active')
      .where('users.pinHash', 'is not', null)
      // An account whose password was reset is restricted until its owner chooses a new one: that holds at the counter too.
      .where('users.mustChangePassword', '=', 0)
      .where('userRoles.role', 'in', KIOSK_ROLES)
      .orderBy('users.displayName')
      .execute()
    return c.json({ items: rows.map((r) => ({ userId: r.id, displayName: r.displayName })) }, 200)
  })
  .openapi(unlock, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')
    if (p?.kind !== 'device') throw unauthenticated()
    const { userId, pin } = c.req.valid('json')
    const accountKey = `pin:${userId}`
    const address = deps.clientAddress(c)
    await checkAttempts(deps, accountKey, address)
    const user = await deps.db
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .select(['users.id', 'users.displayName', 'users.pinHash', 'users.mustChangePassword'])
      .where('users.id', '=', userId)
      .where('users.teamId', '=', p.teamId)
      .where('users.status', '=', 'active')
      .where('userRoles.role', 'in', KIOSK_ROLES)
      .executeTakeFirst()
    const ok = user?.pinHash ? await verifyPassword(pin, user.pinHash) : (await burnPasswordCheck(pin), false)
    await recordAttempt(deps, accountKey, address, ok)
    if (!ok || !user) throw new ApiError(401, 'invalid_pin', 'Wrong PIN.')
    if (Number(user.mustChangePassword) === 1) throw new ApiError(403, 'password_change_required', 'This account must choose its own password (signed in on a phone or computer) before it can unlock a kiosk.')
    const now = deps.clock.now()
    const token = randomToken(32)
    const expiresAt = new Date(now.getTime() + STAFF_SESSION_HOURS * 3_600_000).toISOString()
    await deps.db.transaction().execute(async (trx) => {
      // One person at the counter at a time: unlocking ends whoever was unlocked before.
      await trx.updateTable('staffSessions').set({ endedAt: now.toISOString() }).where('deviceId', '=', p.deviceId).where('endedAt', 'is', null).execute()
      await trx
        .insertInto('staffSessions')
        .values({ id: sha256Hex(token), deviceId: p.deviceId, userId: user.id, teamId: p.teamId, createdAt: now.toISOString(), expiresAt, endedAt: null })
        .execute()
    })
    const roles = await deps.db.selectFrom('userRoles').select('role').where('userId', '=', user.id).orderBy('role').execute()
    return c.json({ staff: { userId: user.id, displayName: user.displayName, roles: roles.map((r) => r.role as Role) }, token, expiresAt }, 201)
  })
  .openapi(lock, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')
    if (p?.kind === 'device') {
      await deps.db.updateTable('staffSessions').set({ endedAt: deps.clock.now().toISOString() }).where('deviceId', '=', p.deviceId).where('endedAt', 'is', null).execute()
    }
    return c.json({ ok: true as const }, 200)
  })
  .openapi(setOwnPin, async (c) => {
    const p = c.get('principal')
    if (p?.kind !== 'user') throw unauthenticated()
    const body = c.req.valid('json')
    const u = await c.get('deps').db.selectFrom('users').select('passwordHash').where('id', '=', p.userId).executeTakeFirstOrThrow()
    if (!(await verifyPassword(body.password, u.passwordHash))) {
      throw new ApiError(400, 'invalid_request', 'The password is not right.', [{ path: 'password', message: 'wrong password' }])
    }
    await write(c, { pinSet: true }, async (w) => {
      await setPin(w, p.userId, body.pin)
      return { status: 200, body: { ok: true as const } }
    })
    return c.json({ ok: true as const }, 200)
  })
  .openapi(setUserPin, async (c) => {
    const { id } = c.req.valid('param')
    const { pin } = c.req.valid('json')
    await write(c, { id, pinSet: true }, async (w) => {
      const u = await w.trx.selectFrom('users').select('id').where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
      if (!u) throw notFound('User')
      await setPin(w, id, pin)
      return { status: 200, body: { ok: true as const } }
    })
    return c.json({ ok: true as const }, 200)
  })
