import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody, HourCorrection, HourEntry, HoursSummary, NotificationList, page } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { addVolunteer, counts, insertActivity, insertAttendanceEntry, teamWithLeader } from './fixtures.js'

const items = (json: unknown) => (json as { items: unknown[] }).items.map((i) => HourEntry.parse(i))

describeEachDialect('hours ledger: approvals, supplements, corrections', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof teamWithLeader>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await teamWithLeader(api, 'xf')
  }, 60_000)
  afterAll(() => api.close())

  const approvedMinutes = async (cookie: string) => HoursSummary.parse((await api.call('GET', '/api/v1/hours/summary', { cookie })).json).approvedMinutes

  describe('approvals', () => {
    it('approves several pending entries at once, tells each volunteer and records one event per entry', async () => {
      const v = await addVolunteer(api, t.team)
      const w = await addVolunteer(api, t.team, { realName: '赵服务' })
      const acts = await Promise.all([0, 1, 2].map((i) => insertActivity(api, t.team.id, { title: `活动${i}`, startsAt: `2026-11-2${i}T01:00:00.000Z`, endsAt: `2026-11-2${i}T04:00:00.000Z` })))
      const e1 = await insertAttendanceEntry(api, { teamId: t.team.id, activity: acts[0]!, volunteerId: v.id, minutes: 60 })
      const e2 = await insertAttendanceEntry(api, { teamId: t.team.id, activity: acts[1]!, volunteerId: v.id, minutes: 90 })
      const e3 = await insertAttendanceEntry(api, { teamId: t.team.id, activity: acts[2]!, volunteerId: w.id, minutes: 45 })

      const queue = page(HourEntry).parse((await api.call('GET', '/api/v1/hours?status=pending', { cookie: t.leader })).json)
      expect(queue.items.map((e) => e.id)).toEqual(expect.arrayContaining([e1.id, e2.id, e3.id]))
      expect(queue.items.every((e) => e.status === 'pending')).toBe(true)
      expect(queue.items.find((e) => e.id === e3.id)).toMatchObject({ volunteerName: '赵服务', activityTitle: '活动2', minutes: 45, source: 'attendance', reversed: false, correctionRequest: null })

      const r = await api.call('POST', '/api/v1/hours/decisions', { cookie: t.leader, body: { entryIds: [e1.id, e2.id, e3.id], approve: true, note: '辛苦了' } })
      expect(r.status, r.text).toBe(200)
      const decided = items(r.json)
      expect(decided.map((e) => [e.id, e.status, e.decisionNote])).toEqual([
        [e1.id, 'approved', '辛苦了'],
        [e2.id, 'approved', '辛苦了'],
        [e3.id, 'approved', '辛苦了'],
      ])
      expect(decided[0]!.decidedBy).toBe(`user:${t.leaderUser.id}`)
      expect(await approvedMinutes(v.cookie)).toBe(150)
      expect(await approvedMinutes(w.cookie)).toBe(45)

      const inbox = NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: v.cookie })).json)
      expect(inbox.unread).toBe(2)
      expect(inbox.items.map((n) => n.kind)).toEqual(['hours_approved', 'hours_approved'])
      expect(inbox.items.map((n) => n.params).sort((a, b) => Number(a.minutes) - Number(b.minutes))).toEqual([
        { minutes: 60, serviceDate: '2026-11-20', activityTitle: '活动0', note: '辛苦了' },
        { minutes: 90, serviceDate: '2026-11-21', activityTitle: '活动1', note: '辛苦了' },
      ])
      const outbox = await api.deps.db.selectFrom('notificationOutbox').innerJoin('notifications', 'notifications.id', 'notificationOutbox.notificationId').select(['channel', 'status']).where('notifications.userId', 'in', [v.userId, w.userId]).execute()
      expect(outbox).toEqual([
        { channel: 'log', status: 'pending' },
        { channel: 'log', status: 'pending' },
        { channel: 'log', status: 'pending' },
      ])

      const events = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'entityId', 'payload']).where('entityId', 'in', [e1.id, e2.id, e3.id]).orderBy('seq').execute()
      expect(events.map((e) => [e.kind, e.entityId])).toEqual([
        ['volunteers.hours_approved', e1.id],
        ['volunteers.hours_approved', e2.id],
        ['volunteers.hours_approved', e3.id],
      ])
      expect(JSON.parse(events[1]!.payload)).toEqual({ volunteerId: v.id, activityId: acts[1]!.id, minutes: 90, status: 'approved' })
      expect(JSON.stringify(events)).not.toContain('辛苦了')
      expect(JSON.stringify(events)).not.toContain('赵服务')

      const again = await api.call('POST', '/api/v1/hours/decisions', { cookie: t.leader, body: { entryIds: [e1.id], approve: false } })
      expect(again.status).toBe(409)
      expect(again.json.error.code).toBe('not_pending')
    })

    it('rejects with a note and tells the volunteer', async () => {
      const v = await addVolunteer(api, t.team)
      const act = await insertActivity(api, t.team.id, { title: '评书' })
      const e = await insertAttendanceEntry(api, { teamId: t.team.id, activity: act, volunteerId: v.id, minutes: 30 })
      const r = await api.call('POST', '/api/v1/hours/decisions', { cookie: t.leader, body: { entryIds: [e.id], approve: false, note: '未到场' } })
      expect(items(r.json)[0]).toMatchObject({ status: 'rejected', decisionNote: '未到场' })
      const inbox = NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: v.cookie })).json)
      expect(inbox.items[0]).toMatchObject({ kind: 'hours_rejected', params: { minutes: 30, activityTitle: '评书', note: '未到场' }, activityId: act.id })
      expect(await approvedMinutes(v.cookie)).toBe(0)
      const ev = await api.deps.db.selectFrom('ledgerEvents').select('kind').where('entityId', '=', e.id).execute()
      expect(ev.map((x) => x.kind)).toEqual(['volunteers.hours_rejected'])
    })

    it('is all or nothing: one entry no longer pending, or not in the team, refuses the whole batch and names it', async () => {
      const v = await addVolunteer(api, t.team)
      const acts = await Promise.all([0, 1, 2].map(() => insertActivity(api, t.team.id)))
      const a = await insertAttendanceEntry(api, { teamId: t.team.id, activity: acts[0]!, volunteerId: v.id, minutes: 60 })
      const b = await insertAttendanceEntry(api, { teamId: t.team.id, activity: acts[1]!, volunteerId: v.id, minutes: 60, status: 'approved' })
      const c = await insertAttendanceEntry(api, { teamId: t.team.id, activity: acts[2]!, volunteerId: v.id, minutes: 60 })
      const other = await teamWithLeader(api)
      const ov = await addVolunteer(api, other.team)
      const oe = await insertAttendanceEntry(api, { teamId: other.team.id, activity: await insertActivity(api, other.team.id), volunteerId: ov.id, minutes: 10 })
      const before = await counts(api)

      const r = await api.call('POST', '/api/v1/hours/decisions', { cookie: t.leader, body: { entryIds: [a.id, b.id, c.id], approve: true } })
      expect(r.status).toBe(409)
      const body = ErrorBody.parse(r.json)
      expect(body.error.code).toBe('not_pending')
      expect(body.error.issues).toEqual([{ path: 'entryIds.1', message: `entry ${b.id} is already approved` }])
      expect(await counts(api)).toEqual(before)
      const rows = await api.deps.db.selectFrom('hourEntries').select(['id', 'status']).where('id', 'in', [a.id, c.id]).execute()
      expect(rows.map((x) => x.status)).toEqual(['pending', 'pending'])

      // An entry of another team looks missing.
      const missing = await api.call('POST', '/api/v1/hours/decisions', { cookie: t.leader, body: { entryIds: [a.id, oe.id], approve: true } })
      expect(missing.status).toBe(404)
      expect(missing.json.error.issues).toEqual([{ path: 'entryIds.1', message: `no entry ${oe.id} in the team` }])
      expect(await counts(api)).toEqual(before)

      // A volunteer is not a leader.
      expect((await api.call('POST', '/api/v1/hours/decisions', { cookie: v.cookie, body: { entryIds: [a.id], approve: true } })).status).toBe(403)
      expect((await api.call('GET', '/api/v1/hours?status=pending', { cookie: v.cookie })).status).toBe(403)
      expect(await counts(api)).toEqual(before)
    })

    it('lets one of two racing decisions on the same entries win', async () => {
      const v = await addVolunteer(api, t.team)
      const acts = await Promise.all([0, 1].map(() => insertActivity(api, t.team.id)))
      const es = await Promise.all(acts.map((act) => insertAttendanceEntry(api, { teamId: t.team.id, activity: act, volunteerId: v.id, minutes: 20 })))
      const ids = es.map((e) => e.id)
      const race = await Promise.all([true, false, true].map((approve) => api.call('POST', '/api/v1/hours/decisions', { cookie: t.leader, body: { entryIds: approve ? ids : [...ids].reverse(), approve } })))
      expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409])
      const events = await api.deps.db.selectFrom('ledgerEvents').select('kind').where('entityId', 'in', ids).execute()
      expect(events).toHaveLength(2)
    })

    it('pages the queue newest first with a cursor', async () => {
      const v = await addVolunteer(api, t.team)
      const made = []
      for (let i = 0; i < 5; i++) {
        made.push(await insertAttendanceEntry(api, { teamId: t.team.id, activity: await insertActivity(api, t.team.id), volunteerId: v.id, minutes: 10, createdAt: `2026-11-2${i}T10:00:00.000Z` }))
      }
      const first = page(HourEntry).parse((await api.call('GET', `/api/v1/hours?volunteerId=${v.id}&limit=3`, { cookie: t.leader })).json)
      expect(first.items.map((e) => e.id)).toEqual([made[4]!.id, made[3]!.id, made[2]!.id])
      const second = page(HourEntry).parse((await api.call('GET', `/api/v1/hours?volunteerId=${v.id}&limit=3&cursor=${first.nextCursor}`, { cookie: t.leader })).json)
      expect(second.items.map((e) => e.id)).toEqual([made[1]!.id, made[0]!.id])
      expect(second.nextCursor).toBeNull()
      const mine = page(HourEntry).parse((await api.call('GET', '/api/v1/hours/mine?limit=2', { cookie: v.cookie })).json)
      expect(mine.items.map((e) => e.id)).toEqual([made[4]!.id, made[3]!.id])
      const bad = await api.call('GET', '/api/v1/hours/mine?cursor=nonsense', { cookie: v.cookie })
      expect(bad.status).toBe(400)
      expect(bad.json.error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'cursor' }] })
    })
  })

  describe('supplements (补录)', () => {
    it('adds a pending supplement capped at the activity length, counting what is already recorded', async () => {
      const v = await addVolunteer(api, t.team)
      const act = await insertActivity(api, t.team.id, { startsAt: '2026-11-25T01:00:00.000Z', endsAt: '2026-11-25T04:00:00.000Z', project: 'empty_nest', title: '探访' })
      const before = await counts(api)
      const tooMuch = await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, body: { volunteerId: v.id, activityId: act.id, minutes: 181, reason: '忘记签到' } })
      expect(tooMuch.status).toBe(422)
      expect(ErrorBody.parse(tooMuch.json).error).toMatchObject({ code: 'exceeds_activity_length', issues: [{ path: 'minutes', message: 'at most 180' }] })
      expect(await counts(api)).toEqual(before)

      await insertAttendanceEntry(api, { teamId: t.team.id, activity: act, volunteerId: v.id, minutes: 120 })
      const over = await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, body: { volunteerId: v.id, activityId: act.id, minutes: 61, reason: '提前到场' } })
      expect(over.status).toBe(422)
      expect(over.json.error.issues).toEqual([{ path: 'minutes', message: 'at most 60' }])

      const ok = await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, body: { volunteerId: v.id, activityId: act.id, minutes: 60, reason: '提前到场' } })
      expect(ok.status, ok.text).toBe(201)
      expect(HourEntry.parse(ok.json)).toMatchObject({ source: 'supplement', status: 'pending', minutes: 60, reason: '提前到场', project: 'empty_nest', serviceDate: '2026-11-25', activityTitle: '探访', createdBy: `user:${t.leaderUser.id}` })
      const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', ok.json.id).executeTakeFirstOrThrow()
      expect(ev.kind).toBe('volunteers.hours_supplemented')
      expect(JSON.parse(ev.payload)).toEqual({ volunteerId: v.id, activityId: act.id, minutes: 60 })
      const summary = HoursSummary.parse((await api.call('GET', '/api/v1/hours/summary', { cookie: v.cookie })).json)
      expect(summary.pendingMinutes).toBe(180)
    })

    it('answers a retried supplement with the same Idempotency-Key from the first, writing it once', async () => {
      const v = await addVolunteer(api, t.team)
      const act = await insertActivity(api, t.team.id)
      const body = { volunteerId: v.id, activityId: act.id, minutes: 30, reason: '补录' }
      const headers = { 'idempotency-key': 'supplement-retry-0001' }
      const first = await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, body, headers })
      const before = await counts(api)
      const retry = await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, body, headers })
      expect(retry.status).toBe(201)
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      expect(retry.json).toEqual(first.json)
      expect(await counts(api)).toEqual(before)
      const reused = await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, body: { ...body, minutes: 31 }, headers })
      expect([reused.status, reused.json.error.code]).toEqual([409, 'idempotency_key_reused'])
    })

    it('refuses future and cancelled activities, unknown or inactive volunteers, and bad bodies, writing nothing', async () => {
      const v = await addVolunteer(api, t.team)
      const pending = await addVolunteer(api, t.team, { status: 'pending' })
      const past = await insertActivity(api, t.team.id)
      const future = await insertActivity(api, t.team.id, { startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' })
      const cancelled = await insertActivity(api, t.team.id, { status: 'cancelled' })
      const other = await teamWithLeader(api)
      const otherActivity = await insertActivity(api, other.team.id)
      const body = (over: Record<string, unknown>) => ({ volunteerId: v.id, activityId: past.id, minutes: 30, reason: '补录', ...over })
      const before = await counts(api)
      const cases: [Record<string, unknown>, number, string][] = [
        [{ activityId: future.id }, 422, 'activity_not_started'],
        [{ activityId: cancelled.id }, 422, 'activity_cancelled'],
        [{ activityId: otherActivity.id }, 404, 'not_found'],
        [{ volunteerId: pending.id }, 422, 'volunteer_not_active'],
        [{ volunteerId: '0190a000-0000-7000-8000-000000000000' }, 404, 'not_found'],
        [{ reason: '  ' }, 400, 'invalid_request'],
        [{ minutes: 0 }, 400, 'invalid_request'],
        [{ minutes: 1.5 }, 400, 'invalid_request'],
        [{ activityId: undefined }, 400, 'invalid_request'],
      ]
      for (const [over, status, code] of cases) {
        const r = await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, body: body(over) })
        expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(over)).toEqual([status, code])
      }
      expect((await api.call('POST', '/api/v1/hours/supplements', { cookie: v.cookie, body: body({}) })).status).toBe(403)
      expect((await api.call('POST', '/api/v1/hours/supplements', { cookie: t.leader, raw: '{"volunteerId":' })).json.error.code).toBe('malformed_json')
      expect(await counts(api)).toEqual(before)
    })
  })

  describe('corrections', () => {
    it('puts an approved entry right by a reversal and a correction entry, leaving the original untouched', async () => {
      const v = await addVolunteer(api, t.team)
      const act = await insertActivity(api, t.team.id, { title: '友邻学院', project: 'neighbour_academy' })
      const original = await insertAttendanceEntry(api, { teamId: t.team.id, activity: act, volunteerId: v.id, minutes: 120, status: 'approved' })
      expect(await approvedMinutes(v.cookie)).toBe(120)

      const req = await api.call('POST', `/api/v1/hours/${original.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 150, reason: '签退晚了半小时' } })
      expect(req.status, req.text).toBe(201)
      const withRequest = HourEntry.parse(req.json)
      expect(withRequest.correctionRequest).toMatchObject({ minutes: 150, reason: '签退晚了半小时', status: 'open' })
      const twice = await api.call('POST', `/api/v1/hours/${original.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 140, reason: '再说一次' } })
      expect([twice.status, twice.json.error.code]).toEqual([409, 'correction_open'])

      const queue = (await api.call('GET', '/api/v1/hour-corrections?status=open', { cookie: t.leader })).json.items.map((i: unknown) => HourCorrection.parse(i))
      const mine = queue.find((q: HourCorrection) => q.id === withRequest.correctionRequest!.id)!
      expect(mine).toMatchObject({ minutes: 150, status: 'open', reason: '签退晚了半小时', entry: { id: original.id, minutes: 120 } })
      expect((await api.call('GET', '/api/v1/hour-corrections', { cookie: v.cookie })).status).toBe(403)

      const decided = await api.call('POST', `/api/v1/hour-corrections/${mine.id}/decision`, { cookie: t.leader, body: { accept: true, note: '已核实' } })
      expect(decided.status, decided.text).toBe(200)
      const [reversal, correction] = items(decided.json)
      expect(reversal).toMatchObject({ source: 'reversal', minutes: -120, reverses: original.id, status: 'approved', activityId: act.id, project: 'neighbour_academy', serviceDate: original.serviceDate })
      expect(correction).toMatchObject({ source: 'correction', minutes: 150, reverses: null, status: 'approved', activityId: act.id, reason: '签退晚了半小时' })
      expect(await approvedMinutes(v.cookie)).toBe(150)

      // The original row is exactly as it was; it now shows as reversed.
      const row = await api.deps.db.selectFrom('hourEntries').selectAll().where('id', '=', original.id).executeTakeFirstOrThrow()
      expect(row).toEqual(original)
      const shown = page(HourEntry).parse((await api.call('GET', `/api/v1/hours/mine`, { cookie: v.cookie })).json).items.find((e) => e.id === original.id)!
      expect(shown).toMatchObject({ reversed: true, minutes: 120, status: 'approved', correctionRequest: { status: 'accepted' } })

      const events = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'entityId', 'payload']).where('entityId', 'in', [mine.id, reversal!.id]).orderBy('seq').execute()
      expect(events.map((e) => e.kind)).toEqual(['volunteers.correction_requested', 'volunteers.hours_reversed', 'volunteers.correction_accepted'])
      expect(JSON.parse(events[1]!.payload)).toEqual({ reverses: original.id, volunteerId: v.id, minutes: -120 })
      expect(JSON.parse(events[2]!.payload)).toEqual({ entryId: original.id, volunteerId: v.id, reversalId: reversal!.id, correctionEntryId: correction!.id, minutes: 150, previousMinutes: 120 })
      expect(JSON.stringify(events)).not.toContain('签退')

      const inbox = NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: v.cookie })).json)
      expect(inbox.items[0]).toMatchObject({ kind: 'hours_approved', params: { minutes: 150, previousMinutes: 120, correction: 'accepted', note: '已核实', activityTitle: '友邻学院' } })

      const again = await api.call('POST', `/api/v1/hour-corrections/${mine.id}/decision`, { cookie: t.leader, body: { accept: false } })
      expect([again.status, again.json.error.code]).toEqual([409, 'already_decided'])
      const reversedAgain = await api.call('POST', `/api/v1/hours/${original.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 100, reason: '再改' } })
      expect([reversedAgain.status, reversedAgain.json.error.code]).toEqual([409, 'already_reversed'])
      const ofReversal = await api.call('POST', `/api/v1/hours/${reversal!.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 100, reason: '再改' } })
      expect([ofReversal.status, ofReversal.json.error.code]).toEqual([422, 'not_correctable'])
      // The correction entry is an ordinary approved entry: it can itself be corrected, e.g. to 0.
      const toZero = await api.call('POST', `/api/v1/hours/${correction!.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 0, reason: '其实没去' } })
      expect(toZero.status).toBe(201)
      const zero = await api.call('POST', `/api/v1/hour-corrections/${toZero.json.correctionRequest.id}/decision`, { cookie: t.leader, body: { accept: true } })
      expect(items(zero.json).map((e) => [e.source, e.minutes])).toEqual([['reversal', -150]])
      expect(await approvedMinutes(v.cookie)).toBe(0)
    })

    it('declines with a note, keeping the entry; refuses pending, foreign and unchanged requests', async () => {
      const v = await addVolunteer(api, t.team)
      const w = await addVolunteer(api, t.team)
      const act = await insertActivity(api, t.team.id)
      const approved = await insertAttendanceEntry(api, { teamId: t.team.id, activity: act, volunteerId: v.id, minutes: 100, status: 'approved' })
      const pendingEntry = await insertAttendanceEntry(api, { teamId: t.team.id, activity: await insertActivity(api, t.team.id), volunteerId: v.id, minutes: 100 })
      const before = await counts(api)
      const tries: [string, string, Record<string, unknown>, number, string][] = [
        [w.cookie, approved.id, { minutes: 90, reason: '不是我的' }, 404, 'not_found'],
        [t.leader, approved.id, { minutes: 90, reason: '领队不是本人' }, 404, 'not_found'],
        [v.cookie, pendingEntry.id, { minutes: 90, reason: '还没批' }, 409, 'not_approved'],
        [v.cookie, approved.id, { minutes: 100, reason: '一样' }, 422, 'no_change'],
        [v.cookie, approved.id, { minutes: 181, reason: '太长' }, 422, 'exceeds_activity_length'],
        [v.cookie, approved.id, { minutes: -5, reason: '负数' }, 400, 'invalid_request'],
        [v.cookie, approved.id, { minutes: 90 }, 400, 'invalid_request'],
      ]
      for (const [cookie, id, body, status, code] of tries) {
        const r = await api.call('POST', `/api/v1/hours/${id}/correction-requests`, { cookie, body })
        expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
      }
      expect(await counts(api)).toEqual(before)

      const req = await api.call('POST', `/api/v1/hours/${approved.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 90, reason: '少了十分钟' } })
      const corrId = req.json.correctionRequest.id as string
      expect((await api.call('POST', `/api/v1/hour-corrections/${corrId}/decision`, { cookie: t.leader, body: { accept: 'yes' } })).status).toBe(400)
      const no = await api.call('POST', `/api/v1/hour-corrections/${corrId}/decision`, { cookie: t.leader, body: { accept: false, note: '签到记录无误' } })
      expect(no.status).toBe(200)
      expect(items(no.json)).toEqual([expect.objectContaining({ id: approved.id, minutes: 100, reversed: false, correctionRequest: { id: corrId, minutes: 90, reason: '少了十分钟', status: 'declined' } })])
      expect(await approvedMinutes(v.cookie)).toBe(100)
      const inbox = NotificationList.parse((await api.call('GET', '/api/v1/notifications', { cookie: v.cookie })).json)
      expect(inbox.items[0]).toMatchObject({ kind: 'hours_rejected', params: { minutes: 100, requestedMinutes: 90, correction: 'declined', note: '签到记录无误' } })
      const declined = (await api.call('GET', '/api/v1/hour-corrections?status=declined', { cookie: t.leader })).json.items.map((i: unknown) => HourCorrection.parse(i))
      expect(declined.find((d: HourCorrection) => d.id === corrId)).toMatchObject({ decisionNote: '签到记录无误', status: 'declined' })
      const ev = await api.deps.db.selectFrom('ledgerEvents').select('kind').where('entityId', '=', corrId).orderBy('seq').execute()
      expect(ev.map((e) => e.kind)).toEqual(['volunteers.correction_requested', 'volunteers.correction_declined'])
      // After a decline a new request may be made.
      expect((await api.call('POST', `/api/v1/hours/${approved.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 95, reason: '再核对' } })).status).toBe(201)
      // An unknown request, or another team's leader: 404.
      const other = await teamWithLeader(api)
      expect((await api.call('POST', `/api/v1/hour-corrections/${corrId}/decision`, { cookie: other.leader, body: { accept: true } })).status).toBe(404)
    })
  })

  describe('who sees what', () => {
    it("gives a volunteer 404 for another volunteer's summary and only their own entries", async () => {
      const v = await addVolunteer(api, t.team)
      const w = await addVolunteer(api, t.team)
      const act = await insertActivity(api, t.team.id)
      const we = await insertAttendanceEntry(api, { teamId: t.team.id, activity: act, volunteerId: w.id, minutes: 50, status: 'approved' })
      const theirs = await api.call('GET', `/api/v1/volunteers/${w.id}/hours-summary`, { cookie: v.cookie })
      expect(theirs.status).toBe(404)
      const missing = await api.call('GET', '/api/v1/volunteers/0190a000-0000-7000-8000-000000000000/hours-summary', { cookie: v.cookie })
      expect(missing.json).toEqual(theirs.json)
      expect(HoursSummary.parse((await api.call('GET', `/api/v1/volunteers/${v.id}/hours-summary`, { cookie: v.cookie })).json).volunteerId).toBe(v.id)
      expect(HoursSummary.parse((await api.call('GET', `/api/v1/volunteers/${w.id}/hours-summary`, { cookie: t.leader })).json).approvedMinutes).toBe(50)
      const other = await teamWithLeader(api)
      expect((await api.call('GET', `/api/v1/volunteers/${w.id}/hours-summary`, { cookie: other.leader })).status).toBe(404)

      const mine = page(HourEntry).parse((await api.call('GET', '/api/v1/hours/mine', { cookie: v.cookie })).json)
      expect(mine.items.map((e) => e.id)).not.toContain(we.id)
      // A volunteerId filter is not part of the own list; it cannot widen it.
      const sneaky = page(HourEntry).parse((await api.call('GET', `/api/v1/hours/mine?volunteerId=${w.id}`, { cookie: v.cookie })).json)
      expect(sneaky.items.map((e) => e.id)).not.toContain(we.id)
      // Someone with no volunteer profile (a leader) has no own hours.
      expect((await api.call('GET', '/api/v1/hours/mine', { cookie: t.leader })).status).toBe(404)
      expect((await api.call('GET', '/api/v1/hours/mine')).status).toBe(401)
    })
  })
})
