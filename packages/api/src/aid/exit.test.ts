import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { AidExit, AidExitCandidate, AidExitStatus, AidHouseholdDetail, AidPlace, AidPublicNotices, ErrorBody } from '@chayi/domain'
import type { TestDatabase } from '@chayi/db/testing'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'
import { newHousehold, newMember } from './fixtures.js'
import { ALL_MET, income, newVisit } from './visit-fixtures.js'

type Counted = 'aidExits' | 'aidHouseholdStatus' | 'ledgerEvents'
async function counts(t: TestDatabase): Promise<Record<Counted, number>> {
  const out = {} as Record<Counted, number>
  for (const table of ['aidExits', 'aidHouseholdStatus', 'ledgerEvents'] as Counted[]) out[table] = Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
  return out
}

const START = new Date('2026-11-28T08:00:00.000Z') // Saturday, 16:00 in China
const DAY = 86_400_000

describeEachDialect('情系藏区 aid: exit rule, approval, public notice', (ctx) => {
  const clock = testClock(START)
  let api: Awaited<ReturnType<typeof createTestApi>>
  let worker: string
  let workerId: string
  let leader: string
  let admin: string
  let outsider: string
  const logins: Record<'worker' | 'leader' | 'admin' | 'outsider', string> = { worker: '', leader: '', admin: '', outsider: '' }
  /** Sessions time out when the test clock jumps days ahead: sign in again at the new time. */
  async function signInAll() {
    worker = await api.signIn(logins.worker)
    leader = await api.signIn(logins.leader)
    admin = await api.signIn(logins.admin)
    outsider = await api.signIn(logins.outsider)
  }
  let village: AidPlace
  let partnerId: string

  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    const team = await api.makeTeam('aidx')
    const other = await api.makeTeam('aidx2')
    const w = await api.makeUser(team.id, ['aid_worker'])
    workerId = w.id
    logins.worker = w.username!
    logins.leader = (await api.makeUser(team.id, ['leader'])).username!
    logins.admin = (await api.makeUser(team.id, ['admin'])).username!
    logins.outsider = (await api.makeUser(other.id, ['aid_worker', 'leader'])).username!
    await signInAll()
    const place = async (body: Record<string, unknown>) => AidPlace.parse((await api.call('POST', '/api/v1/aid/places', { cookie: worker, body })).json)
    const county = await place({ level: 'county', name: '示例县' })
    const township = await place({ level: 'township', parentId: county.id, name: '卓玛乡' })
    village = await place({ level: 'village', parentId: township.id, name: '达瓦村' })
    for (const year of [2025, 2026]) {
      const r = await api.call('POST', '/api/v1/aid/lines', { cookie: leader, body: { year, dibaoFen: 450_000, monitoringFen: 600_000 } })
      if (r.status !== 201) throw new Error(r.text)
    }
    const p = await api.call('POST', '/api/v1/partners', { cookie: admin, body: { name: '成都示例茶业有限公司', kind: 'enterprise', contactName: '王经理' } })
    partnerId = p.json.id
  }, 60_000)
  beforeEach(async () => {
    clock.set(START)
    await signInAll()
  })
  afterAll(() => api.close())

  /** An assisted household; `stableSince` gives it an income record above the line on that day and a later visit with `checklist`. */
  async function household(o: { stableSince?: string; checklist?: Record<string, boolean>; over?: Record<string, unknown> } = {}) {
    const body = newHousehold(village.id, { assignedWorkerId: workerId, ...o.over })
    const r = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body })
    if (r.status !== 201) throw new Error(r.text)
    const h = AidHouseholdDetail.parse(r.json)
    const moved = await api.call('POST', `/api/v1/aid/households/${h.id}/status`, { cookie: worker, body: { status: 'assisted', reason: '建档立卡' } })
    if (moved.status !== 200) throw new Error(moved.text)
    if (o.stableSince) {
      const members = h.memberCount
      const v = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { visitedAt: `${o.stableSince}T03:00:00.000Z`, income: income(700_000 * members) }) })
      if (v.status !== 201) throw new Error(v.text)
      const last = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { visitedAt: '2026-11-20T03:00:00.000Z', checklist: o.checklist ?? ALL_MET }) })
      if (last.status !== 201) throw new Error(last.text)
    }
    return { h, body }
  }
  const post = (h: { id: string }, step: string, cookie: string, body: Record<string, unknown> = { reason: '收入稳定，两不愁三保障达标' }) =>
    api.call('POST', `/api/v1/aid/households/${h.id}/exit-${step}`, { cookie, body })

  it('names every reason the rule is not met, and a refused proposal writes nothing', async () => {
    const { h } = await household()
    const s = AidExitStatus.parse((await api.call('GET', `/api/v1/aid/households/${h.id}/exit`, { cookie: worker })).json)
    expect(s.check).toMatchObject({ eligible: false, reasons: ['no_income', 'no_checklist'] })

    const { h: recent } = await household({ stableSince: '2026-10-01', checklist: { ...ALL_MET, water: false } })
    const before = await counts(ctx())
    const r = await post(recent, 'proposal', worker)
    expect(r.status).toBe(422)
    const e = ErrorBody.parse(r.json).error
    expect(e.code).toBe('exit_rule_unmet')
    expect(e.issues!.map((i) => i.path)).toEqual(['stable_period', 'checklist:water'])
    expect(await counts(ctx())).toEqual(before)
    const after = AidExitStatus.parse((await api.call('GET', `/api/v1/aid/households/${recent.id}/exit`, { cookie: worker })).json)
    expect(after).toMatchObject({ status: 'assisted', current: null, check: { stableSince: '2026-10-01', stableFrom: '2027-04-01', perCapitaFen: 700_000, monitoringFen: 600_000 } })
  })

  it('lists as candidates only households that meet the rule and can work; a worker may still propose one without labour', async () => {
    const { h: ready } = await household({ stableSince: '2026-05-01' })
    const { h: recent } = await household({ stableSince: '2026-09-01' })
    const noLabour = newHousehold(village.id, { members: [newMember({ relation: 'head', name: '次仁', labourCapacity: 'lost', healthStatus: 'serious_illness' }), newMember({ labourCapacity: 'none' })] })
    const { h: idle } = await household({ stableSince: '2026-05-01', over: { members: noLabour.members } })
    const list = await api.call('GET', '/api/v1/aid/exit-candidates', { cookie: worker })
    expect(list.status).toBe(200)
    const ids = list.json.items.map((i: unknown) => AidExitCandidate.parse(i).householdId)
    expect(ids).toContain(ready.id)
    expect(ids).not.toContain(recent.id)
    expect(ids).not.toContain(idle.id)
    expect(list.json.items.find((i: AidExitCandidate) => i.householdId === ready.id)).toMatchObject({ code: ready.code, stableSince: '2026-05-01', perCapitaFen: 700_000, monitoringFen: 600_000, placePath: ['示例县', '卓玛乡', '达瓦村'] })
    expect((await api.call('GET', '/api/v1/aid/exit-candidates', { cookie: outsider })).json.items).toEqual([])

    const manual = await post(idle, 'proposal', worker, { reason: '兜底保障到位，经村民代表评议' })
    expect(manual.status, manual.text).toBe(201)
    expect(AidExit.parse(manual.json)).toMatchObject({ state: 'proposed', householdStatus: 'exit_proposed' })
  })

  it('goes proposal → leader approval → notice → confirmation after the notice → exited and monitored', async () => {
    const { h } = await household({ stableSince: '2026-05-01' })
    const paired = await api.call('POST', `/api/v1/aid/households/${h.id}/pairings`, { cookie: worker, body: { partnerId, responsibleName: '李明', responsiblePhone: '13900001111' } })
    expect(paired.status).toBe(201)

    const proposed = await post(h, 'proposal', worker)
    expect(proposed.status, proposed.text).toBe(201)
    expect(AidExit.parse(proposed.json)).toMatchObject({ state: 'proposed', perCapitaFen: 700_000, monitoringFen: 600_000, year: 2026 })
    expect((await post(h, 'proposal', worker)).status).toBe(409)
    expect((await post(h, 'confirm', leader, {})).status).toBe(409)

    expect((await post(h, 'approval', worker)).status).toBe(403)
    const approved = await post(h, 'approval', leader, { reason: '经乡村两级审核' })
    expect(approved.status, approved.text).toBe(200)
    expect(AidExit.parse(approved.json)).toMatchObject({ state: 'notice', noticeStartsOn: '2026-11-28', noticeEndsOn: '2026-12-03' })
    expect((await post(h, 'approval', leader)).status).toBe(409)

    const early = await post(h, 'confirm', leader, {})
    expect(early.status).toBe(409)
    expect(early.json.error.code).toBe('notice_running')
    clock.set(new Date(Date.parse('2026-12-02T15:59:00.000Z'))) // 23:59 on 12-02 in China: still running
    await signInAll()
    expect((await post(h, 'confirm', leader, {})).json.error.code).toBe('notice_running')

    clock.set(new Date(Date.parse('2026-12-02T16:00:00.000Z'))) // 00:00 on 12-03 in China: over
    expect((await post(h, 'confirm', worker, {})).status).toBe(403)
    expect((await post(h, 'objection', worker, { note: '村民反映收入不实' })).json.error.code).toBe('notice_ended')
    const done = await post(h, 'confirm', leader, {})
    expect(done.status, done.text).toBe(200)
    expect(AidExit.parse(done.json)).toMatchObject({ state: 'confirmed', householdStatus: 'monitored', monitoringUntil: '2027-12-03' })
    const detail = AidHouseholdDetail.parse((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie: worker })).json)
    expect(detail.status).toBe('monitored')
    expect(detail.statusHistory.map((s) => s.to)).toEqual(['identified', 'assisted', 'exit_proposed', 'exited', 'monitored'])
    const kinds = await ctx().db.selectFrom('ledgerEvents').select('kind').where('entityId', '=', h.id).where('kind', 'like', 'aid.exit_%').orderBy('seq').execute()
    expect(kinds.map((k) => k.kind)).toEqual(['aid.exit_proposed', 'aid.exit_approved', 'aid.exit_confirmed'])

    const pub = await api.call('GET', '/api/v1/public/aid/notices?team=aidx')
    const notice = AidPublicNotices.parse(pub.json).items.find((n) => n.householdCode === h.code)!
    expect(notice).toMatchObject({ state: 'confirmed', startsOn: '2026-11-28', endsOn: '2026-12-03' })
  })

  it('holds back a household with an undecided monitoring case: no proposal, no candidacy, no confirmation until it is decided', async () => {
    const { h } = await household({ stableSince: '2026-05-01' })
    // A sudden hardship reported at a visit opens a case (its income and checklist stay above the line).
    const v = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { visitedAt: '2026-11-25T03:00:00.000Z', hardship: { kind: 'accident', note: '户主摔伤' } }) })
    expect(v.status, v.text).toBe(201)
    const caseId = v.json.monitoringCaseId as string
    expect(caseId).toBeTruthy()
    const s = AidExitStatus.parse((await api.call('GET', `/api/v1/aid/households/${h.id}/exit`, { cookie: worker })).json)
    expect(s.check).toMatchObject({ eligible: false, reasons: ['monitoring_open'] })
    const ids = (await api.call('GET', '/api/v1/aid/exit-candidates', { cookie: worker })).json.items.map((i: AidExitCandidate) => i.householdId)
    expect(ids).not.toContain(h.id)
    const before = await counts(ctx())
    const refused = await post(h, 'proposal', worker)
    expect(refused.status).toBe(422)
    expect(ErrorBody.parse(refused.json).error.issues!.map((i) => i.path)).toEqual(['monitoring_open'])
    expect(await counts(ctx())).toEqual(before)

    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${caseId}/home-check`, { cookie: worker, body: { note: '入户核实：已康复', findings: ALL_MET } })).status).toBe(200)
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${caseId}/decision`, { cookie: leader, body: { decision: 'close', note: '风险消除' } })).status).toBe(200)
    expect((await post(h, 'proposal', worker)).status).toBe(201)
    expect((await post(h, 'approval', leader, { reason: '经乡村两级审核' })).status).toBe(200)

    // A case opened while the notice runs stops the confirmation until a leader decides it.
    clock.set(new Date(Date.parse('2026-12-01T03:00:00.000Z')))
    await signInAll()
    const during = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { visitedAt: '2026-12-01T03:00:00.000Z', hardship: { kind: 'disaster', note: '冰雹毁坏青稞' } }) })
    expect(during.status, during.text).toBe(201)
    clock.set(new Date(Date.parse('2026-12-04T03:00:00.000Z')))
    await signInAll()
    const blocked = await post(h, 'confirm', leader, {})
    expect(blocked.status).toBe(409)
    expect(blocked.json.error.code).toBe('monitoring_open')
    const second = during.json.monitoringCaseId as string
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${second}/home-check`, { cookie: worker, body: { note: '核实受灾情况', findings: ALL_MET } })).status).toBe(200)
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${second}/decision`, { cookie: leader, body: { decision: 'close', note: '保险已理赔，风险消除' } })).status).toBe(200)
    const done = await post(h, 'confirm', leader, {})
    expect(done.status, done.text).toBe(200)
    expect(AidExit.parse(done.json)).toMatchObject({ state: 'confirmed', householdStatus: 'monitored' })
  })

  it('publishes the notice anonymously with only what a notice board shows', async () => {
    const { h, body } = await household({ stableSince: '2026-05-01' })
    await api.call('POST', `/api/v1/aid/households/${h.id}/pairings`, { cookie: worker, body: { partnerId, responsibleName: '李明', responsiblePhone: '13900002222' } })
    expect((await post(h, 'proposal', worker)).status).toBe(201)
    const before = AidPublicNotices.parse((await api.call('GET', '/api/v1/public/aid/notices?team=aidx')).json)
    expect(before.items.map((n) => n.householdCode)).not.toContain(h.code)
    expect((await post(h, 'approval', admin)).status).toBe(200)

    const r = await api.call('GET', '/api/v1/public/aid/notices?team=aidx')
    expect(r.status).toBe(200)
    const notices = AidPublicNotices.parse(r.json)
    const n = notices.items.find((i) => i.householdCode === h.code)!
    expect(n).toEqual({
      householdCode: h.code,
      placePath: ['示例县', '卓玛乡', '达瓦村'],
      householdType: 'dibao',
      memberCount: 2,
      headName: h.headName,
      year: 2026,
      perCapitaFen: 700_000,
      monitoringFen: 600_000,
      startsOn: '2026-11-28',
      endsOn: '2026-12-03',
      state: 'running',
    })
    const head = body.members[0] as unknown as { disabilityCertificate: string; healthNotes: string; birthDate: string }
    for (const sealed of [body.bankAccount, head.disabilityCertificate, head.healthNotes, head.birthDate, '13900002222', '2222', 'disabled', 'healthStatus', 'birthDate', 'phone', 'bank']) {
      expect(r.text, `the notice shows ${sealed}`).not.toContain(sealed)
    }
    expect((await api.call('GET', '/api/v1/public/aid/notices?team=no-such-team')).status).toBe(404)
    expect((await api.call('GET', '/api/v1/public/aid/notices')).status).toBe(400)
    expect(AidPublicNotices.parse((await api.call('GET', '/api/v1/public/aid/notices?team=aidx2')).json).items).toEqual([])
  })

  it('withdraws on an objection during the notice; the household is assisted and may be proposed again', async () => {
    const { h } = await household({ stableSince: '2026-05-01' })
    expect((await post(h, 'objection', worker, { note: '村民反映收入不实' })).json.error.code).toBe('no_notice_running')
    expect((await post(h, 'proposal', worker)).status).toBe(201)
    expect((await post(h, 'approval', leader)).status).toBe(200)
    clock.advance(2 * DAY)
    await signInAll()
    const objected = await post(h, 'objection', worker, { note: '村民反映家中务工收入已中断' })
    expect(objected.status, objected.text).toBe(200)
    expect(AidExit.parse(objected.json)).toMatchObject({ state: 'withdrawn', householdStatus: 'assisted', objectionNote: '村民反映家中务工收入已中断' })
    expect((await post(h, 'confirm', leader, {})).status).toBe(409)
    const pub = AidPublicNotices.parse((await api.call('GET', '/api/v1/public/aid/notices?team=aidx')).json)
    expect(pub.items.find((n) => n.householdCode === h.code)?.state).toBe('withdrawn')

    const again = await post(h, 'proposal', worker)
    expect(again.status).toBe(201)
    const s = AidExitStatus.parse((await api.call('GET', `/api/v1/aid/households/${h.id}/exit`, { cookie: worker })).json)
    expect(s).toMatchObject({ status: 'exit_proposed', current: { id: again.json.id, state: 'proposed' } })
    // Before approval an objection is a withdrawal.
    expect((await post(h, 'objection', leader, { note: '帮扶责任人建议暂缓' })).status).toBe(200)
  })

  it('takes the stable period and the notice from the team settings a leader sets', async () => {
    const settings = () => api.call('GET', '/api/v1/aid/settings', { cookie: worker })
    expect((await settings()).json).toEqual({ stableMonths: 6, noticeDays: 5, monitoringMonths: 12 })
    // Above the line since July: five months, short of the default six.
    const { h } = await household({ stableSince: '2026-07-01' })
    const check = async () => AidExitStatus.parse((await api.call('GET', `/api/v1/aid/households/${h.id}/exit`, { cookie: worker })).json).check
    expect(await check()).toMatchObject({ eligible: false, reasons: ['stable_period'] })

    const put = (cookie: string, body: unknown) => api.call('PUT', '/api/v1/aid/settings', { cookie, body })
    expect((await put(worker, { stableMonths: 4, noticeDays: 3, monitoringMonths: 24 })).status).toBe(403)
    const before = await counts(ctx())
    for (const bad of [{ stableMonths: 0, noticeDays: 3, monitoringMonths: 24 }, { stableMonths: 4, noticeDays: 3.5, monitoringMonths: 24 }, { stableMonths: 4, noticeDays: 3 }]) {
      const r = await put(leader, bad)
      expect(r.status).toBe(400)
      expect(ErrorBody.parse(r.json).error.code).toBe('invalid_request')
    }
    expect(await counts(ctx())).toEqual(before)
    try {
      const saved = await put(leader, { stableMonths: 4, noticeDays: 3, monitoringMonths: 24 })
      expect(saved.status, saved.text).toBe(200)
      expect((await settings()).json).toEqual({ stableMonths: 4, noticeDays: 3, monitoringMonths: 24 })
      expect(await check()).toMatchObject({ eligible: true, reasons: [] })
      expect((await post(h, 'proposal', worker)).status).toBe(201)
      const approved = await post(h, 'approval', leader)
      expect(AidExit.parse(approved.json)).toMatchObject({ state: 'notice', noticeStartsOn: '2026-11-28', noticeEndsOn: '2026-12-01' })
    } finally {
      expect((await put(leader, { stableMonths: 6, noticeDays: 5, monitoringMonths: 12 })).status).toBe(200)
    }
  })

  it('refuses bad input, the wrong status and another team', async () => {
    const { h } = await household({ stableSince: '2026-05-01' })
    const before = await counts(ctx())
    expect((await post(h, 'proposal', worker, { reason: '' })).status).toBe(400)
    expect((await post(h, 'proposal', worker, {})).status).toBe(400)
    expect((await post(h, 'objection', worker, { note: 'x' })).status).toBe(400)
    expect((await post(h, 'proposal', outsider)).status).toBe(404)
    expect((await api.call('GET', `/api/v1/aid/households/${h.id}/exit`, { cookie: outsider })).status).toBe(404)
    const { h: fresh } = await household()
    const identified = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body: newHousehold(village.id) })
    expect((await post(identified.json, 'proposal', worker)).json.error.code).toBe('not_assisted')
    expect((await post(fresh, 'approval', leader)).json.error.code).toBe('no_exit_proposal')
    const n = await counts(ctx())
    expect(n.aidExits).toBe(before.aidExits)
  })
})
