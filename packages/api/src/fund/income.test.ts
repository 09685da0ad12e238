import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody, FundIncome, isValidReceiptCode, page } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { sql } from 'kysely'
import { newId } from '../ids.js'
import { addVolunteer } from '../hours/fixtures.js'
import { createTestApi } from '../testing.js'
import { fundCounts, fundTeam, incomeBody } from './fixtures.js'

describeEachDialect('fund: income, receipts and sealed phones', (ctx, dialect) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof fundTeam>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await fundTeam(api, 'fi')
  }, 60_000)
  afterAll(() => api.close())

  const post = (path: string, body: unknown, cookie = t.staff, headers?: Record<string, string>) => api.call('POST', `/api/v1/fund${path}`, { cookie, body, ...(headers ? { headers } : {}) })
  const get = (path: string, cookie = t.staff) => api.call('GET', `/api/v1/fund${path}`, { cookie })

  it('records income with a receipt code, a gap-free receipt number and an income entry', async () => {
    const team = await fundTeam(api, 'rn')
    const r = await post('/income', incomeBody({ donor: { kind: 'enterprise', name: '锦江爱心茶业' }, amountFen: 600_000_00, channel: 'bank_transfer', note: '创始资金' }), team.staff)
    expect(r.status, r.text).toBe(201)
    const a = FundIncome.parse(r.json)
    expect(isValidReceiptCode(a.receiptCode)).toBe(true)
    expect(a).toMatchObject({ receiptNumber: 'RN-F-2026-000001', donorKind: 'enterprise', donorName: '锦江爱心茶业', amountFen: 60_000_000, channel: 'bank_transfer', reversed: false, donorPhone: null })
    const b = FundIncome.parse((await post('/income', incomeBody(), team.staff)).json)
    expect(b).toMatchObject({ receiptNumber: 'RN-F-2026-000002', donorKind: 'anonymous', donorName: '匿名爱心人士' })
    // A refused income gives its number back with everything else.
    expect((await post('/income', incomeBody({ amountFen: 0 }), team.staff)).status).toBe(400)
    expect((await post('/income', incomeBody({ receivedAt: '2026-11-29T08:00:00.000Z' }), team.staff)).status).toBe(422)
    expect(FundIncome.parse((await post('/income', incomeBody(), team.staff)).json).receiptNumber).toBe('RN-F-2026-000003')

    const entry = await api.deps.db.selectFrom('fundEntries').selectAll().where('id', '=', a.entryId).executeTakeFirstOrThrow()
    expect([entry.kind, Number(entry.amountFen), Number(entry.seq), entry.incomeId, entry.occurredAt]).toEqual(['income', 60_000_000, 1, a.id, '2026-11-20T02:00:00.000Z'])
    const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', a.id).executeTakeFirstOrThrow()
    expect(ev.kind).toBe('fund.income_recorded')
    expect(JSON.parse(ev.payload)).toMatchObject({ receiptCode: a.receiptCode, receiptNumber: a.receiptNumber, amountFen: 60_000_000, channel: 'bank_transfer', entryId: a.entryId, seq: 1 })
    expect(ev.payload).not.toContain('锦江')
    expect(ev.payload).not.toContain('创始')

    const list = page(FundIncome).parse((await get('/income?limit=2', team.leader)).json)
    const rest = page(FundIncome).parse((await get(`/income?limit=2&cursor=${list.nextCursor}`, team.leader)).json)
    expect([...list.items, ...rest.items].map((x) => x.receiptNumber)).toEqual(['RN-F-2026-000003', 'RN-F-2026-000002', 'RN-F-2026-000001'])
    expect(rest.nextCursor).toBeNull()
    expect(page(FundIncome).parse((await get('/income?channel=bank_transfer', team.leader)).json).items.map((x) => x.id)).toEqual([a.id])
    // Another team's income looks missing.
    expect((await get(`/income/${a.id}`, t.staff)).status).toBe(404)
  })

  it('gives ten racing incomes ten receipt numbers and ten entry numbers, no gaps, no repeats', async () => {
    const team = await fundTeam(api, 'cc')
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post('/income', incomeBody({ amountFen: 100 + i }), i % 2 ? team.staff : team.staff2)))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201))
    const numbers = results.map((r) => FundIncome.parse(r.json).receiptNumber).sort()
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `CC-F-2026-${String(i + 1).padStart(6, '0')}`))
    const seqs = (await api.deps.db.selectFrom('fundEntries').select('seq').where('teamId', '=', team.team.id).execute()).map((r) => Number(r.seq)).sort((x, y) => x - y)
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect((await get('/balance', team.leader)).json.balanceFen).toBe(Array.from({ length: 10 }, (_, i) => 100 + i).reduce((s, n) => s + n, 0))
  })

  it('seals a person’s phone (nowhere readable in the database), masks it in lists and for leaders', async () => {
    const phone = '13987654321'
    const r = await post('/income', incomeBody({ donor: { kind: 'person', name: '王爱心', phone }, amountFen: 20_000, channel: 'cash' }))
    expect(r.status, r.text).toBe(201)
    const inc = FundIncome.parse(r.json)
    expect(inc.donorPhone).toBe(phone)
    const row = await api.deps.db.selectFrom('fundIncome').selectAll().where('id', '=', inc.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(phone)
    expect(api.deps.cipher.decrypt(row.donorPhoneEnc!)).toBe(phone)
    if (dialect === 'sqlite') {
      const file = fileURLToPath(new URL(ctx().url.replace(/^file:/, 'file://')))
      expect(readFileSync(file).includes(Buffer.from(phone))).toBe(false)
    } else {
      const dump = await sql<{ t: string }>`select fund_income::text as t from fund_income`.execute(api.deps.db)
      expect(dump.rows.some((x) => x.t.includes(phone))).toBe(false)
    }
    expect(page(FundIncome).parse((await get('/income')).json).items.find((x) => x.id === inc.id)?.donorPhone).toBe('139****4321')
    expect(FundIncome.parse((await get(`/income/${inc.id}`)).json).donorPhone).toBe(phone)
    expect(FundIncome.parse((await get(`/income/${inc.id}`, t.leader)).json).donorPhone).toBe('139****4321')
    const ev = await api.deps.db.selectFrom('ledgerEvents').select('payload').where('entityId', '=', inc.id).executeTakeFirstOrThrow()
    expect(ev.payload).not.toContain(phone)
    expect(ev.payload).not.toContain('王爱心')
  })

  it('turns a volunteer’s monthly pledge into income once per month', async () => {
    const v = await addVolunteer(api, t.team)
    await api.deps.db.insertInto('pledges').values({ id: newId(), teamId: t.team.id, volunteerId: v.id, monthlyFen: 3000, fromMonth: '2026-09', toMonth: null, createdAt: '2026-09-01T00:00:00.000Z' }).execute()
    const body = incomeBody({ donor: { kind: 'person', name: v.realName }, amountFen: 3000, channel: 'wechat', pledgeVolunteerId: v.id, pledgeMonth: '2026-10' })
    const first = FundIncome.parse((await post('/income', body)).json)
    expect(first).toMatchObject({ pledgeVolunteerId: v.id, pledgeMonth: '2026-10' })
    const again = await post('/income', body)
    expect([again.status, again.json.error.code]).toEqual([409, 'pledge_month_paid'])
    expect((await post('/income', { ...body, pledgeMonth: '2026-08' })).json.error.code).toBe('no_pledge_for_month')
    expect((await post('/income', { ...body, pledgeVolunteerId: newId() })).json.error.code).toBe('unknown_volunteer')
    // Reversed, the month may be paid in again.
    expect((await post(`/entries/${first.entryId}/reversal`, { reason: '金额录错' })).status).toBe(201)
    expect((await post('/income', body)).status).toBe(201)
  })

  it('answers a retried income with the same Idempotency-Key once', async () => {
    const body = incomeBody({ amountFen: 777 })
    const headers = { 'idempotency-key': 'fund-income-000001' }
    const first = await post('/income', body, t.staff, headers)
    expect(first.status).toBe(201)
    const before = await fundCounts(api)
    const retry = await post('/income', body, t.staff, headers)
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true'])
    expect(retry.json).toEqual(first.json)
    expect(await fundCounts(api)).toEqual(before)
  })

  describe('bad inputs', () => {
    it('refuses every bad income with a contract 400 or 422, writing nothing', async () => {
      const before = await fundCounts(api)
      const cases: [unknown, number, string, string?][] = [
        [incomeBody({ amountFen: 0 }), 400, 'invalid_request', 'amountFen'],
        [incomeBody({ amountFen: -5 }), 400, 'invalid_request', 'amountFen'],
        [incomeBody({ amountFen: 12.5 }), 400, 'invalid_request', 'amountFen'],
        [incomeBody({ channel: 'bitcoin' as never }), 400, 'invalid_request', 'channel'],
        [incomeBody({ receivedAt: 'yesterday' }), 400, 'invalid_request', 'receivedAt'],
        [incomeBody({ donor: { kind: 'person', name: '张三', phone: '123' } }), 400, 'invalid_request', 'donor.phone'],
        [incomeBody({ donor: { kind: 'person', name: ' ' } }), 400, 'invalid_request', 'donor.name'],
        [incomeBody({ donor: { kind: 'robot' } as never }), 400, 'invalid_request', 'donor.kind'],
        [incomeBody({ partnerId: newId() }), 400, 'invalid_request', 'partnerId'],
        [incomeBody({ pledgeMonth: '2026-10' }), 400, 'invalid_request', 'pledgeVolunteerId'],
        [incomeBody({ pledgeVolunteerId: newId(), pledgeMonth: '2026-13' }), 400, 'invalid_request', 'pledgeMonth'],
        [{ ...incomeBody(), donor: undefined }, 400, 'invalid_request', 'donor'],
        [incomeBody({ donor: { kind: 'enterprise', name: '某公司' }, partnerId: newId() }), 422, 'unknown_partner', 'partnerId'],
        [incomeBody({ receivedAt: '2026-11-29T08:00:00.000Z' }), 422, 'received_in_future', 'receivedAt'],
      ]
      for (const [body, status, code, path] of cases) {
        const r = await post('/income', body)
        expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
        if (path) expect(r.json.error.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(path)
      }
      const malformed = await api.call('POST', '/api/v1/fund/income', { cookie: t.staff, raw: '{"amountFen": ' })
      expect([malformed.status, malformed.json.error.code]).toEqual([400, 'malformed_json'])
      expect(await fundCounts(api)).toEqual(before)
    })
  })
})
