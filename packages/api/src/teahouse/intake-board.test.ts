import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Board, Intake } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { oil, rice } from '../granary/fixtures.js'
import { createTestApi, testClock } from '../testing.js'
import { openShiftBody, saleBody, servingBody, teahouseTeam } from './fixtures.js'

describeEachDialect('teahouse: goods intake, the public board and its stream, privacy of the kiosk', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof teahouseTeam>>
  let tab: Awaited<ReturnType<typeof t.tablet>>
  let shiftId: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await teahouseTeam(api)
    tab = await t.tablet()
    shiftId = (await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.unlocked, body: openShiftBody(1) })).json.id
  }, 60_000)
  afterAll(() => api.close())

  const intakeBody = (seq: number, over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    deviceSeq: seq,
    receivedAt: '2026-11-28T03:00:00.000Z',
    donor: { kind: 'person', name: '王大爷', phone: '13800138000' },
    items: [rice({ quantity: 4, unitValueFen: 6000 }), oil({ quantity: 2, unitValueFen: 7500 })],
    ...over,
  })

  it('records goods as a granary donation exactly once, in the granary ledger', async () => {
    const body = intakeBody(1)
    const r = await api.call('POST', '/api/v1/teahouse/intakes', { headers: tab.locked, body })
    expect(r.status, r.text).toBe(201)
    const intake = Intake.parse(r.json)
    expect(intake).toMatchObject({ id: body.id, items: 2, units: 6, totalValueFen: 4 * 6000 + 2 * 7500 })
    const again = await api.call('POST', '/api/v1/teahouse/intakes', { headers: { ...tab.locked, 'idempotency-key': body.id }, body })
    expect(again.json).toEqual(r.json)
    const d = await api.call('GET', `/api/v1/granary/donations/${intake.donationId}`, { cookie: t.admin })
    expect(d.status).toBe(200)
    expect(d.json).toMatchObject({ receiptCode: intake.receiptCode, donorKind: 'person', totalValueFen: intake.totalValueFen })
    expect((await api.deps.db.selectFrom('granaryDonations').select('id').where('teamId', '=', t.team.id).execute()).length).toBe(1)
    const anon = await api.call('POST', '/api/v1/teahouse/intakes', { headers: tab.locked, body: intakeBody(2, { donor: undefined, anonymous: true }) })
    expect(anon.status, anon.text).toBe(201)
    const taken = await api.call('POST', '/api/v1/teahouse/intakes', { headers: tab.locked, body: intakeBody(2) })
    expect(taken.json.error.code).toBe('device_seq_taken')
    expect((await api.call('POST', '/api/v1/teahouse/intakes', { headers: tab.locked, body: intakeBody(3, { anonymous: true }) })).status).toBe(400)
  })

  it('shows the board to anyone, and streams it on connect and after each change', async () => {
    const r = await api.call('GET', `/api/v1/public/board?team=${t.team.code}`)
    expect(r.status, r.text).toBe(200)
    const b = Board.strict().parse(r.json)
    expect(b).toMatchObject({ cupsBought: 0, granaryItems: 12, granaryValueFen: 2 * (4 * 6000 + 2 * 7500), fundBalanceFen: 0, team: { code: t.team.code } })
    expect((await api.call('GET', '/api/v1/public/board?team=nosuch')).status).toBe(404)

    const ac = new AbortController()
    const res = await api.app.request(`/api/v1/public/board/stream?team=${t.team.code}`, { signal: ac.signal })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let buf = ''
    const nextBoard = async (): Promise<Board> => {
      for (;;) {
        const m = /event: board\ndata: (.*)\nid: \d+\n\n/.exec(buf) ?? /event: board\nid: \d+\ndata: (.*)\n\n/.exec(buf)
        if (m) {
          buf = buf.slice(m.index + m[0].length)
          return Board.parse(JSON.parse(m[1]!))
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        buf += decoder.decode(value, { stream: true })
      }
    }
    expect((await nextBoard()).cupsBought).toBe(0)
    await api.call('POST', '/api/v1/teahouse/sales', { headers: tab.locked, body: saleBody(shiftId, 1, { cups: 3, soldAt: '2026-11-28T01:00:00.000Z' }) })
    const after = await nextBoard()
    expect(after).toMatchObject({ cupsBought: 3, cupsWaiting: 3, customersGave: 1, oldestWaitingSince: '2026-11-28T01:00:00.000Z', today: { date: '2026-11-28', cupsBought: 3 } })
    const holder = await t.cardHolder()
    await api.call('POST', '/api/v1/teahouse/servings', { headers: tab.locked, body: servingBody(holder.number, 1) })
    let served = await nextBoard()
    // A card issued before the serving also moves nothing the board shows; wait for the serving.
    while (served.cupsServed === 0) served = await nextBoard()
    expect(served).toMatchObject({ cupsServed: 1, cupsWaiting: 2, peopleServed: 1, today: { cupsServed: 1 } })
    await reader.cancel()
    ac.abort()
  })

  it('never lets a kiosk read personal data, even unlocked by counter staff or a leader', async () => {
    const holder = await t.cardHolder()
    const leaderTab = await t.tablet('leader')
    for (const headers of [tab.locked, tab.unlocked, leaderTab.unlocked]) {
      for (const [method, path] of [
        ['GET', `/api/v1/beneficiaries/${holder.beneficiaryId}`],
        ['GET', '/api/v1/beneficiaries'],
        ['POST', `/api/v1/beneficiaries/${holder.beneficiaryId}/reveal`],
        ['GET', `/api/v1/beneficiaries/${holder.beneficiaryId}/cards`],
        ['GET', `/api/v1/beneficiaries/${holder.beneficiaryId}/consents`],
        ['GET', `/api/v1/cards/${holder.cardId}/print`],
        ['GET', '/api/v1/granary/donors'],
      ] as const) {
        const r = await api.call(method, path, { headers, body: method === 'POST' ? { fields: ['phone'], reason: 'x' } : undefined })
        expect([403, 404], `${method} ${path} → ${r.status}`).toContain(r.status)
        expect(r.text).not.toContain('张桂')
      }
    }
    // What the counter may see of a card: masked.
    const check = await api.call('GET', `/api/v1/teahouse/cards/check?code=${holder.number}`, { headers: tab.unlocked })
    expect(check.json.displayName).not.toMatch(/张桂.{2}/)
    expect((await api.call('GET', `/api/v1/teahouse/cards/check?code=${holder.number}`, { headers: tab.locked })).status).toBe(403)
  })

  it('locks a PIN out after repeated wrong tries at the counter', async () => {
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: t.admin, body: { name: 'x' } })
    const token = (await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })).json.token as string
    const headers = { authorization: `Bearer ${token}` }
    // After the unlocks above (a success resets the count), as kiosk.test.ts does.
    ;(api.clock as ReturnType<typeof testClock>).advance(1000)
    for (let i = 0; i < 5; i++) {
      expect((await api.call('POST', '/api/v1/kiosk/staff-session', { headers, body: { userId: t.counterUser.id, pin: '0000' } })).status).toBe(401)
    }
    expect((await api.call('POST', '/api/v1/kiosk/staff-session', { headers, body: { userId: t.counterUser.id, pin: '2468' } })).status).toBe(429)
  })
})
