import { afterAll, beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { AccessLogEntry, page, VolunteerProfile } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { registration } from './fixtures.js'

describeEachDialect('a volunteer’s own profile, leaving, coming back, and revealing an ID number', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let leader: string
  let admin: string
  let otherLeader: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const xf = await api.makeTeam('pf')
    const other = await api.makeTeam('pf2')
    leader = await api.signIn((await api.makeUser(xf.id, ['leader'])).username!)
    admin = await api.signIn((await api.makeUser(xf.id, ['admin'])).username!)
    otherLeader = await api.signIn((await api.makeUser(other.id, ['leader'])).username!)
  }, 60_000)
  afterAll(() => api.close())

  async function member(approve = true) {
    const body = registration()
    const r = await api.call('POST', '/api/v1/public/teams/pf/volunteers', { body })
    if (r.status !== 201) throw new Error(r.text)
    const id = r.json.id as string
    await api.call('POST', `/api/v1/volunteers/${id}/decision`, { cookie: leader, body: { approve } })
    return { id, body, cookie: await api.signIn(body.phone, body.password) }
  }
  const count = async (table: 'ledgerEvents' | 'accessLog') => Number((await ctx().db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)

  it('changes own skills and emergency contact; fixed fields and bad values are refused with nothing written', async () => {
    const v = await member()
    const ok = await api.call('PATCH', '/api/v1/volunteers/me', { cookie: v.cookie, body: { skills: ['急救', '摄影'], emergencyContact: { name: '王二', phone: '13612345678', relation: '兄弟' } } })
    expect(ok.status, ok.text).toBe(200)
    expect(VolunteerProfile.parse(ok.json)).toMatchObject({ skills: ['急救', '摄影'], emergencyContact: { name: '王二', phone: '13612345678' } })
    const before = await count('ledgerEvents')
    for (const body of [{}, { skills: 'not a list' }, { emergencyContact: { name: '王二', phone: '123', relation: 'x' } }, { affiliations: [] }]) {
      const bad = await api.call('PATCH', '/api/v1/volunteers/me', { cookie: v.cookie, body })
      expect(bad.status, JSON.stringify(body)).toBe(400)
      expect(bad.json.error.code).toBe('invalid_request')
    }
    // realName is not a field one may change: stripped, so the body is "nothing to change".
    expect((await api.call('PATCH', '/api/v1/volunteers/me', { cookie: v.cookie, body: { realName: '别人' } })).status).toBe(400)
    expect(await count('ledgerEvents')).toBe(before)
    const event = await ctx().db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'volunteers.profile_updated').where('entityId', '=', v.id).executeTakeFirstOrThrow()
    expect(event.payload).not.toContain('13612345678')
    expect(JSON.parse(event.payload)).toEqual({ fields: ['emergencyContact', 'skills'] })
  })

  it('leaves (role removed, number kept), comes back through a leader, and keeps the same number', async () => {
    const v = await member()
    const number = VolunteerProfile.parse((await api.call('GET', '/api/v1/volunteers/me', { cookie: v.cookie })).json).volunteerNumber
    expect(number).toMatch(/^PF-\d{6}$/)
    const left = await api.call('POST', '/api/v1/volunteers/me/leave', { cookie: v.cookie, body: { reason: '搬家' } })
    expect(left.json).toMatchObject({ status: 'left', volunteerNumber: number })
    expect((await api.call('GET', '/api/v1/me', { cookie: v.cookie })).json.user.roles).toEqual([])
    expect((await api.call('POST', '/api/v1/volunteers/me/leave', { cookie: v.cookie, body: {} })).status).toBe(409)
    expect((await api.call('POST', '/api/v1/volunteers/me/reapply', { cookie: v.cookie })).json).toMatchObject({ status: 'pending', volunteerNumber: number })
    const again = await api.call('POST', `/api/v1/volunteers/${v.id}/decision`, { cookie: leader, body: { approve: true } })
    expect(again.json).toMatchObject({ status: 'active', volunteerNumber: number })
    expect((await api.call('GET', '/api/v1/me', { cookie: v.cookie })).json.user.roles).toEqual(['volunteer'])
  })

  it('applies again after a rejection; an active volunteer cannot "re-apply"', async () => {
    const v = await member(false)
    expect((await api.call('GET', '/api/v1/volunteers/me', { cookie: v.cookie })).json.status).toBe('rejected')
    const r = await api.call('POST', '/api/v1/volunteers/me/reapply', { cookie: v.cookie })
    expect(r.json).toMatchObject({ status: 'pending', decisionNote: null })
    const pending = page(VolunteerProfile).parse((await api.call('GET', '/api/v1/volunteers?status=pending', { cookie: leader })).json)
    expect(pending.items.map((p) => p.id)).toContain(v.id)
    await api.call('POST', `/api/v1/volunteers/${v.id}/decision`, { cookie: leader, body: { approve: true } })
    const no = await api.call('POST', '/api/v1/volunteers/me/reapply', { cookie: v.cookie })
    expect(no.status).toBe(409)
    expect(no.json.error.code).toBe('cannot_reapply')
  })

  it('reveals a whole ID number to a leader with a reason, logs it for admins, and to no one else', async () => {
    const v = await member()
    const logged = await count('accessLog')
    expect((await api.call('POST', `/api/v1/volunteers/${v.id}/reveal-id`, { cookie: leader, body: {} })).status).toBe(400)
    expect((await api.call('POST', `/api/v1/volunteers/${v.id}/reveal-id`, { cookie: v.cookie, body: { reason: '自己看看' } })).status).toBe(403)
    expect((await api.call('POST', `/api/v1/volunteers/${v.id}/reveal-id`, { cookie: otherLeader, body: { reason: '办理保险' } })).status).toBe(404)
    expect(await count('accessLog')).toBe(logged)

    const r = await api.call('POST', `/api/v1/volunteers/${v.id}/reveal-id`, { cookie: leader, body: { reason: '办理意外保险' } })
    expect(r.status, r.text).toBe(200)
    expect(r.json).toEqual({ idType: 'resident_id', idNumber: v.body.idNumber })
    expect(await count('accessLog')).toBe(logged + 1)
    const chain = await ctx().db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'volunteers.id_number_revealed').where('entityId', '=', v.id).executeTakeFirstOrThrow()
    expect(chain.payload).not.toContain(v.body.idNumber)

    expect((await api.call('GET', '/api/v1/access-log', { cookie: leader })).status).toBe(403)
    const log = page(AccessLogEntry).parse((await api.call('GET', '/api/v1/access-log?limit=1', { cookie: admin })).json)
    expect(log.items[0]).toMatchObject({ entity: 'volunteer', entityId: v.id, field: 'id_number', reason: '办理意外保险' })
    expect(log.items[0]!.actorName).toEqual(expect.any(String))
    expect(log.items[0]!.actorName).not.toBeNull()
  })

  it('lists staff apart from volunteers: ?kind=staff leaves out people whose only role is volunteer', async () => {
    const v = await member()
    const users = async (q: string) => ((await api.call('GET', `/api/v1/users?limit=200${q}`, { cookie: admin })).json.items as { id: string; roles: string[] }[])
    const all = await users('')
    const staff = await users('&kind=staff')
    const vUser = (await api.call('GET', '/api/v1/volunteers/me', { cookie: v.cookie })).json.userId as string
    expect(all.map((u) => u.id)).toContain(vUser)
    expect(staff.map((u) => u.id)).not.toContain(vUser)
    expect(staff.length).toBeGreaterThan(0)
    expect(staff.every((u) => u.roles.some((r) => r !== 'volunteer'))).toBe(true)
    expect((await api.call('GET', '/api/v1/users?kind=nobody', { cookie: admin })).status).toBe(400)
  })
})
