import { afterAll, beforeAll, expect, it } from 'vitest'
import { Activity, Attendance, CheckInCode, ErrorBody, RosterEntry } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { CHECK_IN_WINDOW_MS, servedMinutes } from './checkin.js'
import { activitiesApi, footprint, HOUR, MIN, makeStaff, makeVolunteer, publish, type TestApi, type TestVolunteer } from './fixtures.js'

describeEachDialect('attendance: rotating check-in codes, check-in and check-out', (ctx) => {
  let api: TestApi
  let teamId: string
  let leader: string
  let leaderActor: string
  beforeAll(async () => {
    api = await activitiesApi(ctx())
    teamId = (await api.makeTeam('checkin')).id
    const l = await makeStaff(api, teamId, ['leader'])
    leader = l.cookie
    leaderActor = `user:${l.user.id}`
  }, 60_000)
  afterAll(() => api.close())

  const refusal = (r: { status: number; json: unknown }, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.json)).toBe(status)
    expect(ErrorBody.parse(r.json).error.code).toBe(code)
  }
  const codeOf = async (id: string) => {
    const r = await api.call('GET', `/api/v1/activities/${id}/check-in-code`, { cookie: leader })
    expect(r.status, r.text).toBe(200)
    return CheckInCode.parse(r.json)
  }
  const checkIn = (cookie: string, body: unknown) => api.call('POST', '/api/v1/attendance/check-in', { cookie, body })
  const checkOut = (cookie: string, body: unknown) => api.call('POST', '/api/v1/attendance/check-out', { cookie, body })

  /** An activity starting in `inMinutes`, lasting `hours`, with `seated` volunteers holding seats. */
  async function running(inMinutes: number, hours = 2, seated = 2, capacity = seated) {
    const id = await publish(api, leader, { capacity, title: '空巢老人探访', project: 'empty_nest' }, inMinutes / 60, hours)
    const people: TestVolunteer[] = []
    for (let i = 0; i < seated; i++) {
      const v = await makeVolunteer(api, teamId)
      const r = await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: v.cookie })
      expect(r.status, r.text).toBe(201)
      people.push(v)
    }
    const row = await ctx().db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    return { id, people, row }
  }

  it('shows a leader a code that rotates every 30 s, from an hour before the start until the end only', async () => {
    const { id, row } = await running(90)
    refusal(await api.call('GET', `/api/v1/activities/${id}/check-in-code`, { cookie: leader }), 422, 'outside_time')
    api.clock.advance(31 * MIN) // 59 min before the start
    const c = await codeOf(id)
    expect(c.activityId).toBe(id)
    expect(c.code).toMatch(/^\d{6}$/)
    expect(c.url).toBe(`http://localhost/volunteer/check-in?t=${encodeURIComponent(c.token)}`)
    const now = api.clock.now().getTime()
    const windowEnd = (Math.floor(now / CHECK_IN_WINDOW_MS) + 1) * CHECK_IN_WINDOW_MS
    expect(Date.parse(c.expiresAt)).toBe(windowEnd + CHECK_IN_WINDOW_MS)
    expect(c.refreshInSeconds).toBe(Math.ceil((windowEnd - now) / 1000))
    expect(JSON.stringify(c)).not.toContain(row.checkInSecret)
    // Same window, same code; the next window, another.
    expect(await codeOf(id)).toEqual(c)
    api.clock.advance(CHECK_IN_WINDOW_MS)
    const next = await codeOf(id)
    expect(next.token).not.toBe(c.token)
    expect(next.code).not.toBe(c.code)
    api.clock.advance(Date.parse(row.endsAt) - api.clock.now().getTime())
    refusal(await api.call('GET', `/api/v1/activities/${id}/check-in-code`, { cookie: leader }), 422, 'outside_time')

    const { id: gone } = await running(30)
    await api.call('POST', `/api/v1/activities/${gone}/cancel`, { cookie: leader, body: { reason: '场地维修' } })
    refusal(await api.call('GET', `/api/v1/activities/${gone}/check-in-code`, { cookie: leader }), 422, 'activity_cancelled')
  })

  it('checks in by scanned token and by typed code, once; check-out records the pending hours of actual service only', async () => {
    const { id, people } = await running(30, 2)
    const [a, b] = people as [TestVolunteer, TestVolunteer]
    const c = await codeOf(id)
    const r = await checkIn(a.cookie, { token: c.token })
    expect(r.status, r.text).toBe(201)
    const att = Attendance.parse(r.json)
    expect(att).toEqual({ id: att.id, activityId: id, volunteerId: a.id, checkInAt: api.clock.now().toISOString(), checkOutAt: null, proxyReason: null, closedBy: null })
    const typed = await checkIn(b.cookie, { activityId: id, code: c.code })
    expect(typed.status, typed.text).toBe(201)
    refusal(await checkIn(a.cookie, { activityId: id, code: c.code }), 422, 'already_checked_in')

    const ev = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', att.id).execute()
    expect(ev.map((e) => e.kind)).toEqual(['volunteers.checked_in'])
    expect(JSON.parse(ev[0]!.payload)).toEqual({ attendanceId: att.id, activityId: id, volunteerId: a.id, checkInAt: att.checkInAt, proxy: false })

    const seen = Activity.parse((await api.call('GET', `/api/v1/activities/${id}`, { cookie: a.cookie })).json)
    expect(seen.myEnrollment).toEqual({ status: 'enrolled', waitlistPosition: null, checkInAt: att.checkInAt, checkOutAt: null })

    // 30 min early + 70 min 40 s: 70 whole minutes served (the early half hour does not count).
    api.clock.advance(30 * MIN + 70 * MIN + 40_000)
    const out = await checkOut(a.cookie, { token: (await codeOf(id)).token })
    expect(out.status, out.text).toBe(200)
    expect(Attendance.parse(out.json)).toMatchObject({ id: att.id, checkOutAt: api.clock.now().toISOString(), closedBy: 'volunteer' })
    const entries = await ctx().db.selectFrom('hourEntries').selectAll().where('attendanceId', '=', att.id).execute()
    expect(entries).toEqual([
      expect.objectContaining({
        volunteerId: a.id,
        activityId: id,
        project: 'empty_nest',
        // The China-time day of the check-in.
        serviceDate: new Date(Date.parse(att.checkInAt) + 8 * HOUR).toISOString().slice(0, 10),
        minutes: 70,
        source: 'attendance',
        status: 'pending',
        createdBy: `user:${a.userId}`,
        reason: null,
        reverses: null,
      }),
    ])
    const kinds = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('kind', 'in', ['volunteers.checked_out', 'volunteers.hours_recorded']).execute()
    const recorded = kinds.find((k) => k.kind === 'volunteers.hours_recorded' && JSON.parse(k.payload).attendanceId === att.id)!
    expect(JSON.parse(recorded.payload)).toEqual({ entryId: entries[0]!.id, attendanceId: att.id, activityId: id, volunteerId: a.id, minutes: 70, source: 'attendance' })

    const before = await footprint(api)
    refusal(await checkOut(a.cookie, { activityId: id, code: (await codeOf(id)).code }), 422, 'already_checked_out')
    expect(await footprint(api)).toEqual(before)
  })

  it('refuses expired, forged and misdirected codes with their own codes, writing nothing', async () => {
    const { id, people } = await running(20, 2, 3)
    const { id: otherId } = await running(10, 2, 0, 5)
    const [a] = people as [TestVolunteer]
    const old = await codeOf(id)
    api.clock.advance(61_000)
    const fresh = await codeOf(id)
    const other = await codeOf(otherId)
    const before = await footprint(api)

    refusal(await checkIn(a.cookie, { token: old.token }), 422, 'code_expired')
    refusal(await checkIn(a.cookie, { activityId: id, code: old.code }), 422, 'code_expired')

    // Forged: a changed signature, a changed window under the old signature, and junk.
    const [body, sig] = fresh.token.split('.') as [string, string]
    const flipped = sig.slice(0, 5) + (sig[5] === 'A' ? 'B' : 'A') + sig.slice(6)
    refusal(await checkIn(a.cookie, { token: `${body}.${flipped}` }), 422, 'code_invalid')
    const [aid, win] = Buffer.from(body, 'base64url').toString().split('.') as [string, string]
    const later = Buffer.from(`${aid}.${Number(win) + 100}`).toString('base64url')
    refusal(await checkIn(a.cookie, { token: `${later}.${sig}` }), 422, 'code_invalid')
    refusal(await checkIn(a.cookie, { token: 'not a token at all' }), 422, 'code_invalid')
    refusal(await checkIn(a.cookie, { token: `${Buffer.from(`${otherId}.${win}`).toString('base64url')}.${sig}` }), 422, 'code_invalid')

    // Another activity's token, or its typed code, used for this one.
    refusal(await checkIn(a.cookie, { token: other.token, activityId: id }), 422, 'code_other_activity')
    refusal(await checkIn(a.cookie, { activityId: id, code: other.code }), 422, 'code_other_activity')
    // A wrong code: no activity shows it.
    const wrong = String((Number(fresh.code) + 1) % 1_000_000).padStart(6, '0')
    const r = await checkIn(a.cookie, { activityId: id, code: wrong === other.code ? '000000' : wrong })
    refusal(r, 422, 'code_invalid')
    expect(r.json.error.message).toMatch(/not valid/)
    // Not a code at all: the schema says so.
    const bad = await checkIn(a.cookie, { activityId: id, code: '12345' })
    refusal(bad, 400, 'invalid_request')
    refusal(await checkIn(a.cookie, {}), 400, 'invalid_request')
    refusal(await checkOut(a.cookie, { token: other.token, activityId: id }), 422, 'code_other_activity')
    expect(await footprint(api)).toEqual(before)

    // The genuine current code still works, and the previous window's too (≤ 60 s).
    api.clock.advance(CHECK_IN_WINDOW_MS)
    expect((await checkIn(a.cookie, { token: fresh.token })).status).toBe(201)
    expect((await checkIn(people[1]!.cookie, { activityId: id, code: fresh.code })).status).toBe(201)
  })

  it('lets only people holding a seat check in, from an hour before the start until the end; no check-out before check-in', async () => {
    const { id, people, row } = await running(30, 1, 1, 1)
    const queued = await makeVolunteer(api, teamId)
    expect((await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: queued.cookie })).json.status).toBe('waitlisted')
    const stranger = await makeVolunteer(api, teamId)
    const notVolunteer = await makeStaff(api, teamId, ['volunteer'])
    const c = await codeOf(id)
    const before = await footprint(api)
    refusal(await checkIn(queued.cookie, { token: c.token }), 422, 'not_enrolled')
    refusal(await checkIn(stranger.cookie, { token: c.token }), 422, 'not_enrolled')
    refusal(await checkIn(notVolunteer.cookie, { token: c.token }), 403, 'not_a_volunteer')
    refusal(await checkOut(people[0]!.cookie, { token: c.token }), 422, 'not_checked_in')

    // A code fetched 10 s before the end is still genuine 20 s later, but the activity is over.
    api.clock.set(new Date(Date.parse(row.endsAt) - 10_000))
    const last = await codeOf(id)
    api.clock.advance(20_000)
    refusal(await checkIn(people[0]!.cookie, { token: last.token }), 422, 'outside_time')
    expect(await footprint(api)).toEqual(before)
  })

  it('lets a leader check someone in and out on their behalf, with the reason; the seat is still required', async () => {
    const { id, people } = await running(60, 2, 1, 1)
    const [v] = people as [TestVolunteer]
    const queued = await makeVolunteer(api, teamId)
    await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: queued.cookie })
    refusal(await api.call('POST', `/api/v1/activities/${id}/proxy-check-in`, { cookie: leader, body: { volunteerId: v.id } }), 400, 'invalid_request')
    refusal(await api.call('POST', `/api/v1/activities/${id}/proxy-check-in`, { cookie: leader, body: { volunteerId: queued.id, reason: '手机没电' } }), 422, 'not_enrolled')
    refusal(await api.call('POST', `/api/v1/activities/${id}/proxy-check-out`, { cookie: leader, body: { volunteerId: v.id, reason: '先走了' } }), 422, 'not_checked_in')

    api.clock.advance(60 * MIN)
    const r = await api.call('POST', `/api/v1/activities/${id}/proxy-check-in`, { cookie: leader, body: { volunteerId: v.id, reason: '老人家不会用手机' } })
    expect(r.status, r.text).toBe(201)
    const att = Attendance.parse(r.json)
    expect(att).toMatchObject({ volunteerId: v.id, proxyReason: '老人家不会用手机', checkOutAt: null })
    const row = await ctx().db.selectFrom('attendance').selectAll().where('id', '=', att.id).executeTakeFirstOrThrow()
    expect(row.checkedInBy).toBe(leaderActor)
    const ev = await ctx().db.selectFrom('ledgerEvents').select('payload').where('entityId', '=', att.id).executeTakeFirstOrThrow()
    expect(JSON.parse(ev.payload)).toMatchObject({ proxy: true })
    expect(ev.payload).not.toContain('手机')
    refusal(await api.call('POST', `/api/v1/activities/${id}/proxy-check-in`, { cookie: leader, body: { volunteerId: v.id, reason: '再来一次' } }), 422, 'already_checked_in')

    api.clock.advance(45 * MIN + 59_000)
    const out = await api.call('POST', `/api/v1/activities/${id}/proxy-check-out`, { cookie: leader, body: { volunteerId: v.id, reason: '家里有事先走' } })
    expect(out.status, out.text).toBe(200)
    expect(Attendance.parse(out.json)).toMatchObject({ closedBy: 'proxy', proxyReason: '老人家不会用手机 / 家里有事先走' })
    const entry = await ctx().db.selectFrom('hourEntries').selectAll().where('attendanceId', '=', att.id).executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ minutes: 45, createdBy: leaderActor, status: 'pending' })

    const roster = (await api.call('GET', `/api/v1/activities/${id}/roster`, { cookie: leader })).json.items.map((x: unknown) => RosterEntry.parse(x))
    expect(roster[0].attendance).toMatchObject({ id: att.id, closedBy: 'proxy' })
    expect(roster[1]).toMatchObject({ volunteerId: queued.id, enrollment: 'waitlisted', attendance: null })
  })

  it('writes no hour entry for a check-out with no overlap, and clips minutes to the activity', () => {
    const a = { startsAt: '2026-12-01T10:00:00.000Z', endsAt: '2026-12-01T12:00:00.000Z' }
    expect(servedMinutes(a, '2026-12-01T09:00:00.000Z', '2026-12-01T09:59:59.000Z')).toBe(0)
    expect(servedMinutes(a, '2026-12-01T09:00:00.000Z', '2026-12-01T13:00:00.000Z')).toBe(120)
    expect(servedMinutes(a, '2026-12-01T10:30:00.000Z', '2026-12-01T10:31:59.999Z')).toBe(1)
  })

  it('records nothing for a check-out before the start (zero minutes served)', async () => {
    const { id, people } = await running(30, 2, 1)
    const [v] = people as [TestVolunteer]
    expect((await checkIn(v.cookie, { token: (await codeOf(id)).token })).status).toBe(201)
    api.clock.advance(10 * MIN)
    const out = await checkOut(v.cookie, { token: (await codeOf(id)).token })
    expect(out.status, out.text).toBe(200)
    const att = Attendance.parse(out.json)
    expect(await ctx().db.selectFrom('hourEntries').select('id').where('attendanceId', '=', att.id).execute()).toEqual([])
    const kinds = await ctx().db.selectFrom('ledgerEvents').select('kind').where('entityId', '=', att.id).orderBy('seq').execute()
    expect(kinds.map((k) => k.kind)).toEqual(['volunteers.checked_in', 'volunteers.checked_out'])
  })
})
