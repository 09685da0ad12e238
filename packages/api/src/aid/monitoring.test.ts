import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { AidHouseholdDetail, AidMonitoringCase, AidPlace, ErrorBody } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'
import { newHousehold } from './fixtures.js'
import { ALL_MET, income, newVisit } from './visit-fixtures.js'

const START = new Date('2026-11-28T08:00:00.000Z') // Saturday, 16:00 in China

describeEachDialect('情系藏区 aid: monitoring cases (防返贫监测)', (ctx) => {
  const clock = testClock(START)
  let api: Awaited<ReturnType<typeof createTestApi>>
  const logins = { worker: '', leader: '', volunteer: '', outsider: '' }
  let worker: string
  let leader: string
  let volunteer: string
  let outsider: string
  let village: AidPlace
  let workerId: string

  async function signInAll() {
    worker = await api.signIn(logins.worker)
    leader = await api.signIn(logins.leader)
    volunteer = await api.signIn(logins.volunteer)
    outsider = await api.signIn(logins.outsider)
  }
  /** Moves the test clock and signs in again (sessions time out when days pass). */
  async function at(iso: string) {
    clock.set(new Date(iso))
    await signInAll()
  }

  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    const team = await api.makeTeam('aidm')
    const other = await api.makeTeam('aidm2')
    const w = await api.makeUser(team.id, ['aid_worker'])
    logins.worker = w.username!
    workerId = w.id
    logins.leader = (await api.makeUser(team.id, ['leader'])).username!
    logins.volunteer = (await api.makeUser(team.id, ['volunteer'])).username!
    logins.outsider = (await api.makeUser(other.id, ['aid_worker', 'admin'])).username!
    await signInAll()
    const place = async (body: Record<string, unknown>) => AidPlace.parse((await api.call('POST', '/api/v1/aid/places', { cookie: worker, body })).json)
    const county = await place({ level: 'county', name: '示例县' })
    const township = await place({ level: 'township', parentId: county.id, name: '卓玛乡' })
    village = await place({ level: 'village', parentId: township.id, name: '达瓦村' })
    await api.call('POST', '/api/v1/aid/lines', { cookie: leader, body: { year: 2026, dibaoFen: 450_000, monitoringFen: 600_000 } })
  }, 60_000)
  beforeEach(() => at(START.toISOString()))
  afterAll(() => api.close())

  async function household() {
    const r = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body: newHousehold(village.id, { assignedWorkerId: workerId }) })
    if (r.status !== 201) throw new Error(r.text)
    return AidHouseholdDetail.parse(r.json)
  }
  async function openCase(householdId: string, over: Record<string, unknown> = { hardship: { kind: 'accident', note: '放牧时摔伤' } }) {
    const v = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(householdId, { visitedAt: clock.now().toISOString(), ...over }) })
    if (v.status !== 201) throw new Error(v.text)
    return v.json.monitoringCaseId as string
  }
  const getCase = async (id: string) => AidMonitoringCase.parse((await api.call('GET', `/api/v1/aid/monitoring-cases/${id}`, { cookie: worker })).json)
  const listed = async (state: string) => (await api.call('GET', `/api/v1/aid/monitoring-cases?state=${state}&limit=200`, { cookie: leader })).json.items.map((c: AidMonitoringCase) => c.id)

  it('sets the home check 2 working days and the decision 15 days out, and flags the home check overdue the day after', async () => {
    const h = await household()
    const id = await openCase(h.id)
    expect(await getCase(id)).toMatchObject({ triggers: ['hardship:accident'], homeCheckDue: '2026-12-01', decisionDue: '2026-12-13', overdue: false, householdCode: h.code })
    // Whoever recorded the visit is named (a display name, not the audit id).
    expect((await getCase(id)).openedByName).toMatch(/^User /)
    expect(await listed('open')).toContain(id)
    expect(await listed('overdue')).not.toContain(id)
    // The early warning reaches the assigned worker and the leaders, once, naming the household by code.
    for (const cookie of [worker, leader]) {
      const inbox = await api.call('GET', '/api/v1/notifications', { cookie })
      const told = inbox.json.items.filter((n: { kind: string; params: Record<string, string> }) => n.kind === 'aid_monitoring_opened' && n.params.caseId === id)
      expect(told).toHaveLength(1)
      expect(told[0].params).toMatchObject({ title: h.code, homeCheckDue: '2026-12-01' })
    }
    expect((await api.call('GET', '/api/v1/notifications', { cookie: volunteer })).json.items).toEqual([])

    await at('2026-12-01T15:59:00.000Z') // Tuesday 23:59 in China: still due today
    expect((await getCase(id)).homeCheckOverdue).toBe(false)
    await at('2026-12-01T16:00:00.000Z') // Wednesday 00:00 in China
    expect(await getCase(id)).toMatchObject({ homeCheckOverdue: true, decisionOverdue: false, overdue: true })
    expect(await listed('overdue')).toContain(id)
    expect(await listed('open')).toContain(id)
    expect(await listed('closed')).not.toContain(id)

    const checked = await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/home-check`, { cookie: worker, body: { note: '入户核实：伤情稳定，收入短期下降', findings: { ...ALL_MET, medical: false } } })
    expect(checked.status, checked.text).toBe(200)
    expect(AidMonitoringCase.parse(checked.json)).toMatchObject({ homeCheckOverdue: false, overdue: false, homeCheckFindings: { medical: false } })
    expect(await listed('overdue')).not.toContain(id)
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/home-check`, { cookie: worker, body: { note: '再次核查', findings: ALL_MET } })).status).toBe(409)

    await at('2026-12-13T16:00:00.000Z') // 12-14 in China: the decision is late
    expect(await getCase(id)).toMatchObject({ homeCheckOverdue: false, decisionOverdue: true, overdue: true })
    expect(await listed('overdue')).toContain(id)
  })

  it('decides after the home check; a decided case is closed, never overdue, and the next hardship opens a new one', async () => {
    const h = await household()
    const id = await openCase(h.id, { income: income(1_000_000) })
    expect((await getCase(id)).triggers).toEqual(['income_below_line'])
    const early = await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/decision`, { cookie: worker, body: { decision: 'close', note: '风险消除' } })
    expect(early.status).toBe(422)
    expect(ErrorBody.parse(early.json).error.code).toBe('home_check_first')
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/home-check`, { cookie: worker, body: { note: '核实收入', findings: ALL_MET } })).status).toBe(200)
    const decided = await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/decision`, { cookie: leader, body: { decision: 'monitor', note: '纳入监测对象，落实帮扶措施' } })
    expect(decided.status, decided.text).toBe(200)
    expect(AidMonitoringCase.parse(decided.json)).toMatchObject({ decision: 'monitor', overdue: false })
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/decision`, { cookie: leader, body: { decision: 'close', note: '重复' } })).status).toBe(409)
    await at('2027-03-01T00:00:00.000Z')
    expect((await getCase(id)).overdue).toBe(false)
    expect(await listed('closed')).toContain(id)
    expect(await listed('open')).not.toContain(id)
    const next = await openCase(h.id)
    expect(next).not.toBe(id)
  })

  it('moves a monitored household back to assisted on an assist decision (返贫)', async () => {
    const h = await household()
    await api.call('POST', `/api/v1/aid/households/${h.id}/status`, { cookie: worker, body: { status: 'assisted', reason: '建档立卡' } })
    await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { visitedAt: '2026-05-01T03:00:00.000Z', income: income(1_400_000) }) })
    await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { visitedAt: '2026-11-20T03:00:00.000Z' }) })
    expect((await api.call('POST', `/api/v1/aid/households/${h.id}/exit-proposal`, { cookie: worker, body: { reason: '收入稳定' } })).status).toBe(201)
    expect((await api.call('POST', `/api/v1/aid/households/${h.id}/exit-approval`, { cookie: leader, body: { reason: '审核通过' } })).status).toBe(200)
    await at('2026-12-03T02:00:00.000Z')
    const confirmed = await api.call('POST', `/api/v1/aid/households/${h.id}/exit-confirm`, { cookie: leader, body: {} })
    expect(confirmed.json.householdStatus).toBe('monitored')

    const id = await openCase(h.id, { hardship: { kind: 'serious_illness', note: '户主确诊重病' } })
    await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/home-check`, { cookie: worker, body: { note: '医疗支出大，收入骤降', findings: { ...ALL_MET, medical: false } } })
    const r = await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/decision`, { cookie: worker, body: { decision: 'assist', note: '因病返贫，重新纳入帮扶' } })
    expect(r.status, r.text).toBe(200)
    expect(r.json).toMatchObject({ decision: 'assist', householdStatus: 'assisted' })
    const detail = AidHouseholdDetail.parse((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie: worker })).json)
    expect(detail.statusHistory.map((s) => s.to).slice(-2)).toEqual(['monitored', 'assisted'])
  })

  it('refuses bad input, other roles and another team', async () => {
    const h = await household()
    const id = await openCase(h.id)
    const before = await getCase(id)
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/home-check`, { cookie: worker, body: { note: '核查' } })).status).toBe(400)
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/decision`, { cookie: worker, body: { decision: 'maybe', note: '不确定' } })).status).toBe(400)
    expect((await api.call('GET', '/api/v1/aid/monitoring-cases?state=late', { cookie: worker })).status).toBe(400)
    expect((await api.call('GET', '/api/v1/aid/monitoring-cases', { cookie: volunteer })).status).toBe(403)
    expect((await api.call('GET', `/api/v1/aid/monitoring-cases/${id}`, { cookie: outsider })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/aid/monitoring-cases/${id}/home-check`, { cookie: outsider, body: { note: '核查', findings: ALL_MET } })).status).toBe(404)
    expect((await api.call('GET', '/api/v1/aid/monitoring-cases', { cookie: outsider })).json.items).toEqual([])
    expect(await getCase(id)).toEqual(before)
  })
})
