// @vitest-environment node
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApi } from '@chayi/api/testing'
import { createTestDatabase, type TestDatabase } from '@chayi/db/testing'
import { newReceiptCode, Sale } from '@chayi/domain'
import { createOutbox, type Outbox, type OutboxRecord, type SendResult } from '@chayi/shell'

// A model test of the tablet's outbox against the real API on a real SQLite file: random runs of
// sell / go offline / come online / reload the app / resend an acknowledged record / deliver two
// pending records out of order / lose an answer on the way back. Whatever happens, once the tablet
// is online and its queue is empty, the server holds exactly the sales the tablet made, each once,
// and every one was acknowledged. CHAYI_MODEL_RUNS sets the number of runs (`pnpm bench` uses more).

const RUNS = Number(process.env.CHAYI_MODEL_RUNS ?? 1000)

type Step =
  | { k: 'sell'; cups: number }
  | { k: 'offline' }
  | { k: 'online' }
  | { k: 'reload' }
  | { k: 'duplicate'; pick: number }
  | { k: 'reorder' }
  | { k: 'lose' }

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('sell' as const), cups: fc.integer({ min: 0, max: 2 }) }), weight: 5 },
  { arbitrary: fc.constant({ k: 'offline' as const }), weight: 2 },
  { arbitrary: fc.constant({ k: 'online' as const }), weight: 2 },
  { arbitrary: fc.constant({ k: 'reload' as const }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('duplicate' as const), pick: fc.nat(20) }), weight: 1 },
  { arbitrary: fc.constant({ k: 'reorder' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'lose' as const }), weight: 1 },
)

let t: TestDatabase
let api: Awaited<ReturnType<typeof createTestApi>>
let tablet: Record<string, string>
let deviceId: string
let shiftId: string
let menuItemId: string

beforeAll(async () => {
  t = await createTestDatabase('sqlite')
  api = await createTestApi(t)
  const team = await api.makeTeam('model')
  const admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
  const counter = await api.makeUser(team.id, ['counter_staff'])
  await api.call('PUT', `/api/v1/users/${counter.id}/pin`, { cookie: admin, body: { pin: '2468' } })
  const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name: 'model tablet' } })
  const token = (await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })).json.token as string
  tablet = { authorization: `Bearer ${token}` }
  const staff = (await api.call('POST', '/api/v1/kiosk/staff-session', { headers: tablet, body: { userId: counter.id, pin: '2468' } })).json.token as string
  deviceId = (await api.call('GET', '/api/v1/teahouse/device', { headers: tablet })).json.deviceId
  menuItemId = (await api.call('POST', '/api/v1/teahouse/menu-items', { cookie: admin, body: { name: '竹叶青', priceFen: 1500 } })).json.id
  const shift = await api.call('POST', '/api/v1/teahouse/shifts', {
    headers: { ...tablet, 'x-chayi-staff': staff },
    body: { id: crypto.randomUUID(), deviceSeq: 1, openedAt: '2026-11-28T01:00:00.000Z', floatFen: 0 },
  })
  expect(shift.status, shift.text).toBe(201)
  shiftId = shift.json.id
}, 60_000)

afterAll(async () => {
  await api?.close()
  await t?.drop()
})

