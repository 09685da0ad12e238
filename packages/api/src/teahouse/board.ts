import { sql } from 'kysely'
import { teahouseDay, type Board } from '@chayi/domain'
import { notFound } from '../errors.js'
import { balanceOf } from '../fund/ledger.js'
import { lotStates } from '../granary/stock.js'
import type { Db } from './common.js'

// The public board (公益看板): totals anyone may read, nothing about anyone. Cups of reversed
// sales count nowhere.

/** The instant a China-time day starts (UTC+8, no daylight saving). */
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - 8 * 3_600_000).toISOString()

export async function teamByCode(db: Db, code: string) {
  const t = await db.selectFrom('teams').select(['id', 'code', 'name']).where('code', 'in', [...new Set([code, code.toLowerCase()])]).executeTakeFirst()
  if (!t) throw notFound('Team')
  return t
}

export async function boardOf(db: Db, team: { id: string; code: string; name: string }, now: string): Promise<Board> {
  const today = teahouseDay(now)
  const from = dayStart(today)
  const cups = await db
    .selectFrom('teahouseCups as c')
    .leftJoin('teahouseSaleReversals as r', 'r.saleId', 'c.saleId')
    .leftJoin('teahouseServings as v', 'v.cupId', 'c.id')
    .where('c.teamId', '=', team.id)
    .where('r.saleId', 'is', null)
    .select([
      sql<number>`count(*)`.as('bought'),
      sql<number>`count(v.id)`.as('served'),
      sql<string | null>`min(case when v.id is null then c.bought_at end)`.as('oldest'),
      sql<number>`sum(case when c.bought_at >= ${from} then 1 else 0 end)`.as('boughtToday'),
    ])
    .executeTakeFirstOrThrow()
  const servings = await db
    .selectFrom('teahouseServings')
    .where('teamId', '=', team.id)
    .select([
      sql<number>`sum(case when cup_id is null then 1 else 0 end)`.as('beyond'),
      sql<number>`count(distinct card_id)`.as('people'),
      sql<number>`sum(case when served_day = ${today} then 1 else 0 end)`.as('today'),
    ])
    .executeTakeFirstOrThrow()
  const gave = await db
    .selectFrom('teahouseSales as s')
    .leftJoin('teahouseSaleReversals as r', 'r.saleId', 's.id')
    .where('s.teamId', '=', team.id)
    .where('r.saleId', 'is', null)
    .where('s.cups', '>', 0)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  const lots = await lotStates(db, team.id, {})
  const bought = Number(cups.bought)
  const served = Number(cups.served)
  return {
    team: { code: team.code, name: team.name },
    cupsBought: bought,
    cupsServed: served,
    cupsWaiting: bought - served,
    oldestWaitingSince: cups.oldest ?? null,
    servedBeyondDonations: Number(servings.beyond ?? 0),
    customersGave: Number(gave.n),
    peopleServed: Number(servings.people),
    granaryItems: lots.reduce((s, l) => s + Math.max(0, l.balance), 0),
    granaryValueFen: lots.reduce((s, l) => s + Math.max(0, l.balance) * l.unitValueFen, 0),
    fundBalanceFen: await balanceOf(db, team.id),
    today: { date: today, cupsBought: Number(cups.boughtToday ?? 0), cupsServed: Number(servings.today ?? 0) },
    updatedAt: now,
  }
}

/** Audit-event kinds after which the board may have changed. */
export const BOARD_EVENT = /^(teahouse|granary|fund)\./
