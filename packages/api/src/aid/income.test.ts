import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AidHouseholdDetail, AidIncome, AidIncomeYear, AidLine, AidPlace, ErrorBody, netIncomeFen, page, perCapitaFen } from '@chayi/domain'
import { describeEachDialect, type TestDatabase } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'
import { transact } from '../write.js'
import { newHousehold } from './fixtures.js'
import { recordIncome } from './incomes.js'
import { lineFor } from './lines.js'

// Lines and incomes (issue 7 §4): figures posted come back as the household's years against the
// line that applies where it lives; later records supersede; only leaders set lines; bad input
// leaves nothing behind.

type Counted = 'aidLines' | 'aidIncomes' | 'ledgerEvents' | 'idempotencyKeys'
async function counts(t: TestDatabase): Promise<Record<Counted, number>> {
  const out = {} as Record<Counted, number>
  for (const table of ['aidLines', 'aidIncomes', 'ledgerEvents', 'idempotencyKeys'] as const) out[table] = Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
  return out
}

const figures = (over: Record<string, unknown> = {}) => ({ year: 2025, asOf: '2025-12-10', wagesFen: 1_200_000, businessFen: 800_000, propertyFen: 50_000, transfersFen: 450_000, costsFen: 300_000, ...over })

describeEachDialect('情系藏区 aid: lines and incomes', (ctx) => {
  const clock = testClock()
  let api: Awaited<ReturnType<typeof createTestApi>>
  let team: { id: string }
  let worker: string
  let leader: string
  let volunteer: string
  let outsider: string
  let county: AidPlace
  let township: AidPlace
  let village: AidPlace
  let village2: AidPlace
  let group: AidPlace

  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    team = await api.makeTeam('aidinc')
    const other = await api.makeTeam('aidinc2')
    worker = await api.signIn((await api.makeUser(team.id, ['aid_worker'])).username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    volunteer = await api.signIn((await api.makeUser(team.id, ['volunteer'])).username!)
    outsider = await api.signIn((await api.makeUser(other.id, ['aid_worker', 'admin'])).username!)
    const place = async (body: Record<string, unknown>) => {
      const r = await api.call('POST', '/api/v1/aid/places', { cookie: worker, body })
      if (r.status !== 201) throw new Error(r.text)
      return AidPlace.parse(r.json)
    }
    county = await place({ level: 'county', name: '示例县' })
    township = await place({ level: 'township', parentId: county.id, name: '卓玛乡' })
    const township2 = await place({ level: 'township', parentId: county.id, name: '格桑乡' })
    village = await place({ level: 'village', parentId: township.id, name: '达瓦村' })
    village2 = await place({ level: 'village', parentId: township2.id, name: '扎西村' })
    group = await place({ level: 'group', parentId: village.id, name: '一组' })
  }, 60_000)
  afterAll(() => api.close())

  async function household(placeId = village.id) {
    const r = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body: newHousehold(placeId) })
    if (r.status !== 201) throw new Error(r.text)
    return AidHouseholdDetail.parse(r.json)
  }
  async function setLine(body: Record<string, unknown>) {
    clock.advance(1000)
    const r = await api.call('POST', '/api/v1/aid/lines', { cookie: leader, body })
    if (r.status !== 201) throw new Error(r.text)
    return AidLine.parse(r.json)
  }
  async function post(householdId: string, body: Record<string, unknown>, cookie = worker) {
    clock.advance(1000)
    const r = await api.call('POST', `/api/v1/aid/households/${householdId}/incomes`, { cookie, body })
    if (r.status !== 201) throw new Error(r.text)
    return AidIncome.parse(r.json)
  }
  const years = async (householdId: string) => {
    const r = await api.call('GET', `/api/v1/aid/households/${householdId}/income-years`, { cookie: worker })
    expect(r.status).toBe(200)
    return r.json.map((y: unknown) => AidIncomeYear.parse(y)) as AidIncomeYear[]
  }

  it('turns posted figures into per-capita net against the team line, year by year', async () => {
    await setLine({ year: 2024, dibaoFen: 480_000, monitoringFen: 720_000 })
    await setLine({ year: 2025, dibaoFen: 500_000, monitoringFen: 750_000 })
    const h = await household()
    expect(h.memberCount).toBe(2)
    const a = await post(h.id, figures({ year: 2024, asOf: '2024-12-05', wagesFen: 300_000, businessFen: 400_000, propertyFen: 0, transfersFen: 450_000, costsFen: 150_000 }))
    expect(a).toMatchObject({ source: 'annual', memberCount: 2, netFen: 1_000_000, perCapitaFen: 500_000, visitId: null, deliveryId: null })
    const b = await post(h.id, figures({ memberCount: 3, note: '务工收入增加' }))
    const net = 1_200_000 + 800_000 + 50_000 + 450_000 - 300_000
    expect(b).toMatchObject({ memberCount: 3, netFen: net, perCapitaFen: Math.floor(net / 3), note: '务工收入增加' })

    const ys = await years(h.id)
    expect(ys.map((y) => y.year)).toEqual([2024, 2025])
    expect(ys[0]).toMatchObject({ baseIncomeId: a.id, netFen: 1_000_000, perCapitaFen: 500_000, dibaoFen: 480_000, monitoringFen: 720_000, aboveLine: false, creditedFen: 0 })
    expect(ys[1]).toMatchObject({ baseIncomeId: b.id, memberCount: 3, wagesFen: 1_200_000, costsFen: 300_000, netFen: net, perCapitaFen: 733_333, monitoringFen: 750_000, aboveLine: false })

    // A partner's job credited to 2025 lifts the year over the line; its reversal brings it back.
    const credit = await transact(api.deps, { teamId: team.id, actor: 'test' }, async (w) => ({
      status: 201,
      body: await recordIncome(w, { householdId: h.id, year: 2025, asOf: '2025-12-20', source: 'partner_credit', components: { wagesFen: 60_000, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 } }),
    }))
    const lifted = (await years(h.id))[1]!
    expect(lifted).toMatchObject({ baseIncomeId: b.id, wagesFen: 1_260_000, creditedFen: 60_000, netFen: net + 60_000, perCapitaFen: perCapitaFen(net + 60_000, 3), aboveLine: true })
    await transact(api.deps, { teamId: team.id, actor: 'test' }, async (w) => ({
      status: 201,
      body: await recordIncome(w, { householdId: h.id, year: 2025, asOf: '2025-12-21', source: 'partner_credit', reversesId: credit.body.id, negate: true, components: { wagesFen: 60_000, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 } }),
    }))
    expect((await years(h.id))[1]).toEqual(ys[1])

    // The audit chain names the record, never the figures (income is sealed-class data).
    const events = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('teamId', '=', team.id).where('kind', '=', 'aid.income_recorded').execute()
    expect(events.length).toBeGreaterThanOrEqual(4)
    expect(JSON.stringify(events)).not.toContain('1200000')
  })

  it('a later record of a year supersedes the earlier one; records list newest first, a page at a time', async () => {
    const h = await household()
    const first = await post(h.id, figures({ asOf: '2025-12-01', wagesFen: 100_000 }))
    // Entered later but taken earlier in the year: the December figures still stand.
    await post(h.id, figures({ asOf: '2025-06-30', wagesFen: 999_000 }))
    expect((await years(h.id))[0]!.baseIncomeId).toBe(first.id)
    const last = await post(h.id, figures({ asOf: '2025-12-28', wagesFen: 200_000 }))
    const [y] = await years(h.id)
    expect(y).toMatchObject({ baseIncomeId: last.id, wagesFen: 200_000, netFen: netIncomeFen({ ...figures({ wagesFen: 200_000 }) }) })

    const p1 = page(AidIncome).parse((await api.call('GET', `/api/v1/aid/households/${h.id}/incomes?limit=2`, { cookie: worker })).json)
    expect(p1.items.map((i) => i.wagesFen)).toEqual([200_000, 999_000])
    expect(p1.nextCursor).not.toBeNull()
    const p2 = page(AidIncome).parse((await api.call('GET', `/api/v1/aid/households/${h.id}/incomes?limit=2&cursor=${p1.nextCursor}`, { cookie: worker })).json)
    expect(p2).toEqual({ items: [expect.objectContaining({ id: first.id })], nextCursor: null })
  })

  it('measures a household against its village’s line first, then township, then team-wide', async () => {
    await setLine({ year: 2023, dibaoFen: 400_000, monitoringFen: 600_000 })
    await setLine({ year: 2023, placeId: township.id, dibaoFen: 410_000, monitoringFen: 610_000 })
    await setLine({ year: 2023, placeId: village.id, dibaoFen: 420_000, monitoringFen: 620_000 })
    const v = await setLine({ year: 2023, placeId: village.id, dibaoFen: 430_000, monitoringFen: 630_000 })
    expect(v.placePath).toEqual(['示例县', '卓玛乡', '达瓦村'])
    const inVillage = await household(village.id)
    const inGroup = await household(group.id)
    const elsewhere = await household(village2.id)
    for (const h of [inVillage, inGroup, elsewhere]) await post(h.id, figures({ year: 2023, asOf: '2023-12-01', memberCount: 1, wagesFen: 625_000, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 }))

    expect((await years(inVillage.id))[0]).toMatchObject({ dibaoFen: 430_000, monitoringFen: 630_000, aboveLine: false })
    expect((await years(inGroup.id))[0]).toMatchObject({ dibaoFen: 430_000, monitoringFen: 630_000 })
    expect((await years(elsewhere.id))[0]).toMatchObject({ dibaoFen: 400_000, monitoringFen: 600_000, aboveLine: true })
    expect(await lineFor(ctx().db, team.id, village.id, 2023)).toEqual({ dibaoFen: 430_000, monitoringFen: 630_000 })
    expect(await lineFor(ctx().db, team.id, township.id, 2023)).toEqual({ dibaoFen: 410_000, monitoringFen: 610_000 })
    expect(await lineFor(ctx().db, team.id, village2.id, 2023)).toEqual({ dibaoFen: 400_000, monitoringFen: 600_000 })
    expect(await lineFor(ctx().db, team.id, village.id, 2019)).toBeNull()
    // The household detail carries each year's line as it applies at its place (the tracker's visit form compares with it).
    const lineOfDetail = async (id: string) => AidHouseholdDetail.parse((await api.call('GET', `/api/v1/aid/households/${id}`, { cookie: worker })).json).lines.find((l) => l.year === 2023)
    expect(await lineOfDetail(inGroup.id)).toEqual({ year: 2023, dibaoFen: 430_000, monitoringFen: 630_000 })
    expect(await lineOfDetail(elsewhere.id)).toEqual({ year: 2023, dibaoFen: 400_000, monitoringFen: 600_000 })

    const listed = page(AidLine).parse((await api.call('GET', '/api/v1/aid/lines?year=2023', { cookie: worker })).json)
    expect(listed.items.map((l) => [l.placeId, l.monitoringFen])).toEqual([
      [village.id, 630_000],
      [village.id, 620_000],
      [township.id, 610_000],
      [null, 600_000],
    ])
  })

  it('only leaders set lines; others read them or are refused', async () => {
    const before = await counts(ctx())
    const r = await api.call('POST', '/api/v1/aid/lines', { cookie: worker, body: { year: 2025, dibaoFen: 1, monitoringFen: 2 } })
    expect(r.status).toBe(403)
    expect(ErrorBody.parse(r.json).error.code).toBe('forbidden')
    expect((await api.call('GET', '/api/v1/aid/lines', { cookie: volunteer })).status).toBe(403)
    expect((await api.call('POST', `/api/v1/aid/households/${(await household()).id}/incomes`, { cookie: volunteer, body: figures() })).status).toBe(403)
    expect((await api.call('GET', '/api/v1/aid/lines', { cookie: worker })).status).toBe(200)
    const after = await counts(ctx())
    expect(after.aidLines).toBe(before.aidLines)
    expect(after.aidIncomes).toBe(before.aidIncomes)
    // Another team sees none of these lines.
    expect((await api.call('GET', '/api/v1/aid/lines', { cookie: outsider })).json.items).toEqual([])
  })

  it('refuses bad input in the error shape and writes nothing', async () => {
    const h = await household()
    const before = await counts(ctx())
    const bad = async (method: string, path: string, body: unknown, status: number, code?: string, cookie = leader) => {
      const r = await api.call(method, path, { cookie, body, headers: { 'idempotency-key': `bad-${Math.random().toString(36).slice(2, 12)}` } })
      expect(r.status, `${path} ${JSON.stringify(body)} → ${r.text}`).toBe(status)
      const e = ErrorBody.parse(r.json).error
      if (code) expect(e.code).toBe(code)
      return e
    }
    const incomes = `/api/v1/aid/households/${h.id}/incomes`
    expect((await bad('POST', incomes, figures({ wagesFen: -100 }), 400)).issues?.map((i) => i.path)).toContain('wagesFen')
    await bad('POST', incomes, figures({ costsFen: 12.5 }), 400)
    await bad('POST', incomes, figures({ year: 2012 }), 400)
    await bad('POST', incomes, figures({ year: 2101 }), 400)
    await bad('POST', incomes, figures({ asOf: '2025-13-01' }), 400)
    await bad('POST', incomes, figures({ memberCount: 0 }), 400)
    await bad('POST', incomes, { year: 2025, asOf: '2025-12-01' }, 400)
    await bad('POST', incomes, figures({ year: 2025, asOf: '2024-12-31' }), 422, 'bad_as_of')
    await bad('POST', incomes, figures({ year: 2026, asOf: '2026-12-31' }), 422, 'bad_as_of')
    await bad('POST', '/api/v1/aid/households/0190f1c2-0000-7000-8000-000000000000/incomes', figures(), 404, 'not_found')
    await bad('POST', incomes, figures(), 404, 'not_found', outsider)
    expect((await bad('POST', '/api/v1/aid/lines', { year: 2025, dibaoFen: 500_000, monitoringFen: 400_000 }, 400)).issues?.map((i) => i.path)).toContain('monitoringFen')
    await bad('POST', '/api/v1/aid/lines', { year: 2025, dibaoFen: -1, monitoringFen: 400_000 }, 400)
    await bad('POST', '/api/v1/aid/lines', { year: 1999, dibaoFen: 1, monitoringFen: 2 }, 400)
    await bad('POST', '/api/v1/aid/lines', { year: 2025, placeId: group.id, dibaoFen: 1, monitoringFen: 2 }, 422, 'bad_place')
    await bad('POST', '/api/v1/aid/lines', { year: 2025, placeId: '0190f1c2-0000-7000-8000-000000000000', dibaoFen: 1, monitoringFen: 2 }, 422, 'bad_place')
    expect(await counts(ctx())).toEqual(before)

    for (const path of [`/api/v1/aid/households/${h.id}/incomes`, `/api/v1/aid/households/${h.id}/income-years`]) {
      expect((await api.call('GET', path, { cookie: outsider })).status).toBe(404)
    }
    expect((await api.call('GET', '/api/v1/aid/lines?year=abc', { cookie: worker })).status).toBe(400)
  })

  it('replays a retried income with the same Idempotency-Key and refuses the key with other figures', async () => {
    const h = await household()
    const headers = { 'idempotency-key': 'income-retry-0001' }
    const first = await api.call('POST', `/api/v1/aid/households/${h.id}/incomes`, { cookie: worker, body: figures(), headers })
    const again = await api.call('POST', `/api/v1/aid/households/${h.id}/incomes`, { cookie: worker, body: figures(), headers })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.json).toEqual(first.json)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const other = await api.call('POST', `/api/v1/aid/households/${h.id}/incomes`, { cookie: worker, body: figures({ wagesFen: 1 }), headers })
    expect(other.status).toBe(409)
    const rows = await ctx().db.selectFrom('aidIncomes').select('id').where('householdId', '=', h.id).execute()
    expect(rows).toHaveLength(1)
  })
})
