import type { Dashboard } from '@chayi/domain'
import { chinaMonth } from '../hours/time.js'
import type { Db, Period } from './figures.js'

// Charity cups (爱心茶) bought and served per China-time month, from the tea house's ledgers:
// `teahouse_cups` (one row per cup bought), `teahouse_servings` (one per cup served; no cup behind
// it means served beyond donations). A reversed sale takes its cups back in the month it was reversed.

export async function cupFigures(db: Db, teamId: string, p: Period): Promise<Dashboard['cups']> {
  const [bought, reversed, served] = await Promise.all([
    db.selectFrom('teahouseCups').select(['boughtAt as at', 'priceFen']).where('teamId', '=', teamId).where('boughtAt', '>=', p.start).where('boughtAt', '<', p.end).execute(),
    db
      .selectFrom('teahouseSaleReversals as r')
      .innerJoin('teahouseCups as c', 'c.saleId', 'r.saleId')
      .select(['r.reversedAt as at', 'c.priceFen'])
      .where('r.teamId', '=', teamId)
      .where('r.reversedAt', '>=', p.start)
      .where('r.reversedAt', '<', p.end)
      .execute(),
    db.selectFrom('teahouseServings').select(['servedAt as at', 'cupId']).where('teamId', '=', teamId).where('servedAt', '>=', p.start).where('servedAt', '<', p.end).execute(),
  ])
  const months = new Map(p.months.map((month) => [month, { month, bought: 0, served: 0, servedBeyond: 0 }]))
  let boughtFen = 0
  for (const c of bought) {
    const m = months.get(chinaMonth(c.at))
    if (!m) continue
    m.bought += 1
    boughtFen += Number(c.priceFen)
  }
  for (const c of reversed) {
    const m = months.get(chinaMonth(c.at))
    if (!m) continue
    m.bought -= 1
    boughtFen -= Number(c.priceFen)
  }
  for (const s of served) {
    const m = months.get(chinaMonth(s.at))
    if (!m) continue
    m.served += 1
    if (s.cupId === null) m.servedBeyond += 1
  }
  const byMonth = [...months.values()]
  const sum = (k: 'bought' | 'served' | 'servedBeyond') => byMonth.reduce((s, m) => s + m[k], 0)
  return { byMonth, bought: sum('bought'), boughtFen, served: sum('served'), servedBeyond: sum('servedBeyond') }
}

/** Distinct beneficiaries served a cup in the period (ids never leave this function). */
export async function beneficiariesServedCups(db: Db, teamId: string, p: Period): Promise<string[]> {
  const rows = await db
    .selectFrom('teahouseServings')
    .select('beneficiaryId')
    .distinct()
    .where('teamId', '=', teamId)
    .where('beneficiaryId', 'is not', null)
    .where('servedAt', '>=', p.start)
    .where('servedAt', '<', p.end)
    .execute()
  return rows.map((r) => r.beneficiaryId!)
}
