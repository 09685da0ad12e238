import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, type Database, type HourEntryRow, type PairingRow, type PairingVisitRow } from '@chayi/db'
import {
  isOverdue,
  maskName,
  nextVisitDue,
  PAIRABLE_KINDS,
  type FollowUp,
  type FollowUpStatus,
  type MyPairing,
  type NewPairing,
  type NewVisit,
  type Pairing,
  type PairingListQuery,
  type PairingVolunteer,
  type PairingVisit,
} from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

// 空巢不空心 (issue 5 item 6). A pairing ties an active volunteer to an elderly or empty-nest
// beneficiary with a visit frequency; one active pairing per (volunteer, beneficiary). A visit is
// written with a pending hour entry (source 'visit', project 'empty_nest', no activity) in the same
// transaction, so its minutes wait for a leader's approval like any other hours. Notes, concerns and
// outcomes are sealed and never go to the audit chain; the chain gets ids, days and minutes.

type Db = Kysely<Database>

/** How an elder's name is shown: whole to care staff and admins, masked to leaders and volunteers. */
export type NameView = 'whole' | 'masked'

const nameFor = (name: string, view: NameView) => (view === 'whole' ? name : maskName(name))

/** Latest visit day and visit count of each pairing. */
async function visitStats(db: Db, pairingIds: readonly string[]): Promise<Map<string, { last: string; count: number }>> {
  if (!pairingIds.length) return new Map()
  const rows = await db
    .selectFrom('pairingVisits')
    .select((eb) => ['pairingId', eb.fn.max('visitedOn').as('last'), eb.fn.countAll().as('count')])
    .where('pairingId', 'in', [...pairingIds])
    .groupBy('pairingId')
    .execute()
  return new Map(rows.map((r) => [r.pairingId, { last: String(r.last), count: Number(r.count) }]))
}

function dueOf(row: Pick<PairingRow, 'status' | 'startsOn' | 'frequencyDays'>, lastVisitOn: string | null, today: string) {
  const nextDueOn = row.status === 'active' ? nextVisitDue({ startsOn: row.startsOn, frequencyDays: Number(row.frequencyDays), lastVisitOn }) : null
  return { nextDueOn, overdue: isOverdue(nextDueOn, today) }
}

function pairingsQuery(db: Db, teamId: string) {
  return db
    .selectFrom('pairings')
    .innerJoin('volunteers', 'volunteers.id', 'pairings.volunteerId')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'pairings.beneficiaryId')
    .selectAll('pairings')
    .select(['volunteers.realName as volunteerName', 'beneficiaries.name as elderName', 'beneficiaries.community', 'beneficiaries.addressEnc'])
    .where('pairings.teamId', '=', teamId)
}

type JoinedRow = PairingRow & { volunteerName: string; elderName: string; community: string; addressEnc: string | null }

async function toPairings(db: Db, rows: JoinedRow[], view: NameView, today: string): Promise<Pairing[]> {
  const stats = await visitStats(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => {
    const s = stats.get(r.id)
    const lastVisitOn = s?.last ?? null
    return {
      id: r.id,
      volunteerId: r.volunteerId,
      volunteerName: r.volunteerName,
      beneficiaryId: r.beneficiaryId,
      elderName: nameFor(r.elderName, view),
      community: r.community,
      frequencyDays: Number(r.frequencyDays),
      startsOn: r.startsOn,
      note: r.note,
      status: r.status,
      createdAt: r.createdAt,
      endedAt: r.endedAt,
      endReason: r.endReason,
      lastVisitOn,
      ...dueOf(r, lastVisitOn, today),
      visitCount: s?.count ?? 0,
    }
  })
}

export async function loadPairing(db: Db, teamId: string, id: string, view: NameView, today: string): Promise<Pairing> {
  const row = await pairingsQuery(db, teamId).where('pairings.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Pairing')
  return (await toPairings(db, [row], view, today))[0]!
}

/**
 * The team's pairings, active first then newest first. Due dates are computed per pairing, so the
 * `overdue` filter is applied after loading: a team has tens to a few hundred pairings, not more.
 */
export async function listPairings(db: Db, teamId: string, f: PairingListQuery, view: NameView, today: string): Promise<Pairing[]> {
  let q = pairingsQuery(db, teamId)
  if (f.status) q = q.where('pairings.status', '=', f.status)
  if (f.volunteerId) q = q.where('pairings.volunteerId', '=', f.volunteerId)
  if (f.beneficiaryId) q = q.where('pairings.beneficiaryId', '=', f.beneficiaryId)
  const rows = await q.orderBy('pairings.status').orderBy('pairings.createdAt', 'desc').orderBy('pairings.id', 'desc').execute()
  const all = await toPairings(db, rows, view, today)
  const out = f.overdue === undefined ? all : all.filter((p) => p.overdue === f.overdue)
  // Overdue ones first among the active, most overdue first.
  return out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.overdue && b.overdue ? a.nextDueOn!.localeCompare(b.nextDueOn!) : 0))
}

