import { afterAll, beforeAll, expect, it } from 'vitest'
import { page, Team, User } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'

describeEachDialect('teams and accounts', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let district: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const home = await api.makeTeam('district-office')
    district = await api.signIn((await api.makeUser(home.id, ['district_admin'])).username!)
  })
  afterAll(() => api.close())

  it('lets a district administrator create a team with its own chain, once per code', async () => {
    const r = await api.call('POST', '/api/v1/teams', { cookie: district, body: { code: 'xingfu-2', name: '幸福社区第二志愿服务队', community: '幸福社区', district: '锦江区' } })
    expect(r.status).toBe(201)
    const team = Team.parse(r.json)
    const head = await api.call('GET', `/api/v1/public/ledger/head?team=${team.code}`)
    expect(head.json.seq).toBe(1)
    const dup = await api.call('POST', '/api/v1/teams', { cookie: district, body: { code: 'xingfu-2', name: 'x', community: 'y' } })
    expect(dup.status).toBe(409)
    expect(dup.json.error.code).toBe('team_code_taken')
    const bad = await api.call('POST', '/api/v1/teams', { cookie: district, body: { code: 'Not A Code', name: '', community: 'y' } })
    expect(bad.status).toBe(400)
    expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['code', 'name'])
    const list = page(Team).parse((await api.call('GET', '/api/v1/teams', { cookie: district })).json)
    expect(list.items.map((t) => t.code)).toEqual(expect.arrayContaining(['district-office', 'xingfu-2']))
  })

  it("pages an admin's accounts with a cursor, and shows only the admin's own team", async () => {
    const a = await api.makeTeam()
    const b = await api.makeTeam()
    const admin = await api.signIn((await api.makeUser(a.id, ['admin'])).username!)
    for (let i = 0; i < 4; i++) await api.makeUser(a.id, ['volunteer'])
    await api.makeUser(b.id, ['volunteer'])
    const first = page(User).parse((await api.call('GET', '/api/v1/users?limit=3', { cookie: admin })).json)
    expect(first.items).toHaveLength(3)
    expect(first.nextCursor).not.toBeNull()
    const second = page(User).parse((await api.call('GET', `/api/v1/users?limit=3&cursor=${first.nextCursor}`, { cookie: admin })).json)
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()
    const all = [...first.items, ...second.items]
    expect(new Set(all.map((u) => u.id)).size).toBe(5)
    expect(all.every((u) => u.teamId === a.id)).toBe(true)
    const tooBig = await api.call('GET', '/api/v1/users?limit=5000', { cookie: admin })
    expect(tooBig.status).toBe(400)
  })

  it('refuses to create district administrators or accounts without a login over HTTP', async () => {
    const t = await api.makeTeam()
    const admin = await api.signIn((await api.makeUser(t.id, ['admin'])).username!)
    const r1 = await api.call('POST', '/api/v1/users', { cookie: admin, body: { username: 'boss', displayName: 'x', password: 'long enough pw', roles: ['district_admin'] } })
    expect(r1.status).toBe(400)
    const r2 = await api.call('POST', '/api/v1/users', { cookie: admin, body: { displayName: 'x', password: 'long enough pw', roles: ['volunteer'] } })
    expect(r2.status).toBe(400)
    expect(r2.json.error.issues[0].path).toBe('username')
  })
})
