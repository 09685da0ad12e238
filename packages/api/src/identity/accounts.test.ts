import { afterAll, beforeAll, expect, it } from 'vitest'
import { Me, page, PasswordReset, User, UserSession } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, TEST_PASSWORD } from '../testing.js'
import { temporaryPassword } from './accounts.js'

describeEachDialect('administering accounts', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let team: { id: string }
  let admin: User
  let adminCookie: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    team = await api.makeTeam()
    admin = await api.makeUser(team.id, ['admin'])
    adminCookie = await api.signIn(admin.username!)
  })
  afterAll(() => api.close())

  const events = (entityId: string) => api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', entityId).orderBy('seq').execute()

  it('replaces roles, records it in the chain, and the person has the new roles at once', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const cookie = await api.signIn(u.username!)
    expect((await api.call('GET', '/api/v1/users', { cookie })).status).toBe(403)
    const r = await api.call('PUT', `/api/v1/users/${u.id}/roles`, { cookie: adminCookie, body: { roles: ['leader', 'volunteer', 'leader'] } })
    expect(r.status).toBe(200)
    expect(User.parse(r.json).roles).toEqual(['leader', 'volunteer'])
    expect((await api.call('GET', '/api/v1/users', { cookie })).status).toBe(200)
    const ev = (await events(u.id)).filter((e) => e.kind === 'identity.roles_replaced')
    expect(ev).toHaveLength(1)
    expect(JSON.parse(ev[0]!.payload)).toEqual({ before: ['volunteer'], after: ['leader', 'volunteer'] })
  })

  it('never grants district_admin (400 in the contract shape), and refuses empty role lists', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const r = await api.call('PUT', `/api/v1/users/${u.id}/roles`, { cookie: adminCookie, body: { roles: ['district_admin', 'volunteer'] } })
    expect(r.status).toBe(400)
    expect(r.json.error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'roles' }] })
    expect((await api.call('PUT', `/api/v1/users/${u.id}/roles`, { cookie: adminCookie, body: { roles: [] } })).status).toBe(400)
  })

  it("keeps the team's last active administrator an administrator (409 last_admin)", async () => {
    const t = await api.makeTeam()
    const only = await api.makeUser(t.id, ['admin', 'volunteer'])
    const cookie = await api.signIn(only.username!)
    const r = await api.call('PUT', `/api/v1/users/${only.id}/roles`, { cookie, body: { roles: ['volunteer'] } })
    expect(r.status).toBe(409)
    expect(r.json.error.code).toBe('last_admin')
    // With a second admin the first may step down; then the second is the last.
    const second = await api.makeUser(t.id, ['admin'])
    expect((await api.call('PUT', `/api/v1/users/${only.id}/roles`, { cookie, body: { roles: ['volunteer'] } })).status).toBe(200)
    const cookie2 = await api.signIn(second.username!)
    expect((await api.call('PUT', `/api/v1/users/${second.id}/roles`, { cookie: cookie2, body: { roles: ['leader'] } })).json.error.code).toBe('last_admin')
  })

  it('lets only admins of the same team change roles', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const leader = await api.makeUser(team.id, ['leader'])
    const r = await api.call('PUT', `/api/v1/users/${u.id}/roles`, { cookie: await api.signIn(leader.username!), body: { roles: ['leader'] } })
    expect(r.status).toBe(403)
    const other = await api.makeTeam()
    const otherAdmin = await api.makeUser(other.id, ['admin'])
    expect((await api.call('PUT', `/api/v1/users/${u.id}/roles`, { cookie: await api.signIn(otherAdmin.username!), body: { roles: ['leader'] } })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/users/${u.id}/password-reset`, { cookie: await api.signIn(otherAdmin.username!) })).status).toBe(404)
  })

  it('resets a password: old fails, the temporary one works but only to change it, then all is open again', async () => {
    const u = await api.makeUser(team.id, ['leader'])
    const before = await api.signIn(u.username!)
    const r = await api.call('POST', `/api/v1/users/${u.id}/password-reset`, { cookie: adminCookie })
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toBe('no-store')
    const reset = PasswordReset.parse(r.json)
    expect(reset.temporaryPassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{10}$/)
    expect(reset.sessionsEnded).toBe(1)
    // Its sessions ended, and only the hash is stored.
    expect((await api.call('GET', '/api/v1/me', { cookie: before })).status).toBe(401)
    const row = await api.deps.db.selectFrom('users').select(['passwordHash', 'mustChangePassword']).where('id', '=', u.id).executeTakeFirstOrThrow()
    expect(row.passwordHash).not.toContain(reset.temporaryPassword)
    expect(Number(row.mustChangePassword)).toBe(1)
    expect(JSON.stringify(await events(u.id))).not.toContain(reset.temporaryPassword)

    expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: TEST_PASSWORD } })).status).toBe(401)
    const cookie = await api.signIn(u.username!, reset.temporaryPassword)
    const me = Me.parse((await api.call('GET', '/api/v1/me', { cookie })).json)
    expect(me.kind === 'user' && me.mustChangePassword).toBe(true)
    for (const [method, path] of [
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/access-log'],
      ['PUT', '/api/v1/me/pin'],
    ] as const) {
      const x = await api.call(method, path, { cookie, body: method === 'PUT' ? { pin: '1234', password: reset.temporaryPassword } : undefined })
      expect(x.status, path).toBe(403)
      expect(x.json.error.code).toBe('password_change_required')
    }
    // Not the same, too short, wrong current: refused.
    expect((await api.call('PUT', '/api/v1/me/password', { cookie, body: { currentPassword: reset.temporaryPassword, newPassword: reset.temporaryPassword } })).status).toBe(400)
    expect((await api.call('PUT', '/api/v1/me/password', { cookie, body: { currentPassword: reset.temporaryPassword, newPassword: 'short' } })).status).toBe(400)
    const wrong = await api.call('PUT', '/api/v1/me/password', { cookie, body: { currentPassword: 'not it at all', newPassword: 'my own password' } })
    expect(wrong.status).toBe(400)
    expect(wrong.json.error).toMatchObject({ code: 'wrong_password', issues: [{ path: 'currentPassword' }] })

    const other = await api.signIn(u.username!, reset.temporaryPassword)
    const ok = await api.call('PUT', '/api/v1/me/password', { cookie, body: { currentPassword: reset.temporaryPassword, newPassword: 'my own password' } })
    expect(ok.status).toBe(200)
    expect(Me.parse(ok.json)).toMatchObject({ mustChangePassword: false })
    expect((await api.call('GET', '/api/v1/users', { cookie })).status).toBe(200)
    expect((await api.call('GET', '/api/v1/me', { cookie: other })).status).toBe(401) // the other session ended
    expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: reset.temporaryPassword } })).status).toBe(401)
    await api.signIn(u.username!, 'my own password')
    expect((await events(u.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['identity.password_reset', 'identity.password_changed']))
  })

  it('lets a restricted account sign out', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const { temporaryPassword: tmp } = PasswordReset.parse((await api.call('POST', `/api/v1/users/${u.id}/password-reset`, { cookie: adminCookie })).json)
    const cookie = await api.signIn(u.username!, tmp)
    expect((await api.call('POST', '/api/v1/auth/sign-out', { cookie })).status).toBe(200)
    expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(401)
  })

  it('never replays a reset through an Idempotency-Key: each call makes a new password, none is stored', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const headers = { 'idempotency-key': 'reset-key-0001' }
    const a = await api.call('POST', `/api/v1/users/${u.id}/password-reset`, { cookie: adminCookie, headers })
    const b = await api.call('POST', `/api/v1/users/${u.id}/password-reset`, { cookie: adminCookie, headers })
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(b.headers.get('idempotent-replayed')).toBeNull()
    expect(a.json.temporaryPassword).not.toBe(b.json.temporaryPassword)
    const stored = await api.deps.db.selectFrom('idempotencyKeys').select('responseBody').where('key', '=', 'reset-key-0001').execute()
    expect(stored).toEqual([])
    expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: a.json.temporaryPassword } })).status).toBe(401)
    await api.signIn(u.username!, b.json.temporaryPassword)
  })

  it("refuses resetting one's own password here (422) and non-admins (403)", async () => {
    const own = await api.call('POST', `/api/v1/users/${admin.id}/password-reset`, { cookie: adminCookie })
    expect(own.status).toBe(422)
    expect(own.json.error.code).toBe('own_account')
    const leader = await api.makeUser(team.id, ['leader'])
    expect((await api.call('POST', `/api/v1/users/${admin.id}/password-reset`, { cookie: await api.signIn(leader.username!) })).status).toBe(403)
  })

  it("lists a person's active sessions and ends them all: the next request is 401", async () => {
    const u = await api.makeUser(team.id, ['leader'])
    api.setAddress('198.51.100.20')
    const c1 = await api.signIn(u.username!)
    const c2 = await api.signIn(u.username!)
    api.setAddress('203.0.113.7')
    await api.call('POST', '/api/v1/auth/sign-out', { cookie: c2 })
    const c3 = await api.signIn(u.username!)
    const list = await api.call('GET', `/api/v1/users/${u.id}/sessions`, { cookie: adminCookie })
    expect(list.status).toBe(200)
    const p = page(UserSession).parse(list.json)
    expect(p.items).toHaveLength(2)
    expect(p.items.map((s) => s.address).sort()).toEqual(['198.51.100.20', '203.0.113.7'])
    expect(p.items.every((s) => !s.current && s.id.length === 16)).toBe(true)
    // Paged one at a time, nothing twice.
    const first = page(UserSession).parse((await api.call('GET', `/api/v1/users/${u.id}/sessions?limit=1`, { cookie: adminCookie })).json)
    const second = page(UserSession).parse((await api.call('GET', `/api/v1/users/${u.id}/sessions?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`, { cookie: adminCookie })).json)
    expect(new Set([first.items[0]!.id, second.items[0]!.id]).size).toBe(2)

    expect((await api.call('GET', `/api/v1/users/${u.id}/sessions`, { cookie: c1 })).status).toBe(403)
    const end = await api.call('POST', `/api/v1/users/${u.id}/sessions/end`, { cookie: adminCookie })
    expect(end.status).toBe(200)
    expect(end.json).toEqual({ ended: 2 })
    for (const cookie of [c1, c3]) expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(401)
    expect((await api.call('GET', `/api/v1/users/${u.id}/sessions`, { cookie: adminCookie })).json.items).toEqual([])
    expect((await events(u.id)).some((e) => e.kind === 'identity.sessions_ended')).toBe(true)
  })
})

it('makes readable temporary passwords', () => {
  const seen = new Set(Array.from({ length: 200 }, () => temporaryPassword()))
  expect(seen.size).toBe(200)
  for (const p of seen) expect(p).not.toMatch(/[0O1lIio]/)
})
