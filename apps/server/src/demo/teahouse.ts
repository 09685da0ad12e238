import { randomBytes, randomUUID } from 'node:crypto'
import { closeShift, createMenuItem, lookupCard, newId, openShift, recordSale, recordServing, saveTeahouseSettings, transact, type Deps } from '@chayi/api'
import { newReceiptCode, type PaymentMethod } from '@chayi/domain'
import { prng } from './people.js'

// The tea house (茶馆) of the demo: a menu of Sichuan teas, a paired counter tablet, and three months
// of shifts: customers buying tea and charity cups (义仓茶, 500 fen) and the neighbours holding care
// cards coming in for theirs, oldest cup first, a few cups still waiting. Everything goes through the
// tea house's own service functions, so the rows and the audit chain are what the API would write.

const DAY = 24 * 3600_000
const HOUR = 3600_000

const MENU = [
  { name: '竹叶青', nameEn: 'Zhuyeqing green tea', priceFen: 1500 },
  { name: '碧潭飘雪', nameEn: 'Bitan Piaoxue jasmine tea', priceFen: 1800 },
  { name: '蒙顶甘露', nameEn: 'Mengding Ganlu', priceFen: 2000 },
  { name: '花毛峰', nameEn: 'Huamaofeng', priceFen: 1200 },
  { name: '三花茶', nameEn: 'Sanhua jasmine tea', priceFen: 1000 },
  { name: '老鹰茶', nameEn: 'Laoying tea', priceFen: 800 },
] as const

export interface DemoTeahouse {
  shifts: number
  sales: number
  cupBuyers: number
  cupsBought: number
  cupsServed: number
  peopleServed: number
  cupsWaiting: number
}

/** China-time hour `h` of the day that starts `daysAgo` days before `now`'s China date. */
function chinaTime(now: Date, daysAgo: number, h: number, m: number): string {
  const chinaMidnight = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR
  return new Date(chinaMidnight - daysAgo * DAY + h * HOUR + m * 60_000).toISOString()
}

export async function seedDemoTeahouse(deps: Deps, teamId: string, opts: { days?: number } = {}): Promise<DemoTeahouse> {
  const days = opts.days ?? 91
  const now = deps.clock.now()
  const r = prng(66)
  const user = async (username: string) => (await deps.db.selectFrom('users').select('id').where('teamId', '=', teamId).where('username', '=', username).executeTakeFirstOrThrow()).id
  const admin = await user('admin')
  const counter = await user('counter')
  const leader = await user('leader')

  // Settings, the menu and a counter tablet paired by the admin (its token is thrown away: pair a
  // real tablet with a code to use the counter).
  const deviceId = newId()
  const { body: menu } = await transact(deps, { teamId, actor: `user:${admin}` }, async (w) => {
    await saveTeahouseSettings(w, { cupPriceFen: 500, dailyCupLimit: 1 })
    const items = []
    for (const [i, m] of MENU.entries()) items.push(await createMenuItem(w, { ...m, active: true, sort: i }))
    await w.trx
      .insertInto('devices')
      .values({ id: deviceId, teamId, name: '茶馆柜台平板', kind: 'kiosk', tokenHash: randomBytes(32).toString('hex'), pairedAt: w.at, pairedBy: admin, revokedAt: null, lastSeenAt: null })
      .execute()
    await w.record({ kind: 'identity.device_paired', entity: 'device', entityId: deviceId, payload: { name: '茶馆柜台平板', pairedBy: admin } })
    return { status: 201, body: items }
  })

  // Usable care cards (an active card, an active elderly or disabled holder).
  const cards = await deps.db.selectFrom('careCards').select('number').where('teamId', '=', teamId).where('status', '=', 'active').orderBy('number').execute()
  const usable: string[] = []
  for (const c of cards) if ((await lookupCard(deps.db, teamId, c.number)).usable) usable.push(c.number)

  const seq = { sale: 0, serving: 0, shift: 0 }
  const stats: DemoTeahouse = { shifts: 0, sales: 0, cupBuyers: 0, cupsBought: 0, cupsServed: 0, peopleServed: 0, cupsWaiting: 0 }
  const served = new Set<string>()
  let waiting = 0
  const asDevice = { teamId, actor: `device:${deviceId}` }
  const methods: PaymentMethod[] = ['wechat', 'wechat', 'wechat', 'alipay', 'alipay', 'cash', 'cash', 'other']
  for (let d = days; d >= 1; d--) {
    if (r.chance(0.12)) continue // closed some days
    // One day's events: sales from 09:30, servings after, in time order.
    type Ev = { at: string; kind: 'sale' | 'serve' }
    const events: Ev[] = []
    const salesToday = r.int(3, 8)
    for (let i = 0; i < salesToday; i++) events.push({ at: chinaTime(now, d, 9 + r.int(0, 7), r.int(0, 59)), kind: 'sale' })
    const servesToday = r.int(4, 8)
    for (let i = 0; i < servesToday; i++) events.push({ at: chinaTime(now, d, 10 + r.int(0, 6), r.int(0, 59)), kind: 'serve' })
    events.sort((a, b) => a.at.localeCompare(b.at))
    const last = d === 1
    await transact(deps, asDevice, async (w) => {
      const shift = await openShift(w, deviceId, counter, { id: randomUUID(), deviceSeq: ++seq.shift, openedAt: chinaTime(now, d, 9, 0), floatFen: 20_000 })
      const cardsToday = new Set<string>()
      let cash = 0
      for (const e of events) {
        if (e.kind === 'sale') {
          const lines = r.chance(0.8) ? [{ item: r.pick(menu), quantity: r.int(1, 3) }] : []
          const cups = lines.length === 0 || r.chance(0.45) ? (r.chance(0.75) ? 1 : r.int(2, 3)) : 0
          const method = r.pick(methods)
          const sale = await recordSale(w, deviceId, counter, {
            id: randomUUID(),
            deviceSeq: ++seq.sale,
            shiftId: shift.id,
            soldAt: e.at,
            paymentMethod: method,
            lines: lines.map((l) => ({ menuItemId: l.item.id, quantity: l.quantity, unitPriceFen: l.item.priceFen })),
            cups,
            cupPriceFen: 500,
            receiptCode: newReceiptCode(),
          })
          if (method === 'cash') cash += sale.totalFen
          stats.sales++
          if (cups) stats.cupBuyers++
          stats.cupsBought += cups
          waiting += cups
        } else {
          // Keep a few cups waiting at the end; prefer people not served yet, so most card holders come.
          if (waiting <= (last ? 6 : 2)) continue
          const fresh = usable.filter((n) => !served.has(n) && !cardsToday.has(n))
          const pool = fresh.length && r.chance(0.7) ? fresh : usable.filter((n) => !cardsToday.has(n))
          if (!pool.length) continue
          const card = r.pick(pool)
          cardsToday.add(card)
          served.add(card)
          await recordServing(w, deviceId, counter, { id: randomUUID(), deviceSeq: ++seq.serving, cardCode: card, servedAt: e.at, claim: false })
          waiting--
          stats.cupsServed++
        }
      }
      // Mostly an exact drawer; now and then a few yuan out.
      const counted = 20_000 + cash + (r.chance(0.15) ? r.int(-5, 3) * 100 : 0)
      await closeShift(w, shift.id, r.chance(0.8) ? counter : leader, { closedAt: chinaTime(now, d, 17, 30), countedCashFen: counted, lastSaleSeq: seq.sale }, deviceId)
      return { status: 201, body: null }
    })
    stats.shifts++
  }
  stats.peopleServed = served.size
  stats.cupsWaiting = waiting
  return stats
}
