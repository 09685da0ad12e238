import type { Kysely } from 'kysely'
import type { AidVisitRow, Database } from '@chayi/db'
import { canonicalJson, chinaIsoDate, type AidChecklist, type AidHardshipKind, type AidVisit, type AidVisitDetail, type NewAidVisitParsed } from '@chayi/domain'
import { sha256Hex } from '../crypto.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import type { WriteScope } from '../write.js'
import { lockHousehold } from './households.js'
import { recordIncome } from './incomes.js'
import { lineFor } from './lines.js'
import { openMonitoringCase } from './monitoring.js'

// 入户走访: a visit is recorded exactly once. Its id is made on the device, so the outbox may send
// it any number of times: the same id with the same content answers the stored visit; the same
// id with different content is a 409 (two visits must not share an id). A visit's income update
// becomes an income row (source `visit`); income under the monitoring line or a hardship opens a
// monitoring case.

type Db = Kysely<Database>

/** A device's clock may run a little ahead of the server's; a visit further in the future is refused. */
const FUTURE_SLACK_MS = 10 * 60_000

/** What identifies a visit's content: its parsed input (defaults filled, text trimmed). */
export const visitHash = (v: NewAidVisitParsed) => sha256Hex(canonicalJson(v))

type Joined = AidVisitRow & { householdCode: string; workerName: string | null; perCapitaFen: number | string | null }

function select(db: Db) {
  return db
    .selectFrom('aidVisits as v')
    .innerJoin('aidHouseholds as h', 'h.id', 'v.householdId')
    .leftJoin('users as u', 'u.id', 'v.workerId')
    .leftJoin('aidIncomes as i', 'i.id', 'v.incomeId')
    .selectAll('v')
    .select(['h.code as householdCode', 'u.displayName as workerName', 'i.perCapitaFen as perCapitaFen'])
}

function toAidVisit(r: Joined): AidVisit {
  return {
    id: r.id,
    householdId: r.householdId,
    householdCode: r.householdCode,
    workerId: r.workerId,
    workerName: r.workerName ?? '',
    visitedAt: r.visitedAt,
    notes: r.notes,
    checklist: JSON.parse(r.checklist) as AidChecklist,
    incomeId: r.incomeId,
    perCapitaFen: r.perCapitaFen === null ? null : Number(r.perCapitaFen),
    hardship: r.hardshipKind === null ? null : { kind: r.hardshipKind as AidHardshipKind, note: r.hardshipNote ?? '' },
    photoCount: r.photoCount,
    monitoringCaseId: r.monitoringCaseId,
    createdAt: r.createdAt,
  }
}

/** One visit of the team with its photos, or undefined. */
export async function loadVisit(db: Db, teamId: string, id: string): Promise<AidVisitDetail | undefined> {
  const r = await select(db).where('v.id', '=', id).where('v.teamId', '=', teamId).executeTakeFirst()
  if (!r) return undefined
  const photos = await db.selectFrom('aidVisitPhotos').select('data').where('visitId', '=', id).orderBy('position').execute()
  return { ...toAidVisit(r), photos: photos.map((p) => p.data) }
}

export async function visitDetail(db: Db, teamId: string, id: string): Promise<AidVisitDetail> {
  const v = await loadVisit(db, teamId, id)
  if (!v) throw notFound('Visit')
  return v
}

/**
 * The stored answer to a resend of visit `id`, or undefined when no visit has the id. A visit of
 * another team, or one with other content, holding the id is a 409 (nothing about it is shown).
 */
export async function storedVisit(db: Db, teamId: string, id: string, hash: string): Promise<AidVisit | undefined> {
  const row = await db.selectFrom('aidVisits').select(['teamId', 'requestHash']).where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  if (row.teamId !== teamId || row.requestHash !== hash) {
    throw conflict('visit_id_conflict', 'Another visit was already recorded with this id; a resend must carry the same content.')
  }
  return toAidVisit((await select(db).where('v.id', '=', id).executeTakeFirstOrThrow()) as Joined)
}

