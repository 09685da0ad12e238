import { afterAll, beforeAll, expect, it } from 'vitest'
import { Activity, Enrollment, ErrorBody, page } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { registration } from '../volunteers/fixtures.js'
import { activitiesApi, footprint, HOUR, inbox, makeStaff, makeVolunteer, publish, type TestApi } from './fixtures.js'

describeEachDialect('activity sign-up with a waitlist', (ctx) => {
  let api: TestApi
  let teamId: string
  let leader: string
  beforeAll(async () => {
    api = await activitiesApi(ctx())
    const team = await api.makeTeam('sanxing')
    teamId = team.id
    leader = (await makeStaff(api, teamId, ['leader'])).cookie
  }, 60_000)
  afterAll(() => api.close())

  const enroll = (id: string, cookie: string) => api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie })
  const withdraw = (id: string, cookie: string) => api.call('DELETE', `/api/v1/activities/${id}/enrollment`, { cookie })
  const refusal = (r: { status: number; json: unknown }, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.json)).toBe(status)
    expect(ErrorBody.parse(r.json).error.code).toBe(code)
  }

  it('gives 40 concurrent sign-ups for 10 seats exactly 10 seats and a queue of 30; a withdrawal promotes exactly the first in the queue', async () => {
    const id = await publish(api, leader, { capacity: 10, title: '并发报名' })
    const people = await Promise.all(Array.from({ length: 40 }, () => makeVolunteer(api, teamId)))
    const results = await Promise.all(people.map((p) => enroll(id, p.cookie)))
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201))
    const enrollments = results.map((r) => Enrollment.parse(r.json))
    const seated = enrollments.filter((e) => e.status === 'enrolled')
    const queued = enrollments.filter((e) => e.status === 'waitlisted')
    expect(seated).toHaveLength(10)
    expect(queued).toHaveLength(30)
    expect(seated.every((e) => e.waitlistPosition === null)).toBe(true)
    expect(queued.map((e) => e.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))

    const db = ctx().db
    const inDb = await db.selectFrom('enrollments').select(['status']).where('activityId', '=', id).execute()
    expect(inDb.filter((e) => e.status === 'enrolled')).toHaveLength(10)

    const activity = Activity.parse((await api.call('GET', `/api/v1/activities/${id}`, { cookie: leader })).json)
    expect(activity).toMatchObject({ enrolledCount: 10, waitlistCount: 30, myEnrollment: null })

    // Everyone was told which: 10 'enrolled', 30 'waitlisted' with their place.
    const first = people[enrollments.findIndex((e) => e.waitlistPosition === 1)]!
    const second = people[enrollments.findIndex((e) => e.waitlistPosition === 2)]!
    expect((await inbox(api, first.userId)).map((n) => [n.kind, n.params.position])).toEqual([['waitlisted', 1]])
    const seatHolder = people[enrollments.findIndex((e) => e.status === 'enrolled')]!
    expect((await inbox(api, seatHolder.userId)).map((n) => n.kind)).toEqual(['enrolled'])

    const out = await withdraw(id, seatHolder.cookie)
    expect(out.status, out.text).toBe(200)
    expect(Enrollment.parse(out.json)).toMatchObject({ status: 'cancelled', waitlistPosition: null })

    const after = await db.selectFrom('enrollments').select(['volunteerId', 'status']).where('activityId', '=', id).execute()
    expect(after.filter((e) => e.status === 'enrolled')).toHaveLength(10)
    expect(after.filter((e) => e.status === 'waitlisted')).toHaveLength(29)
    expect(after.find((e) => e.volunteerId === first.id)!.status).toBe('enrolled')
    expect((await inbox(api, first.userId)).map((n) => n.kind)).toEqual(['waitlisted', 'promoted'])
    expect((await inbox(api, second.userId)).map((n) => n.kind)).toEqual(['waitlisted'])
    const promotedEvents = await db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'volunteers.waitlist_promoted').execute()
    expect(promotedEvents.map((e) => JSON.parse(e.payload).volunteerId)).toEqual([first.id])

    // The queue moved up: the second is now first, as they see it.
    const mine = Activity.parse((await api.call('GET', `/api/v1/activities/${id}`, { cookie: second.cookie })).json)
    expect(mine.myEnrollment).toEqual({ status: 'waitlisted', waitlistPosition: 1, checkInAt: null, checkOutAt: null })
    expect(mine).toMatchObject({ enrolledCount: 10, waitlistCount: 29 })

    // A waitlisted person leaving promotes no one and shortens the queue.
    expect((await withdraw(id, second.cookie)).status).toBe(200)
    const counts = Activity.parse((await api.call('GET', `/api/v1/activities/${id}`, { cookie: leader })).json)
    expect(counts).toMatchObject({ enrolledCount: 10, waitlistCount: 28 })

    // Signing up again after withdrawing reuses the row and goes to the back of the queue.
    const again = await enroll(id, seatHolder.cookie)
    expect(again.status, again.text).toBe(201)
    expect(Enrollment.parse(again.json)).toMatchObject({ id: enrollments[people.indexOf(seatHolder)]!.id, status: 'waitlisted', waitlistPosition: 29 })
    refusal(await enroll(id, seatHolder.cookie), 409, 'already_signed_up')
  }, 60_000)

  it('fills seats first, then queues; a seat holder who leaves makes room for the next in line', async () => {
    const id = await publish(api, leader, { capacity: 2 })
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => makeVolunteer(api, teamId)))
    const statuses = []
    for (const p of [a!, b!, c!, d!]) statuses.push(Enrollment.parse((await enroll(id, p.cookie)).json))
    expect(statuses.map((e) => [e.status, e.waitlistPosition])).toEqual([
      ['enrolled', null],
      ['enrolled', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ])
    expect((await withdraw(id, b!.cookie)).status).toBe(200)
    const roster = (await api.call('GET', `/api/v1/activities/${id}/roster`, { cookie: leader })).json.items as { volunteerId: string; enrollment: string; waitlistPosition: number | null }[]
    expect(roster.map((r) => [r.volunteerId, r.enrollment, r.waitlistPosition])).toEqual([
      [a!.id, 'enrolled', null],
      [c!.id, 'enrolled', null],
      [d!.id, 'waitlisted', 1],
    ])
    // Withdrawing twice: there is nothing left to withdraw.
    refusal(await withdraw(id, b!.cookie), 404, 'not_found')
  })

  it('lets a volunteer who registered and was approved sign up; shows their place in the lists', async () => {
    const body = registration({ skills: ['tea', 'first_aid'] })
    const reg = await api.call('POST', '/api/v1/public/teams/sanxing/volunteers', { body })
    expect(reg.status, reg.text).toBe(201)
    const me = await api.signIn(body.phone as string, body.password as string)
    const id = await publish(api, leader, { requiredSkills: ['first_aid'], title: '急救培训' })

    // Still pending: not a volunteer yet.
    refusal(await enroll(id, me), 403, 'not_a_volunteer')
    expect((await api.call('POST', `/api/v1/volunteers/${reg.json.id}/decision`, { cookie: leader, body: { approve: true } })).status).toBe(200)
    const ok = await enroll(id, me)
    expect(ok.status, ok.text).toBe(201)
    expect(ok.json.status).toBe('enrolled')

    const mine = page(Activity).parse((await api.call('GET', '/api/v1/activities?scope=mine', { cookie: me })).json)
    expect(mine.items.map((a) => a.id)).toEqual([id])
    expect(mine.items[0]!.myEnrollment).toEqual({ status: 'enrolled', waitlistPosition: null, checkInAt: null, checkOutAt: null })
    const upcoming = page(Activity).parse((await api.call('GET', '/api/v1/activities', { cookie: me })).json)
    expect(upcoming.items.find((a) => a.id === id)!.myEnrollment!.status).toBe('enrolled')

    expect((await withdraw(id, me)).status).toBe(200)
    const none = page(Activity).parse((await api.call('GET', '/api/v1/activities?scope=mine', { cookie: me })).json)
    expect(none.items).toEqual([])
  })

  it('refuses the too young, those missing a required skill, and overlapping seats, each with its code and nothing written', async () => {
    const young = await makeVolunteer(api, teamId, { birthDate: '2010-12-04' }) // 15 until 4 Dec 2026 (China time)
    const noSkills = await makeVolunteer(api, teamId, { skills: ['tea'] })
    // Starts 3 Dec 2026 10:00 UTC = 18:00 in China: the young one is still 15 that day.
    const adults = await publish(api, leader, { minAge: 16, startsAt: '2026-12-03T10:00:00.000Z', endsAt: '2026-12-03T12:00:00.000Z' })
    const skilled = await publish(api, leader, { requiredSkills: ['first_aid', 'Sign Language'], startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' })

    const before = await footprint(api)
    const tooYoung = await enroll(adults, young.cookie)
    refusal(tooYoung, 422, 'too_young')
    expect(tooYoung.json.error.message).toContain('16')
    const missing = await enroll(skilled, noSkills.cookie)
    refusal(missing, 422, 'missing_skills')
    expect(missing.json.error.message).toContain('first_aid')
    expect(missing.json.error.issues.map((i: { message: string }) => i.message)).toEqual(['first_aid', 'Sign Language'])
    expect(await footprint(api)).toEqual(before)

    // On the China-time day they turn 16 (4 Dec, 00:30 in China = 3 Dec 16:30 UTC), they may.
    const birthday = await publish(api, leader, { minAge: 16, startsAt: '2026-12-03T16:30:00.000Z', endsAt: '2026-12-03T18:00:00.000Z' })
    expect((await enroll(birthday, young.cookie)).status).toBe(201)

    // Skills match whatever the case.
    const skilledOne = await makeVolunteer(api, teamId, { skills: ['First_Aid', 'sign language'] })
    expect((await enroll(skilled, skilledOne.cookie)).status).toBe(201)

    // A seat in an overlapping activity is a clash.
    const clash = await publish(api, leader, { startsAt: '2026-12-05T02:00:00.000Z', endsAt: '2026-12-05T04:00:00.000Z', title: '重叠' })
    const r = await enroll(clash, skilledOne.cookie)
    refusal(r, 422, 'time_conflict')
    expect(r.json.error.message).toContain('茶义仓')
  })

  it('is open to active volunteers of the team only: 403 for other people, 404 for another team', async () => {
    const id = await publish(api, leader)
    const plain = await makeStaff(api, teamId, ['volunteer']) // the role, but no volunteer profile
    const left = await makeVolunteer(api, teamId, { status: 'left' })
    refusal(await enroll(id, plain.cookie), 403, 'not_a_volunteer')
    refusal(await enroll(id, left.cookie), 403, 'not_a_volunteer')
    refusal(await enroll(id, leader), 403, 'not_a_volunteer')

    const other = await api.makeTeam('elsewhere')
    const stranger = await makeVolunteer(api, other.id)
    const before = await footprint(api)
    refusal(await enroll(id, stranger.cookie), 404, 'not_found')
    refusal(await withdraw(id, stranger.cookie), 404, 'not_found')
    refusal(await api.call('GET', `/api/v1/activities/${id}`, { cookie: stranger.cookie }), 404, 'not_found')
    const theirList = page(Activity).parse((await api.call('GET', '/api/v1/activities?scope=all', { cookie: stranger.cookie })).json)
    expect(theirList.items.map((a) => a.id)).not.toContain(id)
    refusal(await enroll('0190a000-0000-7000-8000-000000000000', stranger.cookie), 404, 'not_found')
    expect(await footprint(api)).toEqual(before)
  })

  it('closes sign-up and withdrawal at the start, and refuses a cancelled activity', async () => {
    const v = await makeVolunteer(api, teamId)
    const late = await makeVolunteer(api, teamId)
    const id = await publish(api, leader, {}, 2, 2)
    expect((await enroll(id, v.cookie)).status).toBe(201)
    api.clock.advance(2 * HOUR)
    try {
      refusal(await enroll(id, late.cookie), 422, 'activity_started')
      refusal(await withdraw(id, v.cookie), 422, 'activity_started')
    } finally {
      api.clock.advance(-2 * HOUR)
    }
    const cancelled = await publish(api, leader)
    expect((await api.call('POST', `/api/v1/activities/${cancelled}/cancel`, { cookie: leader, body: { reason: '下雨' } })).status).toBe(200)
    refusal(await enroll(cancelled, late.cookie), 422, 'activity_cancelled')
  })

  it('answers a retried sign-up with the same Idempotency-Key once, without a second row', async () => {
    const id = await publish(api, leader)
    const v = await makeVolunteer(api, teamId)
    const headers = { 'idempotency-key': 'signup-retry-0001' }
    const one = await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: v.cookie, headers })
    const two = await api.call('POST', `/api/v1/activities/${id}/enrollment`, { cookie: v.cookie, headers })
    expect(one.status).toBe(201)
    expect(two.status).toBe(201)
    expect(two.headers.get('idempotent-replayed')).toBe('true')
    expect(two.json).toEqual(one.json)
    const rows = await ctx().db.selectFrom('enrollments').select('id').where('activityId', '=', id).execute()
    expect(rows).toHaveLength(1)
  })
})
