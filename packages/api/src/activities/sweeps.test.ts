import { afterAll, beforeAll, expect, it } from 'vitest'
import { CheckInCode } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { activitiesApi, HOUR, inbox, MIN, makeStaff, makeVolunteer, publish, type TestApi, type TestVolunteer } from './fixtures.js'
import { closeForgottenCheckOuts, sendActivityReminders, SWEEP_ACTOR } from './sweeps.js'

describeEachDialect('activity sweeps: forgotten check-outs and reminders', (ctx) => {
  let api: TestApi
  let teamId: string
  let leader: string
  beforeAll(async () => {
    api = await activitiesApi(ctx())
    teamId = (await api.makeTeam('sweeps')).id
    leader = (await makeStaff(api, teamId, ['leader'])).cookie
  }, 60_000)
  afterAll(() => api.close())

  async function seated(id: string, n: number) {
    const people: TestVolunteer[] = []
    for (let i = 0; i < n; i++) {
      const v = await makeVolunteer(api, teamId)
      expect((await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: v.cookie })).status).toBe(201)
      people.push(v)
    }
    return people
  }

  it('checks out whoever forgot at the activity end, with minutes clipped to the activity, once', async () => {
    // 2026-12-01 15:30 UTC → starts 23:30 on 1 Dec in China, ends 01:30 on 2 Dec.
    api.clock.set(new Date('2026-12-01T15:00:00.000Z'))
    const id = await publish(api, leader, { startsAt: '2026-12-01T15:30:00.000Z', endsAt: '2026-12-01T17:30:00.000Z', capacity: 3 })
    const [early, late, gone] = (await seated(id, 3)) as [TestVolunteer, TestVolunteer, TestVolunteer]
    const code = async () => CheckInCode.parse((await api.call('GET', `/api/v1/activities/${id}/check-in-code`, { cookie: leader })).json).token
    expect((await api.call('POST', '/api/v1/attendance/check-in', { cookie: early.cookie, body: { token: await code() } })).status).toBe(201)
    api.clock.advance(75 * MIN) // 45 min after the start
    expect((await api.call('POST', '/api/v1/attendance/check-in', { cookie: late.cookie, body: { token: await code() } })).status).toBe(201)
    expect((await api.call('POST', '/api/v1/attendance/check-in', { cookie: gone.cookie, body: { token: await code() } })).status).toBe(201)
    api.clock.advance(15 * MIN)
    expect((await api.call('POST', '/api/v1/attendance/check-out', { cookie: gone.cookie, body: { token: await code() } })).status).toBe(200)

    // Not yet ended: nothing to close.
    expect(await closeForgottenCheckOuts(api.deps)).toBe(0)
    api.clock.set(new Date('2026-12-02T03:00:00.000Z'))
    expect(await closeForgottenCheckOuts(api.deps)).toBe(2)
    expect(await closeForgottenCheckOuts(api.deps)).toBe(0)

    const db = ctx().db
    const att = await db.selectFrom('attendance').selectAll().where('activityId', '=', id).execute()
    const of = (v: TestVolunteer) => att.find((a) => a.volunteerId === v.id)!
    expect(of(early)).toMatchObject({ checkOutAt: '2026-12-01T17:30:00.000Z', closedBy: 'auto' })
    expect(of(late)).toMatchObject({ checkOutAt: '2026-12-01T17:30:00.000Z', closedBy: 'auto' })
    expect(of(gone).closedBy).toBe('volunteer')

    const entries = await db.selectFrom('hourEntries').selectAll().where('activityId', '=', id).execute()
    const entry = (v: TestVolunteer) => entries.find((e) => e.volunteerId === v.id)!
    // Checked in 30 min early: only the 2 hours of the activity count.
    expect(entry(early)).toMatchObject({ minutes: 120, serviceDate: '2026-12-01', createdBy: SWEEP_ACTOR, status: 'pending', source: 'attendance', attendanceId: of(early).id })
    // Checked in at 00:15 on 2 Dec in China: that is the service day.
    expect(entry(late)).toMatchObject({ minutes: 75, serviceDate: '2026-12-02', createdBy: SWEEP_ACTOR })
    expect(entry(gone)).toMatchObject({ minutes: 15, createdBy: `user:${gone.userId}` })
    expect(entries).toHaveLength(3)

    const ev = await db.selectFrom('ledgerEvents').select(['kind', 'actor', 'payload']).where('actor', '=', SWEEP_ACTOR).orderBy('seq').execute()
    expect(ev.map((e) => e.kind)).toEqual(['volunteers.checked_out', 'volunteers.hours_recorded', 'volunteers.checked_out', 'volunteers.hours_recorded'])
    expect(JSON.parse(ev[0]!.payload)).toMatchObject({ closedBy: 'auto', proxy: false, checkOutAt: '2026-12-01T17:30:00.000Z' })

    // The volunteer's own late check-out is refused: the sweep did it.
    const again = await api.call('POST', `/api/v1/activities/${id}/proxy-check-out`, { cookie: leader, body: { volunteerId: early.id, reason: '补签退' } })
    expect(again.status).toBe(422)
    expect(again.json.error.code).toBe('already_checked_out')
  })

  it('sweeps every team, each in its own chain, and two sweeps at once close each attendance once', async () => {
    const now = api.clock.now().getTime()
    const teams = []
    for (const code of ['sweep-a', 'sweep-b']) {
      const t = await api.makeTeam(code)
      const lead = (await makeStaff(api, t.id, ['leader'])).cookie
      const id = await publish(api, lead, { capacity: 2 }, 0.5, 1)
      for (let i = 0; i < 2; i++) {
        const v = await makeVolunteer(api, t.id)
        await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: v.cookie })
        const r = await api.call('POST', `/api/v1/activities/${id}/proxy-check-in`, { cookie: lead, body: { volunteerId: v.id, reason: '集体签到' } })
        expect(r.status, r.text).toBe(201)
      }
      teams.push({ teamId: t.id, id })
    }
    api.clock.set(new Date(now + 2 * HOUR))
    const [x, y] = await Promise.all([closeForgottenCheckOuts(api.deps), closeForgottenCheckOuts(api.deps)])
    expect(x + y).toBe(4)
    for (const { teamId: team, id } of teams) {
      const entries = await ctx().db.selectFrom('hourEntries').select(['teamId', 'minutes']).where('activityId', '=', id).execute()
      // Proxy check-in half an hour early; the hour of the activity counts.
      expect(entries).toEqual([
        { teamId: team, minutes: 60 },
        { teamId: team, minutes: 60 },
      ])
      const ev = await ctx().db.selectFrom('ledgerEvents').select('teamId').where('kind', '=', 'volunteers.checked_out').where('teamId', '=', team).execute()
      expect(ev).toHaveLength(2)
    }
  })

  it('reminds the people holding a seat of an activity starting within 24 hours, once', async () => {
    api.clock.set(new Date('2026-12-10T00:00:00.000Z'))
    const soon = await publish(api, leader, { capacity: 2, title: '孝亲敬老评书', place: '幸福社区 老年活动中心' }, 20, 2)
    const later = await publish(api, leader, { capacity: 2 }, 30, 2)
    const off = await publish(api, leader, { capacity: 2 }, 10, 2)
    const [a, b, queued] = (await seated(soon, 3)) as [TestVolunteer, TestVolunteer, TestVolunteer]
    const [c] = (await seated(later, 1)) as [TestVolunteer]
    const [d] = (await seated(off, 1)) as [TestVolunteer]
    await api.call('POST', `/api/v1/activities/${off}/cancel`, { cookie: leader, body: { reason: '取消' } })

    expect(await sendActivityReminders(api.deps)).toBe(2)
    expect(await sendActivityReminders(api.deps)).toBe(0)
    for (const v of [a, b]) {
      const r = (await inbox(api, v.userId)).filter((n) => n.kind === 'reminder')
      expect(r).toHaveLength(1)
      expect(r[0]!).toMatchObject({ activityId: soon, dedupeKey: `reminder:${soon}`, params: { title: '孝亲敬老评书', place: '幸福社区 老年活动中心' } })
    }
    for (const v of [queued, c, d]) expect((await inbox(api, v.userId)).filter((n) => n.kind === 'reminder')).toEqual([])
    const rows = await ctx().db.selectFrom('activities').select(['id', 'remindedAt']).where('id', 'in', [soon, later, off]).execute()
    expect(rows.find((r) => r.id === soon)!.remindedAt).toBe('2026-12-10T00:00:00.000Z')
    expect(rows.find((r) => r.id === later)!.remindedAt).toBeNull()

    // Later the other one comes within 24 hours and gets its own reminder; the first is not sent again.
    api.clock.advance(7 * HOUR)
    expect(await sendActivityReminders(api.deps)).toBe(1)
    expect((await inbox(api, c.userId)).filter((n) => n.kind === 'reminder')).toHaveLength(1)
    expect((await inbox(api, a.userId)).filter((n) => n.kind === 'reminder')).toHaveLength(1)
    const outbox = await ctx().db.selectFrom('notificationOutbox').innerJoin('notifications', 'notifications.id', 'notificationOutbox.notificationId').select('notifications.kind').where('notifications.kind', '=', 'reminder').execute()
    expect(outbox).toHaveLength(3)
  })
})