/** Newest visit first; photos are left out (`photoCount` says how many). */
export async function listVisits(db: Db, teamId: string, householdId: string, limit: number, cursor?: string): Promise<{ items: AidVisit[]; nextCursor: string | null }> {
  const h = await db.selectFrom('aidHouseholds').select('id').where('id', '=', householdId).where('teamId', '=', teamId).executeTakeFirst()
  if (!h) throw notFound('Household')
  let q = select(db).where('v.householdId', '=', householdId).orderBy('v.visitedAt', 'desc').orderBy('v.id', 'desc').limit(limit + 1)
  if (cursor) {
    const [at, id] = cursor.split('~')
    if (at && id) q = q.where((eb) => eb.or([eb('v.visitedAt', '<', at), eb.and([eb('v.visitedAt', '=', at), eb('v.id', '<', id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > limit
  const items = (more ? rows.slice(0, limit) : rows).map(toAidVisit)
  const last = items.at(-1)
  return { items, nextCursor: more && last ? `${last.visitedAt}~${last.id}` : null }
}

/**
 * Records a visit: the income update (if any), a monitoring case when the visit's per-capita
 * income is under the household's monitoring line for the visit's year or a hardship is
 * reported, the visit and its photos, and its audit event — all in the caller's transaction.
 */
export async function recordVisit(w: WriteScope, workerId: string, input: NewAidVisitParsed, hash: string): Promise<AidVisit> {
  const household = await w.trx.selectFrom('aidHouseholds').select('id').where('id', '=', input.householdId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!household) throw unprocessable('unknown_household', 'No such household in this team.', [{ path: 'householdId', message: 'not a household of this team' }])
  if (Date.parse(input.visitedAt) > Date.parse(w.at) + FUTURE_SLACK_MS) {
    throw unprocessable('visited_in_future', 'A visit cannot be dated in the future.', [{ path: 'visitedAt', message: 'later than now' }])
  }
  // Serialises visits of one household, so two visits cannot both open a case.
  const row = await lockHousehold(w, input.householdId)
  const visitDay = chinaIsoDate(input.visitedAt)
  const year = Number(visitDay.slice(0, 4))

  const triggers: string[] = []
  let incomeId: string | null = null
  if (input.income) {
    const { memberCount, ...components } = input.income
    const income = await recordIncome(w, { householdId: row.id, year, asOf: visitDay, source: 'visit', components, memberCount, visitId: input.id })
    incomeId = income.id
    const line = await lineFor(w.trx, w.teamId, row.placeId, year)
    if (line && Number(income.perCapitaFen) < line.monitoringFen) triggers.push('income_below_line')
  }
  if (input.hardship) triggers.push(`hardship:${input.hardship.kind}`)
  const monitoringCaseId = triggers.length ? (await openMonitoringCase(w, row.id, triggers, input.id)).id : null

  const visit: AidVisitRow = {
    id: input.id,
    teamId: w.teamId,
    householdId: row.id,
    workerId,
    visitedAt: input.visitedAt,
    notes: input.notes,
    checklist: JSON.stringify(input.checklist),
    hardshipKind: input.hardship?.kind ?? null,
    hardshipNote: input.hardship?.note ?? null,
    incomeId,
    monitoringCaseId,
    photoCount: input.photos.length,
    requestHash: hash,
    createdAt: w.at,
    createdBy: w.actor,
  }
  await w.trx.insertInto('aidVisits').values(visit).execute()
  for (const [position, data] of input.photos.entries()) {
    await w.trx.insertInto('aidVisitPhotos').values({ visitId: visit.id, position, teamId: w.teamId, data }).execute()
  }
  // Notes and figures stay out of the chain (they may be personal); it names what happened.
  await w.record({
    kind: 'aid.visit_recorded',
    entity: 'aid_household',
    entityId: row.id,
    payload: { visitId: visit.id, visitedAt: visit.visitedAt, incomeId, monitoringCaseId, triggers, photoCount: visit.photoCount },
  })
  return toAidVisit((await select(w.trx).where('v.id', '=', visit.id).executeTakeFirstOrThrow()) as Joined)
}
