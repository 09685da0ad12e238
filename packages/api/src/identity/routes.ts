import { OpenAPIHono, z } from '@hono/zod-openapi'
import { CreatePairingCodeRequest, Device, Id, ListQuery, Me, page, PairDeviceRequest, PairDeviceResponse, PairingCode, Password, Phone, Role, SignInRequest, Team, User, Username } from '@chayi/domain'
import type { Deps, Env } from '../context.js'
import { burnPasswordCheck, randomToken, sha256Hex, verifyPassword } from '../crypto.js'
import { checkAttempts, recordAttempt } from './attempts.js'
import { ApiError, notFound, unauthenticated, validationHook } from '../errors.js'
import { newId } from '../ids.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { loadTeam, loadUser, toDevice, toUser } from './mappers.js'
import { createTeam, createUser } from './service.js'
import { endSession, openSession } from './session.js'
import { accountsApp } from './accounts.js'

async function meOf(deps: Deps, userId: string, sessionId: string): Promise<Me> {
  const user = await loadUser(deps.db, userId)
  const s = await deps.db.selectFrom('sessions').select(['idleExpiresAt', 'absoluteExpiresAt']).where('id', '=', sessionId).executeTakeFirstOrThrow()
  const flag = await deps.db.selectFrom('users').select('mustChangePassword').where('id', '=', userId).executeTakeFirstOrThrow()
  return { kind: 'user', user, team: await loadTeam(deps.db, user.teamId), session: s, mustChangePassword: Number(flag.mustChangePassword) === 1 }
}

const signIn = defineRoute({
  method: 'post',
  path: '/auth/sign-in',
  tags: ['identity'],
  summary: 'Sign in with a username or phone number and a password; sets the session cookie',
  access: { public: true },
  request: { body: jsonBody(SignInRequest) },
  responses: { 200: json(Me, 'Signed in'), ...errors(400, 401, 429) },
})

const signOut = defineRoute({
  method: 'post',
  path: '/auth/sign-out',
  tags: ['identity'],
  summary: 'End the current session',
  access: { signedIn: true },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Signed out'), ...errors(401, 403) },
})

const me = defineRoute({
  method: 'get',
  path: '/me',
  tags: ['identity'],
  summary: 'Who is calling: the signed-in person or the paired device, with the team',
  access: { signedIn: true, devices: true },
  responses: { 200: json(Me, 'The caller'), ...errors(401) },
})

const listTeams = defineRoute({
  method: 'get',
  path: '/teams',
  tags: ['identity'],
  summary: 'All teams of the deployment (district administrators)',
  access: { roles: ['district_admin'] },
  request: { query: ListQuery },
  responses: { 200: json(page(Team), 'Teams'), ...errors(400, 401, 403) },
})

const NewTeamBody = z.object({
  code: Team.shape.code,
  name: Team.shape.name,
  community: Team.shape.community,
  district: z.string().max(100).nullish(),
})
const createTeamRoute = defineRoute({
  method: 'post',
  path: '/teams',
  tags: ['identity'],
  summary: 'Create a team with its own audit chain (district administrators)',
  access: { roles: ['district_admin'] },
  request: { body: jsonBody(NewTeamBody) },
  responses: { 201: json(Team, 'Created'), ...errors(400, 401, 403, 409) },
})

const listUsers = defineRoute({
  method: 'get',
  path: '/users',
  tags: ['identity'],
  summary: "The caller's team's accounts; `?kind=staff` leaves out people whose only role is volunteer and applicants without a role",
  access: { roles: ['admin', 'leader'] },
  request: { query: ListQuery.extend({ kind: z.enum(['all', 'staff']).default('all') }) },
  responses: { 200: json(page(User), 'Accounts'), ...errors(400, 401, 403) },
})

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
const createUserRoute = defineRoute({
  method: 'post',
  path: '/users',
  tags: ['identity'],
  summary: "Create an account in the caller's team",
  access: { roles: ['admin'] },
  request: { body: jsonBody(NewUserBody) },
  responses: { 201: json(User, 'Created'), ...errors(400, 401, 403, 409) },
})

