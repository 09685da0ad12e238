import { sql, type Kysely } from 'kysely'
import type { Database } from '@chayi/db'
import {
  BeneficiaryKindList,
  chinaMonthRange,
  GranaryCategoryList,
  monthsBetween,
  ServiceProjectList,
  shiftMonth,
  type BeneficiaryKind,
  type Dashboard,
  type GranaryCategory,
  type ServiceProject,
} from '@chayi/domain'
import { chinaMonth } from '../hours/time.js'
import { cupFigures } from './cups.js'

// The dashboard's figures (报表), computed from the ledgers every time they are asked for: nothing
// here is stored. Every ledger is append-only with reversing rows, so each figure is a plain sum
// that already includes the reversals (an hour entry's reversal and correction, a granary
// movement's reversal, a fund entry's reversal), placed in the month the reversal happened.

export type Db = Kysely<Database>

export interface Period {
  from: string
  to: string
  months: string[]
  /** UTC instants of the China-time months: [start, end). */
  start: string
  end: string
}

export function period(from: string, to: string): Period {
  return { from, to, months: monthsBetween(from, to), start: chinaMonthRange(from).from, end: chinaMonthRange(to).to }
}

const n = (v: unknown) => Number(v ?? 0)

/** Approved minutes per project and service month; reversals and corrections are approved entries too. */
export async function hourCells(db: Db, teamId: string, p: Period) {
  const month = sql<string>`substr(service_date, 1, 7)`
  const rows = await db
    .selectFrom('hourEntries')
    .select(['project', month.as('month'), (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('teamId', '=', teamId)
    .where('status', '=', 'approved')
    .where('serviceDate', '>=', `${p.from}-01`)
    .where('serviceDate', '<', `${shiftMonth(p.to, 1)}-01`)
    .groupBy(['project', month])
    .execute()
  return rows.map((r) => ({ project: r.project as ServiceProject, month: r.month, minutes: n(r.minutes) })).filter((r) => r.minutes !== 0)
}

function hoursFigures(cells: Awaited<ReturnType<typeof hourCells>>, p: Period): Dashboard['hours'] {
  const order = (x: string) => (ServiceProjectList.codes as readonly string[]).indexOf(x)
  cells.sort((a, b) => order(a.project) - order(b.project) || a.month.localeCompare(b.month))
  const byProject = new Map<ServiceProject, number>()
  const byMonth = new Map<string, number>()
  for (const c of cells) {
    byProject.set(c.project, (byProject.get(c.project) ?? 0) + c.minutes)
    byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + c.minutes)
  }
  return {
    cells,
    byProject: [...byProject].map(([project, minutes]) => ({ project, minutes })),
    byMonth: p.months.map((month) => ({ month, minutes: byMonth.get(month) ?? 0 })),
    totalMinutes: cells.reduce((s, c) => s + c.minutes, 0),
  }
}

export type GranaryRow = Dashboard['granary']['byCategory'][number]

/**
 * Units and value (units × the lot's frozen unit value) in and out per category. A reversal counts
 * against what it reverses: an intake's reversal lowers "in", a distribution's lowers "out".
 */
export async function granaryFigures(db: Db, teamId: string, p: Period): Promise<Dashboard['granary']> {
  const rows = await db
    .selectFrom('granaryMovementLines as ml')
    .innerJoin('granaryMovements as m', 'm.id', 'ml.movementId')
    .leftJoin('granaryMovements as o', 'o.id', 'm.reverses')
    .innerJoin('granaryItems as i', (j) => j.onRef('i.teamId', '=', 'ml.teamId').onRef('i.itemKey', '=', 'ml.itemKey'))
    .select(['m.kind', 'o.kind as reversedKind', 'i.category'])
    .select((eb) => [eb.fn.sum<number>('ml.quantity').as('units'), eb.fn.sum<number>(sql`ml.quantity * ml.unit_value_fen`).as('valueFen')])
    .where('ml.teamId', '=', teamId)
    .where('m.occurredAt', '>=', p.start)
    .where('m.occurredAt', '<', p.end)
    .groupBy(['m.kind', 'o.kind', 'i.category'])
    .execute()
  const byCategory = new Map<string, GranaryRow>()
  const row = (category: string) => {
    let r = byCategory.get(category)
    if (!r) byCategory.set(category, (r = { category: category as GranaryCategory, inUnits: 0, inValueFen: 0, outUnits: 0, outValueFen: 0, adjustedUnits: 0, adjustedValueFen: 0 }))
    return r
  }
  for (const x of rows) {
    const kind = x.kind === 'reversal' ? x.reversedKind : x.kind
    const r = row(x.category)
    const units = n(x.units)
    const value = n(x.valueFen)
    if (kind === 'in') {
      r.inUnits += units
      r.inValueFen += value
    } else if (kind === 'out') {
      // Out lines are negative units; "out" is shown as a positive figure.
      r.outUnits -= units
      r.outValueFen -= value
    } else {
      r.adjustedUnits += units
      r.adjustedValueFen += value
    }
  }
  const order = (x: string) => (GranaryCategoryList.codes as readonly string[]).indexOf(x)
  const list = [...byCategory.values()].sort((a, b) => order(a.category) - order(b.category))
  const sum = (k: keyof Omit<GranaryRow, 'category'>) => list.reduce((s, r) => s + r[k], 0)
  return { byCategory: list, inUnits: sum('inUnits'), inValueFen: sum('inValueFen'), outUnits: sum('outUnits'), outValueFen: sum('outValueFen') }
}

/** Income and spending per China-time month; a reversal counts against the entry it reverses, in its own month. */
export async function fundFigures(db: Db, teamId: string, p: Period): Promise<Dashboard['fund']> {
  const rows = await db
    .selectFrom('fundEntries as e')
    .leftJoin('fundEntries as o', 'o.id', 'e.reverses')
    .select(['e.kind', 'e.amountFen', 'e.occurredAt', 'o.kind as reversedKind'])
    .where('e.teamId', '=', teamId)
    .where('e.occurredAt', '>=', p.start)
    .where('e.occurredAt', '<', p.end)
    .execute()
  const months = new Map(p.months.map((month) => [month, { month, incomeFen: 0, spendingFen: 0 }]))
  for (const r of rows) {
    const m = months.get(chinaMonth(r.occurredAt))
    if (!m) continue
    const kind = r.kind === 'reversal' ? r.reversedKind : r.kind
    // Income entries are +, expenses −; spending is shown as a positive figure.
    if (kind === 'income') m.incomeFen += n(r.amountFen)
    else if (kind === 'expense') m.spendingFen -= n(r.amountFen)
  }
  const byMonth = [...months.values()]
  return { byMonth, incomeFen: byMonth.reduce((s, m) => s + m.incomeFen, 0), spendingFen: byMonth.reduce((s, m) => s + m.spendingFen, 0) }
}

/**
 * Beneficiaries by kind (one person may hold several kinds). With `asOf`, the register as it
 * stood at that instant, judged by each person's latest status change; without it, active now.
 */
export async function beneficiaryFigures(db: Db, teamId: string, asOf?: string): Promise<Dashboard['beneficiaries']> {
  let q = db.selectFrom('beneficiaries').select(['kinds', 'status', 'statusChangedAt', 'createdAt']).where('teamId', '=', teamId)
  if (asOf) q = q.where('createdAt', '<', asOf)
  const rows = (await q.execute()).filter((r) => r.status === 'active' || (asOf !== undefined && r.statusChangedAt >= asOf))
  const counts = new Map<string, number>()
  for (const r of rows) for (const k of new Set(JSON.parse(r.kinds) as string[])) counts.set(k, (counts.get(k) ?? 0) + 1)
  return {
    byKind: BeneficiaryKindList.codes.map((kind) => ({ kind: kind as BeneficiaryKind, count: counts.get(kind) ?? 0 })),
    active: rows.length,
  }
}

export async function dashboard(db: Db, teamId: string, from: string, to: string): Promise<Dashboard> {
  const p = period(from, to)
  const [cells, cups, granary, fund, beneficiaries] = await Promise.all([
    hourCells(db, teamId, p),
    cupFigures(db, teamId, p),
    granaryFigures(db, teamId, p),
    fundFigures(db, teamId, p),
    beneficiaryFigures(db, teamId),
  ])
  return { from, to, months: p.months, hours: hoursFigures(cells, p), cups, granary, fund, beneficiaries }
}

/** The default range: the 12 months ending with the current China-time month. */
export function defaultRange(now: Date): { from: string; to: string } {
  const to = chinaMonth(now)
  return { from: shiftMonth(to, -11), to }
}
