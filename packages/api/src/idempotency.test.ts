import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from './testing.js'

describeEachDialect('idempotent writes', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let admin: string
  let teamId: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam()
    teamId = team.id
    admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
  })
  afterAll(() => api.close())

  const events = async () => (await api.deps.db.selectFrom('ledgerEvents').select('seq').where('teamId', '=', teamId).execute()).length
  const users = async (username: string) => (await api.deps.db.selectFrom('users').select('id').where('username', '=', username).execute()).length

  it('replays the first response for a retried key and writes once', async () => {
    const body = { username: 'retry.me', displayName: '重试', password: 'long enough pw', roles: ['volunteer'] }
    const headers = { 'idempotency-key': '0f6c3c1e-7d52-4c55-9b57-31f0c9d0a001' }
    const before = await events()
    const a = await api.call('POST', '/api/v1/users', { cookie: admin, body, headers })
    const b = await api.call('POST', '/api/v1/users', { cookie: admin, body, headers })
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(b.json).toEqual(a.json)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(await users('retry.me')).toBe(1)
    expect(await events()).toBe(before + 1)
  })

  it('answers 409 when a key comes back with a different body', async () => {
    const headers = { 'idempotency-key': '0f6c3c1e-7d52-4c55-9b57-31f0c9d0a002' }
    const a = await api.call('POST', '/api/v1/users', { cookie: admin, headers, body: { username: 'first.body', displayName: 'A', password: 'long enough pw', roles: ['volunteer'] } })
    expect(a.status).toBe(201)
    const b = await api.call('POST', '/api/v1/users', { cookie: admin, headers, body: { username: 'second.body', displayName: 'B', password: 'long enough pw', roles: ['volunteer'] } })
    expect(b.status).toBe(409)
    expect(b.json.error.code).toBe('idempotency_key_reused')
    expect(await users('second.body')).toBe(0)
  })

  it('writes once when the same key arrives many times at once', async () => {
    const headers = { 'idempotency-key': '0f6c3c1e-7d52-4c55-9b57-31f0c9d0a003' }
    const body = { username: 'racing', displayName: '并发', password: 'long enough pw', roles: ['volunteer'] }
    const before = await events()
    const rs = await Promise.all(Array.from({ length: 8 }, () => api.call('POST', '/api/v1/users', { cookie: admin, body, headers })))
    expect(rs.map((r) => r.status)).toEqual(Array(8).fill(201))
    expect(new Set(rs.map((r) => r.json.id)).size).toBe(1)
    expect(await users('racing')).toBe(1)
    expect(await events()).toBe(before + 1)
  })

  it('stores nothing for a rejected write, so the key can be used again', async () => {
    const headers = { 'idempotency-key': '0f6c3c1e-7d52-4c55-9b57-31f0c9d0a004' }
    const dup = await api.call('POST', '/api/v1/users', { cookie: admin, headers, body: { username: 'retry.me', displayName: 'dup', password: 'long enough pw', roles: ['volunteer'] } })
    expect(dup.status).toBe(409)
    expect(dup.json.error.code).toBe('login_taken')
    const ok = await api.call('POST', '/api/v1/users', { cookie: admin, headers, body: { username: 'fresh.one', displayName: 'ok', password: 'long enough pw', roles: ['volunteer'] } })
    expect(ok.status).toBe(201)
  })

  it('refuses a malformed key', async () => {
    const r = await api.call('POST', '/api/v1/users', { cookie: admin, headers: { 'idempotency-key': 'bad key!' }, body: { username: 'x.y.z', displayName: 'x', password: 'long enough pw', roles: ['volunteer'] } })
    expect(r.status).toBe(400)
    expect(r.json.error.code).toBe('invalid_idempotency_key')
  })

  it('keeps keys per team: another team may use the same key', async () => {
    const other = await api.makeTeam()
    const otherAdmin = await api.signIn((await api.makeUser(other.id, ['admin'])).username!)
    const headers = { 'idempotency-key': '0f6c3c1e-7d52-4c55-9b57-31f0c9d0a001' }
    const r = await api.call('POST', '/api/v1/users', { cookie: otherAdmin, headers, body: { username: 'other.team', displayName: 'o', password: 'long enough pw', roles: ['volunteer'] } })
    expect(r.status).toBe(201)
    expect(r.json.teamId).toBe(other.id)
  })
})
