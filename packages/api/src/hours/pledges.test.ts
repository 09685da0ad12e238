import { afterAll, beforeAll, expect, it } from 'vitest'
import { PledgeSummary } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'
import { addVolunteer, counts, teamWithLeader } from './fixtures.js'

describeEachDialect('pledges (少抽一包烟): monthly amounts and the year total', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof teamWithLeader>>
  const clock = testClock(new Date('2026-03-15T04:00:00.000Z'))
  beforeAll(async () => {
    // Sessions outlive the clock jumps of these tests.
    api = await createTestApi(ctx(), { clock, config: { sessionIdleMinutes: 60 * 24 * 400, sessionMaxHours: 24 * 400 } })
    t = await teamWithLeader(api, 'pl')
  }, 60_000)
  afterAll(() => api.close())

  const call = async (method: string, cookie: string, body?: unknown) => {
    const r = await api.call(method, '/api/v1/pledges/mine', { cookie, body })
    expect(r.status, r.text).toBe(200)
    return PledgeSummary.parse(r.json)
  }

  it('counts each month of this year at the amount running in it, across changes and a stop', async () => {
    clock.set(new Date('2026-03-15T04:00:00.000Z'))
    const v = await addVolunteer(api, t.team)
    expect(await call('GET', v.cookie)).toEqual({ current: null, history: [], year: 2026, yearTotalFen: 0 })

    const first = await call('PUT', v.cookie, { monthlyFen: 1000 })
    expect(first.current).toMatchObject({ monthlyFen: 1000, fromMonth: '2026-03', toMonth: null, volunteerId: v.id })
    expect(first.yearTotalFen).toBe(1000)

    clock.set(new Date('2026-06-10T04:00:00.000Z'))
    expect((await call('GET', v.cookie)).yearTotalFen).toBe(4 * 1000)

    // A new amount in June: March–May at 10 yuan, June on at 20.
    const changed = await call('PUT', v.cookie, { monthlyFen: 2000 })
    expect(changed.current).toMatchObject({ monthlyFen: 2000, fromMonth: '2026-06', toMonth: null })
    expect(changed.history.map((p) => [p.monthlyFen, p.fromMonth, p.toMonth])).toEqual([
      [2000, '2026-06', null],
      [1000, '2026-03', '2026-05'],
    ])
    expect(changed.yearTotalFen).toBe(3 * 1000 + 2000)

    // Changed again in the same month: the June pledge never counted (an empty span), 30 yuan does.
    const again = await call('PUT', v.cookie, { monthlyFen: 3000 })
    expect(again.history.map((p) => [p.monthlyFen, p.fromMonth, p.toMonth])).toEqual([
      [3000, '2026-06', null],
      [2000, '2026-06', '2026-05'],
      [1000, '2026-03', '2026-05'],
    ])
    expect(again.yearTotalFen).toBe(3 * 1000 + 3000)
    // The same amount again changes nothing.
    const eventsBefore = (await counts(api)).events
    expect((await call('PUT', v.cookie, { monthlyFen: 3000 })).history).toHaveLength(3)
    expect((await counts(api)).events).toBe(eventsBefore)

    clock.set(new Date('2026-08-20T04:00:00.000Z'))
    expect((await call('GET', v.cookie)).yearTotalFen).toBe(3 * 1000 + 3 * 3000)

    // Stopping in August: August still counts, nothing after.
    const stopped = await call('DELETE', v.cookie)
    expect(stopped.current).toBeNull()
    expect(stopped.history[0]).toMatchObject({ monthlyFen: 3000, fromMonth: '2026-06', toMonth: '2026-08' })
    clock.set(new Date('2026-10-05T04:00:00.000Z'))
    expect((await call('GET', v.cookie)).yearTotalFen).toBe(12_000)
    const twice = await api.call('DELETE', '/api/v1/pledges/mine', { cookie: v.cookie })
    expect([twice.status, twice.json.error.code]).toEqual([409, 'no_running_pledge'])

    // Amounts were never edited: each row still holds what was pledged.
    const rows = await api.deps.db.selectFrom('pledges').select(['monthlyFen', 'createdAt']).where('volunteerId', '=', v.id).orderBy('createdAt').execute()
    expect(rows.map((r) => r.monthlyFen)).toEqual([1000, 2000, 3000])

    // A new year starts from zero (1 January in China is still 31 December in UTC).
    clock.set(new Date('2026-12-31T16:30:00.000Z'))
    expect(await call('GET', v.cookie)).toMatchObject({ year: 2027, yearTotalFen: 0 })

    const events = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('kind', 'like', 'volunteers.pledge_%').where('teamId', '=', t.team.id).orderBy('seq').execute()
    expect(events.map((e) => e.kind)).toEqual(['volunteers.pledge_made', 'volunteers.pledge_made', 'volunteers.pledge_made', 'volunteers.pledge_stopped'])
    expect(JSON.parse(events[1]!.payload)).toMatchObject({ volunteerId: v.id, monthlyFen: 2000, fromMonth: '2026-06' })
  })

  it('restarting in the month of a stop counts that month once, at the new amount', async () => {
    clock.set(new Date('2026-04-10T04:00:00.000Z'))
    const v = await addVolunteer(api, t.team)
    await call('PUT', v.cookie, { monthlyFen: 500 })
    clock.set(new Date('2026-05-10T04:00:00.000Z'))
    await call('DELETE', v.cookie)
    const restarted = await call('PUT', v.cookie, { monthlyFen: 800 })
    expect(restarted.history.map((p) => [p.monthlyFen, p.fromMonth, p.toMonth])).toEqual([
      [800, '2026-05', null],
      [500, '2026-04', '2026-04'],
    ])
    expect(restarted.yearTotalFen).toBe(500 + 800)
  })

  it('refuses bad amounts, non-volunteers and volunteers not yet admitted, writing nothing', async () => {
    const v = await addVolunteer(api, t.team)
    const pending = await addVolunteer(api, t.team, { status: 'pending' })
    const before = await counts(api)
    for (const body of [{ monthlyFen: 99 }, { monthlyFen: 10.5 }, { monthlyFen: '1000' }, {}, { monthlyFen: 1_000_001 }]) {
      const r = await api.call('PUT', '/api/v1/pledges/mine', { cookie: v.cookie, body })
      expect([r.status, r.json.error.code], JSON.stringify(body)).toEqual([400, 'invalid_request'])
    }
    const notActive = await api.call('PUT', '/api/v1/pledges/mine', { cookie: pending.cookie, body: { monthlyFen: 1000 } })
    expect([notActive.status, notActive.json.error.code]).toEqual([422, 'volunteer_not_active'])
    expect((await api.call('PUT', '/api/v1/pledges/mine', { cookie: t.leader, body: { monthlyFen: 1000 } })).status).toBe(404)
    expect((await api.call('GET', '/api/v1/pledges/mine', { cookie: t.leader })).status).toBe(404)
    expect((await api.call('GET', '/api/v1/pledges/mine')).status).toBe(401)
    expect(await counts(api)).toEqual(before)
  })
})
