import { netIncomeFen, perCapitaFen, type AidIncome, type AidIncomeSource, type IncomeComponents } from '@chayi/domain'
import type { AidIncomeRow } from '@chayi/db'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

// Writing a household's income: the one place an income row is made, whether from the yearly
// figures, a visit's update or a partner's delivery credit (routes live in income-routes.ts).

export interface IncomeEntry {
  householdId: string
  year: number
  /** YYYY-MM-DD */
  asOf: string
  source: AidIncomeSource
  components: IncomeComponents
  /** People counted; the household's current members when not given. */
  memberCount?: number | undefined
  visitId?: string | null
  deliveryId?: string | null
  /** A negative partner credit undoing an earlier one. */
  reversesId?: string | null
  /** Components are subtracted (a reversal of a credit). */
  negate?: boolean
  note?: string | null
}

/** Inserts one income row (net and per-capita computed and frozen) and its audit event. */
export async function recordIncome(w: WriteScope, e: IncomeEntry): Promise<AidIncomeRow> {
  let members = e.memberCount
  if (members === undefined) {
    const r = await w.trx.selectFrom('aidMembers').select((eb) => eb.fn.countAll<number | string>().as('n')).where('householdId', '=', e.householdId).executeTakeFirstOrThrow()
    members = Math.max(1, Number(r.n))
  }
  const sign = e.negate ? -1 : 1
  const c = e.components
  const net = netIncomeFen(c)
  const row: AidIncomeRow = {
    id: newId(),
    teamId: w.teamId,
    householdId: e.householdId,
    year: e.year,
    asOf: e.asOf,
    source: e.source,
    visitId: e.visitId ?? null,
    deliveryId: e.deliveryId ?? null,
    reversesId: e.reversesId ?? null,
    wagesFen: sign * c.wagesFen,
    businessFen: sign * c.businessFen,
    propertyFen: sign * c.propertyFen,
    transfersFen: sign * c.transfersFen,
    costsFen: sign * c.costsFen,
    memberCount: members,
    netFen: sign * net,
    perCapitaFen: sign * perCapitaFen(net, members),
    note: e.note ?? null,
    createdAt: w.at,
    createdBy: w.actor,
  }
  await w.trx.insertInto('aidIncomes').values(row).execute()
  // Income is sealed-class data (architecture §3): the chain names the record, not the figures.
  await w.record({ kind: 'aid.income_recorded', entity: 'aid_household', entityId: e.householdId, payload: { incomeId: row.id, year: row.year, source: row.source, visitId: row.visitId, deliveryId: row.deliveryId, reversesId: row.reversesId } })
  return row
}

export function toAidIncome(r: AidIncomeRow): AidIncome {
  return {
    id: r.id,
    householdId: r.householdId,
    year: r.year,
    asOf: r.asOf,
    source: r.source,
    visitId: r.visitId,
    deliveryId: r.deliveryId,
    wagesFen: Number(r.wagesFen),
    businessFen: Number(r.businessFen),
    propertyFen: Number(r.propertyFen),
    transfersFen: Number(r.transfersFen),
    costsFen: Number(r.costsFen),
    memberCount: r.memberCount,
    netFen: Number(r.netFen),
    perCapitaFen: Number(r.perCapitaFen),
    note: r.note,
    createdAt: r.createdAt,
  }
}
