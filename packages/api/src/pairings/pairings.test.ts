import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FollowUp, maskName, MyPairing, Pairing, PairingVisit } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { newBeneficiary } from '../care/fixtures.js'
import { addVolunteer } from '../hours/fixtures.js'
import { createTestApi, testClock } from '../testing.js'

type Counted = 'pairings' | 'pairingVisits' | 'pairingFollowUps' | 'hourEntries' | 'ledgerEvents' | 'idempotencyKeys'
const COUNTED: Counted[] = ['pairings', 'pairingVisits', 'pairingFollowUps', 'hourEntries', 'ledgerEvents', 'idempotencyKeys']

describeEachDialect('空巢不空心 pairings: rules, visits as pending hours, overdue, follow-ups, roles', (ctx) => {
  const clock = testClock(new Date('2026-11-28T08:00:00.000Z')) // 2026-11-28 16:00 in China
  let api: Awaited<ReturnType<typeof createTestApi>>
  let team: { id: string; code: string }
  let staff: string
  let admin: string
  let leader: string
  let counter: string
  let otherStaff: string
  let vol: Awaited<ReturnType<typeof addVolunteer>>
  let vol2: Awaited<ReturnType<typeof addVolunteer>>

  beforeAll(async () => {
    // Sessions outlive the clock's jump past China midnight in the overdue test.
    api = await createTestApi(ctx(), { clock, config: { sessionIdleMinutes: 24 * 60, sessionMaxHours: 48 } })
    team = await api.makeTeam('kc')
    const other = await api.makeTeam('kc2')
    staff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
    admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    counter = await api.signIn((await api.makeUser(team.id, ['counter_staff'])).username!)
    otherStaff = await api.signIn((await api.makeUser(other.id, ['care_staff'])).username!)
    vol = await addVolunteer(api, team, { realName: '王小红' })
    vol2 = await addVolunteer(api, team, { realName: '赵志明' })
  }, 60_000)
  afterAll(() => api.close())

  async function counts() {
    const out = {} as Record<Counted, number>
    for (const t of COUNTED) out[t] = Number((await ctx().db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
    return out
  }

  async function elder(over: Record<string, unknown> = {}) {
    const body = newBeneficiary({ kinds: ['empty_nest_elderly'], disability: undefined, ...over })
    const r = await api.call('POST', '/api/v1/beneficiaries', { cookie: staff, body })
    if (r.status !== 201) throw new Error(r.text)
    return { id: r.json.id as string, name: body.name as string, address: body.address as string, phone: body.phone as string, idNumber: body.idNumber as string, healthNotes: body.healthNotes as string }
  }

  async function pair(volunteerId: string, beneficiaryId: string, over: Record<string, unknown> = {}, cookie = staff) {
    const r = await api.call('POST', '/api/v1/pairings', { cookie, body: { volunteerId, beneficiaryId, frequencyDays: 7, startsOn: '2026-11-01', ...over } })
    if (r.status !== 201) throw new Error(r.text)
    return Pairing.parse(r.json)
  }

  it('pairs an active volunteer with an empty-nest or elderly beneficiary; any other kind is 422, a second active pairing 409', async () => {
    const e = await elder()
    const p = await pair(vol.id, e.id, { note: '每周二上午' })
    expect(p).toMatchObject({ volunteerId: vol.id, volunteerName: '王小红', beneficiaryId: e.id, elderName: e.name, community: '幸福社区', frequencyDays: 7, status: 'active', lastVisitOn: null, visitCount: 0 })
    // Started 2026-11-01, weekly, never visited: due 11-08, before today → overdue.
    expect(p.nextDueOn).toBe('2026-11-08')
    expect(p.overdue).toBe(true)

    const before = await counts()
    const dup = await api.call('POST', '/api/v1/pairings', { cookie: admin, body: { volunteerId: vol.id, beneficiaryId: e.id, frequencyDays: 14, startsOn: '2026-11-20' } })
    expect(dup.status, dup.text).toBe(409)
    expect(dup.json.error.code).toBe('already_paired')

    const disabledOnly = await elder({ kinds: ['disabled', 'low_income'], birthDate: '1980-02-02', disability: { category: 'physical', grade: 'grade_2', certificateNumber: '51010419800202000042' } })
    const bad = await api.call('POST', '/api/v1/pairings', { cookie: staff, body: { volunteerId: vol.id, beneficiaryId: disabledOnly.id, frequencyDays: 7, startsOn: '2026-11-20' } })
    expect(bad.status, bad.text).toBe(422)
    expect(bad.json.error.code).toBe('not_elderly')

    const plainElderly = await elder({ kinds: ['elderly'] })
    await pair(vol.id, plainElderly.id, {}, leader)

    const pending = await addVolunteer(api, team, { status: 'pending' })
    const notActive = await api.call('POST', '/api/v1/pairings', { cookie: staff, body: { volunteerId: pending.id, beneficiaryId: e.id, frequencyDays: 7, startsOn: '2026-11-20' } })
    expect(notActive.status).toBe(422)

    for (const body of [
      { volunteerId: vol.id, beneficiaryId: e.id, frequencyDays: 0, startsOn: '2026-11-20' },
      { volunteerId: vol.id, beneficiaryId: e.id, frequencyDays: 7, startsOn: '2026-13-01' },
      { volunteerId: vol.id, frequencyDays: 7, startsOn: '2026-11-20' },
    ]) {
      expect((await api.call('POST', '/api/v1/pairings', { cookie: staff, body })).status).toBe(400)
    }
    const after = await counts()
    expect(after.pairings - before.pairings).toBe(1) // only the leader's pairing with plainElderly
    expect(after.pairingVisits).toBe(before.pairingVisits)
  })

  it("keeps teams apart: another team's staff get 404 for the volunteer, the beneficiary and the pairing", async () => {
    const e = await elder()
    const p = await pair(vol2.id, e.id)
    expect((await api.call('POST', '/api/v1/pairings', { cookie: otherStaff, body: { volunteerId: vol2.id, beneficiaryId: e.id, frequencyDays: 7, startsOn: '2026-11-20' } })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/pairings/${p.id}`, { cookie: otherStaff })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/pairings/${p.id}/end`, { cookie: otherStaff, body: { reason: 'x' } })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: otherStaff, body: { visitedOn: '2026-11-27', minutes: 60, notes: '', concern: false } })).status).toBe(404)
    const list = await api.call('GET', '/api/v1/pairings', { cookie: otherStaff })
    expect(list.json.items).toEqual([])
  })

  it('a visit by the paired volunteer writes a pending visit hour entry that the hours approval approves; another volunteer gets 404', async () => {
    const e = await elder()
    const p = await pair(vol.id, e.id, { frequencyDays: 14, startsOn: '2026-11-10' })
    const before = await counts()
    const r = await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: vol.cookie, body: { visitedOn: '2026-11-27', minutes: 90, notes: '陪老人聊天，帮忙换灯泡', concern: false } })
    expect(r.status, r.text).toBe(201)
    const v = PairingVisit.parse(r.json)
    expect(v).toMatchObject({ pairingId: p.id, volunteerId: vol.id, visitedOn: '2026-11-27', minutes: 90, notes: '陪老人聊天，帮忙换灯泡', concern: false, followUpId: null })
    const entry = await ctx().db.selectFrom('hourEntries').selectAll().where('id', '=', v.hourEntryId).executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ volunteerId: vol.id, activityId: null, project: 'empty_nest', source: 'visit', serviceDate: '2026-11-27', status: 'pending' })
    expect(Number(entry.minutes)).toBe(90)
    const after = await counts()
    expect(after.pairingVisits - before.pairingVisits).toBe(1)
    expect(after.hourEntries - before.hourEntries).toBe(1)
    // The chain has ids, days and minutes, not what the volunteer wrote.
    const chain = JSON.stringify(await ctx().db.selectFrom('ledgerEvents').select('payload').execute())
    expect(chain).not.toContain('换灯泡')
    const stored = JSON.stringify(await ctx().db.selectFrom('pairingVisits').selectAll().execute())
    expect(stored).not.toContain('换灯泡')

    // The volunteer sees it among their hours, pending; a leader approves it through the usual queue.
    const mine = await api.call('GET', '/api/v1/hours/mine?status=pending', { cookie: vol.cookie })
    expect(mine.json.items.map((i: { id: string }) => i.id)).toContain(v.hourEntryId)
    const decided = await api.call('POST', '/api/v1/hours/decisions', { cookie: leader, body: { entryIds: [v.hourEntryId], approve: true } })
    expect(decided.status, decided.text).toBe(200)
    expect((await ctx().db.selectFrom('hourEntries').select('status').where('id', '=', v.hourEntryId).executeTakeFirstOrThrow()).status).toBe('approved')

    const got = Pairing.parse((await api.call('GET', `/api/v1/pairings/${p.id}`, { cookie: staff })).json)
    expect(got).toMatchObject({ lastVisitOn: '2026-11-27', nextDueOn: '2026-12-11', overdue: false, visitCount: 1 })

    // Someone else's pairing looks missing, for logging and for reading.
    const n = await counts()
    expect((await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: vol2.cookie, body: { visitedOn: '2026-11-27', minutes: 30, notes: '', concern: false } })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/pairings/${p.id}/visits`, { cookie: vol2.cookie })).status).toBe(404)
    expect(await counts()).toEqual(n)
    const visits = await api.call('GET', `/api/v1/pairings/${p.id}/visits`, { cookie: vol.cookie })
    expect(visits.status).toBe(200)
    expect(visits.json.items).toHaveLength(1)

    // Staff may log on the volunteer's behalf: the entry is still the volunteer's.
    const byStaff = await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: staff, body: { visitedOn: '2026-11-28', minutes: 45, notes: '电话后上门', concern: false } })
    expect(byStaff.status, byStaff.text).toBe(201)
    expect(byStaff.json.volunteerId).toBe(vol.id)
  })

  it('refuses bad visits with 400/422/409 and writes nothing', async () => {
    const e = await elder()
    const p = await pair(vol.id, e.id, { startsOn: '2026-11-10' })
    const before = await counts()
    const cases: [unknown, number][] = [
      [{ visitedOn: '2026-11-29', minutes: 60, notes: '', concern: false }, 422], // tomorrow in China
      [{ visitedOn: '2026-11-09', minutes: 60, notes: '', concern: false }, 422], // before the pairing
      [{ visitedOn: '2026-11-27', minutes: 0, notes: '', concern: false }, 400],
      [{ visitedOn: '2026-11-27', minutes: 481, notes: '', concern: false }, 400],
      [{ visitedOn: '2026-11-27', minutes: 60, notes: '', concern: true }, 400], // a concern needs a note
      [{ visitedOn: 'yesterday', minutes: 60, notes: '', concern: false }, 400],
      [{ minutes: 60, notes: '', concern: false }, 400],
    ]
    for (const [body, status] of cases) {
      const r = await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: vol.cookie, body })
      expect(r.status, `${JSON.stringify(body)} ${r.text}`).toBe(status)
    }
    expect(await counts()).toEqual(before)

    const ended = await api.call('POST', `/api/v1/pairings/${p.id}/end`, { cookie: staff, body: { reason: '老人搬去女儿家' } })
    expect(ended.status, ended.text).toBe(200)
    expect(Pairing.parse(ended.json)).toMatchObject({ status: 'ended', nextDueOn: null, overdue: false, endReason: '老人搬去女儿家' })
    expect((await api.call('POST', `/api/v1/pairings/${p.id}/end`, { cookie: staff, body: { reason: 'again' } })).status).toBe(409)
    const late = await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: vol.cookie, body: { visitedOn: '2026-11-27', minutes: 60, notes: '', concern: false } })
    expect(late.status).toBe(409)
    // Ended, the same pair may be paired again.
    await pair(vol.id, e.id, { startsOn: '2026-11-28' })
  })

  it('computes due days and overdue with the clock, China time, and filters by it', async () => {
    const e = await elder()
    const p = await pair(vol2.id, e.id, { frequencyDays: 7, startsOn: '2026-11-21' })
    // Due 11-28 = today: not overdue yet.
    expect(p).toMatchObject({ nextDueOn: '2026-11-28', overdue: false })
    // 2026-11-28T16:30Z is 11-29 00:30 in China: now it is.
    clock.set(new Date('2026-11-28T16:30:00.000Z'))
    try {
      const now = Pairing.parse((await api.call('GET', `/api/v1/pairings/${p.id}`, { cookie: staff })).json)
      expect(now.overdue).toBe(true)
      const overdue = await api.call('GET', `/api/v1/pairings?overdue=true&volunteerId=${vol2.id}`, { cookie: staff })
      expect(overdue.json.items.map((i: Pairing) => i.id)).toContain(p.id)
      expect(overdue.json.items.every((i: Pairing) => i.overdue)).toBe(true)
      const fine = await api.call('GET', `/api/v1/pairings?overdue=false&beneficiaryId=${e.id}`, { cookie: staff })
      expect(fine.json.items).toEqual([])
      // A visit today (China) moves the due day a week on.
      const r = await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: vol2.cookie, body: { visitedOn: '2026-11-29', minutes: 60, notes: '', concern: false } })
      expect(r.status, r.text).toBe(201)
      const later = Pairing.parse((await api.call('GET', `/api/v1/pairings/${p.id}`, { cookie: staff })).json)
      expect(later).toMatchObject({ lastVisitOn: '2026-11-29', nextDueOn: '2026-12-06', overdue: false })
      expect((await api.call('GET', '/api/v1/pairings?overdue=maybe', { cookie: staff })).status).toBe(400)
    } finally {
      clock.set(new Date('2026-11-28T08:00:00.000Z'))
    }
  })

  it('a concern opens a follow-up that staff close with an outcome; notes stay sealed and out of the chain', async () => {
    const e = await elder()
    const p = await pair(vol.id, e.id, { startsOn: '2026-11-20' })
    const r = await api.call('POST', `/api/v1/pairings/${p.id}/visits`, {
      cookie: vol.cookie,
      body: { visitedOn: '2026-11-26', minutes: 60, notes: '精神不太好', concern: true, concernNote: '老人说最近头晕，药快吃完了' },
    })
    expect(r.status, r.text).toBe(201)
    const v = PairingVisit.parse(r.json)
    expect(v.followUpId).not.toBeNull()
    const open = await api.call('GET', '/api/v1/follow-ups?status=open', { cookie: staff })
    expect(open.status).toBe(200)
    const f = open.json.items.map((i: unknown) => FollowUp.parse(i)).find((i: FollowUp) => i.id === v.followUpId)!
    expect(f).toMatchObject({ status: 'open', pairingId: p.id, visitId: v.id, elderName: e.name, volunteerName: '王小红', visitedOn: '2026-11-26', concernNote: '老人说最近头晕，药快吃完了' })
    // A leader sees the queue with the name masked.
    const byLeader = await api.call('GET', '/api/v1/follow-ups?status=open', { cookie: leader })
    expect(byLeader.json.items.find((i: FollowUp) => i.id === f.id).elderName).toBe(maskName(e.name))
    expect(byLeader.text).not.toContain(e.name)

    expect((await api.call('POST', `/api/v1/follow-ups/${f.id}/close`, { cookie: vol.cookie, body: { outcome: 'x' } })).status).toBe(403)
    expect((await api.call('POST', `/api/v1/follow-ups/${f.id}/close`, { cookie: staff, body: { outcome: '' } })).status).toBe(400)
    expect((await api.call('POST', `/api/v1/follow-ups/${f.id}/close`, { cookie: otherStaff, body: { outcome: 'x' } })).status).toBe(404)
    const closed = await api.call('POST', `/api/v1/follow-ups/${f.id}/close`, { cookie: staff, body: { outcome: '已联系社区医生上门，药已配送' } })
    expect(closed.status, closed.text).toBe(200)
    expect(FollowUp.parse(closed.json)).toMatchObject({ status: 'closed', outcome: '已联系社区医生上门，药已配送' })
    expect((await api.call('POST', `/api/v1/follow-ups/${f.id}/close`, { cookie: staff, body: { outcome: 'again' } })).status).toBe(409)
    const stillOpen = await api.call('GET', '/api/v1/follow-ups?status=open', { cookie: staff })
    expect(stillOpen.json.items.map((i: FollowUp) => i.id)).not.toContain(f.id)

    const chain = JSON.stringify(await ctx().db.selectFrom('ledgerEvents').select('payload').execute())
    const rows = JSON.stringify([await ctx().db.selectFrom('pairingVisits').selectAll().execute(), await ctx().db.selectFrom('pairingFollowUps').selectAll().execute()])
    for (const secret of ['头晕', '精神不太好', '社区医生']) {
      expect(chain).not.toContain(secret)
      expect(rows).not.toContain(secret)
    }
  })

  it('shows a volunteer their own pairings: masked name, community, due day, the address only while active; never phone, ID or health', async () => {
    const v3 = await addVolunteer(api, team, { realName: '孙晓' })
    const a = await elder()
    const b = await elder()
    const pa = await pair(v3.id, a.id, { startsOn: '2026-11-25' })
    const pb = await pair(v3.id, b.id, { startsOn: '2026-11-01' })
    await api.call('POST', `/api/v1/pairings/${pb.id}/end`, { cookie: staff, body: { reason: '志愿者搬家' } })
    const r = await api.call('GET', '/api/v1/pairings/mine', { cookie: v3.cookie })
    expect(r.status, r.text).toBe(200)
    const items = r.json.items.map((i: unknown) => MyPairing.parse(i)) as MyPairing[]
    expect(items).toHaveLength(2)
    const ia = items.find((i) => i.id === pa.id)!
    const ib = items.find((i) => i.id === pb.id)!
    expect(ia).toMatchObject({ elderName: maskName(a.name), community: '幸福社区', address: a.address, status: 'active', nextDueOn: '2026-12-02', overdue: false })
    expect(ib).toMatchObject({ elderName: maskName(b.name), address: null, status: 'ended', nextDueOn: null })
    for (const secret of [a.name, b.name, a.phone, b.phone, a.idNumber, a.healthNotes, b.address]) expect(r.text).not.toContain(secret)
    // Someone with no volunteer profile has no pairings to see.
    expect((await api.call('GET', '/api/v1/pairings/mine', { cookie: counter })).status).toBe(404)
  })

  it('lets care staff, admins and leaders keep pairings; volunteers and counter staff get 403; a leader sees names masked', async () => {
    const e = await elder()
    const p = await pair(vol2.id, e.id, {}, admin)
    const asLeader = await api.call('GET', `/api/v1/pairings?beneficiaryId=${e.id}`, { cookie: leader })
    expect(asLeader.status).toBe(200)
    expect(asLeader.json.items[0].elderName).toBe(maskName(e.name))
    expect(asLeader.text).not.toContain(e.name)
    // The form's volunteer picker: active volunteers with their pairing counts, for care staff too.
    const picker = await api.call('GET', '/api/v1/pairings/volunteers', { cookie: staff })
    expect(picker.status, picker.text).toBe(200)
    const mine = picker.json.items.find((i: { id: string }) => i.id === vol2.id)
    expect(mine).toMatchObject({ realName: '赵志明' })
    expect(mine.activePairings).toBeGreaterThanOrEqual(2)
    expect(picker.json.items.every((i: { id: string }) => i.id !== undefined)).toBe(true)
    expect(picker.text).not.toMatch(/1[3-9]\d{9}/) // no phones
    for (const cookie of [vol.cookie, counter]) {
      expect((await api.call('GET', '/api/v1/pairings', { cookie })).status).toBe(403)
      expect((await api.call('POST', '/api/v1/pairings', { cookie, body: { volunteerId: vol.id, beneficiaryId: e.id, frequencyDays: 7, startsOn: '2026-11-20' } })).status).toBe(403)
      expect((await api.call('POST', `/api/v1/pairings/${p.id}/end`, { cookie, body: { reason: 'x' } })).status).toBe(403)
      expect((await api.call('GET', '/api/v1/follow-ups', { cookie })).status).toBe(403)
      expect((await api.call('GET', '/api/v1/pairings/volunteers', { cookie })).status).toBe(403)
    }
    // Counter staff are not the paired volunteer either.
    expect((await api.call('POST', `/api/v1/pairings/${p.id}/visits`, { cookie: counter, body: { visitedOn: '2026-11-27', minutes: 60, notes: '', concern: false } })).status).toBe(404)
    expect((await api.call('GET', '/api/v1/pairings')).status).toBe(401)
  })
})
