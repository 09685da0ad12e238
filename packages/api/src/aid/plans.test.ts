import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AidDelivery, AidDeliveryItem, AidHouseholdDetail, AidMeasure, AidNeed, AidNeedDetail, AidPlace, AidPledge, ErrorBody, page } from '@chayi/domain'
import { describeEachDialect, type TestDatabase } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { newHousehold } from './fixtures.js'

/** A 1×1 PNG: the smallest valid photo. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

type Counted = 'aidMeasures' | 'aidMeasureStatus' | 'aidNeeds' | 'aidPledges' | 'aidDeliveries' | 'aidDeliveryReversals' | 'aidIncomes' | 'ledgerEvents' | 'idempotencyKeys'
const COUNTED: Counted[] = ['aidMeasures', 'aidMeasureStatus', 'aidNeeds', 'aidPledges', 'aidDeliveries', 'aidDeliveryReversals', 'aidIncomes', 'ledgerEvents', 'idempotencyKeys']

async function counts(t: TestDatabase): Promise<Record<Counted, number>> {
  const out = {} as Record<Counted, number>
  for (const table of COUNTED) out[table] = Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
  return out
}

let seq = 0
/** A client-made delivery id, as the device would make it (UUID shape). */
const clientId = () => `0190b000-0000-7000-8000-${String(++seq).padStart(12, '0')}`

