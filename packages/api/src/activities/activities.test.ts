import { afterAll, beforeAll, expect, it } from 'vitest'
import { Activity, ErrorBody, maskPhone, page, RosterEntry } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { activitiesApi, activityBody, footprint, HOUR, inbox, makeStaff, makeVolunteer, publish, type TestApi, type TestVolunteer } from './fixtures.js'

describeEachDialect('activities: publishing, changing, cancelling, listing', (ctx) => {
  let api: TestApi
  let teamId: string
  let leader: string
  let leaderUserId: string
  let admin: string
  beforeAll(async () => {
    api = await activitiesApi(ctx())
    const team = await api.makeTeam('xingfu')
    teamId = team.id
    const l = await makeStaff(api, teamId, ['leader'])
    leader = l.cookie
    leaderUserId = l.user.id
    admin = (await makeStaff(api, teamId, ['admin'])).cookie
  }, 60_000)
  afterAll(() => api.close())

  const refusal = (r: { status: number; json: unknown }, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.json)).toBe(status)
    expect(ErrorBody.parse(r.json).error.code).toBe(code)
  }

  it('publishes an activity with defaults, records it without personal data, and never shows the check-in secret', async () => {
    const body = activityBody(api, { startsAt: '2026-12-10T01:00:00Z', endsAt: '2026-12-10T04:00:00.5Z', requiredSkills: ['tea'], insurance: true })
    const r = await api.call('POST', '/api/v1/activities', { cookie: leader, body })
    expect(r.status, r.text).toBe(201)
    const a = Activity.parse(r.json)
    expect(a).toMatchObject({
      title: body.title,
      project: 'granary',
      status: 'published',
      // Stored normalised, so that times compare as text the same in both dialects.
      startsAt: '2026-12-10T01:00:00.000Z',
      endsAt: '2026-12-10T04:00:00.500Z',
      capacity: 10,
      minAge: null,
      requiredSkills: ['tea'],
      insurance: true,
      enrolledCount: 0,
      waitlistCount: 0,
      cancelReason: null,
      createdBy: `user:${leaderUserId}`,
      myEnrollment: null,
    })
    expect(r.text).not.toMatch(/secret/i)
    const row = await ctx().db.selectFrom('activities').select('checkInSecret').where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(row.checkInSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(r.text).not.toContain(row.checkInSecret)

    const ev = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload', 'actor']).where('entityId', '=', a.id).execute()
    expect(ev).toHaveLength(1)
    expect(ev[0]!.kind).toBe('volunteers.activity_published')
    expect(JSON.parse(ev[0]!.payload)).toEqual({ activityId: a.id, project: 'granary', startsAt: a.startsAt, endsAt: a.endsAt, capacity: 10 })

    // An admin may publish too.
    expect((await api.call('POST', '/api/v1/activities', { cookie: admin, body: activityBody(api) })).status).toBe(201)
  })

  it('refuses bad bodies with 400 in the contract shape and writes nothing', async () => {
    const before = await footprint(api)
    const cases: [Record<string, unknown>, string][] = [
      [{ endsAt: '2026-12-01T07:00:00.000Z', startsAt: '2026-12-01T09:00:00.000Z' }, 'endsAt'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 2.5 }, 'capacity'],
      [{ project: 'casino' }, 'project'],
      [{ title: 42 }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ capacity: '10' }, 'capacity'],
      [{ requiredSkills: 'tea' }, 'requiredSkills'],
      [{ insurance: 'yes' }, 'insurance'],
      [{ minAge: 8 }, 'minAge'],
      [{ startsAt: '2026-12-01 10:00' }, 'startsAt'],
      [{ startsAt: '2026-12-01T10:00:00+08:00' }, 'startsAt'],
    ]
    for (const [over, path] of cases) {
      const r = await api.call('POST', '/api/v1/activities', { cookie: leader, body: activityBody(api, over) })
      refusal(r, 400, 'invalid_request')
      expect(r.json.error.issues.map((i: { path: string }) => i.path), JSON.stringify(over)).toContain(path)
    }
    refusal(await api.call('POST', '/api/v1/activities', { cookie: leader, raw: '{"title":' }), 400, 'malformed_json')
    refusal(await api.call('POST', '/api/v1/activities', { cookie: leader, body: [1, 2] }), 400, 'invalid_request')
    expect(await footprint(api)).toEqual(before)
  })

  it('keeps leader routes from volunteers (403) and activities from other teams (404)', async () => {
    const id = await publish(api, leader)
    const v = await makeVolunteer(api, teamId)
    const before = await footprint(api)
    for (const [method, path, body] of [
      ['POST', '/api/v1/activities', activityBody(api)],
      ['PATCH', `/api/v1/activities/${id}`, { capacity: 20 }],
      ['POST', `/api/v1/activities/${id}/cancel`, { reason: '不办了' }],
      ['GET', `/api/v1/activities/${id}/roster`, undefined],
      ['GET', `/api/v1/activities/${id}/check-in-code`, undefined],
      ['POST', `/api/v1/activities/${id}/proxy-check-in`, { volunteerId: v.id, reason: 'x' }],
      ['POST', `/api/v1/activities/${id}/proxy-check-out`, { volunteerId: v.id, reason: 'x' }],
    ] as const) {
      refusal(await api.call(method, path, { cookie: v.cookie, body }), 403, 'forbidden')
    }
    expect(await footprint(api)).toEqual(before)

    const other = await api.makeTeam('other-team')
    const otherLeader = (await makeStaff(api, other.id, ['leader'])).cookie
    const before2 = await footprint(api)
    refusal(await api.call('GET', `/api/v1/activities/${id}`, { cookie: otherLeader }), 404, 'not_found')
    refusal(await api.call('PATCH', `/api/v1/activities/${id}`, { cookie: otherLeader, body: { capacity: 1 } }), 404, 'not_found')
    refusal(await api.call('POST', `/api/v1/activities/${id}/cancel`, { cookie: otherLeader, body: { reason: '捣乱' } }), 404, 'not_found')
    refusal(await api.call('GET', `/api/v1/activities/${id}/roster`, { cookie: otherLeader }), 404, 'not_found')
    refusal(await api.call('GET', `/api/v1/activities/${id}/check-in-code`, { cookie: otherLeader }), 404, 'not_found')
    refusal(await api.call('GET', `/api/v1/activities/${id}`), 401, 'unauthenticated')
    expect(await footprint(api)).toEqual(before2)
  })

  it('changes an activity: tells everyone signed up, promotes in order when seats are added, refuses fewer seats than taken', async () => {
    const id = await publish(api, leader, { capacity: 2, title: '评书会' })
    const people: TestVolunteer[] = []
    for (let i = 0; i < 5; i++) people.push(await makeVolunteer(api, teamId))
    for (const p of people) expect((await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: p.cookie })).status).toBe(201)
    const bystander = await makeVolunteer(api, teamId)

    const before = await footprint(api)
    const low = await api.call('PATCH', `/api/v1/activities/${id}`, { cookie: leader, body: { capacity: 1 } })
    refusal(low, 422, 'capacity_below_enrolled')
    expect(low.json.error.issues).toEqual([{ path: 'capacity', message: 'must be at least 2' }])
    refusal(await api.call('PATCH', `/api/v1/activities/${id}`, { cookie: leader, body: { capacity: 0 } }), 400, 'invalid_request')
    // The merged times must still make sense: a new start after the current end is refused.
    const late = await api.call('PATCH', `/api/v1/activities/${id}`, { cookie: leader, body: { startsAt: '2027-01-01T00:00:00.000Z' } })
    refusal(late, 400, 'invalid_request')
    expect(late.json.error.issues[0].path).toBe('startsAt')
    expect(await footprint(api)).toEqual(before)

    const r = await api.call('PATCH', `/api/v1/activities/${id}`, { cookie: leader, body: { capacity: 4, place: '幸福社区 活动室', note: '换到楼上' } })
    expect(r.status, r.text).toBe(200)
    const a = Activity.parse(r.json)
    // Fields left out stay as they were (no defaults applied to a change).
    expect(a).toMatchObject({ capacity: 4, place: '幸福社区 活动室', title: '评书会', description: '整理义仓物资，登记捐赠', enrolledCount: 4, waitlistCount: 1 })

    // The first two in the queue were promoted, in order; the fifth still waits.
    const k = async (i: number) => (await inbox(api, people[i]!.userId)).map((n) => n.kind)
    expect(await k(0)).toEqual(['enrolled', 'activity_changed'])
    expect(await k(2)).toEqual(['waitlisted', 'promoted', 'activity_changed'])
    expect(await k(3)).toEqual(['waitlisted', 'promoted', 'activity_changed'])
    expect(await k(4)).toEqual(['waitlisted', 'activity_changed'])
    expect(await inbox(api, bystander.userId)).toEqual([])
    const changed = (await inbox(api, people[4]!.userId))[1]!
    expect(changed.params).toEqual({ title: '评书会', startsAt: a.startsAt, place: '幸福社区 活动室', note: '换到楼上' })
    expect(changed.activityId).toBe(id)
    // Every notification goes out through the outbox too.
    const outbox = await ctx().db.selectFrom('notificationOutbox').select('notificationId').where('notificationId', '=', changed.id).execute()
    expect(outbox).toHaveLength(1)

    const ev = await ctx().db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'volunteers.activity_changed').where('entityId', '=', id).executeTakeFirstOrThrow()
    expect(JSON.parse(ev.payload)).toMatchObject({ fields: ['place', 'capacity'], capacity: 4 })
    expect(ev.payload).not.toContain('换到楼上')

    // Nothing changed and nothing to say: no write, no notification.
    const mid = await footprint(api)
    expect((await api.call('PATCH', `/api/v1/activities/${id}`, { cookie: leader, body: { capacity: 4 } })).status).toBe(200)
    expect(await footprint(api)).toEqual(mid)
  })

  it('cancels once, telling everyone signed up why; a cancelled or ended activity cannot be changed (409)', async () => {
    const id = await publish(api, leader, { capacity: 1, title: '手牵手' })
    const [a, b] = [await makeVolunteer(api, teamId), await makeVolunteer(api, teamId)]
    for (const p of [a, b]) await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: p.cookie })
    refusal(await api.call('POST', `/api/v1/activities/${id}/cancel`, { cookie: leader, body: { reason: '  ' } }), 400, 'invalid_request')

    const r = await api.call('POST', `/api/v1/activities/${id}/cancel`, { cookie: leader, body: { reason: '暴雨预警' } })
    expect(r.status, r.text).toBe(200)
    expect(Activity.parse(r.json)).toMatchObject({ status: 'cancelled', cancelReason: '暴雨预警' })
    for (const p of [a, b]) {
      const n = (await inbox(api, p.userId)).at(-1)!
      expect(n.kind).toBe('activity_cancelled')
      expect(n.params).toMatchObject({ title: '手牵手', reason: '暴雨预警' })
    }
    const before = await footprint(api)
    refusal(await api.call('POST', `/api/v1/activities/${id}/cancel`, { cookie: leader, body: { reason: '再取消' } }), 409, 'already_cancelled')
    refusal(await api.call('PATCH', `/api/v1/activities/${id}`, { cookie: leader, body: { title: '复活' } }), 409, 'activity_cancelled')
    expect(await footprint(api)).toEqual(before)

    // Not upcoming any more; still in `all`.
    const upcoming = page(Activity).parse((await api.call('GET', '/api/v1/activities?limit=200', { cookie: leader })).json)
    expect(upcoming.items.map((x) => x.id)).not.toContain(id)
    const all = page(Activity).parse((await api.call('GET', '/api/v1/activities?scope=all&limit=200', { cookie: leader })).json)
    expect(all.items.find((x) => x.id === id)!.status).toBe('cancelled')

    const past = await publish(api, leader, {}, 1, 1)
    api.clock.advance(2 * HOUR)
    try {
      refusal(await api.call('PATCH', `/api/v1/activities/${past}`, { cookie: leader, body: { title: '改' } }), 409, 'activity_ended')
      refusal(await api.call('POST', `/api/v1/activities/${past}/cancel`, { cookie: leader, body: { reason: '晚了' } }), 409, 'activity_ended')
    } finally {
      api.clock.advance(-2 * HOUR)
    }
  })

  it('lists by scope in order, pages with a cursor, filters by project and day, without a query per row', async () => {
    const t = await api.makeTeam('lists')
    const lead = await makeStaff(api, t.id, ['leader'])
    const other = await makeStaff(api, t.id, ['leader'])
    const v = await makeVolunteer(api, t.id)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push(await publish(api, lead.cookie, { project: i % 2 ? 'empty_nest' : 'granary' }, 24 * (i + 1), 2))
    const theirs = await publish(api, other.cookie, {}, 3, 1)
    const ended = await publish(api, lead.cookie, {}, 1, 1)
    await api.call('POST', `/api/v1/activities/${ids[1]}/enrollment`, { cookie: v.cookie })
    await api.call('POST', `/api/v1/activities/${ended}/enrollment`, { cookie: v.cookie })
    api.clock.advance(2.5 * HOUR)
    try {
      const list = async (q: string, cookie = lead.cookie) => {
        const r = await api.call('GET', `/api/v1/activities?${q}`, { cookie })
        expect(r.status, r.text).toBe(200)
        return page(Activity).parse(r.json)
      }
      const upcoming = await list('')
      expect(upcoming.items.map((a) => a.id)).toEqual([theirs, ...ids])
      const first = await list('limit=2')
      expect(first.items.map((a) => a.id)).toEqual([theirs, ids[0]])
      const second = await list(`limit=2&cursor=${first.nextCursor}`)
      expect(second.items.map((a) => a.id)).toEqual([ids[1], ids[2]])
      const third = await list(`limit=2&cursor=${second.nextCursor}`)
      expect(third.items.map((a) => a.id)).toEqual([ids[3], ids[4]])
      expect(third.nextCursor).toBeNull()

      expect((await list('scope=past')).items.map((a) => a.id)).toEqual([ended])
      expect((await list('scope=led')).items.map((a) => a.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0], ended])
      expect((await list('scope=led', other.cookie)).items.map((a) => a.id)).toEqual([theirs])
      expect((await list('scope=all')).items).toHaveLength(7)
      expect((await list('project=empty_nest')).items.map((a) => a.id)).toEqual([ids[1], ids[3]])

      const mine = await list('scope=mine', v.cookie)
      expect(mine.items.map((a) => a.id)).toEqual([ids[1], ended])
      expect(mine.items[0]!.myEnrollment!.status).toBe('enrolled')
      expect((await list('scope=mine')).items).toEqual([])

      // Days are China days: ids[0] starts 2026-12-02 08:00 UTC = 16:00 on 2 Dec in China.
      const day = await list('scope=all&from=2026-12-02&to=2026-12-02')
      expect(day.items.map((a) => a.id)).toEqual([ids[0]])

      refusal(await api.call('GET', '/api/v1/activities?scope=everything', { cookie: lead.cookie }), 400, 'invalid_request')
      refusal(await api.call('GET', '/api/v1/activities?limit=0', { cookie: lead.cookie }), 400, 'invalid_request')
      refusal(await api.call('GET', '/api/v1/activities?cursor=bm9wZQ', { cookie: lead.cookie }), 400, 'invalid_cursor')
    } finally {
      api.clock.advance(-2.5 * HOUR)
    }
  })

  it('shows the roster to leaders: seats first, then the queue, names with masked phones', async () => {
    const id = await publish(api, leader, { capacity: 1 })
    const a = await makeVolunteer(api, teamId, { realName: '张三' })
    const b = await makeVolunteer(api, teamId, { realName: '李四' })
    for (const p of [a, b]) await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: p.cookie })
    const r = await api.call('GET', `/api/v1/activities/${id}/roster`, { cookie: admin })
    expect(r.status).toBe(200)
    const items = r.json.items.map((x: unknown) => RosterEntry.parse(x))
    expect(items).toEqual([
      { volunteerId: a.id, realName: '张三', volunteerNumber: expect.any(String), phone: maskPhone(a.phone), enrollment: 'enrolled', waitlistPosition: null, attendance: null },
      { volunteerId: b.id, realName: '李四', volunteerNumber: expect.any(String), phone: maskPhone(b.phone), enrollment: 'waitlisted', waitlistPosition: 1, attendance: null },
    ])
    expect(r.text).not.toContain(a.phone)
  })
})
