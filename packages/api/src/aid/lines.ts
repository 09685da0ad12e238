import type { Kysely } from 'kysely'
import type { AidLineRow, AidPlaceRow, Database } from '@chayi/db'
import { resolveLine, summariseIncomeYears, type AidIncomeYear, type AidLine, type AidYearLine, type LineLike, type NewAidLine } from '@chayi/domain'
import { notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { loadPlaces, placePath } from './places.js'

// Lines (低保 standard, monitoring line) and what a household's years add up to against them.
// Visits, exit and monitoring read the same two functions: lineFor and incomeYears.

/** The household's place and its parents up to the county, nearest first. */
export function placeIdsUpward(places: Map<string, AidPlaceRow>, placeId: string): string[] {
  const out: string[] = []
  for (let p = places.get(placeId); p && out.length < 8; p = p.parentId ? places.get(p.parentId) : undefined) out.push(p.id)
  return out
}

const asLine = (r: AidLineRow): LineLike => ({ id: r.id, year: r.year, placeId: r.placeId, dibaoFen: Number(r.dibaoFen), monitoringFen: Number(r.monitoringFen), createdAt: r.createdAt })

async function teamLines(db: Kysely<Database>, teamId: string, year?: number): Promise<LineLike[]> {
  let q = db.selectFrom('aidLines').selectAll().where('teamId', '=', teamId)
  if (year !== undefined) q = q.where('year', '=', year)
  return (await q.execute()).map(asLine)
}

/** The line for a place and year (nearest place up the path with one, else team-wide), or null. */
export async function lineFor(db: Kysely<Database>, teamId: string, placeId: string, year: number): Promise<{ dibaoFen: number; monitoringFen: number } | null> {
  const line = resolveLine(await teamLines(db, teamId, year), placeIdsUpward(await loadPlaces(db, teamId), placeId), year)
  return line ? { dibaoFen: line.dibaoFen, monitoringFen: line.monitoringFen } : null
}

/** The lines that apply at a place, one per year the team set any (oldest first). */
export async function placeLines(db: Kysely<Database>, teamId: string, placeId: string, places?: Map<string, AidPlaceRow>): Promise<AidYearLine[]> {
  const lines = await teamLines(db, teamId)
  const upward = placeIdsUpward(places ?? (await loadPlaces(db, teamId)), placeId)
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b)
  return years.flatMap((year) => {
    const l = resolveLine(lines, upward, year)
    return l ? [{ year, dibaoFen: l.dibaoFen, monitoringFen: l.monitoringFen }] : []
  })
}

/** A household's years against their lines, oldest first (404 for another team's household). */
export async function incomeYears(db: Kysely<Database>, teamId: string, householdId: string): Promise<AidIncomeYear[]> {
  const h = await db.selectFrom('aidHouseholds').select(['id', 'placeId']).where('id', '=', householdId).where('teamId', '=', teamId).executeTakeFirst()
  if (!h) throw notFound('Household')
  return (await teamIncomeYears(db, teamId, [h.id])).get(h.id) ?? []
}

/**
 * Every (or the named) household's years at once, for the dashboard and the export: four queries
 * whatever the number of households. Households with no income records are absent.
 */