describeEachDialect('情系藏区 aid: measures, needs → pledges → deliveries', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let worker: string
  let leader: string
  let admin: string
  let admin2: string
  let volunteer: string
  let counter: string
  let outsider: string
  let village: AidPlace
  let partnerA: string
  let partnerB: string
  let outsiderPartner: string

  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam('plans')
    const other = await api.makeTeam('plans2')
    const sign = async (teamId: string, roles: string[]) => api.signIn((await api.makeUser(teamId, roles as never)).username!)
    worker = await sign(team.id, ['aid_worker'])
    leader = await sign(team.id, ['leader'])
    admin = await sign(team.id, ['admin'])
    admin2 = await sign(team.id, ['admin'])
    volunteer = await sign(team.id, ['volunteer'])
    counter = await sign(team.id, ['counter_staff'])
    outsider = await sign(other.id, ['aid_worker', 'admin'])

    const place = async (cookie: string, body: Record<string, unknown>) => {
      const r = await api.call('POST', '/api/v1/aid/places', { cookie, body })
      if (r.status !== 201) throw new Error(r.text)
      return AidPlace.parse(r.json)
    }
    const county = await place(worker, { level: 'county', name: '示例县' })
    const township = await place(worker, { level: 'township', parentId: county.id, name: '卓玛乡' })
    village = await place(worker, { level: 'village', parentId: township.id, name: '达瓦村' })
    const partner = async (cookie: string, name: string) => {
      const r = await api.call('POST', '/api/v1/partners', { cookie, body: { name, kind: 'enterprise', contactName: '王经理' } })
      if (r.status !== 201) throw new Error(r.text)
      return r.json.id as string
    }
    partnerA = await partner(admin, '成都示例茶业有限公司')
    partnerB = await partner(admin, '锦江示例建筑公司')
    outsiderPartner = await partner(outsider, '外队示例公司')
  }, 60_000)
  afterAll(() => api.close())

  const post = (cookie: string, path: string, body: unknown, headers?: Record<string, string>) => api.call('POST', `/api/v1${path}`, { cookie, body, ...(headers ? { headers } : {}) })
  const get = (cookie: string, path: string) => api.call('GET', `/api/v1${path}`, { cookie })

  async function household() {
    const r = await post(worker, '/aid/households', newHousehold(village.id))
    if (r.status !== 201) throw new Error(r.text)
    return AidHouseholdDetail.parse(r.json)
  }
  async function need(householdId: string, body: Record<string, unknown> = { kind: 'jobs', description: '户主需要稳定务工岗位', estimatedFen: 3_600_000 }) {
    const r = await post(worker, `/aid/households/${householdId}/needs`, body)
    if (r.status !== 201) throw new Error(r.text)
    return AidNeedDetail.parse(r.json)
  }
  async function pledge(needId: string, partnerId = partnerA, body: Record<string, unknown> = {}) {
    const r = await post(worker, `/aid/needs/${needId}/pledges`, { partnerId, what: '茶厂季节性岗位一个', amountFen: 3_600_000, ...body })
    if (r.status !== 201) throw new Error(r.text)
    return AidPledge.parse(r.json)
  }
  const deliveryBody = (over: Record<string, unknown> = {}) => ({
    id: clientId(),
    partnerId: partnerA,
    what: '安排户主到茶厂务工',
    valueFen: 3_600_000,
    deliveredOn: '2026-11-20',
    photos: [PNG, PNG],
    confirmation: { confirmedBy: '扎西', method: 'signature', signature: PNG },
    ...over,
  })
  async function deliver(needId: string, over: Record<string, unknown> = {}) {
    const r = await post(worker, `/aid/needs/${needId}/deliveries`, deliveryBody(over))
    if (r.status !== 201) throw new Error(r.text)
    return AidDelivery.parse(r.json)
  }

  it('keeps a household plan: measures with a partner, status moves and their history', async () => {
    const h = await household()
    const r = await post(worker, `/aid/households/${h.id}/measures`, { kind: 'employment', content: '安排户主到合作社务工', partnerId: partnerA, amountFen: 2_400_000, dueOn: '2027-03-31' })
    expect(r.status).toBe(201)
    const m = AidMeasure.parse(r.json)
    expect(m).toMatchObject({ status: 'planned', partnerName: '成都示例茶业有限公司', amountFen: 2_400_000, dueOn: '2027-03-31' })
    await post(worker, `/aid/households/${h.id}/measures`, { kind: 'education_training', content: '参加藏茶加工技能培训' })

    // What it says may change while it is open; null clears an optional field.
    const patched = await api.call('PATCH', `/api/v1/aid/measures/${m.id}`, { cookie: worker, body: { content: '安排户主到茶厂务工', partnerId: partnerB, dueOn: null } })
    expect(patched.status).toBe(200)
    expect(AidMeasure.parse(patched.json)).toMatchObject({ content: '安排户主到茶厂务工', partnerName: '锦江示例建筑公司', dueOn: null, amountFen: 2_400_000, status: 'planned' })
    const changedEvent = await ctx().db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'aid.measure_changed').where('entityId', '=', m.id).executeTakeFirstOrThrow()
    expect(JSON.parse(changedEvent.payload)).toMatchObject({ from: { partnerId: partnerA, dueOn: '2027-03-31' }, to: { partnerId: partnerB, dueOn: null } })

    const moved = await post(worker, `/aid/measures/${m.id}/status`, { status: 'in_progress' })
    expect(moved.status).toBe(200)
    const done = AidMeasure.parse((await post(leader, `/aid/measures/${m.id}/status`, { status: 'done' })).json)
    expect(done.history.map((x) => [x.from, x.to])).toEqual([
      [null, 'planned'],
      ['planned', 'in_progress'],
      ['in_progress', 'done'],
    ])
    const list = page(AidMeasure).parse((await get(worker, `/aid/households/${h.id}/measures`)).json)
    expect(list.items.map((x) => x.kind)).toEqual(['employment', 'education_training'])

    const before = await counts(ctx())
    const back = await post(worker, `/aid/measures/${m.id}/status`, { status: 'cancelled', reason: '户主外出' })
    expect(back.status).toBe(422)
    expect(ErrorBody.parse(back.json).error.code).toBe('bad_transition')
    const noReason = await post(worker, `/aid/measures/${list.items[1]!.id}/status`, { status: 'cancelled' })
    expect(noReason.status).toBe(400)
    expect(ErrorBody.parse(noReason.json).error.issues?.[0]?.path).toBe('reason')
    expect((await post(worker, `/aid/households/${h.id}/measures`, { kind: 'employment', content: '务工', partnerId: outsiderPartner })).status).toBe(422)
    expect((await post(worker, `/aid/households/${h.id}/measures`, { kind: 'no_such_kind', content: '务工' })).status).toBe(400)
    expect((await post(worker, `/aid/households/${h.id}/measures`, { kind: 'employment', content: '务工', amountFen: -5 })).status).toBe(400)
    const patch = (id: string, body: unknown) => api.call('PATCH', `/api/v1/aid/measures/${id}`, { cookie: worker, body })
    const closed = await patch(m.id, { content: '改一下' })
    expect(closed.status).toBe(422)
    expect(ErrorBody.parse(closed.json).error.code).toBe('measure_closed')
    expect((await patch(list.items[1]!.id, {})).status).toBe(400)
    expect((await patch(list.items[1]!.id, { partnerId: outsiderPartner })).status).toBe(422)
    expect(await counts(ctx())).toEqual(before)

    const cancelled = AidMeasure.parse((await post(worker, `/aid/measures/${list.items[1]!.id}/status`, { status: 'cancelled', reason: '培训班停办' })).json)
    expect(cancelled.history.at(-1)).toMatchObject({ from: 'planned', to: 'cancelled', reason: '培训班停办' })
  })

  it('takes a need from open to pledged to delivered, crediting wages to the delivery year', async () => {
    const h = await household()
    const n = await need(h.id)
    expect(n).toMatchObject({ status: 'open', kind: 'jobs', pledgeCount: 0, householdCode: h.code })
    const p = await pledge(n.id)
    await pledge(n.id, partnerB, { what: '建筑工地岗位', amountFen: undefined })
    expect(AidNeedDetail.parse((await get(worker, `/aid/needs/${n.id}`)).json)).toMatchObject({ status: 'pledged', pledgeCount: 2 })

    const d = await deliver(n.id, { pledgeId: p.id, incomeCredit: { component: 'wagesFen', amountFen: 3_600_000 }, deliveredOn: '2026-03-01' })
    expect(d).toMatchObject({ needId: n.id, householdId: h.id, pledgeId: p.id, partnerName: '成都示例茶业有限公司', photoCount: 2, hasPhotos: true, hasSignature: true, reversal: null })
    expect(d.photos).toEqual([PNG, PNG])
    expect(d.signature).toBe(PNG)
    expect(d.incomeCredit).toMatchObject({ component: 'wagesFen', amountFen: 3_600_000 })

    const detail = AidNeedDetail.parse((await get(worker, `/aid/needs/${n.id}`)).json)
    expect(detail).toMatchObject({ status: 'delivered', deliveredFen: 3_600_000 })
    expect(detail.pledges.map((x) => x.partnerName)).toEqual(['成都示例茶业有限公司', '锦江示例建筑公司'])
    expect(detail.deliveries).toHaveLength(1)
    expect(detail.deliveries[0]).not.toHaveProperty('photos')
    expect(detail.deliveries[0]).not.toHaveProperty('signature')

    const income = await ctx().db.selectFrom('aidIncomes').selectAll().where('deliveryId', '=', d.id).execute()
    expect(income).toHaveLength(1)
    expect(income[0]).toMatchObject({ id: d.incomeCredit!.incomeId, householdId: h.id, source: 'partner_credit', year: 2026, asOf: '2026-03-01', memberCount: 2 })
    expect(Number(income[0]!.wagesFen)).toBe(3_600_000)
    expect(Number(income[0]!.businessFen)).toBe(0)
    expect(Number(income[0]!.perCapitaFen)).toBe(1_800_000)

    const list = page(AidDeliveryItem).parse((await get(worker, `/aid/households/${h.id}/deliveries`)).json)
    expect(list.items.map((x) => x.id)).toEqual([d.id])
    expect(list.items[0]).not.toHaveProperty('photos')

    const event = await ctx().db.selectFrom('ledgerEvents').selectAll().where('kind', '=', 'aid.delivery_recorded').where('entityId', '=', d.id).executeTakeFirstOrThrow()
    expect(event.payload).not.toContain('data:image')

    // The lists find the need by status, household and either partner.
    for (const q of ['status=delivered', `householdId=${h.id}`, `partnerId=${partnerB}`]) {
      const found = page(AidNeed).parse((await get(leader, `/aid/needs?${q}`)).json)
      expect(found.items.map((x) => x.id), q).toContain(n.id)
    }
    expect(page(AidNeed).parse((await get(leader, `/aid/needs?status=open&householdId=${h.id}`)).json).items).toEqual([])
  })

  it('filters the needs on the server by what is still waiting, kind and place (in or below it)', async () => {
    const township = village.parentId!
    const other = AidPlace.parse((await post(worker, '/aid/places', { level: 'village', parentId: township, name: '扎西岗村' })).json)
    const group = AidPlace.parse((await post(worker, '/aid/places', { level: 'group', parentId: village.id, name: '一组' })).json)
    const inGroup = AidHouseholdDetail.parse((await post(worker, '/aid/households', newHousehold(group.id))).json)
    const elsewhere = AidHouseholdDetail.parse((await post(worker, '/aid/households', newHousehold(other.id))).json)
    const school = await need(inGroup.id, { kind: 'school_aid', description: '子女高中学费' })
    const jobs = await need(inGroup.id)
    await pledge(jobs.id)
    const done = await need(inGroup.id, { kind: 'school_aid', description: '大学新生路费' })
    await deliver(done.id)
    const far = await need(elsewhere.id, { kind: 'school_aid', description: '小学生校服' })
    const ids = async (q: string) => page(AidNeed).parse((await get(leader, `/aid/needs?limit=200&${q}`)).json).items.map((x) => x.id)

    // The village holds the group: its needs are found through it, the other village's are not.
    const inVillage = await ids(`placeId=${village.id}`)
    expect(inVillage).toEqual(expect.arrayContaining([school.id, jobs.id, done.id]))
    expect(inVillage).not.toContain(far.id)
    expect(await ids(`placeId=${other.id}`)).toEqual([far.id])
    expect(await ids(`placeId=${township}&kind=school_aid&status=active`)).toEqual(expect.arrayContaining([school.id, far.id]))
    const active = await ids(`placeId=${group.id}&status=active`)
    expect(active.sort()).toEqual([school.id, jobs.id].sort())
    expect(await ids(`placeId=${group.id}&kind=school_aid`)).toEqual([done.id, school.id])
    expect((await get(leader, '/aid/needs?kind=luxury')).status).toBe(400)
    expect((await get(leader, '/aid/needs?status=waiting')).status).toBe(400)
    expect(await ids(`placeId=0190a000-0000-7000-8000-0000000000aa`)).toEqual([])
  })

  it('pages the needs newest first with a cursor', async () => {
    const h = await household()
    const made = [await need(h.id), await need(h.id, { kind: 'school_aid', description: '子女高中学费' }), await need(h.id, { kind: 'daily_necessities', description: '冬季棉被' })]
    const first = page(AidNeed).parse((await get(worker, `/aid/needs?householdId=${h.id}&limit=2`)).json)
    expect(first.items.map((x) => x.id)).toEqual([made[2]!.id, made[1]!.id])
    expect(first.nextCursor).not.toBeNull()
    const second = page(AidNeed).parse((await get(worker, `/aid/needs?householdId=${h.id}&limit=2&cursor=${first.nextCursor}`)).json)
    expect(second.items.map((x) => x.id)).toEqual([made[0]!.id])
    expect(second.nextCursor).toBeNull()
  })

  it('stores a delivery resent with the same id once and answers the stored record', async () => {
    const h = await household()
    const n = await need(h.id)
    const body = deliveryBody({ incomeCredit: { component: 'businessFen', amountFen: 50_000 } })
    const first = await post(worker, `/aid/needs/${n.id}/deliveries`, body)
    expect(first.status).toBe(201)
    const before = await counts(ctx())
    const again = await post(worker, `/aid/needs/${n.id}/deliveries`, body)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.json).toEqual(first.json)
    expect(await counts(ctx())).toEqual(before)
    expect(await ctx().db.selectFrom('aidDeliveries').select('id').where('id', '=', body.id).execute()).toHaveLength(1)
    expect(await ctx().db.selectFrom('aidIncomes').select('id').where('deliveryId', '=', body.id).execute()).toHaveLength(1)

    // The same id for another need is someone else's record.
    const other = await need(h.id)
    const taken = await post(worker, `/aid/needs/${other.id}/deliveries`, body)
    expect(taken.status).toBe(409)
    expect(ErrorBody.parse(taken.json).error.code).toBe('id_taken')
  })

  it('reverses a delivery by a new entry: negative credit, the original untouched, the need back', async () => {
    const h = await household()
    const n = await need(h.id)
    const p = await pledge(n.id)
    const d = await deliver(n.id, { pledgeId: p.id, incomeCredit: { component: 'wagesFen', amountFen: 1_200_000 } })
    const original = await ctx().db.selectFrom('aidDeliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow()

    const r = await post(leader, `/aid/deliveries/${d.id}/reverse`, { reason: '录错了户' })
    expect(r.status).toBe(201)
    const reversed = AidDelivery.parse(r.json)
    expect(reversed.reversal).toMatchObject({ reason: '录错了户' })
    expect(await ctx().db.selectFrom('aidDeliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow()).toEqual(original)

    const incomes = await ctx().db.selectFrom('aidIncomes').selectAll().where('deliveryId', '=', d.id).orderBy('createdAt').orderBy('id').execute()
    expect(incomes).toHaveLength(2)
    expect(incomes[1]).toMatchObject({ id: reversed.reversal!.incomeId, reversesId: incomes[0]!.id, source: 'partner_credit', year: incomes[0]!.year })
    expect(Number(incomes[1]!.wagesFen)).toBe(-1_200_000)
    expect(Number(incomes[0]!.netFen) + Number(incomes[1]!.netFen)).toBe(0)
    expect(Number(incomes[0]!.perCapitaFen) + Number(incomes[1]!.perCapitaFen)).toBe(0)

    expect(AidNeedDetail.parse((await get(worker, `/aid/needs/${n.id}`)).json)).toMatchObject({ status: 'pledged', deliveredFen: 0 })
    const twice = await post(leader, `/aid/deliveries/${d.id}/reverse`, { reason: '再来一次' })
    expect(twice.status).toBe(409)
    expect(ErrorBody.parse(twice.json).error.code).toBe('already_reversed')

    // A need met without a pledge goes back to open.
    const n2 = await need(h.id, { kind: 'daily_necessities', description: '冬季棉被两床' })
    const d2 = await deliver(n2.id, { what: '棉被两床', valueFen: 40_000, confirmation: { confirmedBy: '卓玛', method: 'thumbprint' } })
    expect(d2.incomeCredit).toBeNull()
    await post(worker, `/aid/deliveries/${d2.id}/reverse`, { reason: '重复录入' })
    expect(AidNeedDetail.parse((await get(worker, `/aid/needs/${n2.id}`)).json).status).toBe('open')
    const list = page(AidDeliveryItem).parse((await get(worker, `/aid/households/${h.id}/deliveries`)).json)
    expect(list.items.every((x) => x.reversal !== null)).toBe(true)
  })

  it('links a delivery to a granary distribution or an approved fund expense of the team, one at a time', async () => {
    const h = await household()
    const n = await need(h.id, { kind: 'daily_necessities', description: '口粮不足' })
    // Goods from the granary, handed out to this household.
    const donation = await post(admin, '/granary/donations', {
      anonymous: true,
      receivedAt: '2026-11-10T02:00:00.000Z',
      items: [{ category: 'grain_oil', description: '大米 5kg', quantity: 10, unit: '袋', unitValueFen: 3500, valuationBasis: 'market_price' }],
    })
    expect(donation.status).toBe(201)
    const distribute = (recipientId: string) =>
      post(admin, '/granary/distributions', { recipient: { kind: 'aid_household', id: recipientId, label: h.code }, items: [{ category: 'grain_oil', description: '大米 5kg', unit: '袋', quantity: 2 }] })
    const dist = await distribute(h.id)
    expect(dist.status).toBe(201)
    const linked = await deliver(n.id, { what: '大米两袋', valueFen: 7000, granaryDistributionId: dist.json.id })
    expect(linked.granaryDistributionId).toBe(dist.json.id)

    // Money from the fund: requested by one admin, approved by another.
    expect((await post(admin, '/fund/income', { donor: { kind: 'anonymous' }, amountFen: 500_000, channel: 'wechat', receivedAt: '2026-11-20T02:00:00.000Z' })).status).toBe(201)
    const expense = await post(admin, '/fund/expenses', { purpose: '助学金', payee: '达瓦村小学', amountFen: 100_000 })
    expect(expense.status).toBe(201)
    const pending = await post(admin, '/fund/expenses', { purpose: '医疗救助', payee: '县医院', amountFen: 50_000 })
    expect((await post(admin2, `/fund/expenses/${expense.json.id}/decision`, { approve: true })).status).toBe(200)
    const school = await need(h.id, { kind: 'school_aid', description: '子女学费' })
    const paid = await deliver(school.id, { what: '学费资助', valueFen: 100_000, fundExpenseId: expense.json.id })
    expect(paid.fundExpenseId).toBe(expense.json.id)

    // Another team's records, someone else's distribution, an unpaid expense, both at once, or a second link: refused.
    const otherDonation = await post(outsider, '/granary/donations', {
      anonymous: true,
      receivedAt: '2026-11-10T02:00:00.000Z',
      items: [{ category: 'grain_oil', description: '大米 5kg', quantity: 5, unit: '袋', unitValueFen: 3500, valuationBasis: 'market_price' }],
    })
    expect(otherDonation.status).toBe(201)
    const otherDist = await post(outsider, '/granary/distributions', { recipient: { kind: 'aid_household', id: h.id, label: 'x' }, items: [{ category: 'grain_oil', description: '大米 5kg', unit: '袋', quantity: 1 }] })
    expect(otherDist.status).toBe(201)
    const elsewhere = await distribute('0190a000-0000-7000-8000-00000000b001')
    expect(elsewhere.status).toBe(201)
    // A distribution taken back and an expense whose payment was reversed back nothing.
    const returned = await distribute(h.id)
    expect((await post(admin, `/granary/movements/${returned.json.movementId}/reversal`, { reason: '物资退回' })).status).toBe(201)
    const refunded = await post(admin, '/fund/expenses', { purpose: '助学金', payee: '达瓦村小学', amountFen: 20_000 })
    const approved = await post(admin2, `/fund/expenses/${refunded.json.id}/decision`, { approve: true })
    expect((await post(admin, `/fund/entries/${approved.json.entryId}/reversal`, { reason: '学校退款' })).status).toBe(201)
    const n2 = await need(h.id, { kind: 'medical', description: '住院费用' })
    const before = await counts(ctx())
    const cases: [Record<string, unknown>, number, string][] = [
      [{ granaryDistributionId: otherDist.json.id }, 422, 'unknown_distribution'],
      [{ granaryDistributionId: elsewhere.json.id }, 422, 'distribution_not_for_household'],
      [{ granaryDistributionId: dist.json.id }, 422, 'already_linked'],
      [{ granaryDistributionId: returned.json.id }, 422, 'distribution_reversed'],
      [{ fundExpenseId: pending.json.id }, 422, 'expense_not_paid'],
      [{ fundExpenseId: refunded.json.id }, 422, 'expense_not_paid'],
      [{ fundExpenseId: expense.json.id }, 422, 'already_linked'],
      [{ fundExpenseId: '0190a000-0000-7000-8000-0000000000ff' }, 422, 'unknown_expense'],
      [{ granaryDistributionId: dist.json.id, fundExpenseId: expense.json.id }, 400, 'invalid_request'],
    ]
    for (const [over, status, code] of cases) {
      const r = await post(worker, `/aid/needs/${n2.id}/deliveries`, deliveryBody(over))
      expect(r.status, code).toBe(status)
      expect(ErrorBody.parse(r.json).error.code, code).toBe(code)
    }
    expect(await counts(ctx())).toEqual(before)

    // Once the first delivery is reversed, its distribution may back another.
    await post(worker, `/aid/deliveries/${linked.id}/reverse`, { reason: '录错需求' })
    expect((await post(worker, `/aid/needs/${n2.id}/deliveries`, deliveryBody({ granaryDistributionId: dist.json.id }))).status).toBe(201)
  })

  it('refuses bad input with the contract shape and writes nothing', async () => {
    const h = await household()
    const n = await need(h.id)
    const p = await pledge(n.id)
    const gone = await need(h.id, { kind: 'housing', description: '危房改造' })
    expect((await post(worker, `/aid/needs/${gone.id}/withdraw`, { reason: '已纳入政府危改' })).status).toBe(200)
    const before = await counts(ctx())
    const cases: [string, Record<string, unknown>, number, string][] = [
      [n.id, { photos: [] }, 400, 'invalid_request'],
      [n.id, { valueFen: -100 }, 400, 'invalid_request'],
      [n.id, { valueFen: 12.5 }, 400, 'invalid_request'],
      [n.id, { photos: ['https://example.com/a.png'] }, 400, 'invalid_request'],
      [n.id, { confirmation: { confirmedBy: '扎西', method: 'signature' } }, 400, 'invalid_request'],
      [n.id, { incomeCredit: { component: 'costsFen', amountFen: 100 } }, 400, 'invalid_request'],
      [n.id, { deliveredOn: '2026-13-01' }, 400, 'invalid_request'],
      [n.id, { partnerId: outsiderPartner }, 422, 'unknown_partner'],
      [n.id, { pledgeId: p.id, partnerId: partnerB }, 422, 'pledge_partner_mismatch'],
      [n.id, { pledgeId: '0190a000-0000-7000-8000-0000000000aa' }, 422, 'unknown_pledge'],
      [n.id, { deliveredOn: '2027-01-05' }, 422, 'future_date'],
      [gone.id, {}, 422, 'need_closed'],
    ]
    for (const [needId, over, status, code] of cases) {
      const r = await post(worker, `/aid/needs/${needId}/deliveries`, deliveryBody(over))
      expect(r.status, JSON.stringify(over)).toBe(status)
      expect(ErrorBody.parse(r.json).error.code, JSON.stringify(over)).toBe(code)
    }
    expect((await post(worker, `/aid/needs/${gone.id}/pledges`, { partnerId: partnerA, what: '资助' })).status).toBe(422)
    expect((await post(worker, `/aid/needs/${n.id}/pledges`, { partnerId: outsiderPartner, what: '资助' })).status).toBe(422)
    expect((await post(worker, `/aid/needs/${n.id}/pledges`, { partnerId: partnerA, what: '' })).status).toBe(400)
    expect((await post(worker, `/aid/households/${h.id}/needs`, { kind: 'luxury', description: '汽车' })).status).toBe(400)
    expect((await post(worker, `/aid/households/${h.id}/needs`, { kind: 'medical', description: '药费', estimatedFen: -1 })).status).toBe(400)
    expect((await post(worker, `/aid/needs/${gone.id}/withdraw`, { reason: '再撤一次' })).status).toBe(422)
    expect(await counts(ctx())).toEqual(before)

    // A delivered need cannot be withdrawn, pledged to or delivered again (two phones delivering it offline: the second is refused).
    await deliver(n.id, { pledgeId: p.id })
    const delivered = await counts(ctx())
    const w = await post(worker, `/aid/needs/${n.id}/withdraw`, { reason: '不需要了' })
    expect(w.status).toBe(422)
    expect(ErrorBody.parse(w.json).error.code).toBe('need_closed')
    const again = await post(worker, `/aid/needs/${n.id}/deliveries`, deliveryBody({ pledgeId: p.id }))
    expect(again.status).toBe(422)
    expect(ErrorBody.parse(again.json).error).toMatchObject({ code: 'need_closed', issues: [{ path: 'needId', message: 'the need is delivered' }] })
    expect(ErrorBody.parse((await post(worker, `/aid/needs/${n.id}/pledges`, { partnerId: partnerB, what: '再资助' })).json).error.code).toBe('need_closed')
    expect(await counts(ctx())).toEqual(delivered)
  })

  it('answers 404 to another team and 403 to volunteers and counter staff', async () => {
    const h = await household()
    const n = await need(h.id)
    const d = await deliver(n.id)
    const m = AidMeasure.parse((await post(worker, `/aid/households/${h.id}/measures`, { kind: 'health', content: '家庭医生签约' })).json)
    const before = await counts(ctx())
    const reads = [`/aid/households/${h.id}/measures`, `/aid/needs/${n.id}`, `/aid/deliveries/${d.id}`, `/aid/households/${h.id}/deliveries`]
    for (const path of reads) expect((await get(outsider, path)).status, path).toBe(404)
    expect(page(AidNeed).parse((await get(outsider, '/aid/needs')).json).items).toEqual([])
    const writes: [string, unknown][] = [
      [`/aid/households/${h.id}/measures`, { kind: 'health', content: '家庭医生签约' }],
      [`/aid/measures/${m.id}/status`, { status: 'in_progress' }],
      [`/aid/households/${h.id}/needs`, { kind: 'medical', description: '药费' }],
      [`/aid/needs/${n.id}/pledges`, { partnerId: outsiderPartner, what: '资助' }],
      [`/aid/needs/${n.id}/deliveries`, deliveryBody({ partnerId: outsiderPartner })],
      [`/aid/needs/${n.id}/withdraw`, { reason: '外队撤回' }],
      [`/aid/deliveries/${d.id}/reverse`, { reason: '外队冲销' }],
    ]
    for (const [path, body] of writes) expect((await post(outsider, path, body)).status, path).toBe(404)
    expect((await api.call('PATCH', `/api/v1/aid/measures/${m.id}`, { cookie: outsider, body: { content: '外队改' } })).status).toBe(404)
    for (const cookie of [volunteer, counter]) expect((await api.call('PATCH', `/api/v1/aid/measures/${m.id}`, { cookie, body: { content: '改' } })).status).toBe(403)
    for (const cookie of [volunteer, counter]) {
      for (const path of [...reads, '/aid/needs']) expect((await get(cookie, path)).status, path).toBe(403)
      for (const [path, body] of writes) expect((await post(cookie, path, body)).status, path).toBe(403)
    }
    expect(await counts(ctx())).toEqual(before)
  })
})
