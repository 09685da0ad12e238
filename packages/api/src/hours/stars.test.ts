import { afterAll, beforeAll, expect, it } from 'vitest'
import { HoursSummary, VolunteerSettings } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'
import { addVolunteer, counts, insertActivity, insertAttendanceEntry, teamWithLeader } from './fixtures.js'

describeEachDialect('hours summary: star levels, months, projects and team settings', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof teamWithLeader>>
  const clock = testClock(new Date('2026-11-28T08:00:00.000Z'))
  beforeAll(async () => {
    // Sessions outlive the clock jumps of these tests.
    api = await createTestApi(ctx(), { clock, config: { sessionIdleMinutes: 60 * 24 * 400, sessionMaxHours: 24 * 400 } })
    t = await teamWithLeader(api, 'stars')
  }, 60_000)
  afterAll(() => api.close())

  const summary = async (cookie: string) => {
    const r = await api.call('GET', '/api/v1/hours/summary', { cookie })
    expect(r.status, r.text).toBe(200)
    return HoursSummary.parse(r.json)
  }
  const approve = async (volunteerId: string, minutes: number, over: { startsAt?: string; endsAt?: string; project?: 'granary' | 'empty_nest' | 'tibetan_area_aid' } = {}) =>
    insertAttendanceEntry(api, { teamId: t.team.id, activity: await insertActivity(api, t.team.id, over), volunteerId, minutes, status: 'approved' })

  it('reaches a star exactly at its threshold: 99h59m is 0 stars, 100h is 1, 1500h is 5', async () => {
    const v = await addVolunteer(api, t.team)
    expect(await summary(v.cookie)).toMatchObject({ approvedMinutes: 0, pendingMinutes: 0, starLevel: 0, hoursToNext: 100, thresholds: [100, 300, 600, 1000, 1500] })

    await approve(v.id, 100 * 60 - 1)
    const below = await summary(v.cookie)
    expect(below).toMatchObject({ approvedMinutes: 5999, starLevel: 0 })
    expect(below.hoursToNext).toBeCloseTo(1 / 60, 10)

    // A pending minute does not count.
    await insertAttendanceEntry(api, { teamId: t.team.id, activity: await insertActivity(api, t.team.id), volunteerId: v.id, minutes: 1 })
    expect(await summary(v.cookie)).toMatchObject({ approvedMinutes: 5999, pendingMinutes: 1, starLevel: 0 })

    await approve(v.id, 1)
    expect(await summary(v.cookie)).toMatchObject({ approvedMinutes: 6000, starLevel: 1, hoursToNext: 200 })
    await approve(v.id, 299 * 60 - 6000 + 59)
    expect((await summary(v.cookie)).starLevel).toBe(1)
    await approve(v.id, 1)
    expect(await summary(v.cookie)).toMatchObject({ approvedMinutes: 300 * 60, starLevel: 2, hoursToNext: 300 })
    await approve(v.id, 1200 * 60)
    expect(await summary(v.cookie)).toMatchObject({ approvedMinutes: 1500 * 60, starLevel: 5, hoursToNext: null })
  })

  it('uses the thresholds a leader sets; only leaders may set them, and bad ones are refused', async () => {
    const v = await addVolunteer(api, t.team)
    await approve(v.id, 25 * 60)
    expect((await summary(v.cookie)).starLevel).toBe(0)

    expect(VolunteerSettings.parse((await api.call('GET', '/api/v1/volunteer-settings', { cookie: v.cookie })).json)).toEqual({ starThresholds: [100, 300, 600, 1000, 1500], personInCharge: '', contact: '' })
    const before = await counts(api)
    const bad = [
      { starThresholds: [10, 20, 20, 40, 50], personInCharge: '张队长', contact: '028-1234' },
      { starThresholds: [10, 20, 30, 40], personInCharge: '张队长', contact: '028-1234' },
      { starThresholds: [0, 20, 30, 40, 50], personInCharge: '张队长', contact: '028-1234' },
      { starThresholds: [10, 20, 30, 40, 50], contact: '028-1234' },
    ]
    for (const body of bad) {
      const r = await api.call('PUT', '/api/v1/volunteer-settings', { cookie: t.leader, body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.json.error.code).toBe('invalid_request')
    }
    const byVolunteer = await api.call('PUT', '/api/v1/volunteer-settings', { cookie: v.cookie, body: { starThresholds: [1, 2, 3, 4, 5], personInCharge: '', contact: '' } })
    expect(byVolunteer.status).toBe(403)
    expect(await counts(api)).toEqual(before)

    const saved = await api.call('PUT', '/api/v1/volunteer-settings', { cookie: t.leader, body: { starThresholds: [10, 20, 30, 40, 50], personInCharge: ' 张队长 ', contact: '028-8888 8888' } })
    expect(saved.status, saved.text).toBe(200)
    expect(saved.json).toEqual({ starThresholds: [10, 20, 30, 40, 50], personInCharge: '张队长', contact: '028-8888 8888' })
    expect((await api.call('GET', '/api/v1/volunteer-settings', { cookie: v.cookie })).json).toEqual(saved.json)
    expect(await summary(v.cookie)).toMatchObject({ approvedMinutes: 1500, starLevel: 2, hoursToNext: 5, thresholds: [10, 20, 30, 40, 50] })
    await approve(v.id, 25 * 60)
    expect(await summary(v.cookie)).toMatchObject({ starLevel: 5, hoursToNext: null })

    const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('kind', '=', 'volunteers.settings_changed').where('teamId', '=', t.team.id).execute()
    expect(ev.map((e) => JSON.parse(e.payload))).toEqual([{ starThresholds: [10, 20, 30, 40, 50] }])
    // Back to the defaults for the other tests of this team.
    await api.call('PUT', '/api/v1/volunteer-settings', { cookie: t.leader, body: { starThresholds: [100, 300, 600, 1000, 1500], personInCharge: '张队长', contact: '028-8888 8888' } })
  })

  it('charts the last 12 months in China time (empty months as 0) and splits by project', async () => {
    const v = await addVolunteer(api, t.team)
    // 2026-10-31 17:30 UTC is 1 November in Chengdu.
    await approve(v.id, 60, { startsAt: '2026-10-31T17:30:00.000Z', endsAt: '2026-10-31T19:30:00.000Z', project: 'empty_nest' })
    await approve(v.id, 30, { startsAt: '2026-10-31T15:00:00.000Z', endsAt: '2026-10-31T16:00:00.000Z', project: 'granary' })
    await approve(v.id, 45, { startsAt: '2025-12-01T02:00:00.000Z', endsAt: '2025-12-01T03:00:00.000Z', project: 'granary' })
    // Thirteen months back: in the total, not in the chart.
    await approve(v.id, 20, { startsAt: '2025-11-30T02:00:00.000Z', endsAt: '2025-11-30T03:00:00.000Z', project: 'tibetan_area_aid' })
    const s = await summary(v.cookie)
    expect(s.approvedMinutes).toBe(155)
    expect(s.byMonth).toHaveLength(12)
    expect(s.byMonth[0]).toEqual({ month: '2025-12', minutes: 45 })
    expect(s.byMonth[11]).toEqual({ month: '2026-11', minutes: 60 })
    expect(s.byMonth[10]).toEqual({ month: '2026-10', minutes: 30 })
    expect(s.byMonth.slice(1, 10).every((m) => m.minutes === 0)).toBe(true)
    expect(s.byProject).toEqual([
      { project: 'granary', minutes: 75 },
      { project: 'empty_nest', minutes: 60 },
      { project: 'tibetan_area_aid', minutes: 20 },
    ])

    // The chart follows the clock: in January 2027 (China time) November 2026 is the 11th bar.
    clock.set(new Date('2026-12-31T16:30:00.000Z'))
    try {
      const later = await summary(v.cookie)
      expect(later.byMonth.map((m) => m.month)[11]).toBe('2027-01')
      expect(later.byMonth.find((m) => m.month === '2026-11')).toEqual({ month: '2026-11', minutes: 60 })
      expect(later.byMonth.find((m) => m.month === '2025-12')).toBeUndefined()
    } finally {
      clock.set(new Date('2026-11-28T08:00:00.000Z'))
    }
  })
})
