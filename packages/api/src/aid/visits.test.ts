import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AidHouseholdDetail, AidMonitoringCase, AidPlace, AidVisit, AidVisitDetail, ErrorBody } from '@chayi/domain'
import type { TestDatabase } from '@chayi/db/testing'
import { describeEachDialect } from '@chayi/db/testing'
import { newId } from '../ids.js'
import { createTestApi, testClock } from '../testing.js'
import { newHousehold } from './fixtures.js'
import { ALL_MET, newVisit, PNG } from './visit-fixtures.js'

type Counted = 'aidVisits' | 'aidVisitPhotos' | 'aidIncomes' | 'aidMonitoringCases' | 'ledgerEvents' | 'idempotencyKeys'
const COUNTED: Counted[] = ['aidVisits', 'aidVisitPhotos', 'aidIncomes', 'aidMonitoringCases', 'ledgerEvents', 'idempotencyKeys']
async function counts(t: TestDatabase): Promise<Record<Counted, number>> {
  const out = {} as Record<Counted, number>
  for (const table of COUNTED) out[table] = Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
  return out
}

describeEachDialect('情系藏区 aid: field visits', (ctx) => {
  const clock = testClock()
  let api: Awaited<ReturnType<typeof createTestApi>>
  let worker: string
  let workerName: string
  let colleague: string
  let leader: string
  let volunteer: string
  let outsider: string
  let village: AidPlace
  let foreignHousehold: string

  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    const team = await api.makeTeam('aidv')
    const other = await api.makeTeam('aidv2')
    const w = await api.makeUser(team.id, ['aid_worker'])
    workerName = w.displayName
    worker = await api.signIn(w.username!)
    colleague = await api.signIn((await api.makeUser(team.id, ['aid_worker'])).username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    volunteer = await api.signIn((await api.makeUser(team.id, ['volunteer'])).username!)
    outsider = await api.signIn((await api.makeUser(other.id, ['aid_worker', 'admin'])).username!)
    const place = async (cookie: string, body: Record<string, unknown>) => {
      const r = await api.call('POST', '/api/v1/aid/places', { cookie, body })
      if (r.status !== 201) throw new Error(r.text)
      return AidPlace.parse(r.json)
    }
    const county = await place(worker, { level: 'county', name: '示例县' })
    const township = await place(worker, { level: 'township', parentId: county.id, name: '卓玛乡' })
    village = await place(worker, { level: 'village', parentId: township.id, name: '达瓦村' })
    // The monitoring line for 2026: 6,000 yuan per person per year.
    const line = await api.call('POST', '/api/v1/aid/lines', { cookie: leader, body: { year: 2026, dibaoFen: 450_000, monitoringFen: 600_000 } })
    if (line.status !== 201) throw new Error(line.text)

    const oc = await place(outsider, { level: 'county', name: '他县' })
    const ot = await place(outsider, { level: 'township', parentId: oc.id, name: '他乡' })
    const ov = await place(outsider, { level: 'village', parentId: ot.id, name: '他村' })
    const oh = await api.call('POST', '/api/v1/aid/households', { cookie: outsider, body: newHousehold(ov.id) })
    foreignHousehold = oh.json.id
  }, 60_000)
  afterAll(() => api.close())

  async function household() {
    const r = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body: newHousehold(village.id) })
    if (r.status !== 201) throw new Error(r.text)
    return AidHouseholdDetail.parse(r.json)
  }

  it('records a visit with a photo and an income update: an income row of the visit year and the per-capita figure', async () => {
    const h = await household()
    const body = newVisit(h.id, { photos: [PNG], income: { wagesFen: 1_800_000, businessFen: 600_000, propertyFen: 0, transfersFen: 200_000, costsFen: 100_000 } })
    const r = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body })
    expect(r.status, r.text).toBe(201)
    const v = AidVisit.parse(r.json)
    // 25,000 yuan net for the household's two members.
    expect(v).toMatchObject({ id: body.id, householdCode: h.code, workerName, perCapitaFen: 1_250_000, photoCount: 1, monitoringCaseId: null, hardship: null })
    const income = await ctx().db.selectFrom('aidIncomes').selectAll().where('id', '=', v.incomeId!).executeTakeFirstOrThrow()
    expect({ source: income.source, visitId: income.visitId, year: income.year, asOf: income.asOf, net: Number(income.netFen) }).toEqual({ source: 'visit', visitId: v.id, year: 2026, asOf: '2026-11-28', net: 2_500_000 })

    const got = await api.call('GET', `/api/v1/aid/visits/${v.id}`, { cookie: colleague })
    expect(got.status).toBe(200)
    expect(AidVisitDetail.parse(got.json).photos).toEqual([PNG])
    const events = await ctx().db.selectFrom('ledgerEvents').select(['kind']).where('entityId', '=', h.id).where('kind', 'in', ['aid.visit_recorded', 'aid.income_recorded']).execute()
    expect(events.map((e) => e.kind).sort()).toEqual(['aid.income_recorded', 'aid.visit_recorded'])
  })

  it('takes a visit with four photos at the largest allowed size (the body limit leaves room for them)', async () => {
    const h = await household()
    // 199 kB of bytes each, as base64: ≈ 265 kB per photo, ≈ 1.06 MB in all.
    const big = `data:image/jpeg;base64,${Buffer.alloc(199 * 1024, 7).toString('base64')}`
    const r = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { photos: [big, big, big, big] }) })
    expect(r.status, r.text).toBe(201)
    expect(AidVisit.parse(r.json).photoCount).toBe(4)
  })

  it('takes the income year from the China date of the visit', async () => {
    const h = await household()
    // 2026-12-31T17:00Z would be 2027 in China; a visit on New Year's Eve UTC 17:00 of 2025 is 2026-01-01 there.
    const r = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { visitedAt: '2025-12-31T17:00:00.000Z', income: { wagesFen: 1_400_000, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 } }) })
    expect(r.status, r.text).toBe(201)
    const income = await ctx().db.selectFrom('aidIncomes').select(['year', 'asOf']).where('id', '=', r.json.incomeId).executeTakeFirstOrThrow()
    expect(income).toEqual({ year: 2026, asOf: '2026-01-01' })
  })

  it('lists a household’s visits newest first, without photo data, page by page', async () => {
    const h = await household()
    const at = ['2026-09-01T03:00:00.000Z', '2026-11-01T03:00:00.000Z', '2026-10-01T03:00:00.000Z']
    for (const visitedAt of at) expect((await api.call('POST', '/api/v1/aid/visits', { cookie: colleague, body: newVisit(h.id, { visitedAt, photos: [PNG, PNG] }) })).status).toBe(201)
    const first = await api.call('GET', `/api/v1/aid/households/${h.id}/visits?limit=2`, { cookie: worker })
    expect(first.status).toBe(200)
    expect(first.text).not.toContain('base64')
    expect(first.json.items.map((v: AidVisit) => v.visitedAt)).toEqual([at[1], at[2]])
    expect(first.json.items[0].photoCount).toBe(2)
    const second = await api.call('GET', `/api/v1/aid/households/${h.id}/visits?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`, { cookie: worker })
    expect(second.json).toMatchObject({ items: [{ visitedAt: at[0] }], nextCursor: null })
  })

  it('records a resend once, with or without an Idempotency-Key, and refuses the same id with other content', async () => {
    const h = await household()
    const body = newVisit(h.id, { photos: [PNG], income: { wagesFen: 900_000, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 } })
    const first = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body })
    expect(first.status).toBe(201)
    const before = await counts(ctx())
    const again = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body })
    expect(again.status).toBe(200)
    expect(again.json).toEqual(first.json)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const keyed = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body, headers: { 'idempotency-key': `visit-${body.id}` } })
    expect(keyed.status).toBe(200)
    expect(keyed.json.id).toBe(body.id)
    expect(await counts(ctx())).toEqual(before)

    const changed = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: { ...body, notes: '另一次走访' } })
    expect(changed.status).toBe(409)
    expect(ErrorBody.parse(changed.json).error.code).toBe('visit_id_conflict')
    const foreign = await api.call('POST', '/api/v1/aid/visits', { cookie: outsider, body: { ...body, householdId: foreignHousehold } })
    expect(foreign.status).toBe(409)
    expect(foreign.text).not.toContain(h.code)
    expect(await counts(ctx())).toEqual(before)
  })

  it('records two sends of one new visit racing as one visit', async () => {
    const h = await household()
    const body = newVisit(h.id, { income: { wagesFen: 900_000, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 } })
    const [a, b] = await Promise.all([api.call('POST', '/api/v1/aid/visits', { cookie: worker, body }), api.call('POST', '/api/v1/aid/visits', { cookie: worker, body })])
    expect([a.status, b.status].sort()).toEqual([200, 201])
    const n = await ctx().db.selectFrom('aidIncomes').select(sql<number>`count(*)`.as('n')).where('visitId', '=', body.id).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(1)
  })

  it('opens a monitoring case for income under the monitoring line, and joins it for a later hardship', async () => {
    const h = await household()
    const low = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { income: { wagesFen: 800_000, businessFen: 200_000, propertyFen: 0, transfersFen: 150_000, costsFen: 50_000 } }) })
    expect(low.status, low.text).toBe(201)
    expect(low.json.perCapitaFen).toBe(550_000)
    const caseId = low.json.monitoringCaseId
    expect(caseId).toEqual(expect.any(String))
    const c = AidMonitoringCase.parse((await api.call('GET', `/api/v1/aid/monitoring-cases/${caseId}`, { cookie: leader })).json)
    expect(c).toMatchObject({ householdId: h.id, triggers: ['income_below_line'], visitId: low.json.id, homeCheckDue: '2026-12-01', decisionDue: '2026-12-13', overdue: false })

    const hard = await api.call('POST', '/api/v1/aid/visits', { cookie: colleague, body: newVisit(h.id, { visitedAt: '2026-11-28T07:00:00.000Z', hardship: { kind: 'serious_illness', note: '户主突发脑梗住院' } }) })
    expect(hard.status).toBe(201)
    expect(hard.json).toMatchObject({ monitoringCaseId: caseId, hardship: { kind: 'serious_illness' } })
    const open = await ctx().db.selectFrom('aidMonitoringCases').select('id').where('householdId', '=', h.id).execute()
    expect(open).toHaveLength(1)

    const other = await household()
    const hardOnly = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(other.id, { hardship: { kind: 'disaster' } }) })
    expect(hardOnly.json.monitoringCaseId).toEqual(expect.any(String))
    const row = await ctx().db.selectFrom('aidMonitoringCases').select('triggers').where('id', '=', hardOnly.json.monitoringCaseId).executeTakeFirstOrThrow()
    expect(JSON.parse(row.triggers)).toEqual(['hardship:disaster'])
  })

  it('answers bad input with 400 or 422 in the error shape and writes nothing', async () => {
    const h = await household()
    const before = await counts(ctx())
    const income = { wagesFen: 100, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 }
    const cases: [Record<string, unknown>, number, string][] = [
      [newVisit(h.id, { photos: ['data:text/html;base64,PGgxPg=='] }), 400, 'bad photo'],
      [newVisit(h.id, { photos: [PNG, PNG, PNG, PNG, PNG] }), 400, 'five photos'],
      [newVisit(h.id, { income: { ...income, costsFen: -1 } }), 400, 'negative fen'],
      [newVisit(h.id, { income: { ...income, wagesFen: 1.5 } }), 400, 'fractional fen'],
      [newVisit(h.id, { checklist: { ...ALL_MET, water: undefined } }), 400, 'incomplete checklist'],
      [newVisit(h.id, { hardship: { kind: 'bad_luck' } }), 400, 'unknown hardship'],
      [newVisit(h.id, { visitedAt: 'yesterday' }), 400, 'bad time'],
      [newVisit('no-such-household', { photos: [PNG], income }), 422, 'unknown household'],
      [newVisit(foreignHousehold, { photos: [PNG], income }), 422, "another team's household"],
      [newVisit(h.id, { visitedAt: '2026-11-29T08:00:00.000Z', photos: [PNG], income }), 422, 'in the future'],
    ]
    for (const [body, status, what] of cases) {
      const r = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body })
      expect(r.status, `${what}: ${r.text}`).toBe(status)
      ErrorBody.parse(r.json)
    }
    expect(await counts(ctx())).toEqual(before)
  })

  it('refuses other roles with 403 and another team with 404', async () => {
    const h = await household()
    const r = await api.call('POST', '/api/v1/aid/visits', { cookie: worker, body: newVisit(h.id, { photos: [PNG] }) })
    expect((await api.call('POST', '/api/v1/aid/visits', { cookie: volunteer, body: newVisit(h.id) })).status).toBe(403)
    expect((await api.call('GET', `/api/v1/aid/visits/${r.json.id}`, { cookie: volunteer })).status).toBe(403)
    expect((await api.call('GET', `/api/v1/aid/visits/${r.json.id}`)).status).toBe(401)
    expect((await api.call('GET', `/api/v1/aid/visits/${r.json.id}`, { cookie: outsider })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/aid/households/${h.id}/visits`, { cookie: outsider })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/aid/visits/${newId()}`, { cookie: worker })).status).toBe(404)
  })
})