it(`the server's ledger equals what the tablet made and had acknowledged, each sale once (${RUNS} runs)`, async () => {
  /** The tablet's sale counter survives reloads (it lives in the tablet's storage). */
  let deviceSeq = 0
  let run = 0
  /** Every sale any run made (a failing run, shrunk and rerun, leaves its sales behind). */
  const made = new Set<string>()
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps) => {
      const dbName = `model-${++run}`
      let online = true
      let loseNext = false
      const queued = new Map<string, { deviceSeq: number; cups: number }>()
      const acked = new Map<string, Sale>()
      const records = new Map<string, OutboxRecord>()

      /** One delivery to the real API; the answer may be lost on the way back (the server acted). */
      const deliver = async (r: OutboxRecord): Promise<{ status: number; body: unknown }> => {
        const res = await api.app.request(r.path, {
          method: r.method,
          headers: { ...tablet, 'content-type': 'application/json', 'idempotency-key': r.id },
          body: JSON.stringify(r.body),
        })
        return { status: res.status, body: (await res.json()) as unknown }
      }
      const send = async (r: OutboxRecord): Promise<SendResult> => {
        if (!online) throw new Error('offline')
        const answer = await deliver(r)
        if (loseNext) {
          loseNext = false
          throw new Error('answer lost')
        }
        return answer
      }
      const open = () =>
        createOutbox({
          dbName,
          send,
          persist: false,
          online: () => online,
          backoff: () => 60_000,
          onSent: (r, result) => {
            const sale = Sale.parse(result.body)
            const prior = acked.get(r.id)
            if (prior) expect(sale).toEqual(prior)
            acked.set(r.id, sale)
          },
        })
      let outbox: Outbox = open()
      await outbox.ready

      for (const s of steps) {
        switch (s.k) {
          case 'sell': {
            const seq = ++deviceSeq
            const id = crypto.randomUUID()
            const body = {
              id,
              deviceSeq: seq,
              shiftId,
              soldAt: new Date(Date.UTC(2026, 10, 28, 2) + seq * 1000).toISOString(),
              paymentMethod: 'cash',
              lines: s.cups ? [] : [{ menuItemId, quantity: 1, unitPriceFen: 1500 }],
              cups: s.cups,
              cupPriceFen: 500,
              receiptCode: newReceiptCode(),
            }
            queued.set(id, { deviceSeq: seq, cups: s.cups })
            made.add(id)
            await outbox.enqueue({ method: 'POST', path: '/api/v1/teahouse/sales', body, id })
            records.set(id, (await outbox.list()).find((r) => r.id === id)!)
            if (online) await outbox.flush()
            break
          }
          case 'offline':
            online = false
            break
          case 'online':
            online = true
            await outbox.flush()
            break
          case 'reload':
            await outbox.close()
            outbox = open()
            await outbox.ready
            break
          case 'duplicate': {
            // An old copy of an acknowledged request arrives again (a retry from a previous page).
            const ids = [...acked.keys()]
            if (!ids.length || !online) break
            const id = ids[s.pick % ids.length]!
            const r = await deliver(records.get(id)!)
            expect(r.status).toBe(201)
            expect(Sale.parse(r.body)).toEqual(acked.get(id))
            break
          }
          case 'reorder': {
            // The second pending record reaches the server before the first (sent by an earlier page).
            const pending = await outbox.list()
            if (pending.length < 2 || !online) break
            expect((await deliver(pending[1]!)).status).toBe(201)
            break
          }
          case 'lose':
            loseNext = true
            break
        }
      }

      // Back online for good: the queue drains.
      online = true
      loseNext = false
      for (let i = 0; i < 5 && (await outbox.flush()) !== 'empty'; i++);
      expect(outbox.state.failed).toEqual([])
      expect(await outbox.list()).toEqual([])
      await outbox.close()
      indexedDB.deleteDatabase(dbName)

      // The tablet's view: everything it made was acknowledged, nothing else.
      expect(new Set(acked.keys())).toEqual(new Set(queued.keys()))
      // The server's ledger: those sales, each once, with the tablet's numbers and cups.
      const ids = [...queued.keys()]
      if (ids.length) {
        const rows = await t.db.selectFrom('teahouseSales').select(['id', 'deviceSeq', 'cups']).where('id', 'in', ids).execute()
        expect(rows.length).toBe(ids.length)
        for (const r of rows) expect({ deviceSeq: Number(r.deviceSeq), cups: Number(r.cups) }).toEqual(queued.get(r.id))
        const cups = await t.db.selectFrom('teahouseCups').select('saleId').where('saleId', 'in', ids).execute()
        expect(cups.length).toBe([...queued.values()].reduce((s, q) => s + q.cups, 0))
        for (const [id, sale] of acked) expect(sale.receiptNo.endsWith(String(queued.get(id)!.deviceSeq).padStart(6, '0'))).toBe(true)
      }
      // And nothing from any run was stored twice or without being made.
      const all = await t.db.selectFrom('teahouseSales').select('id').where('deviceId', '=', deviceId).execute()
      expect(all.filter((r) => !made.has(r.id))).toEqual([])
    }),
    { numRuns: RUNS },
  )
}, 600_000)