/**
 * A volunteer's own pairings for the portal: masked name, community, due date, and the address
 * only while the pairing is active (they need it to visit; once ended they have no reason to).
 */
export async function myPairings(db: Db, cipher: FieldCipher, teamId: string, volunteerId: string, today: string): Promise<MyPairing[]> {
  const rows = await pairingsQuery(db, teamId).where('pairings.volunteerId', '=', volunteerId).orderBy('pairings.status').orderBy('pairings.createdAt', 'desc').execute()
  const stats = await visitStats(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => {
    const lastVisitOn = stats.get(r.id)?.last ?? null
    return {
      id: r.id,
      elderName: maskName(r.elderName),
      community: r.community,
      address: r.status === 'active' && r.addressEnc ? cipher.decrypt(r.addressEnc) : null,
      frequencyDays: Number(r.frequencyDays),
      startsOn: r.startsOn,
      status: r.status,
      endedAt: r.endedAt,
      lastVisitOn,
      ...dueOf(r, lastVisitOn, today),
    }
  })
}

export async function createPairing(w: WriteScope, input: NewPairing): Promise<string> {
  const volunteer = await forUpdate(w.trx, w.trx.selectFrom('volunteers').select(['id', 'status']).where('id', '=', input.volunteerId).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!volunteer) throw notFound('Volunteer')
  if (volunteer.status !== 'active') {
    throw unprocessable('volunteer_not_active', `Only an active volunteer can be paired (this one is ${volunteer.status}).`, [{ path: 'volunteerId', message: 'not an active volunteer' }])
  }
  const b = await forUpdate(w.trx, w.trx.selectFrom('beneficiaries').select(['id', 'kinds', 'status']).where('id', '=', input.beneficiaryId).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!b) throw notFound('Beneficiary')
  const kinds = JSON.parse(b.kinds) as string[]
  if (!kinds.some((k) => (PAIRABLE_KINDS as readonly string[]).includes(k))) {
    throw unprocessable('not_elderly', 'A pairing is with an empty-nest or elderly beneficiary.', [{ path: 'beneficiaryId', message: 'neither empty-nest elderly nor elderly' }])
  }
  if (b.status !== 'active') {
    throw unprocessable('beneficiary_not_active', `A pairing is with an active beneficiary only (this one is ${b.status}).`, [{ path: 'beneficiaryId', message: `is ${b.status}` }])
  }
  const existing = await w.trx
    .selectFrom('pairings')
    .select('id')
    .where('volunteerId', '=', input.volunteerId)
    .where('beneficiaryId', '=', input.beneficiaryId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (existing) throw conflict('already_paired', 'This volunteer is already paired with this elder.')
  const row: PairingRow = {
    id: newId(),
    teamId: w.teamId,
    volunteerId: input.volunteerId,
    beneficiaryId: input.beneficiaryId,
    frequencyDays: input.frequencyDays,
    startsOn: input.startsOn,
    note: input.note?.trim() || null,
    status: 'active',
    createdAt: w.at,
    createdBy: w.actor,
    endedAt: null,
    endedBy: null,
    endReason: null,
  }
  try {
    await w.trx.insertInto('pairings').values(row).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('already_paired', 'This volunteer is already paired with this elder.')
    throw err
  }
  await w.record({
    kind: 'care.pairing_created',
    entity: 'pairing',
    entityId: row.id,
    payload: { volunteerId: row.volunteerId, beneficiaryId: row.beneficiaryId, frequencyDays: row.frequencyDays, startsOn: row.startsOn },
  })
  return row.id
}

export async function endPairing(w: WriteScope, id: string, reason: string): Promise<void> {
  const p = await forUpdate(w.trx, w.trx.selectFrom('pairings').select(['id', 'status']).where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!p) throw notFound('Pairing')
  if (p.status !== 'active') throw conflict('pairing_ended', 'This pairing has already ended.')
  await w.trx.updateTable('pairings').set({ status: 'ended', endedAt: w.at, endedBy: w.actor, endReason: reason }).where('id', '=', id).where('status', '=', 'active').execute()
  // The reason may talk about a person: it stays in the row.
  await w.record({ kind: 'care.pairing_ended', entity: 'pairing', entityId: id, payload: {} })
}

/** The pairing if the caller may act on it: staff of the team, or its own volunteer; else 404. */
export async function pairingFor(db: Db, teamId: string, id: string, who: { staff: boolean; volunteerId: string | null }): Promise<PairingRow> {
  const p = await db.selectFrom('pairings').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!p || (!who.staff && p.volunteerId !== who.volunteerId)) throw notFound('Pairing')
  return p
}

