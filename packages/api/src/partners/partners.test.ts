import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AidIntention, Donation, Donor, ErrorBody, FundIncome, page, Partner, PartnerContributions } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { newId } from '../ids.js'
import { fundTeam, incomeBody } from '../fund/fixtures.js'
import { donationBody, oil, rice } from '../granary/fixtures.js'
import { createTestApi } from '../testing.js'

type TestApi = Awaited<ReturnType<typeof createTestApi>>

async function partnerCounts(api: TestApi) {
  const out: Record<string, number> = {}
  for (const t of ['partners', 'partnerIntentions', 'partnerGranaryDonors', 'ledgerEvents', 'idempotencyKeys'] as const) {
    out[t] = Number((await api.deps.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  }
  return out
}

describeEachDialect('partners: who they are, what they intend, what they gave', (ctx) => {
  let api: TestApi
  let t: Awaited<ReturnType<typeof fundTeam>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await fundTeam(api, 'pa')
  }, 60_000)
  afterAll(() => api.close())

  const call = (method: string, path: string, body: unknown, cookie = t.staff) => api.call(method, `/api/v1${path}`, { cookie, ...(body === undefined ? {} : { body }) })
  const get = (path: string, cookie = t.staff) => api.call('GET', `/api/v1${path}`, { cookie })
  const addPartner = async (body: Record<string, unknown>, cookie = t.staff) => {
    const r = await call('POST', '/partners', body, cookie)
    expect(r.status, r.text).toBe(201)
    return Partner.parse(r.json)
  }

  it('seals the contact phone, masks it in lists and for readers, and keeps names and phones out of the chain', async () => {
    const p = await addPartner({ name: '成都锦江爱心建材有限公司', kind: 'enterprise', contactName: '李经理', contactPhone: '13811112222', industry: '建筑', note: '党支部结对' })
    expect(p).toMatchObject({ kind: 'enterprise', contactName: '李经理', contactPhone: '13811112222', industry: '建筑', granaryDonorIds: [], openIntentionCount: 0 })
    const row = await api.deps.db.selectFrom('partners').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain('13811112222')
    expect(api.deps.cipher.decrypt(row.contactPhoneEnc!)).toBe('13811112222')
    expect(page(Partner).parse((await get('/partners')).json).items.find((x) => x.id === p.id)?.contactPhone).toBe('138****2222')
    for (const reader of [t.leader, t.aidWorker]) expect(Partner.parse((await get(`/partners/${p.id}`, reader)).json).contactPhone).toBe('138****2222')
    expect(Partner.parse((await get(`/partners/${p.id}`, t.admin)).json).contactPhone).toBe('13811112222')
    const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', p.id).execute()
    expect(ev.map((e) => [e.kind, JSON.parse(e.payload)])).toEqual([['partners.partner_created', { kind: 'enterprise', hasContactPhone: true }]])

    const dup = await call('POST', '/partners', { name: '成都锦江爱心建材有限公司', kind: 'enterprise' })
    expect([dup.status, dup.json.error.code]).toEqual([409, 'partner_exists'])
    // Two individuals may share a name.
    await addPartner({ name: '王芳', kind: 'individual' })
    await addPartner({ name: '王芳', kind: 'individual' })
  })

  it('changes details with PATCH (null clears), lists by kind and pages newest first', async () => {
    const team = await fundTeam(api)
    const a = await addPartner({ name: '三圣花乡茶社', kind: 'enterprise', industry: '茶叶', contactPhone: '13900001111' }, team.staff)
    const b = await addPartner({ name: '幸福社区志愿者协会', kind: 'organisation' }, team.staff)
    const r = await call('PATCH', `/partners/${a.id}`, { industry: null, contactPhone: null, contactName: '周老板', note: '每月供茶' }, team.admin)
    expect(r.status, r.text).toBe(200)
    expect(Partner.parse(r.json)).toMatchObject({ name: '三圣花乡茶社', industry: null, contactPhone: null, contactName: '周老板', note: '每月供茶' })
    const ev = await api.deps.db.selectFrom('ledgerEvents').select('payload').where('entityId', '=', a.id).where('kind', '=', 'partners.partner_updated').executeTakeFirstOrThrow()
    expect(JSON.parse(ev.payload)).toEqual({ fields: ['contactName', 'contactPhone', 'industry', 'note'], kind: 'enterprise' })
    expect(ev.payload).not.toContain('周老板')
    expect((await call('PATCH', `/partners/${b.id}`, { name: '三圣花乡茶社', kind: 'enterprise' }, team.staff)).json.error.code).toBe('partner_exists')
    expect((await call('PATCH', `/partners/${b.id}`, {}, team.staff)).status).toBe(400)
    expect((await call('PATCH', `/partners/${newId()}`, { note: 'x' }, team.staff)).status).toBe(404)
    expect(page(Partner).parse((await get('/partners?kind=organisation', team.leader)).json).items.map((x) => x.id)).toEqual([b.id])
    const first = page(Partner).parse((await get('/partners?limit=1', team.leader)).json)
    const second = page(Partner).parse((await get(`/partners?limit=1&cursor=${first.nextCursor}`, team.leader)).json)
    expect([...first.items, ...second.items].map((x) => x.id)).toEqual([b.id, a.id])
    expect(second.nextCursor).toBeNull()
  })

  describe('aid intentions', () => {
    it('records intentions of each kind, closes them once, and lists them per partner and for the team', async () => {
      const team = await fundTeam(api)
      const p = await addPartner({ name: '藏区帮扶爱心企业', kind: 'enterprise' }, team.staff)
      const add = (body: Record<string, unknown>) => call('POST', `/partners/${p.id}/intentions`, body, team.staff)
      const money = AidIntention.parse((await add({ kind: 'money', description: '每年资助基金', amountFen: 5_000_000, validUntil: '2027-12-31' })).json)
      expect(money).toMatchObject({ partnerId: p.id, partnerName: '藏区帮扶爱心企业', kind: 'money', amountFen: 5_000_000, quantity: null, status: 'open' })
      const jobs = AidIntention.parse((await add({ kind: 'jobs', description: '提供 3 个保洁岗位', quantity: 3 })).json)
      for (const kind of ['goods', 'skills_training', 'purchases']) expect((await add({ kind, description: kind })).status).toBe(201)
      expect(Partner.parse((await get(`/partners/${p.id}`, team.leader)).json).openIntentionCount).toBe(5)

      const closed = await call('POST', `/partners/${p.id}/intentions/${jobs.id}/status`, { status: 'fulfilled', note: '已入职 3 人' }, team.staff)
      expect(AidIntention.parse(closed.json)).toMatchObject({ status: 'fulfilled', closeNote: '已入职 3 人' })
      const again = await call('POST', `/partners/${p.id}/intentions/${jobs.id}/status`, { status: 'withdrawn' }, team.staff)
      expect([again.status, again.json.error.code]).toEqual([409, 'intention_closed'])
      expect((await call('POST', `/partners/${p.id}/intentions/${jobs.id}/status`, { status: 'open' }, team.staff)).status).toBe(400)
      expect((await call('POST', `/partners/${p.id}/intentions/${newId()}/status`, { status: 'withdrawn' }, team.staff)).status).toBe(404)

      const mine = page(AidIntention).parse((await get(`/partners/${p.id}/intentions?status=open`, team.aidWorker)).json)
      expect(mine.items).toHaveLength(4)
      expect(mine.items.at(-1)?.id).toBe(money.id)
      const fulfilled = page(AidIntention).parse((await get('/partner-intentions?status=fulfilled', team.leader)).json)
      expect(fulfilled.items.map((x) => x.id)).toEqual([jobs.id])
      expect(page(AidIntention).parse((await get('/partner-intentions?kind=money', team.leader)).json).items.map((x) => x.id)).toEqual([money.id])
    })

    it('refuses bad intentions with the contract shape, writing nothing', async () => {
      const p = await addPartner({ name: '意向测试企业', kind: 'enterprise' })
      const before = await partnerCounts(api)
      const cases: [unknown, number, string, string][] = [
        [{ kind: 'gold', description: 'x' }, 400, 'invalid_request', 'kind'],
        [{ kind: 'money', description: '' }, 400, 'invalid_request', 'description'],
        [{ kind: 'money', description: 'x', amountFen: 0 }, 400, 'invalid_request', 'amountFen'],
        [{ kind: 'money', description: 'x', amountFen: 1.5 }, 400, 'invalid_request', 'amountFen'],
        [{ kind: 'jobs', description: 'x', quantity: -1 }, 400, 'invalid_request', 'quantity'],
        [{ kind: 'jobs', description: 'x', validUntil: '2027-02-30' }, 400, 'invalid_request', 'validUntil'],
        [{ kind: 'jobs', description: 'x', validUntil: '2026-11-01' }, 422, 'valid_until_past', 'validUntil'],
      ]
      for (const [body, status, code, path] of cases) {
        const r = await call('POST', `/partners/${p.id}/intentions`, body)
        expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
        expect(r.json.error.issues.map((i: { path: string }) => i.path)).toContain(path)
      }
      expect((await call('POST', `/partners/${newId()}/intentions`, { kind: 'money', description: 'x' })).status).toBe(404)
      for (const body of [{ kind: 'enterprise' }, { name: 'x', kind: 'company' }, { name: 'x', kind: 'individual', contactPhone: '12345' }, { name: ' ', kind: 'individual' }]) {
        expect((await call('POST', '/partners', body)).status, JSON.stringify(body)).toBe(400)
      }
      expect(await partnerCounts(api)).toEqual(before)
    })
  })

  it('adds up what a partner actually gave from the fund and its granary donors, leaving reversals out', async () => {
    const team = await fundTeam(api)
    const p = await addPartner({ name: '锦江粮油爱心企业', kind: 'enterprise' }, team.staff)
    const other = await addPartner({ name: '别的企业', kind: 'enterprise' }, team.staff)
    // Fund: two gifts linked to the partner (one reversed later), one to another partner, one unlinked.
    const give = async (amountFen: number, partnerId?: string) =>
      FundIncome.parse((await call('POST', '/fund/income', incomeBody({ donor: { kind: 'enterprise', name: '锦江粮油' }, amountFen, channel: 'bank_transfer', ...(partnerId ? { partnerId } : {}) }), team.staff)).json)
    const f1 = await give(200_000, p.id)
    const f2 = await give(50_000, p.id)
    await give(70_000, other.id)
    await give(9_000)
    expect((await call('POST', `/fund/entries/${f2.entryId}/reversal`, { reason: '转错账户' }, team.staff)).status).toBe(201)
    expect(page(FundIncome).parse((await get(`/fund/income?partnerId=${p.id}`, team.leader)).json).items.map((x) => x.id)).toEqual([f2.id, f1.id])

    // Granary: the partner's donor gave twice (one reversed); an unlinked donor's gift does not count.
    const donor = Donor.parse((await call('POST', '/granary/donors', { kind: 'enterprise', name: '锦江粮油门店' }, team.staff)).json)
    const stranger = Donor.parse((await call('POST', '/granary/donors', { kind: 'enterprise', name: '路过的公司' }, team.staff)).json)
    const donate = async (donorId: string, items: Parameters<typeof donationBody>[0]) => Donation.parse((await call('POST', '/granary/donations', donationBody(items, { anonymous: undefined, donorId }), team.staff)).json)
    const g1 = await donate(donor.id, [rice(), oil()])
    const g2 = await donate(donor.id, [rice({ quantity: 1 })])
    await donate(stranger.id, [rice({ quantity: 100 })])
    expect((await call('POST', `/granary/movements/${g2.movementId}/reversal`, { reason: '录错' }, team.staff)).status).toBe(201)

    const linked = await call('POST', `/partners/${p.id}/granary-donors`, { donorId: donor.id }, team.staff)
    expect(linked.status, linked.text).toBe(201)
    expect(Partner.parse(linked.json).granaryDonorIds).toEqual([donor.id])
    const twice = await call('POST', `/partners/${p.id}/granary-donors`, { donorId: donor.id }, team.staff)
    expect([twice.status, twice.json.error.code]).toEqual([409, 'donor_linked'])
    expect((await call('POST', `/partners/${other.id}/granary-donors`, { donorId: donor.id }, team.staff)).json.error.code).toBe('donor_linked')
    const unknown = await call('POST', `/partners/${p.id}/granary-donors`, { donorId: newId() }, team.staff)
    expect([unknown.status, unknown.json.error.code]).toEqual([422, 'unknown_donor'])
    expect((await call('POST', `/partners/${p.id}/granary-donors`, { donorId: donor.id }, team.leader)).status).toBe(403)

    const c = PartnerContributions.parse((await get(`/partners/${p.id}/contributions`, team.aidWorker)).json)
    const fund = c.sources.find((s) => s.source === 'fund')!
    const granary = c.sources.find((s) => s.source === 'granary')!
    expect(c.sources.map((s) => s.source)).toEqual(['fund', 'granary'])
    expect(fund).toMatchObject({ count: 1, totalFen: 200_000 })
    expect(fund.lines.map((l) => [l.id, l.reference, l.amountFen, l.reversed])).toEqual([
      [f1.id, f1.receiptNumber, 200_000, false],
      [f2.id, f2.receiptNumber, 50_000, true],
    ])
    expect(granary).toMatchObject({ count: 1, totalFen: g1.totalValueFen })
    expect(granary.lines.map((l) => [l.id, l.reference, l.amountFen, l.reversed])).toEqual([
      [g1.id, g1.receiptNumber, 10 * 3500 + 4 * 8900, false],
      [g2.id, g2.receiptNumber, 3500, true],
    ])
    expect(c.totalFen).toBe(200_000 + g1.totalValueFen)
    const none = PartnerContributions.parse((await get(`/partners/${other.id}/contributions`, team.leader)).json)
    expect([none.totalFen, none.sources.map((s) => s.count)]).toEqual([70_000, [1, 0]])
    expect((await get(`/partners/${newId()}/contributions`, team.leader)).status).toBe(404)
    // Another team's partner looks missing.
    expect((await get(`/partners/${p.id}/contributions`, t.staff)).status).toBe(404)
  })

  it('lets care staff and admins write, leaders and aid workers only read, volunteers nothing', async () => {
    const p = await addPartner({ name: '角色测试企业', kind: 'enterprise' }, t.admin)
    for (const cookie of [t.leader, t.aidWorker]) {
      for (const path of ['/partners', `/partners/${p.id}`, `/partners/${p.id}/intentions`, `/partners/${p.id}/contributions`, '/partner-intentions']) expect((await get(path, cookie)).status, path).toBe(200)
      expect((await call('POST', '/partners', { name: 'x', kind: 'individual' }, cookie)).status).toBe(403)
      expect((await call('PATCH', `/partners/${p.id}`, { note: 'x' }, cookie)).status).toBe(403)
      expect((await call('POST', `/partners/${p.id}/intentions`, { kind: 'money', description: 'x' }, cookie)).status).toBe(403)
    }
    for (const path of ['/partners', `/partners/${p.id}`, `/partners/${p.id}/contributions`, '/partner-intentions']) expect((await get(path, t.volunteer)).status, path).toBe(403)
    expect((await call('POST', '/partners', { name: 'x', kind: 'individual' }, t.volunteer)).status).toBe(403)
  })
})
