import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dashboard, Disclosure, DisclosureBody, Distribution, Donation, itemKeyOf } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { donationBody, rice } from '../granary/fixtures.js'
import { addVolunteer, insertActivity, insertAttendanceEntry } from '../hours/fixtures.js'
import { newId } from '../ids.js'
import { createTestApi, testClock } from '../testing.js'
import { SHEET_TITLES } from './export.js'
import { insertBeneficiary, reportsTeam, teahouse } from './fixtures.js'

// Reports over a small world whose figures are worked out by hand below: hours with a pending
// entry (left out) and a corrected entry (reversal + correction), a granary intake and two
// distributions (one reversed), tea-house cups with a reversed sale and a serving beyond donations,
// fund income with a reversal and an approved expense, and four beneficiaries (one left).

const V1 = '/api/v1'
const RICE = itemKeyOf('grain_oil', '大米 5kg', '袋')
/** Withheld to protect another, or a value beside a withheld count ("*"). */
const S = { suppressed: true }
/** Withheld for being from 1 to 4 ("<5"). */
const L = { suppressed: true, small: true }

describeEachDialect('reports', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof reportsTeam>>
  const clock = testClock()
  const at = (iso: string) => clock.set(new Date(iso))

  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    t = await reportsTeam(api)
    const teamId = t.team.id
    const [b1, b2, b3] = [
      await insertBeneficiary(api, teamId, ['elderly']),
      await insertBeneficiary(api, teamId, ['elderly', 'disabled']),
      await insertBeneficiary(api, teamId, ['disabled']),
    ]
    await insertBeneficiary(api, teamId, ['low_income'], { status: 'left' })

    // Hours: 120 + 60 approved in September (granary), 30 pending; 90 in October (academy)
    // corrected to 45 (a −90 reversal and a +45 correction, both approved).
    const v1 = await addVolunteer(api, t.team)
    const v2 = await addVolunteer(api, t.team)
    const v3 = await addVolunteer(api, t.team)
    const sept = await insertActivity(api, teamId, { project: 'granary', startsAt: '2026-09-05T01:00:00.000Z', endsAt: '2026-09-05T05:00:00.000Z' })
    const oct = await insertActivity(api, teamId, { project: 'neighbour_academy', startsAt: '2026-10-10T01:00:00.000Z', endsAt: '2026-10-10T04:00:00.000Z' })
    await insertAttendanceEntry(api, { teamId, activity: sept, volunteerId: v1.id, minutes: 120, status: 'approved' })
    await insertAttendanceEntry(api, { teamId, activity: sept, volunteerId: v2.id, minutes: 60, status: 'approved' })
    await insertAttendanceEntry(api, { teamId, activity: sept, volunteerId: v3.id, minutes: 30 })
    const wrong = await insertAttendanceEntry(api, { teamId, activity: oct, volunteerId: v1.id, minutes: 90, status: 'approved' })
    const base = { ...wrong, attendanceId: null, status: 'approved' as const, decidedBy: 'system', decidedAt: '2026-10-20T00:00:00.000Z', createdAt: '2026-10-20T00:00:00.000Z' }
    await api.deps.db.insertInto('hourEntries').values({ ...base, id: newId(), minutes: -90, source: 'reversal', reverses: wrong.id, reason: '时长有误' }).execute()
    await api.deps.db.insertInto('hourEntries').values({ ...base, id: newId(), minutes: 45, source: 'correction', reverses: null, reason: '时长有误' }).execute()

    // Granary: in September 10 bags of rice, 8 packs of noodles, 3 coats; 4 bags to b1, 1 to b2 (reversed).
    at('2026-09-10T02:00:00.000Z')
    const items = [rice(), rice({ category: 'food', description: '挂面', quantity: 8, unit: '包', unitValueFen: 1000 }), rice({ category: 'clothing', description: '棉衣', quantity: 3, unit: '件', unitValueFen: 2000 })]
    const d = await api.call('POST', `${V1}/granary/donations`, { cookie: t.staff, body: donationBody(items, { receivedAt: '2026-09-10T02:00:00.000Z' }) })
    expect(d.status, d.text).toBe(201)
    Donation.parse(d.json)
    at('2026-09-15T02:00:00.000Z')
    const give = (id: string, quantity: number) => api.call('POST', `${V1}/granary/distributions`, { cookie: t.staff, body: { recipient: { kind: 'beneficiary', id, label: '某某' }, items: [{ itemKey: RICE, quantity }] } })
    expect((await give(b1, 4)).status).toBe(201)
    const undone = Distribution.parse((await give(b2, 1)).json)
    at('2026-09-16T02:00:00.000Z')
    expect((await api.call('POST', `${V1}/granary/movements/${undone.movementId}/reversal`, { cookie: t.staff, body: { reason: '发错了' } })).status).toBe(201)

    // Tea house: 6 cups in September, 2 in October (that sale reversed in November); two served
    // from donations in September, one beyond donations in October.
    const th = await teahouse(api, teamId, t.users[0]!.id)
    const a = await th.sale(6, '2026-09-12T03:00:00.000Z')
    const b = await th.sale(2, '2026-10-03T03:00:00.000Z')
    await th.reverse(b.id, '2026-11-05T03:00:00.000Z')
    await th.serve(a.cups[0]!, b1, '2026-09-20T03:00:00.000Z')
    await th.serve(a.cups[1]!, b3, '2026-09-21T03:00:00.000Z')
    await th.serve(null, b1, '2026-10-08T03:00:00.000Z')

    // Fund: ¥100 in October; ¥50 in November, reversed in November; ¥30 spent in November.
    at('2026-10-05T02:00:00.000Z')
    const income = (amountFen: number, receivedAt: string) =>
      api.call('POST', `${V1}/fund/income`, { cookie: t.staff, body: { donor: { kind: 'anonymous' }, amountFen, channel: 'wechat', receivedAt } })
    expect((await income(10_000, '2026-10-05T02:00:00.000Z')).status).toBe(201)
    at('2026-11-02T02:00:00.000Z')
    const fifty = await income(5_000, '2026-11-02T02:00:00.000Z')
    at('2026-11-10T02:00:00.000Z')
    const entries = await api.call('GET', `${V1}/fund/entries`, { cookie: t.staff })
    const fiftyEntry = entries.json.items.find((e: { incomeId: string }) => e.incomeId === fifty.json.id)
    expect((await api.call('POST', `${V1}/fund/entries/${fiftyEntry.id}/reversal`, { cookie: t.staff, body: { reason: '重复登记' } })).status).toBe(201)
    at('2026-11-12T02:00:00.000Z')
    const x = await api.call('POST', `${V1}/fund/expenses`, { cookie: t.staff, body: { purpose: '慰问品', payee: '超市', amountFen: 3_000 } })
    expect(x.status, x.text).toBe(201)
    expect((await api.call('POST', `${V1}/fund/expenses/${x.json.id}/decision`, { cookie: t.admin, body: { approve: true } })).status).toBe(200)
    at('2026-11-28T08:00:00.000Z')
  }, 120_000)
  afterAll(() => api.close())

  it('computes the dashboard from the ledgers, reversals and corrections included', async () => {
    const r = await api.call('GET', `${V1}/reports/dashboard?from=2026-09&to=2026-11`, { cookie: t.staff })
    expect(r.status, r.text).toBe(200)
    const d = Dashboard.parse(r.json)
    expect(d.months).toEqual(['2026-09', '2026-10', '2026-11'])
    expect(d.hours.cells).toEqual([
      { project: 'granary', month: '2026-09', minutes: 180 },
      { project: 'neighbour_academy', month: '2026-10', minutes: 45 },
    ])
    expect(d.hours.byMonth.map((m) => m.minutes)).toEqual([180, 45, 0])
    expect(d.hours.totalMinutes).toBe(225)
    expect(d.cups.byMonth).toEqual([
      { month: '2026-09', bought: 6, served: 2, servedBeyond: 0 },
      { month: '2026-10', bought: 2, served: 1, servedBeyond: 1 },
      { month: '2026-11', bought: -2, served: 0, servedBeyond: 0 },
    ])
    expect(d.cups).toMatchObject({ bought: 6, boughtFen: 3_000, served: 3, servedBeyond: 1 })
    expect(d.granary.byCategory).toEqual([
      { category: 'grain_oil', inUnits: 10, inValueFen: 35_000, outUnits: 4, outValueFen: 14_000, adjustedUnits: 0, adjustedValueFen: 0 },
      { category: 'food', inUnits: 8, inValueFen: 8_000, outUnits: 0, outValueFen: 0, adjustedUnits: 0, adjustedValueFen: 0 },
      { category: 'clothing', inUnits: 3, inValueFen: 6_000, outUnits: 0, outValueFen: 0, adjustedUnits: 0, adjustedValueFen: 0 },
    ])
    expect(d.granary).toMatchObject({ inUnits: 21, inValueFen: 49_000, outUnits: 4, outValueFen: 14_000 })
    expect(d.fund.byMonth).toEqual([
      { month: '2026-09', incomeFen: 0, spendingFen: 0 },
      { month: '2026-10', incomeFen: 10_000, spendingFen: 0 },
      { month: '2026-11', incomeFen: 0, spendingFen: 3_000 },
    ])
    expect(d.beneficiaries).toEqual({
      byKind: [
        { kind: 'elderly', count: 2 },
        { kind: 'disabled', count: 2 },
        { kind: 'empty_nest_elderly', count: 0 },
        { kind: 'low_income', count: 0 },
      ],
      active: 3,
    })
    // Default: the 12 months ending with this one.
    const def = Dashboard.parse((await api.call('GET', `${V1}/reports/dashboard`, { cookie: t.leader })).json)
    expect([def.from, def.to, def.months.length]).toEqual(['2025-12', '2026-11', 12])
    expect(def.hours.totalMinutes).toBe(225)
    expect((await api.call('GET', `${V1}/reports/dashboard?from=2026-11&to=2026-09`, { cookie: t.leader })).status).toBe(400)
    expect((await api.call('GET', `${V1}/reports/dashboard?from=2026-13`, { cookie: t.leader })).status).toBe(400)
  })

  it('exports the same figures as an Excel workbook, headers in the asked language', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const res = await api.app.request(`${V1}/reports/export.xlsx?from=2026-09&to=2026-11&lang=${lang}`, { headers: { cookie: t.admin } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('spreadsheetml')
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(await res.arrayBuffer())
      expect(book.worksheets.map((w) => w.name).slice(0, 5)).toEqual(SHEET_TITLES[lang])
      const hours = book.worksheets[0]!
      expect(hours.getRow(1).values).toEqual([undefined, lang === 'en' ? 'Project' : '服务项目', '2026-09', '2026-10', '2026-11', lang === 'en' ? 'Total' : '合计'])
      // The total row: hours with one decimal (180 + 45 minutes = 3.75 → 3.8).
      expect(hours.getRow(hours.rowCount).values).toEqual([undefined, lang === 'en' ? 'Total' : '合计', 3, 0.8, 0, 3.8])
      const granary = book.worksheets[2]!
      expect(granary.getRow(2).getCell(3).value).toBe(350)
    }
  })

  describe('quarterly disclosure', () => {
    it('previews aggregates only, with counts 1–4 withheld and no withheld cell recoverable from a total', async () => {
      const r = await api.call('GET', `${V1}/reports/disclosures/preview?quarter=2026Q3`, { cookie: t.leader })
      expect(r.status, r.text).toBe(200)
      expect(r.json.ended).toBe(true)
      expect(r.json.nextVersion).toBe(1)
      const b = DisclosureBody.parse(r.json.body)
      expect(b.months).toEqual(['2026-07', '2026-08', '2026-09'])
      expect(b.volunteersActive).toEqual(L)
      expect(b.peopleServed).toEqual(L)
      expect(b.cups).toEqual({ bought: 6, served: L })
      // 10 rice, 8 noodles, 3 coats: 3 is withheld, and 8 with it, or 21 − 10 would give the 3 away.
      const cat = (side: 'in' | 'out', c: string) => b.granary[side].byCategory.find((x) => x.category === c)
      expect(cat('in', 'grain_oil')).toEqual({ category: 'grain_oil', units: 10, valueFen: 35_000 })
      expect(cat('in', 'food')).toEqual({ category: 'food', units: S, valueFen: S }) // 8, withheld to protect the 3
      expect(cat('in', 'clothing')).toEqual({ category: 'clothing', units: L, valueFen: S })
      expect(cat('in', 'tea')).toEqual({ category: 'tea', units: 0, valueFen: 0 })
      expect(b.granary.in.total).toEqual({ units: 21, valueFen: 49_000 })
      // 4 out, the only one: withheld, and the total with it.
      expect(cat('out', 'grain_oil')).toEqual({ category: 'grain_oil', units: L, valueFen: S })
      expect(b.granary.out.total).toEqual({ units: L, valueFen: S })
      expect(b.activities.total).toEqual({ activities: L, minutes: S })
      expect(b.activities.byProject.find((p) => p.project === 'granary')).toEqual({ project: 'granary', activities: L, minutes: S })
      expect(b.fund).toEqual({ incomeFen: 0, spendingFen: 0 })
      expect(b.beneficiaries.byKind.find((k) => k.kind === 'elderly')!.count).toEqual(L)
      expect(b.beneficiaries.total).toEqual(L)
      // Nothing personal: no ids, no names.
      const text = JSON.stringify(b)
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
      expect(text).not.toContain('某某')
    })

    it('publishes a frozen version, readable without signing in; again makes version 2', async () => {
      expect((await api.call('POST', `${V1}/reports/disclosures`, { cookie: t.admin, body: { quarter: '2026Q4' } })).json.error.code).toBe('quarter_not_ended')
      const first = await api.call('POST', `${V1}/reports/disclosures`, { cookie: t.leader, body: { quarter: '2026Q3' } })
      expect(first.status, first.text).toBe(201)
      expect(Disclosure.parse(first.json)).toMatchObject({ quarter: '2026Q3', version: 1 })

      const list = await api.call('GET', `${V1}/public/disclosures?team=${t.team.code}`)
      expect(list.status).toBe(200)
      expect(list.json.items).toEqual([{ quarter: '2026Q3', version: 1, publishedAt: first.json.publishedAt }])
      const pub = await api.call('GET', `${V1}/public/disclosures/${t.team.code}/2026Q3`)
      expect(pub.status).toBe(200)
      expect(pub.json.body).toEqual(first.json.body)
      expect((await api.call('GET', `${V1}/public/disclosures/${t.team.code}/2026Q2`)).status).toBe(404)
      expect((await api.call('GET', `${V1}/public/disclosures/nobody/2026Q3`)).status).toBe(404)
      expect((await api.call('GET', `${V1}/public/disclosures?team=nobody`)).status).toBe(404)

      // A late granary donation dated in Q3 changes the figures; the published body stays frozen until republished.
      at('2026-11-28T09:00:00.000Z')
      await api.call('POST', `${V1}/granary/donations`, { cookie: t.staff, body: donationBody([rice({ quantity: 5 })], { receivedAt: '2026-09-30T02:00:00.000Z' }) })
      expect((await api.call('GET', `${V1}/public/disclosures/${t.team.code}/2026Q3`)).json.body.granary.in.total.units).toBe(21)
      const second = await api.call('POST', `${V1}/reports/disclosures`, { cookie: t.admin, body: { quarter: '2026Q3' } })
      expect(second.status).toBe(201)
      expect(second.json.version).toBe(2)
      const now = await api.call('GET', `${V1}/public/disclosures/${t.team.code}/2026Q3`)
      expect([now.json.version, now.json.body.granary.in.total.units]).toEqual([2, 26])
      const staffList = await api.call('GET', `${V1}/reports/disclosures`, { cookie: t.leader })
      expect(staffList.json.items.map((v: { version: number; superseded: boolean }) => [v.version, v.superseded])).toEqual([
        [2, false],
        [1, true],
      ])
      const rows = await api.deps.db.selectFrom('disclosures').select(['version', 'body']).where('teamId', '=', t.team.id).orderBy('version').execute()
      expect(rows.map((r) => Number(r.version))).toEqual([1, 2])
      expect(JSON.parse(rows[0]!.body)).toEqual(first.json.body)
      const events = await api.deps.db.selectFrom('ledgerEvents').select('kind').where('teamId', '=', t.team.id).where('kind', '=', 'reports.disclosure_published').execute()
      expect(events).toHaveLength(2)
    })
  })

  it('lets leaders, admins and care staff read reports; only leaders and admins publish', async () => {
    const reads = [`${V1}/reports/dashboard`, `${V1}/reports/export.xlsx`]
    for (const path of reads) {
      for (const cookie of [t.leader, t.admin, t.staff]) expect((await api.call('GET', path, { cookie })).status, path).toBe(200)
      for (const cookie of [t.volunteer, t.aidWorker, t.counter]) expect((await api.call('GET', path, { cookie })).status, path).toBe(403)
      expect((await api.call('GET', path)).status, path).toBe(401)
    }
    for (const cookie of [t.staff, t.volunteer, t.aidWorker]) {
      expect((await api.call('GET', `${V1}/reports/disclosures/preview?quarter=2026Q3`, { cookie })).status).toBe(403)
      expect((await api.call('GET', `${V1}/reports/disclosures`, { cookie })).status).toBe(403)
      expect((await api.call('POST', `${V1}/reports/disclosures`, { cookie, body: { quarter: '2026Q2' } })).status).toBe(403)
    }
    expect((await api.call('POST', `${V1}/reports/disclosures`, { body: { quarter: '2026Q2' } })).status).toBe(401)
    expect((await api.call('GET', `${V1}/reports/disclosures/preview?quarter=2026Q5`, { cookie: t.leader })).status).toBe(400)
    // Another team sees only its own figures.
    const other = await reportsTeam(api)
    const d = Dashboard.parse((await api.call('GET', `${V1}/reports/dashboard?from=2026-09&to=2026-11`, { cookie: other.leader })).json)
    expect([d.hours.totalMinutes, d.cups.bought, d.granary.inUnits, d.fund.incomeFen, d.beneficiaries.active]).toEqual([0, 0, 0, 0, 0])
    expect((await api.call('GET', `${V1}/reports/disclosures`, { cookie: other.leader })).json.items).toEqual([])
  })
})