/**
 * Logs a visit of an active pairing: the visit, a pending hour entry for its minutes (source
 * 'visit', project 'empty_nest', service date = the visit's day) and, with a concern, an open
 * follow-up — all in the caller's transaction.
 */
export async function logVisit(w: WriteScope, cipher: FieldCipher, pairingId: string, input: NewVisit, today: string, who: { staff: boolean; volunteerId: string | null }): Promise<PairingVisit> {
  const found = await pairingFor(w.trx, w.teamId, pairingId, who)
  // Lock the volunteer, as supplements do, so hour writes for one person queue.
  const volunteer = await forUpdate(w.trx, w.trx.selectFrom('volunteers').select(['id', 'status']).where('id', '=', found.volunteerId)).executeTakeFirstOrThrow()
  const p = await forUpdate(w.trx, w.trx.selectFrom('pairings').selectAll().where('id', '=', pairingId)).executeTakeFirstOrThrow()
  if (p.status !== 'active') throw conflict('pairing_ended', 'This pairing has ended; visits can no longer be logged.')
  if (volunteer.status !== 'active') throw unprocessable('volunteer_not_active', `Only an active volunteer can be credited with hours (this one is ${volunteer.status}).`)
  if (input.visitedOn > today) throw unprocessable('future_visit', 'A visit cannot be logged before it happened.', [{ path: 'visitedOn', message: 'in the future' }])
  if (input.visitedOn < p.startsOn) throw unprocessable('before_pairing', `The pairing starts on ${p.startsOn}.`, [{ path: 'visitedOn', message: 'before the pairing started' }])

  const entry: HourEntryRow = {
    id: newId(),
    teamId: w.teamId,
    volunteerId: p.volunteerId,
    activityId: null,
    attendanceId: null,
    project: 'empty_nest',
    serviceDate: input.visitedOn,
    minutes: input.minutes,
    source: 'visit',
    reason: null,
    status: 'pending',
    reverses: null,
    createdBy: w.actor,
    createdAt: w.at,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  }
  await w.trx.insertInto('hourEntries').values(entry).execute()
  const visit: PairingVisitRow = {
    id: newId(),
    teamId: w.teamId,
    pairingId: p.id,
    volunteerId: p.volunteerId,
    beneficiaryId: p.beneficiaryId,
    visitedOn: input.visitedOn,
    minutes: input.minutes,
    notesEnc: cipher.encrypt(input.notes ?? ''),
    concern: input.concern ? 1 : 0,
    concernNoteEnc: input.concern && input.concernNote ? cipher.encrypt(input.concernNote) : null,
    hourEntryId: entry.id,
    createdAt: w.at,
    createdBy: w.actor,
  }
  await w.trx.insertInto('pairingVisits').values(visit).execute()
  await w.record({ kind: 'volunteers.hours_visit_logged', entity: 'hour_entry', entityId: entry.id, payload: { volunteerId: p.volunteerId, pairingId: p.id, minutes: entry.minutes } })
  await w.record({ kind: 'care.visit_logged', entity: 'pairing_visit', entityId: visit.id, payload: { pairingId: p.id, visitedOn: visit.visitedOn, minutes: visit.minutes, concern: input.concern, hourEntryId: entry.id } })
  let followUpId: string | null = null
  if (input.concern) {
    followUpId = newId()
    await w.trx
      .insertInto('pairingFollowUps')
      .values({ id: followUpId, teamId: w.teamId, pairingId: p.id, visitId: visit.id, beneficiaryId: p.beneficiaryId, status: 'open', openedAt: w.at, closedAt: null, closedBy: null, outcomeEnc: null })
      .execute()
    await w.record({ kind: 'care.follow_up_opened', entity: 'pairing_follow_up', entityId: followUpId, payload: { pairingId: p.id, visitId: visit.id } })
  }
  return toVisit(visit, followUpId, cipher)
}

function toVisit(r: PairingVisitRow, followUpId: string | null, cipher: FieldCipher): PairingVisit {
  return {
    id: r.id,
    pairingId: r.pairingId,
    volunteerId: r.volunteerId,
    visitedOn: r.visitedOn,
    minutes: Number(r.minutes),
    notes: cipher.decrypt(r.notesEnc),
    concern: Number(r.concern) === 1,
    concernNote: r.concernNoteEnc ? cipher.decrypt(r.concernNoteEnc) : null,
    hourEntryId: r.hourEntryId,
    followUpId,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  }
}