const createPairingCode = defineRoute({
  method: 'post',
  path: '/devices/pairing-codes',
  tags: ['identity'],
  summary: 'A one-time code to pair a kiosk tablet with the team',
  access: { roles: ['admin', 'leader'] },
  request: { body: jsonBody(CreatePairingCodeRequest) },
  responses: { 201: json(PairingCode, 'Code to type on the tablet'), ...errors(400, 401, 403) },
})

const pairDevice = defineRoute({
  method: 'post',
  path: '/devices/pair',
  tags: ['identity'],
  summary: 'Exchange a pairing code for a device token (shown once)',
  access: { public: true },
  request: { body: jsonBody(PairDeviceRequest) },
  responses: { 201: json(PairDeviceResponse, 'Paired'), ...errors(400, 404, 429) },
})

const listDevices = defineRoute({
  method: 'get',
  path: '/devices',
  tags: ['identity'],
  summary: "The team's paired devices",
  access: { roles: ['admin', 'leader'] },
  request: { query: ListQuery },
  responses: { 200: json(page(Device), 'Devices'), ...errors(400, 401, 403) },
})

const revokeDevice = defineRoute({
  method: 'post',
  path: '/devices/{id}/revoke',
  tags: ['identity'],
  summary: 'Revoke a device token (lost or replaced tablet)',
  access: { roles: ['admin'] },
  request: { params: z.object({ id: Id }) },
  responses: { 200: json(Device, 'Revoked'), ...errors(401, 403, 404) },
})

/** Keyset pagination over time-ordered ids. */
function pageOf<T extends { id: string }>(rows: T[], limit: number) {
  const more = rows.length > limit
  const items = more ? rows.slice(0, limit) : rows
  return { items, nextCursor: more ? items[items.length - 1]!.id : null }
}

