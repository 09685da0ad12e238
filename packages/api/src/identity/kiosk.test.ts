import { afterAll, beforeAll, expect, it } from 'vitest'
import { KioskStaffMember, Me, StaffSession } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock, TEST_PASSWORD } from '../testing.js'

describeEachDialect('kiosk staff PIN', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  const clock = testClock()
  let admin: string
  let teamId: string
  let counter: { id: string; username: string | null }
  const pair = async (name = 'Counter') => {
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name } })
    return (await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })).json.token as string
  }
  const dev = (token: string, staff?: string) => ({ authorization: `Bearer ${token}`, ...(staff ? { 'x-chayi-staff': staff } : {}) })

  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    teamId = (await api.makeTeam()).id
    const adminUser = await api.makeUser(teamId, ['admin'])
    admin = await api.signIn(adminUser.username!)
    counter = await api.makeUser(teamId, ['counter_staff'])
    await api.makeUser(teamId, ['volunteer'])
    expect((await api.call('PUT', `/api/v1/users/${counter.id}/pin`, { cookie: admin, body: { pin: '2468' } })).status).toBe(200)
  })
  afterAll(() => api.close())

  it('lists only staff with a PIN, by name only', async () => {
    const token = await pair()
    const r = await api.call('GET', '/api/v1/kiosk/staff', { headers: dev(token) })
    expect(r.status).toBe(200)
    const items = r.json.items.map((i: unknown) => KioskStaffMember.strict().parse(i))
    expect(items.map((i: { userId: string }) => i.userId)).toEqual([counter.id])
  })

  it('unlocks with the right PIN; the kiosk then acts with the staff roles until locked', async () => {
    const token = await pair()
    const r = await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: counter.id, pin: '2468' } })
    expect(r.status).toBe(201)
    const s = StaffSession.parse(r.json)
    expect(s.staff.roles).toEqual(['counter_staff'])
    const me = Me.parse((await api.call('GET', '/api/v1/me', { headers: dev(token, s.token) })).json)
    expect(me.kind === 'device' && me.staff?.userId).toBe(counter.id)
    const bare = Me.parse((await api.call('GET', '/api/v1/me', { headers: dev(token) })).json)
    expect(bare.kind === 'device' && bare.staff).toBeNull()
    expect((await api.call('POST', '/api/v1/kiosk/staff-session/end', { headers: dev(token, s.token) })).status).toBe(200)
    const after = Me.parse((await api.call('GET', '/api/v1/me', { headers: dev(token, s.token) })).json)
    expect(after.kind === 'device' && after.staff).toBeNull()
  })

  it("refuses a staff token on another device, and a person's session on kiosk routes", async () => {
    const a = await pair('A')
    const b = await pair('B')
    const s = (await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(a), body: { userId: counter.id, pin: '2468' } })).json
    const me = Me.parse((await api.call('GET', '/api/v1/me', { headers: dev(b, s.token) })).json)
    expect(me.kind === 'device' && me.staff).toBeNull()
    expect((await api.call('GET', '/api/v1/kiosk/staff', { cookie: admin })).status).toBe(403)
  })

  it('refuses a wrong PIN with 401, and locks out after repeated wrong PINs', async () => {
    const token = await pair()
    clock.advance(1000) // after the earlier successful unlocks, which reset the count
    for (let i = 0; i < 5; i++) {
      const r = await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: counter.id, pin: '0000' } })
      expect(r.status).toBe(401)
      expect(r.json.error.code).toBe('invalid_pin')
    }
    const locked = await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: counter.id, pin: '2468' } })
    expect(locked.status).toBe(429)
    clock.advance(16 * 60_000)
    expect((await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: counter.id, pin: '2468' } })).status).toBe(201)
  })

  it('keeps an account whose password was reset away from the counter until it chooses its own, and locks its open kiosk', async () => {
    const token = await pair()
    const staffer = await api.makeUser(teamId, ['counter_staff'])
    expect((await api.call('PUT', `/api/v1/users/${staffer.id}/pin`, { cookie: admin, body: { pin: '8642' } })).status).toBe(200)
    const s = StaffSession.parse((await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: staffer.id, pin: '8642' } })).json)

    const reset = await api.call('POST', `/api/v1/users/${staffer.id}/password-reset`, { cookie: admin, body: {} })
    expect(reset.status, reset.text).toBe(200)
    // The kiosk it had unlocked is locked again, it leaves the list, and its PIN no longer unlocks.
    const me = Me.parse((await api.call('GET', '/api/v1/me', { headers: dev(token, s.token) })).json)
    expect(me.kind === 'device' && me.staff).toBeNull()
    const listed = (await api.call('GET', '/api/v1/kiosk/staff', { headers: dev(token) })).json.items.map((i: { userId: string }) => i.userId)
    expect(listed).not.toContain(staffer.id)
    const refused = await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: staffer.id, pin: '8642' } })
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('password_change_required')
    expect((await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: staffer.id, pin: '0000' } })).status).toBe(401)

    // Once the owner chooses a password, the counter is theirs again.
    const temp = await api.signIn(staffer.username!, reset.json.temporaryPassword)
    expect((await api.call('PUT', '/api/v1/me/password', { cookie: temp, body: { currentPassword: reset.json.temporaryPassword, newPassword: 'a-new-long-passphrase-9' } })).status).toBe(200)
    expect((await api.call('GET', '/api/v1/kiosk/staff', { headers: dev(token) })).json.items.map((i: { userId: string }) => i.userId)).toContain(staffer.id)
    expect((await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: staffer.id, pin: '8642' } })).status).toBe(201)
  })

  it('rejects malformed PINs and people who may not work the counter', async () => {
    const token = await pair()
    expect((await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: counter.id, pin: '12' } })).status).toBe(400)
    const vol = await api.makeUser(teamId, ['volunteer'])
    const volCookie = await api.signIn(vol.username!)
    expect((await api.call('PUT', '/api/v1/me/pin', { cookie: volCookie, body: { pin: '1357', password: TEST_PASSWORD } })).status).toBe(200)
    const r = await api.call('POST', '/api/v1/kiosk/staff-session', { headers: dev(token), body: { userId: vol.id, pin: '1357' } })
    expect(r.status).toBe(401)
  })

  it('sets your own PIN only with your password, and records that it changed without the PIN', async () => {
    const leader = await api.makeUser(teamId, ['leader'])
    const cookie = await api.signIn(leader.username!)
    const wrong = await api.call('PUT', '/api/v1/me/pin', { cookie, body: { pin: '9753', password: 'not my password' } })
    expect(wrong.status).toBe(400)
    expect(wrong.json.error.issues[0].path).toBe('password')
    expect((await api.call('PUT', '/api/v1/me/pin', { cookie, body: { pin: '9753', password: TEST_PASSWORD } })).status).toBe(200)
    const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', leader.id).where('kind', '=', 'identity.pin_set').executeTakeFirstOrThrow()
    expect(ev.payload).not.toContain('9753')
  })

  it("does not let an admin set another team's PIN", async () => {
    const other = await api.makeTeam()
    const stranger = await api.makeUser(other.id, ['counter_staff'])
    expect((await api.call('PUT', `/api/v1/users/${stranger.id}/pin`, { cookie: admin, body: { pin: '1111' } })).status).toBe(404)
  })
})
