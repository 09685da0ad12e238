import { afterAll, beforeAll, expect, it } from 'vitest'
import { maskPhone, page, VolunteerProfile } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { registration } from './fixtures.js'

describeEachDialect('joining a team: leader decisions and access', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let leader: string
  let otherLeader: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const xf = await api.makeTeam('xf')
    const other = await api.makeTeam('other')
    leader = await api.signIn((await api.makeUser(xf.id, ['leader'])).username!)
    otherLeader = await api.signIn((await api.makeUser(other.id, ['leader'])).username!)
  }, 60_000)
  afterAll(() => api.close())

  async function register(team = 'xf') {
    const body = registration()
    const r = await api.call('POST', `/api/v1/public/teams/${team}/volunteers`, { body })
    if (r.status !== 201) throw new Error(r.text)
    return { body, id: r.json.id as string }
  }

  it('lists pending join requests masked; approval gives a number and the volunteer role; deciding twice is 409', async () => {
    const a = await register()
    const b = await register()
    const list = page(VolunteerProfile).parse((await api.call('GET', '/api/v1/volunteers?status=pending', { cookie: leader })).json)
    const mine = list.items.find((v) => v.id === a.id)!
    expect(mine.phone).toBe(maskPhone(a.body.phone))
    expect(mine.emergencyContact).toBeUndefined()
    expect(mine.guardian).toBeUndefined()
    expect(list.items.map((v) => v.id)).toEqual(expect.arrayContaining([a.id, b.id]))

    const ok = await api.call('POST', `/api/v1/volunteers/${a.id}/decision`, { cookie: leader, body: { approve: true, note: '欢迎' } })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.json).toMatchObject({ status: 'active', volunteerNumber: 'XF-000001', decisionNote: '欢迎' })
    expect(ok.json.joinedAt).toEqual(expect.any(String))
    expect(ok.text).not.toContain(a.body.phone)

    const cookie = await api.signIn(a.body.phone, a.body.password)
    expect((await api.call('GET', '/api/v1/me', { cookie })).json.user.roles).toEqual(['volunteer'])
    // Told in the inbox, with the number.
    expect((await api.call('GET', '/api/v1/notifications', { cookie })).json.items).toMatchObject([{ kind: 'volunteer_approved', params: { number: 'XF-000001' } }])
    expect((await api.call('GET', '/api/v1/volunteers/me', { cookie })).json).toMatchObject({ status: 'active', volunteerNumber: 'XF-000001' })

    const again = await api.call('POST', `/api/v1/volunteers/${a.id}/decision`, { cookie: leader, body: { approve: false } })
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('already_decided')

    const no = await api.call('POST', `/api/v1/volunteers/${b.id}/decision`, { cookie: leader, body: { approve: false, note: '信息不全' } })
    expect(no.json).toMatchObject({ status: 'rejected', volunteerNumber: null, joinedAt: null, decisionNote: '信息不全' })
    const bCookie = await api.signIn(b.body.phone, b.body.password)
    expect((await api.call('GET', '/api/v1/notifications', { cookie: bCookie })).json.items).toMatchObject([{ kind: 'volunteer_rejected', params: { note: '信息不全' } }])
    expect((await api.call('GET', '/api/v1/me', { cookie: bCookie })).json.user.roles).toEqual([])

    const kinds = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', 'in', [a.id, b.id]).orderBy('seq').execute()
    expect(kinds.map((k) => k.kind)).toEqual(['volunteers.volunteer_registered', 'volunteers.volunteer_registered', 'volunteers.volunteer_approved', 'volunteers.volunteer_rejected'])
    expect(JSON.stringify(kinds)).not.toContain('信息不全')

    const pending = page(VolunteerProfile).parse((await api.call('GET', '/api/v1/volunteers?status=pending', { cookie: leader })).json)
    expect(pending.items.map((v) => v.id)).not.toContain(a.id)
    expect(pending.items.map((v) => v.id)).not.toContain(b.id)
  })

  it('gives 10 concurrent approvals the numbers 1..10 of a fresh team, without gaps or repeats', async () => {
    const t = await api.makeTeam('conc')
    const lead = await api.signIn((await api.makeUser(t.id, ['leader'])).username!)
    const ids: string[] = []
    for (let i = 0; i < 10; i++) ids.push((await register('conc')).id)
    const results = await Promise.all(ids.map((id) => api.call('POST', `/api/v1/volunteers/${id}/decision`, { cookie: lead, body: { approve: true } })))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    const numbers = results.map((r) => r.json.volunteerNumber as string).sort()
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `CONC-${String(i + 1).padStart(6, '0')}`))
    // Racing decisions on one registration: exactly one wins.
    const one = (await register('conc')).id
    const race = await Promise.all([true, false, true].map((approve) => api.call('POST', `/api/v1/volunteers/${one}/decision`, { cookie: lead, body: { approve } })))
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409])
  })

  it('shows a profile to its owner and to leaders of the team only: anyone else gets 404', async () => {
    const a = await register()
    const b = await register()
    for (const v of [a, b]) await api.call('POST', `/api/v1/volunteers/${v.id}/decision`, { cookie: leader, body: { approve: true } })
    const aCookie = await api.signIn(a.body.phone, a.body.password)

    const own = await api.call('GET', `/api/v1/volunteers/${a.id}`, { cookie: aCookie })
    expect(own.status).toBe(200)
    expect(own.json).toMatchObject({ phone: a.body.phone, emergencyContact: a.body.emergencyContact })

    const theirs = await api.call('GET', `/api/v1/volunteers/${b.id}`, { cookie: aCookie })
    expect(theirs.status).toBe(404)
    expect(theirs.json.error.code).toBe('not_found')
    const missing = await api.call('GET', '/api/v1/volunteers/0190a000-0000-7000-8000-000000000000', { cookie: aCookie })
    expect(missing.json).toEqual(theirs.json)

    const byLeader = await api.call('GET', `/api/v1/volunteers/${b.id}`, { cookie: leader })
    expect(byLeader.status).toBe(200)
    expect(byLeader.json.phone).toBe(maskPhone(b.body.phone))
    expect(byLeader.json.emergencyContact).toBeUndefined()
    expect(byLeader.text).not.toContain(b.body.idNumber)

    expect((await api.call('GET', `/api/v1/volunteers/${b.id}`, { cookie: otherLeader })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/volunteers/${b.id}/decision`, { cookie: otherLeader, body: { approve: false } })).status).toBe(404)
    const otherList = page(VolunteerProfile).parse((await api.call('GET', '/api/v1/volunteers', { cookie: otherLeader })).json)
    expect(otherList.items.map((v) => v.id)).not.toContain(b.id)
    // A volunteer is not a leader: the team list stays closed to them.
    expect((await api.call('GET', '/api/v1/volunteers', { cookie: aCookie })).status).toBe(403)
  })

  it('pages the team list with a cursor', async () => {
    const t = await api.makeTeam('paged')
    const lead = await api.signIn((await api.makeUser(t.id, ['admin'])).username!)
    for (let i = 0; i < 5; i++) await register('paged')
    const first = page(VolunteerProfile).parse((await api.call('GET', '/api/v1/volunteers?limit=3', { cookie: lead })).json)
    expect(first.items).toHaveLength(3)
    const second = page(VolunteerProfile).parse((await api.call('GET', `/api/v1/volunteers?limit=3&cursor=${first.nextCursor}`, { cookie: lead })).json)
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()
    expect(new Set([...first.items, ...second.items].map((v) => v.id)).size).toBe(5)
  })
})