export const identityApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .route('/', accountsApp)
  .openapi(signIn, async (c) => {
    const deps = c.get('deps')
    const { login, password } = c.req.valid('json')
    const accountKey = login.toLowerCase()
    const address = deps.clientAddress(c)
    await checkAttempts(deps, accountKey, address)
    const user = await deps.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('username', '=', accountKey), eb('phone', '=', login)]))
      .executeTakeFirst()
    const ok = user && user.status === 'active' ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false)
    await recordAttempt(deps, accountKey, address, ok)
    if (!ok || !user) throw new ApiError(401, 'invalid_credentials', 'Wrong login or password.')
    const sessionId = await openSession(c, user)
    return c.json(await meOf(deps, user.id, sessionId), 200)
  })
  .openapi(signOut, async (c) => {
    const p = c.get('principal')
    if (p?.kind === 'user') await endSession(c, p.sessionId)
    return c.json({ ok: true as const }, 200)
  })
  .openapi(me, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')
    if (!p) throw unauthenticated()
    if (p.kind === 'device') {
      const d = await deps.db.selectFrom('devices').selectAll().where('id', '=', p.deviceId).executeTakeFirstOrThrow()
      const staff = p.staff ? { ...(await loadUser(deps.db, p.staff.userId)), expiresAt: p.staff.expiresAt } : null
      return c.json(
        {
          kind: 'device' as const,
          device: toDevice(d),
          team: await loadTeam(deps.db, p.teamId),
          staff: staff && { userId: staff.id, displayName: staff.displayName, roles: staff.roles, expiresAt: staff.expiresAt },
        },
        200,
      )
    }
    return c.json(await meOf(deps, p.userId, p.sessionId), 200)
  })
  .openapi(listTeams, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    let q = c.get('deps').db.selectFrom('teams').selectAll().orderBy('id').limit(limit + 1)
    if (cursor) q = q.where('id', '>', cursor)
    return c.json(pageOf(await q.execute(), limit), 200)
  })
  .openapi(createTeamRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await createTeam(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(listUsers, async (c) => {
    const { limit, cursor, kind } = c.req.valid('query')
    const p = c.get('principal')!
    const db = c.get('deps').db
    let q = db.selectFrom('users').selectAll().where('teamId', '=', p.teamId).orderBy('id').limit(limit + 1)
    if (cursor) q = q.where('id', '>', cursor)
    // Staff: anyone holding a role besides volunteer (800 volunteers would bury a dozen staff).
    if (kind === 'staff') q = q.where(({ exists, selectFrom }) => exists(selectFrom('userRoles').select('userRoles.userId').whereRef('userRoles.userId', '=', 'users.id').where('userRoles.role', '<>', 'volunteer')))
    const rows = await q.execute()
    const roles = rows.length ? await db.selectFrom('userRoles').selectAll().where('userId', 'in', rows.map((r) => r.id)).execute() : []
    const users = rows.map((u) => toUser(u, roles.filter((r) => r.userId === u.id).map((r) => r.role as Role).sort()))
    return c.json(pageOf(users, limit), 200)
  })
  .openapi(createUserRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await createUser(w, { ...body, teamId: w.teamId }) }))
    return c.json(r.body, 201)
  })
  .openapi(createPairingCode, async (c) => {
    const deps = c.get('deps')
    const { name } = c.req.valid('json')
    // 8 digits are easy to type on a tablet; they live 15 minutes, work once, and pairing is rate-limited.
    const code = String(Number.parseInt(sha256Hex(randomToken(16)).slice(0, 12), 16) % 100_000_000).padStart(8, '0')
    const r = await write(c, { name }, async (w) => {
      const expiresAt = new Date(Date.parse(w.at) + deps.config.pairingCodeMinutes * 60_000).toISOString()
      await w.trx.insertInto('pairingCodes').values({ codeHash: sha256Hex(code), teamId: w.teamId, name, createdBy: w.actor, createdAt: w.at, expiresAt, usedAt: null, deviceId: null }).execute()
      return { status: 201, body: { code, name, expiresAt } }
    })
    return c.json(r.body, 201)
  })
  .openapi(pairDevice, async (c) => {
    const deps = c.get('deps')
    const code = c.req.valid('json').code.replace(/\D/g, '')
    const address = deps.clientAddress(c)
    await checkAttempts(deps, 'device-pairing', address)
    const now = deps.clock.now().toISOString()
    const pc = await deps.db.selectFrom('pairingCodes').selectAll().where('codeHash', '=', sha256Hex(code)).executeTakeFirst()
    if (!pc || pc.usedAt || pc.expiresAt <= now) {
      await recordAttempt(deps, 'device-pairing', address, false)
      throw notFound('Pairing code (or it has expired or been used)')
    }
    const token = randomToken(32)
    const r = await write(
      c,
      { code },
      async (w) => {
        const device = { id: newId(), teamId: pc.teamId, name: pc.name, kind: 'kiosk', tokenHash: sha256Hex(token), pairedAt: w.at, pairedBy: pc.createdBy, revokedAt: null, lastSeenAt: null }
        // Only one of two racing pairings can claim the code.
        const claimed = await w.trx.updateTable('pairingCodes').set({ usedAt: w.at, deviceId: device.id }).where('codeHash', '=', pc.codeHash).where('usedAt', 'is', null).executeTakeFirst()
        if (Number(claimed.numUpdatedRows) !== 1) throw notFound('Pairing code (or it has expired or been used)')
        await w.trx.insertInto('devices').values(device).execute()
        await w.record({ kind: 'identity.device_paired', entity: 'device', entityId: device.id, payload: { name: device.name, pairedBy: pc.createdBy } })
        return { status: 201, body: { device: toDevice(device), token } }
      },
      { as: { teamId: pc.teamId, actor: `device:pairing` } },
    )
    return c.json(r.body, 201)
  })
  .openapi(listDevices, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    let q = c.get('deps').db.selectFrom('devices').selectAll().where('teamId', '=', c.get('principal')!.teamId).orderBy('id').limit(limit + 1)
    if (cursor) q = q.where('id', '>', cursor)
    const p = pageOf(await q.execute(), limit)
    return c.json({ items: p.items.map(toDevice), nextCursor: p.nextCursor }, 200)
  })
  .openapi(revokeDevice, async (c) => {
    const { id } = c.req.valid('param')
    const r = await write(c, { id }, async (w) => {
      const d = await w.trx.selectFrom('devices').selectAll().where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
      if (!d) throw notFound('Device')
      if (d.revokedAt) return { status: 200, body: toDevice(d) }
      await w.trx.updateTable('devices').set({ revokedAt: w.at }).where('id', '=', id).execute()
      await w.record({ kind: 'identity.device_revoked', entity: 'device', entityId: id, payload: { name: d.name } })
      return { status: 200, body: toDevice({ ...d, revokedAt: w.at }) }
    })
    return c.json(r.body, 200)
  })

