import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AidDashboard, AidHouseholdDetail, AidPartnerLink, AidPartnerLinkIssued, AidPartnerView, AidPlace, ErrorBody, page } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { newHousehold, newMember, TIBETAN_NAME } from './fixtures.js'
import { AID_SHEET_TITLES } from './insights.js'

// The partners' redacted view (issue 7 §9: a partner never sees a member's health data) and the
// dashboard with its Excel workbook (§10), over one small team: four households, two partners,
// lines with a village override, two years of figures, deliveries with one reversed.

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
let seq = 0
const clientId = () => `0190c000-0000-7000-8000-${String(++seq).padStart(12, '0')}`

/** Everything sealed or personal about the seeded households: none of it may reach a partner. */
const SECRETS = {
  chronicNotes: '糖尿病，每月复诊胰岛素治疗',
  chronicBirth: '1999-09-09',
  childName: 'ཚེ་རིང་སྒྲོལ་མ',
  responsiblePhone: '13912345678',
  responsibleName: '李建国',
}

describeEachDialect('情系藏区 aid: partners’ view, dashboard, export', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let teamId: string
  let worker: string
  let leader: string
  let volunteer: string
  let outsider: string
  let outsiderPartner: string
  let partnerA: string
  let partnerB: string
  const hh: AidHouseholdDetail[] = []

  const post = async (cookie: string, path: string, body: unknown) => api.call('POST', `/api/v1${path}`, { cookie, body })
  const ok = async (cookie: string, path: string, body: unknown, status = 201) => {
    const r = await post(cookie, path, body)
    if (r.status !== status) throw new Error(`${path}: ${r.status} ${r.text}`)
    return r.json
  }

  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam('aidview')
    teamId = team.id
    const other = await api.makeTeam('aidview2')
    worker = await api.signIn((await api.makeUser(teamId, ['aid_worker'])).username!)
    leader = await api.signIn((await api.makeUser(teamId, ['leader'])).username!)
    volunteer = await api.signIn((await api.makeUser(teamId, ['volunteer'])).username!)
    const admin = await api.signIn((await api.makeUser(teamId, ['admin'])).username!)
    outsider = await api.signIn((await api.makeUser(other.id, ['leader', 'admin'])).username!)

    const place = async (body: Record<string, unknown>) => AidPlace.parse(await ok(worker, '/aid/places', body))
    const county = await place({ level: 'county', name: '示例县' })
    const township = await place({ level: 'township', parentId: county.id, name: '德吉乡' })
    const village = await place({ level: 'village', parentId: township.id, name: '达瓦村' })
    const village2 = await place({ level: 'village', parentId: township.id, name: '扎西村' })
    partnerA = (await ok(admin, '/partners', { name: '成都示例茶业有限公司', kind: 'enterprise', contactName: '王经理' })).id
    partnerB = (await ok(admin, '/partners', { name: '锦江示例建筑公司', kind: 'enterprise' })).id
    outsiderPartner = (await ok(outsider, '/partners', { name: '别队伙伴', kind: 'individual' })).id

    await ok(leader, '/aid/lines', { year: 2024, dibaoFen: 450_000, monitoringFen: 700_000 })
    await ok(leader, '/aid/lines', { year: 2025, dibaoFen: 480_000, monitoringFen: 750_000 })
    await ok(leader, '/aid/lines', { year: 2025, placeId: village.id, dibaoFen: 500_000, monitoringFen: 780_000 })

    const chronic = newMember({ relation: 'child', name: SECRETS.childName, gender: 'female', birthDate: SECRETS.chronicBirth, healthStatus: 'chronic_illness', healthNotes: SECRETS.chronicNotes })
    const household = async (placeId: string, over: Record<string, unknown> = {}) => AidHouseholdDetail.parse(await ok(worker, '/aid/households', newHousehold(placeId, over)))
    hh.push(await household(village.id, { members: [...newHousehold(village.id).members, chronic] }))
    hh.push(await household(village.id, { mainCause: 'lack_of_skills', secondaryCauses: ['education'], householdType: 'general' }))
    hh.push(await household(village2.id, { mainCause: 'disability' }))
    hh.push(await household(village2.id))
    const [h1, h2, h3] = hh as [AidHouseholdDetail, AidHouseholdDetail, AidHouseholdDetail]

    await ok(worker, `/aid/households/${h1.id}/pairings`, { partnerId: partnerA, responsibleName: SECRETS.responsibleName, responsiblePhone: SECRETS.responsiblePhone })
    await ok(worker, `/aid/households/${h2.id}/pairings`, { partnerId: partnerA, responsibleName: '王经理' })
    await ok(worker, `/aid/households/${h2.id}/pairings`, { partnerId: partnerB, responsibleName: '赵工', endReason: '企业调整帮扶对象' })
    await ok(worker, `/aid/households/${h3.id}/pairings`, { partnerId: partnerB, responsibleName: '赵工' })

    const income = (id: string, year: number, memberCount: number, wagesFen: number) =>
      ok(worker, `/aid/households/${id}/incomes`, { year, asOf: `${year}-12-01`, memberCount, wagesFen, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 })
    await income(h1.id, 2024, 3, 1_500_000) // 500,000 per person: under the 700,000 line
    await income(h1.id, 2025, 3, 2_400_000) // 800,000: just over the village's 780,000
    await income(h2.id, 2025, 2, 2_000_000) // 1,000,000: well over
    await income(h3.id, 2024, 2, 600_000) // 300,000: under 低保

    const deliver = async (householdId: string, partnerId: string, valueFen: number) => {
      const need = await ok(worker, `/aid/households/${householdId}/needs`, { kind: 'daily_necessities', description: '冬季取暖物资', estimatedFen: valueFen })
      return ok(worker, `/aid/needs/${need.id}/deliveries`, { id: clientId(), partnerId, what: '棉被两床、取暖炉一台', valueFen, deliveredOn: '2026-11-20', photos: [PNG], confirmation: { confirmedBy: '户主', method: 'verbal' } })
    }
    await deliver(h1.id, partnerA, 36_000)
    const wrong = await deliver(h1.id, partnerA, 20_000)
    await ok(leader, `/aid/deliveries/${wrong.id}/reverse`, { reason: '录错了户' })
    await deliver(h3.id, partnerB, 50_000)
    await ok(worker, `/aid/households/${h1.id}/measures`, { kind: 'employment', content: '安排户主到合作社务工', partnerId: partnerA, amountFen: 2_400_000 })
  }, 120_000)
  afterAll(() => api.close())

  describe('partners’ redacted view', () => {
    let link: AidPartnerLinkIssued

    it('a leader issues a link whose token is stored only as its hash', async () => {
      link = AidPartnerLinkIssued.parse(await ok(leader, '/aid/partner-links', { partnerId: partnerA }))
      expect(link).toMatchObject({ partnerId: partnerA, partnerName: '成都示例茶业有限公司', revokedAt: null })
      expect(Buffer.from(link.token, 'base64url').length).toBeGreaterThanOrEqual(16)
      const stored = await ctx().db.selectFrom('aidPartnerLinks').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow()
      expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
      for (const table of ['aidPartnerLinks', 'ledgerEvents', 'idempotencyKeys'] as const) {
        const rows = await ctx().db.selectFrom(table).selectAll().execute()
        expect(JSON.stringify(rows)).not.toContain(link.token)
      }
      const listed = page(AidPartnerLink).parse((await api.call('GET', '/api/v1/aid/partner-links', { cookie: leader })).json)
      expect(listed.items.map((l) => l.id)).toContain(link.id)
      expect(JSON.stringify(listed)).not.toContain(link.token)
    })

    it('shows the partner its current households by code and band, and nothing about the people', async () => {
      const r = await api.call('GET', `/api/v1/public/aid/partner-view/${link.token}`)
      expect(r.status).toBe(200)
      const view = AidPartnerView.parse(r.json)
      const [h1] = hh as [AidHouseholdDetail]
      expect(view.partnerName).toBe('成都示例茶业有限公司')
      // h2 moved to partner B: only h1 is partner A's now.
      expect(view.households).toEqual([
        { code: h1.code, placePath: ['示例县', '德吉乡', '达瓦村'], status: 'identified', householdType: 'dibao', memberCount: 3, mainCause: 'illness', latestYear: 2025, band: 'near_line', pairedSince: expect.any(String) },
      ])
      expect(view.totals).toEqual({ households: 1, aboveLine: 1, deliveries: 1, deliveredFen: 36_000 })

      const head = h1.members.find((m) => m.relation === 'head')!
      const stored = await ctx().db.selectFrom('aidMembers').selectAll().where('householdId', '=', h1.id).execute()
      const forbidden = [
        TIBETAN_NAME,
        '卓玛',
        head.birthDate,
        ...Object.values(SECRETS),
        ...stored.map((m) => m.name),
        ...stored.map((m) => m.birthDate),
        ...stored.flatMap((m) => [m.healthStatus, m.disabilityCertificateEnc, m.healthNotesEnc].filter((v): v is string => v !== null && v !== 'healthy')),
        `54232119680203`,
        '左腿截肢',
        '62170038',
        '2400000',
        '800000',
      ]
      for (const s of forbidden) expect(r.text, s).not.toContain(s)
      for (const key of ['name', 'headName', 'birthDate', 'healthStatus', 'disabilityCertificate', 'healthNotes', 'bankAccount', 'idNumber', 'members', 'perCapitaFen', 'netFen', 'responsibleName', 'responsiblePhone'])
        expect(r.text).not.toContain(`"${key}"`)
      expect(r.headers.get('cache-control')).toBe('no-store')
    })

    it('only leaders issue, list and revoke links; another team’s partner is refused', async () => {
      const before = Number((await ctx().db.selectFrom('aidPartnerLinks').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
      const denied = await post(worker, '/aid/partner-links', { partnerId: partnerA })
      expect(denied.status).toBe(403)
      expect(ErrorBody.parse(denied.json).error.code).toBe('forbidden')
      expect((await api.call('GET', '/api/v1/aid/partner-links', { cookie: worker })).status).toBe(403)
      expect((await post(worker, `/aid/partner-links/${link.id}/revoke`, {})).status).toBe(403)
      const foreign = await post(leader, '/aid/partner-links', { partnerId: outsiderPartner })
      expect(foreign.status).toBe(422)
      expect(ErrorBody.parse(foreign.json).error.code).toBe('bad_partner')
      expect((await post(leader, '/aid/partner-links', {})).status).toBe(400)
      expect((await post(outsider, `/aid/partner-links/${link.id}/revoke`, {})).status).toBe(404)
      expect(Number((await ctx().db.selectFrom('aidPartnerLinks').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)).toBe(before)
    })

    it('a revoked or unknown token opens nothing', async () => {
      const second = AidPartnerLinkIssued.parse(await ok(leader, '/aid/partner-links', { partnerId: partnerB }))
      const revoked = AidPartnerLink.parse(await ok(leader, `/aid/partner-links/${link.id}/revoke`, {}, 200))
      expect(revoked.revokedAt).not.toBeNull()
      const gone = await api.call('GET', `/api/v1/public/aid/partner-view/${link.token}`)
      expect(gone.status).toBe(404)
      expect(ErrorBody.parse(gone.json).error.code).toBe('not_found')
      expect((await api.call('GET', `/api/v1/public/aid/partner-view/${'A'.repeat(43)}`)).status).toBe(404)
      expect((await api.call('GET', '/api/v1/public/aid/partner-view/short')).status).toBe(400)
      // Revoking again changes nothing; the other partner's link still works.
      expect(AidPartnerLink.parse(await ok(leader, `/aid/partner-links/${link.id}/revoke`, {}, 200)).revokedAt).toBe(revoked.revokedAt)
      const b = AidPartnerView.parse((await api.call('GET', `/api/v1/public/aid/partner-view/${second.token}`)).json)
      expect(b.households.map((h) => [h.code, h.band])).toEqual([
        [hh[1]!.code, 'above_line'],
        [hh[2]!.code, 'below_dibao'],
      ])
      expect(b.totals).toEqual({ households: 2, aboveLine: 1, deliveries: 1, deliveredFen: 50_000 })
    })
  })

  describe('dashboard and export', () => {
    it('counts households by status and cause, the income trend against the line, bands, measures, deliveries and partners', async () => {
      const r = await api.call('GET', '/api/v1/aid/dashboard', { cookie: worker })
      expect(r.status).toBe(200)
      const d = AidDashboard.parse(r.json)
      expect(d.households).toBe(4)
      expect(d.byStatus.find((s) => s.status === 'identified')!.count).toBe(4)
      expect(d.byStatus.reduce((n, s) => n + s.count, 0)).toBe(4)
      expect(Object.fromEntries(d.byCause.filter((c) => c.count > 0).map((c) => [c.cause, c.count]))).toEqual({ illness: 2, lack_of_skills: 1, disability: 1 })
      expect(d.incomeTrend).toEqual([
        { year: 2024, households: 2, medianPerCapitaFen: 400_000, meanPerCapitaFen: 400_000, belowLine: 2, belowDibao: 1, dibaoFen: 450_000, monitoringFen: 700_000 },
        { year: 2025, households: 2, medianPerCapitaFen: 900_000, meanPerCapitaFen: 900_000, belowLine: 0, belowDibao: 0, dibaoFen: 480_000, monitoringFen: 750_000 },
      ])
      expect(Object.fromEntries(d.bands.map((b) => [b.band, b.count]))).toEqual({ below_dibao: 1, below_line: 0, near_line: 1, above_line: 1, no_data: 1 })
      expect(d.measures.find((m) => m.status === 'planned')).toEqual({ status: 'planned', count: 1, amountFen: 2_400_000 })
      expect(d.deliveries).toEqual({ count: 2, valueFen: 86_000, reversed: 1 })
      expect(d.partners).toEqual([
        { partnerId: partnerB, partnerName: '锦江示例建筑公司', households: 2, deliveries: 1, deliveredFen: 50_000 },
        { partnerId: partnerA, partnerName: '成都示例茶业有限公司', households: 1, deliveries: 1, deliveredFen: 36_000 },
      ])
      expect(r.text).not.toContain(TIBETAN_NAME)

      const y2024 = AidDashboard.parse((await api.call('GET', '/api/v1/aid/dashboard?year=2024', { cookie: leader })).json)
      expect(y2024.year).toBe(2024)
      expect(Object.fromEntries(y2024.bands.map((b) => [b.band, b.count]))).toEqual({ below_dibao: 1, below_line: 1, near_line: 0, above_line: 0, no_data: 2 })
      expect(y2024.deliveries).toEqual({ count: 0, valueFen: 0, reversed: 0 })
      expect(y2024.partners.map((p) => [p.partnerName, p.deliveredFen])).toEqual([
        ['锦江示例建筑公司', 0],
        ['成都示例茶业有限公司', 0],
      ])
    })

    it('refuses other roles and bad years, and shows another team nothing of this one', async () => {
      expect((await api.call('GET', '/api/v1/aid/dashboard', { cookie: volunteer })).status).toBe(403)
      expect((await api.call('GET', '/api/v1/aid/export.xlsx', { cookie: volunteer })).status).toBe(403)
      const bad = await api.call('GET', '/api/v1/aid/dashboard?year=1999', { cookie: worker })
      expect(bad.status).toBe(400)
      expect(ErrorBody.parse(bad.json).error.issues?.[0]?.path).toBe('year')
      expect((await api.call('GET', '/api/v1/aid/export.xlsx?lang=fr', { cookie: worker })).status).toBe(400)
      const theirs = AidDashboard.parse((await api.call('GET', '/api/v1/aid/dashboard', { cookie: outsider })).json)
      expect(theirs).toMatchObject({ households: 0, incomeTrend: [], partners: [] })
    })

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`exports a workbook with headers in ${lang}: households by code, incomes, trend, deliveries, partners`, async () => {
        const res = await api.app.request(`/api/v1/aid/export.xlsx?lang=${lang}`, { headers: { cookie: worker } })
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toContain('spreadsheetml')
        const book = new ExcelJS.Workbook()
        await book.xlsx.load(await res.arrayBuffer())
        expect(book.worksheets.map((s) => s.name)).toEqual(AID_SHEET_TITLES[lang])
        const rows = (i: number) => book.worksheets[i]!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))
        const [households, incomes, trend, deliveries, partners] = [0, 1, 2, 3, 4].map(rows) as unknown[][][]
        expect(households![0]![0]).toBe(lang === 'en' ? 'Code' : '户编号')
        expect(households!.slice(1).map((r) => r[0])).toEqual(hh.map((h) => h.code))
        expect(households![1]!.slice(1, 6)).toEqual(lang === 'en' ? ['示例县 / 德吉乡 / 达瓦村', 'Minimum living standard (dibao)', 'Illness', 'Lack of skills', 'Identified'] : ['示例县 / 德吉乡 / 达瓦村', '低保户', '因病', '缺技术', '已识别'])
        expect(incomes!.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
          [hh[0]!.code, 2024, 5000],
          [hh[0]!.code, 2025, 8000],
          [hh[1]!.code, 2025, 10000],
          [hh[2]!.code, 2024, 3000],
        ])
        expect(trend!.slice(1).map((r) => [r[0], r[1], r[2], r[7]])).toEqual([
          [2024, 2, 4000, 7000],
          [2025, 2, 9000, 7500],
        ])
        expect(deliveries!.slice(1).map((r) => [r[1], r[4], r[5]])).toEqual([
          [hh[0]!.code, 360, lang === 'en' ? 'no' : '否'],
          [hh[0]!.code, 200, lang === 'en' ? 'yes' : '是'],
          [hh[2]!.code, 500, lang === 'en' ? 'no' : '否'],
        ])
        expect(partners!.slice(1)).toEqual([
          ['锦江示例建筑公司', 2, 1, 500],
          ['成都示例茶业有限公司', 1, 1, 360],
        ])
        const everything = JSON.stringify(book.worksheets.map((s) => s.getSheetValues()))
        for (const s of [TIBETAN_NAME, '卓玛', ...Object.values(SECRETS), '62170038', '左腿截肢', '1968-02-03']) expect(everything, s).not.toContain(s)
      })
    }
  })
})