/** A pairing's visits, newest first. */
export async function listVisits(db: Db, cipher: FieldCipher, pairingId: string): Promise<PairingVisit[]> {
  const rows = await db.selectFrom('pairingVisits').selectAll().where('pairingId', '=', pairingId).orderBy('visitedOn', 'desc').orderBy('createdAt', 'desc').execute()
  const fus = rows.length
    ? new Map(
        (
          await db
            .selectFrom('pairingFollowUps')
            .select(['id', 'visitId'])
            .where('visitId', 'in', rows.map((r) => r.id))
            .execute()
        ).map((f) => [f.visitId, f.id]),
      )
    : new Map<string, string>()
  return rows.map((r) => toVisit(r, fus.get(r.id) ?? null, cipher))
}

function followUpsQuery(db: Db, teamId: string) {
  return db
    .selectFrom('pairingFollowUps')
    .innerJoin('pairingVisits', 'pairingVisits.id', 'pairingFollowUps.visitId')
    .innerJoin('volunteers', 'volunteers.id', 'pairingVisits.volunteerId')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'pairingFollowUps.beneficiaryId')
    .selectAll('pairingFollowUps')
    .select(['pairingVisits.visitedOn', 'pairingVisits.concernNoteEnc', 'volunteers.realName as volunteerName', 'beneficiaries.name as elderName'])
    .where('pairingFollowUps.teamId', '=', teamId)
}

/** Follow-ups of the team, open ones oldest first (the queue), then closed ones newest first. */
export async function listFollowUps(db: Db, cipher: FieldCipher, teamId: string, status: FollowUpStatus | undefined, view: NameView): Promise<FollowUp[]> {
  let q = followUpsQuery(db, teamId)
  if (status) q = q.where('pairingFollowUps.status', '=', status)
  return (await q.orderBy('pairingFollowUps.status', 'desc').orderBy('pairingFollowUps.openedAt').orderBy('pairingFollowUps.id').execute()).map(toFollowUp(cipher, view))
}

export async function closeFollowUp(w: WriteScope, cipher: FieldCipher, id: string, outcome: string, view: NameView): Promise<FollowUp> {
  const f = await forUpdate(w.trx, w.trx.selectFrom('pairingFollowUps').select(['id', 'status']).where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!f) throw notFound('Follow-up')
  if (f.status !== 'open') throw conflict('follow_up_closed', 'This follow-up is already closed.')
  await w.trx.updateTable('pairingFollowUps').set({ status: 'closed', closedAt: w.at, closedBy: w.actor, outcomeEnc: cipher.encrypt(outcome) }).where('id', '=', id).execute()
  await w.record({ kind: 'care.follow_up_closed', entity: 'pairing_follow_up', entityId: id, payload: {} })
  const row = await followUpsQuery(w.trx, w.teamId).where('pairingFollowUps.id', '=', id).executeTakeFirstOrThrow()
  return toFollowUp(cipher, view)(row)
}

type FollowUpJoined = Awaited<ReturnType<ReturnType<typeof followUpsQuery>['executeTakeFirstOrThrow']>>

const toFollowUp =
  (cipher: FieldCipher, view: NameView) =>
  (r: FollowUpJoined): FollowUp => ({
    id: r.id,
    pairingId: r.pairingId,
    visitId: r.visitId,
    beneficiaryId: r.beneficiaryId,
    elderName: nameFor(r.elderName, view),
    volunteerName: r.volunteerName,
    visitedOn: r.visitedOn,
    concernNote: r.concernNoteEnc ? cipher.decrypt(r.concernNoteEnc) : '',
    status: r.status,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
    closedBy: r.closedBy,
    outcome: r.outcomeEnc ? cipher.decrypt(r.outcomeEnc) : null,
  })

/** The team's active volunteers with their count of active pairings, by name. */
export async function pairingVolunteers(db: Db, teamId: string): Promise<PairingVolunteer[]> {
  const vols = await db.selectFrom('volunteers').select(['id', 'realName', 'volunteerNumber']).where('teamId', '=', teamId).where('status', '=', 'active').orderBy('realName').orderBy('id').execute()
  const counts = new Map(
    (
      await db
        .selectFrom('pairings')
        .select((eb) => ['volunteerId', eb.fn.countAll().as('n')])
        .where('teamId', '=', teamId)
        .where('status', '=', 'active')
        .groupBy('volunteerId')
        .execute()
    ).map((r) => [r.volunteerId, Number(r.n)]),
  )
  return vols.map((v) => ({ id: v.id, realName: v.realName, volunteerNumber: v.volunteerNumber, activePairings: counts.get(v.id) ?? 0 }))
}