export async function teamIncomeYears(db: Kysely<Database>, teamId: string, householdIds?: string[]): Promise<Map<string, AidIncomeYear[]>> {
  if (householdIds && householdIds.length === 0) return new Map()
  let hq = db.selectFrom('aidHouseholds').select(['id', 'placeId']).where('teamId', '=', teamId)
  let iq = db.selectFrom('aidIncomes').selectAll().where('teamId', '=', teamId)
  let mq = db.selectFrom('aidMembers').innerJoin('aidHouseholds', 'aidHouseholds.id', 'aidMembers.householdId').select((eb) => ['aidMembers.householdId', eb.fn.countAll<number | string>().as('n')]).where('aidHouseholds.teamId', '=', teamId).groupBy('aidMembers.householdId')
  if (householdIds) {
    hq = hq.where('id', 'in', householdIds)
    iq = iq.where('householdId', 'in', householdIds)
    mq = mq.where('aidMembers.householdId', 'in', householdIds)
  }
  const [households, incomes, members, lines, places] = await Promise.all([hq.execute(), iq.execute(), mq.execute(), teamLines(db, teamId), loadPlaces(db, teamId)])
  const memberCount = new Map(members.map((m) => [m.householdId, Number(m.n)]))
  const rowsOf = new Map<string, typeof incomes>()
  for (const r of incomes) {
    const list = rowsOf.get(r.householdId)
    if (list) list.push(r)
    else rowsOf.set(r.householdId, [r])
  }
  const out = new Map<string, AidIncomeYear[]>()
  for (const h of households) {
    const rows = rowsOf.get(h.id)
    if (!rows) continue
    const upward = placeIdsUpward(places, h.placeId)
    out.set(
      h.id,
      summariseIncomeYears(
        rows.map((r) => ({ ...r, wagesFen: Number(r.wagesFen), businessFen: Number(r.businessFen), propertyFen: Number(r.propertyFen), transfersFen: Number(r.transfersFen), costsFen: Number(r.costsFen) })),
        (year) => resolveLine(lines, upward, year),
        memberCount.get(h.id) ?? 1,
      ),
    )
  }
  return out
}

/** The team-wide line for each year that has one (the dashboard's reference line). */
export async function teamWideLines(db: Kysely<Database>, teamId: string): Promise<Map<number, { dibaoFen: number; monitoringFen: number }>> {
  const lines = await teamLines(db, teamId)
  const out = new Map<number, { dibaoFen: number; monitoringFen: number }>()
  for (const year of new Set(lines.map((l) => l.year))) {
    const l = resolveLine(lines, [], year)
    if (l) out.set(year, { dibaoFen: l.dibaoFen, monitoringFen: l.monitoringFen })
  }
  return out
}

export function toAidLine(r: AidLineRow, places: Map<string, AidPlaceRow>): AidLine {
  return { id: r.id, year: r.year, placeId: r.placeId, placePath: r.placeId ? placePath(places, r.placeId) : [], dibaoFen: Number(r.dibaoFen), monitoringFen: Number(r.monitoringFen), createdAt: r.createdAt }
}

/** A team's lines, newest year first and, within a year, the latest set first. */
export async function listLines(db: Kysely<Database>, teamId: string, year?: number): Promise<AidLine[]> {
  let q = db.selectFrom('aidLines').selectAll().where('teamId', '=', teamId).orderBy('year', 'desc').orderBy('createdAt', 'desc').orderBy('id', 'desc')
  if (year !== undefined) q = q.where('year', '=', year)
  const [rows, places] = await Promise.all([q.execute(), loadPlaces(db, teamId)])
  return rows.map((r) => toAidLine(r, places))
}

/** Sets a year's line for the team or for one county, township or village (not a group). */
export async function setLine(w: WriteScope, input: NewAidLine): Promise<AidLine> {
  const placeId = input.placeId ?? null
  const places = await loadPlaces(w.trx, w.teamId)
  if (placeId !== null) {
    const place = places.get(placeId)
    if (!place) throw unprocessable('bad_place', 'No such place in this team.', [{ path: 'placeId', message: 'not a place of this team' }])
    if (place.level === 'group') throw unprocessable('bad_place', 'Lines are set for a county, township or village, not a group.', [{ path: 'placeId', message: 'a group cannot have its own line' }])
  }
  const row: AidLineRow = { id: newId(), teamId: w.teamId, year: input.year, placeId, dibaoFen: input.dibaoFen, monitoringFen: input.monitoringFen, createdAt: w.at, createdBy: w.actor }
  await w.trx.insertInto('aidLines').values(row).execute()
  await w.record({ kind: 'aid.line_set', entity: 'aid_line', entityId: row.id, payload: { year: row.year, placeId, dibaoFen: row.dibaoFen, monitoringFen: row.monitoringFen } })
  return toAidLine(row, places)
}
