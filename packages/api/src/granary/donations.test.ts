import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Donation, DonationReceipt, DonationSummary, Donor, DonorYearReceipt, ErrorBody, isValidReceiptCode, itemKeyOf, page, Place } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { donationBody, granaryCounts, granaryTeam, oil, rice } from './fixtures.js'

describeEachDialect('granary: donors, places, donations, receipts', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof granaryTeam>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await granaryTeam(api, 'xf')
  }, 60_000)
  afterAll(() => api.close())

  const post = (path: string, body: unknown, cookie = t.staff, headers?: Record<string, string>) => api.call('POST', `/api/v1/granary${path}`, { cookie, body, ...(headers ? { headers } : {}) })
  const get = (path: string, cookie = t.staff) => api.call('GET', `/api/v1/granary${path}`, { cookie })

  describe('donors', () => {
    it('seals a person’s phone, masks it in lists and for leaders, and keeps names and phones out of the chain', async () => {
      const r = await post('/donors', { kind: 'person', name: '王爱心', phone: '13912345678', note: '每月送米' })
      expect(r.status, r.text).toBe(201)
      const donor = Donor.parse(r.json)
      expect(donor).toMatchObject({ kind: 'person', name: '王爱心', displayName: '王爱心', phone: '13912345678', contact: null })

      const row = await api.deps.db.selectFrom('granaryDonors').selectAll().where('id', '=', donor.id).executeTakeFirstOrThrow()
      expect(row.phoneEnc).not.toContain('13912345678')
      expect(api.deps.cipher.decrypt(row.phoneEnc!)).toBe('13912345678')

      const list = page(Donor).parse((await get('/donors')).json)
      expect(list.items.find((d) => d.id === donor.id)?.phone).toBe('139****5678')
      expect(Donor.parse((await get(`/donors/${donor.id}`)).json).phone).toBe('13912345678')
      expect(Donor.parse((await get(`/donors/${donor.id}`, t.leader)).json).phone).toBe('139****5678')

      const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', donor.id).execute()
      expect(ev.map((e) => [e.kind, JSON.parse(e.payload)])).toEqual([['granary.donor_created', { kind: 'person' }]])

      const again = await post('/donors', { kind: 'person', name: '王某', phone: '13912345678' })
      expect([again.status, again.json.error.code]).toEqual([409, 'donor_exists'])
    })

    it('adds enterprises and anonymous donors, filters by kind and pages newest first', async () => {
      const e = Donor.parse((await post('/donors', { kind: 'enterprise', name: '锦江爱心粮油公司', contact: '李经理 028-12345678' })).json)
      expect(e).toMatchObject({ kind: 'enterprise', displayName: '锦江爱心粮油公司', contact: '李经理 028-12345678', phone: null })
      const a = Donor.parse((await post('/donors', { kind: 'anonymous', note: '常来的老先生' })).json)
      expect(a).toMatchObject({ kind: 'anonymous', name: null, displayName: '匿名爱心人士', note: '常来的老先生' })
      const ents = page(Donor).parse((await get('/donors?kind=enterprise')).json)
      expect(ents.items.map((d) => d.kind)).toEqual(['enterprise'])
      const first = page(Donor).parse((await get('/donors?limit=1')).json)
      expect(first.items.map((d) => d.id)).toEqual([a.id])
      const second = page(Donor).parse((await get(`/donors?limit=1&cursor=${first.nextCursor}`)).json)
      expect(second.items.map((d) => d.id)).toEqual([e.id])
    })

    it('refuses bad donor bodies with the contract shape, writing nothing', async () => {
      const before = await granaryCounts(api)
      for (const body of [{ kind: 'person', name: '张三' }, { kind: 'person', name: '张三', phone: '123' }, { kind: 'robot', name: 'x' }, { kind: 'enterprise', name: '  ' }, {}]) {
        const r = await post('/donors', body)
        expect(r.status, JSON.stringify(body)).toBe(400)
        expect(ErrorBody.parse(r.json).error.code).toBe('invalid_request')
      }
      expect(await granaryCounts(api)).toEqual(before)
    })
  })

  describe('places', () => {
    it('adds places with unique names and lists them', async () => {
      const r = await post('/places', { name: '二楼仓库', note: '靠楼梯' })
      expect(r.status).toBe(201)
      const p = Place.parse(r.json)
      expect((await post('/places', { name: '二楼仓库' })).json.error.code).toBe('place_exists')
      expect((await post('/places', { name: '' })).status).toBe(400)
      const list = page(Place).parse((await get('/places')).json)
      expect(list.items.map((x) => x.name)).toContain('二楼仓库')
      expect(list.items.find((x) => x.id === p.id)?.note).toBe('靠楼梯')
    })
  })

  describe('donations', () => {
    it('turns each item into a lot with its value frozen, with a receipt code and a gap-free receipt number', async () => {
      const team = await granaryTeam(api, 'sx')
      const donor = Donor.parse((await post('/donors', { kind: 'enterprise', name: '三圣花乡茶社' }, team.staff)).json)
      const r = await post('/donations', donationBody([rice(), oil({ expiresOn: '2027-06-30' })], { anonymous: undefined, donorId: donor.id, note: '中秋捐赠' }), team.staff)
      expect(r.status, r.text).toBe(201)
      const d = Donation.parse(r.json)
      expect(isValidReceiptCode(d.receiptCode)).toBe(true)
      expect(d).toMatchObject({ receiptNumber: 'SX-J-2026-000001', donorId: donor.id, donorKind: 'enterprise', donorName: '三圣花乡茶社', placeName: '茶义仓', lotCount: 2, totalQuantity: 14, totalValueFen: 10 * 3500 + 4 * 8900, reversed: false })
      expect(d.lots.map((l) => [l.lineNo, l.itemKey, l.quantity, l.unitValueFen, l.valueFen, l.onHand, l.expiresOn])).toEqual([
        [1, itemKeyOf('grain_oil', '大米 5kg', '袋'), 10, 3500, 35000, 10, null],
        [2, itemKeyOf('grain_oil', '菜籽油 5L', '桶'), 4, 8900, 35600, 4, '2027-06-30'],
      ])
      const second = Donation.parse((await post('/donations', donationBody([rice({ quantity: 1 })]), team.staff)).json)
      expect(second.receiptNumber).toBe('SX-J-2026-000002')
      expect(second.receiptCode).not.toBe(d.receiptCode)
      expect(second).toMatchObject({ donorId: null, donorKind: 'anonymous', donorName: '匿名爱心人士' })
      // A refused intake gives its number back with everything else.
      expect((await post('/donations', donationBody([rice({ quantity: 0 })]), team.staff)).status).toBe(400)
      expect((await post('/donations', donationBody([rice({ expiresOn: '2026-01-01' })]), team.staff)).status).toBe(422)
      expect(Donation.parse((await post('/donations', donationBody([rice({ quantity: 2 })]), team.staff)).json).receiptNumber).toBe('SX-J-2026-000003')

      const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', d.id).executeTakeFirstOrThrow()
      expect(ev.kind).toBe('granary.donation_recorded')
      expect(JSON.parse(ev.payload)).toMatchObject({ receiptCode: d.receiptCode, donorId: donor.id, donorKind: 'enterprise', movementId: d.movementId, totalValueFen: 70600 })
      expect(ev.payload).not.toContain('三圣花乡茶社')
      expect(ev.payload).not.toContain('中秋')

      const one = Donation.parse((await get(`/donations/${d.id}`, team.leader)).json)
      expect(one.lots).toHaveLength(2)
      const list = page(DonationSummary).parse((await get('/donations?limit=2', team.leader)).json)
      expect(list.items).toHaveLength(2)
      const rest = page(DonationSummary).parse((await get(`/donations?limit=2&cursor=${list.nextCursor}`, team.leader)).json)
      expect([...list.items, ...rest.items].map((x) => x.receiptNumber)).toEqual(['SX-J-2026-000003', 'SX-J-2026-000002', 'SX-J-2026-000001'])
      expect(rest.nextCursor).toBeNull()
      const byDonor = page(DonationSummary).parse((await get(`/donations?donorId=${donor.id}`, team.leader)).json)
      expect(byDonor.items.map((x) => x.id)).toEqual([d.id])
    })

    it('takes an inline donor (finding a person again by phone), a place, and a small photo', async () => {
      const team = await granaryTeam(api)
      const place = Place.parse((await post('/places', { name: '茶馆后屋' }, team.staff)).json)
      const photo = `data:image/png;base64,${Buffer.alloc(1000, 7).toString('base64')}`
      const body = donationBody([rice({ photo })], { anonymous: undefined, donor: { kind: 'person', name: '刘阿姨', phone: '13800001111' }, placeId: place.id })
      const first = Donation.parse((await post('/donations', body, team.staff)).json)
      expect(first).toMatchObject({ donorKind: 'person', donorName: '刘阿姨', placeId: place.id, placeName: '茶馆后屋' })
      expect(first.lots[0]).toMatchObject({ hasPhoto: true })
      expect(first.lots[0]!.photo).toBeUndefined()
      expect(Donation.parse((await get(`/donations/${first.id}`, team.staff)).json).lots[0]!.photo).toBe(photo)
      const again = Donation.parse((await post('/donations', { ...body, donor: { kind: 'person', name: '刘姐', phone: '13800001111' }, items: [oil()] }, team.staff)).json)
      expect(again.donorId).toBe(first.donorId)
      expect(again.donorName).toBe('刘阿姨')
      expect(page(Donor).parse((await get('/donors', team.staff)).json).items).toHaveLength(1)
    })

    it('answers a retried intake with the same Idempotency-Key once', async () => {
      const body = donationBody([rice({ quantity: 3 })])
      const headers = { 'idempotency-key': 'kiosk-intake-0000001' }
      const first = await post('/donations', body, t.staff, headers)
      expect(first.status).toBe(201)
      const before = await granaryCounts(api)
      const retry = await post('/donations', body, t.staff, headers)
      expect(retry.status).toBe(201)
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      expect(retry.json).toEqual(first.json)
      expect(await granaryCounts(api)).toEqual(before)
      expect((await post('/donations', { ...body, note: 'x' }, t.staff, headers)).json.error.code).toBe('idempotency_key_reused')
    })

    it('refuses every bad intake with a contract 400 or 422, writing nothing', async () => {
      const otherTeam = await granaryTeam(api)
      const foreignPlace = Place.parse((await post('/places', { name: '别队仓库' }, otherTeam.staff)).json)
      const foreignDonor = Donor.parse((await post('/donors', { kind: 'anonymous' }, otherTeam.staff)).json)
      const big = `data:image/jpeg;base64,${Buffer.alloc(210 * 1024, 1).toString('base64')}`
      const before = await granaryCounts(api)
      const cases: [unknown, number, string, string?][] = [
        [donationBody([]), 400, 'invalid_request', 'items'],
        [donationBody([rice({ quantity: 0 })]), 400, 'invalid_request', 'items.0.quantity'],
        [donationBody([rice({ quantity: 1.5 })]), 400, 'invalid_request', 'items.0.quantity'],
        [donationBody([rice({ unitValueFen: -1 })]), 400, 'invalid_request', 'items.0.unitValueFen'],
        [donationBody([rice({ unitValueFen: 12.5 })]), 400, 'invalid_request', 'items.0.unitValueFen'],
        [donationBody([rice({ category: 'gold' as never })]), 400, 'invalid_request', 'items.0.category'],
        [donationBody([rice({ valuationBasis: 'guess' as never })]), 400, 'invalid_request', 'items.0.valuationBasis'],
        [donationBody([rice({ unit: '' })]), 400, 'invalid_request', 'items.0.unit'],
        [donationBody([rice({ expiresOn: '2026-02-30' })]), 400, 'invalid_request', 'items.0.expiresOn'],
        [donationBody([rice({ photo: 'http://example.com/a.png' })]), 400, 'invalid_request', 'items.0.photo'],
        [donationBody([rice({ photo: big })]), 400, 'invalid_request', 'items.0.photo'],
        [donationBody([rice()], { receivedAt: 'yesterday' }), 400, 'invalid_request', 'receivedAt'],
        [donationBody([rice()], { anonymous: undefined }), 400, 'invalid_request', 'donorId'],
        [donationBody([rice()], { donorId: foreignDonor.id }), 400, 'invalid_request', 'donorId'],
        [donationBody([rice()], { anonymous: undefined, donor: { kind: 'anonymous' } }), 400, 'invalid_request', 'donor.kind'],
        [donationBody([rice()], { anonymous: undefined, donorId: foreignDonor.id }), 422, 'unknown_donor', 'donorId'],
        [donationBody([rice()], { placeId: foreignPlace.id }), 422, 'unknown_place', 'placeId'],
        [donationBody([rice()], { receivedAt: '2026-11-29T08:00:00.000Z' }), 422, 'received_in_future', 'receivedAt'],
        [donationBody([rice(), oil({ expiresOn: '2026-11-19' })]), 422, 'expired_at_intake', 'items.1.expiresOn'],
      ]
      for (const [body, status, code, path] of cases) {
        const r = await post('/donations', body)
        expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body).slice(0, 200)).toEqual([status, code])
        if (path) expect(r.json.error.issues.map((i: { path: string }) => i.path)).toContain(path)
      }
      const malformed = await api.call('POST', '/api/v1/granary/donations', { cookie: t.staff, raw: '{"items": [' })
      expect([malformed.status, malformed.json.error.code]).toEqual([400, 'malformed_json'])
      expect(await granaryCounts(api)).toEqual(before)
    })
  })

  describe('receipts', () => {
    it('gives a receipt per donation and per donor per year, leaving reversed donations out of the year', async () => {
      const team = await granaryTeam(api, 'rc')
      const donor = Donor.parse((await post('/donors', { kind: 'person', name: '陈先生', phone: '13700002222' }, team.staff)).json)
      const as = (receivedAt: string, items: Parameters<typeof donationBody>[0]) => post('/donations', donationBody(items, { anonymous: undefined, donorId: donor.id, receivedAt }), team.staff)
      const a = Donation.parse((await as('2026-03-01T02:00:00.000Z', [rice({ quantity: 2 }), oil({ quantity: 1 })])).json)
      const b = Donation.parse((await as('2026-10-01T02:00:00.000Z', [rice({ quantity: 5, unitValueFen: 3000 })])).json)
      const c = Donation.parse((await as('2026-11-01T02:00:00.000Z', [oil({ quantity: 2 })])).json)
      // 2025-12-31 17:00 UTC is 2026-01-01 01:00 in China: it belongs to 2026.
      const d = Donation.parse((await as('2025-12-31T17:00:00.000Z', [rice({ quantity: 1, unitValueFen: 100 })])).json)
      const old = Donation.parse((await as('2025-12-31T15:00:00.000Z', [rice({ quantity: 1, unitValueFen: 100 })])).json)
      expect((await post(`/movements/${c.movementId}/reversal`, { reason: '录错了，重复录入' }, team.staff)).status).toBe(201)

      const rec = DonationReceipt.parse((await get(`/donations/${a.id}/receipt`, team.leader)).json)
      expect(rec).toEqual({
        donationId: a.id,
        receiptCode: a.receiptCode,
        receiptNumber: a.receiptNumber,
        donorKind: 'person',
        donorName: '陈先生',
        receivedAt: '2026-03-01T02:00:00.000Z',
        date: '2026-03-01',
        team: { code: 'rc', name: 'Team rc', community: '幸福社区' },
        lines: [
          { category: 'grain_oil', description: '大米 5kg', quantity: 2, unit: '袋', unitValueFen: 3500, valueFen: 7000, valuationBasis: 'market_price' },
          { category: 'grain_oil', description: '菜籽油 5L', quantity: 1, unit: '桶', unitValueFen: 8900, valueFen: 8900, valuationBasis: 'voucher' },
        ],
        totalQuantity: 3,
        totalValueFen: 15900,
        reversed: false,
      })
      expect(DonationReceipt.parse((await get(`/donations/${c.id}/receipt`, team.staff)).json).reversed).toBe(true)

      const year = DonorYearReceipt.parse((await get(`/donors/${donor.id}/receipts?year=2026`, team.leader)).json)
      expect(year).toMatchObject({ donorId: donor.id, donorName: '陈先生', year: 2026, donationCount: 3, totalQuantity: 3 + 5 + 1, totalValueFen: 15900 + 15000 + 100 })
      expect(year.donations.map((x) => x.donationId)).toEqual([d.id, a.id, b.id])
      const prev = DonorYearReceipt.parse((await get(`/donors/${donor.id}/receipts?year=2025`, team.leader)).json)
      expect(prev.donations.map((x) => [x.donationId, x.date])).toEqual([[old.id, '2025-12-31']])
      expect((await get(`/donors/${donor.id}/receipts`, team.leader)).status).toBe(400)
      expect((await get(`/donors/${donor.id}/receipts?year=abc`, team.leader)).status).toBe(400)
      expect((await get('/donors/0190a000-0000-7000-8000-000000000000/receipts?year=2026', team.leader)).status).toBe(404)
      // Another team's donation looks missing.
      expect((await get(`/donations/${a.id}/receipt`, t.staff)).status).toBe(404)
    })
  })
})
