import { afterAll, beforeAll, expect, it } from 'vitest'
import { Me } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock, TEST_PASSWORD } from '../testing.js'

const MIN = 60_000

describeEachDialect('sign-in and sessions', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  const clock = testClock()
  let team: { id: string; code: string }
  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock, config: { sessionIdleMinutes: 30, sessionMaxHours: 2 } })
    team = await api.makeTeam()
  })
  afterAll(() => api.close())

  it('signs in with a username, sets an HttpOnly cookie and answers /me', async () => {
    const u = await api.makeUser(team.id, ['leader'])
    const res = await api.app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: u.username, password: TEST_PASSWORD }) })
    expect(res.status).toBe(200)
    const me = Me.parse(await res.json())
    expect(me.kind === 'user' && me.user.roles).toEqual(['leader'])
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/chayi_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const r = await api.call('GET', '/api/v1/me', { cookie: cookie.split(';')[0] })
    expect(r.status).toBe(200)
    expect(r.json.user.id).toBe(u.id)
    expect(r.json.team.code).toBe(team.code)
  })

  it('signs in with a phone number', async () => {
    const { deps } = api
    const u = await api.makeUser(team.id, ['volunteer'])
    await deps.db.updateTable('users').set({ phone: '13800138000' }).where('id', '=', u.id).execute()
    const cookie = await api.signIn('13800138000')
    expect((await api.call('GET', '/api/v1/me', { cookie })).json.user.id).toBe(u.id)
  })

  it('refuses a wrong password and an unknown login with the same 401', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const a = await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: 'wrong password' } })
    const b = await api.call('POST', '/api/v1/auth/sign-in', { body: { login: 'nobody-here', password: 'wrong password' } })
    expect(a.status).toBe(401)
    expect(b.status).toBe(401)
    expect(a.json).toEqual(b.json)
    expect(a.json.error.code).toBe('invalid_credentials')
  })

  it('signs out: the cookie stops working', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const cookie = await api.signIn(u.username!)
    const out = await api.call('POST', '/api/v1/auth/sign-out', { cookie })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/chayi_session=;/)
    const me = await api.call('GET', '/api/v1/me', { cookie })
    expect(me.status).toBe(401)
    expect(me.json.error.code).toBe('unauthenticated')
  })

  it('ends a session after the idle timeout, and activity keeps it alive', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const cookie = await api.signIn(u.username!)
    clock.advance(20 * MIN)
    expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(200)
    clock.advance(20 * MIN) // 40 min after sign-in, 20 after the last request
    expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(200)
    clock.advance(31 * MIN)
    expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(401)
    clock.advance(-71 * MIN) // going back does not revive an ended session
    expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(401)
    clock.advance(71 * MIN)
  })

  it('ends a session at the absolute timeout however active it is', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const cookie = await api.signIn(u.username!)
    for (let i = 0; i < 7; i++) {
      clock.advance(17 * MIN)
      expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(200)
    }
    clock.advance(2 * MIN) // 121 minutes after sign-in
    expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(401)
  })

  it('limits failed sign-ins per account with 429, even for the right password', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    for (let i = 0; i < 5; i++) {
      expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: 'nope nope' } })).status).toBe(401)
    }
    const r = await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: TEST_PASSWORD } })
    expect(r.status).toBe(429)
    expect(r.json.error.code).toBe('too_many_attempts')
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
    clock.advance(16 * MIN)
    expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: TEST_PASSWORD } })).status).toBe(200)
  })

  it('limits failed sign-ins per address across accounts', async () => {
    api.setAddress('198.51.100.9')
    for (let i = 0; i < 20; i++) {
      expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: `guess${i}`, password: 'nope nope' } })).status).toBe(401)
    }
    const u = await api.makeUser(team.id, ['volunteer'])
    expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: TEST_PASSWORD } })).status).toBe(429)
    api.setAddress('198.51.100.10')
    expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: TEST_PASSWORD } })).status).toBe(200)
  })

  it('refuses disabled accounts and ends their sessions', async () => {
    const u = await api.makeUser(team.id, ['volunteer'])
    const cookie = await api.signIn(u.username!)
    await api.deps.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', u.id).execute()
    expect((await api.call('GET', '/api/v1/me', { cookie })).status).toBe(401)
    expect((await api.call('POST', '/api/v1/auth/sign-in', { body: { login: u.username, password: TEST_PASSWORD } })).status).toBe(401)
  })
})
