import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, type Database, type HourCorrectionRow, type HourEntryRow } from '@chayi/db'
import type { CorrectionDecision, CorrectionRequest, HourCorrection, HourCorrectionStatus, HourEntry, HourStatus, ServiceProject, SupplementHours } from '@chayi/domain'
import { ApiError, conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import { notify } from '../notifications/notify.js'
import type { WriteScope } from '../write.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { chinaDay, minutesBetween } from './time.js'

// The hours ledger (服务时长). Rows are only ever inserted; the one update is a pending entry's
// decision, made once by a conditional UPDATE … WHERE status = 'pending'. An approved entry is put
// right by a reversal (its minutes negated, `reverses` = it, approved at once) plus a correction
// entry with the right minutes, so every total is a plain sum of approved minutes.

type Db = Kysely<Database>
type EntryRow = HourEntryRow & { volunteerName: string; activityTitle: string | null }

function entriesQuery(db: Db) {
  return db
    .selectFrom('hourEntries')
    .innerJoin('volunteers', 'volunteers.id', 'hourEntries.volunteerId')
    .leftJoin('activities', 'activities.id', 'hourEntries.activityId')
    .selectAll('hourEntries')
    .select(['volunteers.realName as volunteerName', 'activities.title as activityTitle'])
}

/** Rows → API entries: whether each was reversed since, and its latest correction request. */
async function toHourEntries(db: Db, rows: EntryRow[]): Promise<HourEntry[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const reversed = new Set(
    (await db.selectFrom('hourEntries').select('reverses').where('reverses', 'in', ids).execute()).map((r) => r.reverses),
  )
  const requests = new Map<string, HourCorrectionRow>()
  // Oldest first, so the latest request of each entry is the one left in the map.
  for (const c of await db.selectFrom('hourCorrections').selectAll().where('entryId', 'in', ids).orderBy('createdAt').orderBy('id').execute()) {
    requests.set(c.entryId, c)
  }
  return rows.map((r) => {
    const c = requests.get(r.id)
    return {
      id: r.id,
      volunteerId: r.volunteerId,
      volunteerName: r.volunteerName,
      activityId: r.activityId,
      activityTitle: r.activityTitle,
      project: r.project as ServiceProject,
      serviceDate: r.serviceDate,
      minutes: Number(r.minutes),
      source: r.source,
      reason: r.reason,
      status: r.status,
      reverses: r.reverses,
      reversed: reversed.has(r.id),
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      decisionNote: r.decisionNote,
      correctionRequest: c ? { id: c.id, minutes: Number(c.minutes), reason: c.reason, status: c.status } : null,
    }
  })
}

/** Entries of a team by id, in the order asked for (ids not found are left out). */
export async function loadHourEntries(db: Db, teamId: string, ids: readonly string[]): Promise<HourEntry[]> {
  if (!ids.length) return []
  const rows = await entriesQuery(db).where('hourEntries.teamId', '=', teamId).where('hourEntries.id', 'in', [...ids]).execute()
  const byId = new Map((await toHourEntries(db, rows)).map((e) => [e.id, e]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export interface HourFilter {
  status?: HourStatus | undefined
  volunteerId?: string | undefined
  activityId?: string | undefined
  limit: number
  cursor?: string | undefined
}

/** A team's entries, newest first (by creation), filtered; `{items, nextCursor}`. */
export async function listHourEntries(db: Db, teamId: string, f: HourFilter): Promise<{ items: HourEntry[]; nextCursor: string | null }> {
  let q = entriesQuery(db)
    .where('hourEntries.teamId', '=', teamId)
    .orderBy('hourEntries.createdAt', 'desc')
    .orderBy('hourEntries.id', 'desc')
    .limit(f.limit + 1)
  if (f.status) q = q.where('hourEntries.status', '=', f.status)
  if (f.volunteerId) q = q.where('hourEntries.volunteerId', '=', f.volunteerId)
  if (f.activityId) q = q.where('hourEntries.activityId', '=', f.activityId)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) =>
      eb.or([eb('hourEntries.createdAt', '<', c.createdAt), eb.and([eb('hourEntries.createdAt', '=', c.createdAt), eb('hourEntries.id', '<', c.id)])]),
    )
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await toHourEntries(db, pageRows), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null }
}

const activityLength = (a: { startsAt: string; endsAt: string }) => minutesBetween(a.startsAt, a.endsAt)

/**
 * 补录: a leader adds hours for a team volunteer who served at a past activity, with a reason.
 * Pending like any entry. The volunteer's net minutes for the activity (pending and approved,
 * reversals included) may not exceed the activity's length.
 */
export async function supplementHours(w: WriteScope, input: SupplementHours): Promise<HourEntry> {
  // Locking the volunteer queues concurrent supplements for one person behind each other, so two
  // cannot both pass the cap below.
  const volunteer = await forUpdate(w.trx, w.trx.selectFrom('volunteers').select(['id', 'status']).where('id', '=', input.volunteerId).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!volunteer) throw notFound('Volunteer')
  if (volunteer.status !== 'active') {
    throw unprocessable('volunteer_not_active', `Only an active volunteer of the team can be credited with hours (this one is ${volunteer.status}).`, [{ path: 'volunteerId', message: 'not an active volunteer' }])
  }
  const activity = await w.trx.selectFrom('activities').selectAll().where('id', '=', input.activityId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!activity) throw notFound('Activity')
  if (activity.status === 'cancelled') throw unprocessable('activity_cancelled', 'The activity was cancelled; no one served at it.', [{ path: 'activityId', message: 'cancelled' }])
  if (activity.startsAt > w.at) throw unprocessable('activity_not_started', 'Hours can be added only for an activity that has started.', [{ path: 'activityId', message: 'has not started yet' }])
  const length = activityLength(activity)
  const recorded = await w.trx
    .selectFrom('hourEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('minutes'), eb.lit(0)).as('minutes'))
    .where('volunteerId', '=', input.volunteerId)
    .where('activityId', '=', input.activityId)
    .where('status', 'in', ['pending', 'approved'])
    .executeTakeFirstOrThrow()
  const already = Number(recorded.minutes)
  if (already + input.minutes > length) {
    throw unprocessable(
      'exceeds_activity_length',
      `The activity lasted ${length} minutes${already ? ` and ${already} are already recorded for this volunteer` : ''}; at most ${Math.max(0, length - already)} more can be added.`,
      [{ path: 'minutes', message: `at most ${Math.max(0, length - already)}` }],
    )
  }
  const row: HourEntryRow = {
    id: newId(),
    teamId: w.teamId,
    volunteerId: input.volunteerId,
    activityId: activity.id,
    attendanceId: null,
    project: activity.project,
    serviceDate: chinaDay(activity.startsAt),
    minutes: input.minutes,
    source: 'supplement',
    reason: input.reason,
    status: 'pending',
    reverses: null,
    createdBy: w.actor,
    createdAt: w.at,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  }
  await w.trx.insertInto('hourEntries').values(row).execute()
  // The reason may talk about a person: it stays in the row, the chain gets ids and numbers.
  await w.record({ kind: 'volunteers.hours_supplemented', entity: 'hour_entry', entityId: row.id, payload: { volunteerId: row.volunteerId, activityId: row.activityId, minutes: row.minutes } })
  return (await loadHourEntries(w.trx, w.teamId, [row.id]))[0]!
}

/** Notification facts about an entry: minutes, activity title, service date, and the note if any. */
function entryParams(e: { minutes: number; serviceDate: string; activityTitle: string | null }, note: string | null, extra: Record<string, string | number> = {}) {
  const params: Record<string, string | number> = { minutes: e.minutes, serviceDate: e.serviceDate, ...extra }
  if (e.activityTitle) params.activityTitle = e.activityTitle
  if (note) params.note = note
  return params
}

/**
 * A leader approves or rejects pending entries of the team, all or nothing: an id not in the team
 * is a 404 and one no longer pending a 409 (`not_pending`), each listed in `issues`, and nothing
 * is written. Each volunteer is told, one notification per entry.
 */
export async function decideHours(w: WriteScope, entryIds: readonly string[], approve: boolean, note?: string | null): Promise<HourEntry[]> {
  const ids = [...new Set(entryIds)]
  const decisionNote = note?.trim() || null
  // Locked in id order, so overlapping bulk decisions queue instead of deadlocking.
  const rows = await forUpdate(w.trx, w.trx.selectFrom('hourEntries').selectAll().where('teamId', '=', w.teamId).where('id', 'in', ids).orderBy('id')).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  const firstIndex = (id: string) => entryIds.indexOf(id)
  const missing = ids.filter((id) => !byId.has(id))
  if (missing.length) {
    throw new ApiError(404, 'not_found', `${missing.length} of the entries were not found in the team; nothing was decided.`, missing.map((id) => ({ path: `entryIds.${firstIndex(id)}`, message: `no entry ${id} in the team` })))
  }
  const decided = rows.filter((r) => r.status !== 'pending')
  if (decided.length) {
    throw new ApiError(409, 'not_pending', `${decided.length} of the entries are no longer pending; nothing was decided.`, decided.map((r) => ({ path: `entryIds.${firstIndex(r.id)}`, message: `entry ${r.id} is already ${r.status}` })))
  }
  const status = approve ? 'approved' : 'rejected'
  const done = await w.trx
    .updateTable('hourEntries')
    .set({ status, decidedBy: w.actor, decidedAt: w.at, decisionNote })
    .where('teamId', '=', w.teamId)
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  // Another decision got in between the read and the update (possible on SQLite only in theory).
  if (Number(done.numUpdatedRows) !== ids.length) throw conflict('not_pending', 'Some of the entries were decided meanwhile; nothing was decided.')

  const entries = await loadHourEntries(w.trx, w.teamId, ids)
  const users = new Map(
    (await w.trx.selectFrom('volunteers').select(['id', 'userId']).where('id', 'in', [...new Set(rows.map((r) => r.volunteerId))]).execute()).map((v) => [v.id, v.userId]),
  )
  for (const e of entries) {
    await w.record({ kind: `volunteers.hours_${status}`, entity: 'hour_entry', entityId: e.id, payload: { volunteerId: e.volunteerId, activityId: e.activityId, minutes: e.minutes, status } })
    await notify(w, {
      userIds: [users.get(e.volunteerId)!],
      kind: approve ? 'hours_approved' : 'hours_rejected',
      params: entryParams(e, decisionNote),
      activityId: e.activityId,
      dedupeKey: `hours:${e.id}`,
    })
  }
  return entries
}

/**
 * The entry's volunteer asks for an approved entry's minutes to be put right. Only for an
 * approved entry not reversed since (a reversal itself cannot be corrected), one open request at a
 * time, and not past the activity's length.
 */
export async function requestCorrection(w: WriteScope, volunteerId: string, entryId: string, input: CorrectionRequest): Promise<HourEntry> {
  const entry = await forUpdate(w.trx, w.trx.selectFrom('hourEntries').selectAll().where('id', '=', entryId).where('teamId', '=', w.teamId)).executeTakeFirst()
  // Someone else's entry looks exactly like a missing one.
  if (!entry || entry.volunteerId !== volunteerId) throw notFound('Hour entry')
  if (entry.source === 'reversal') throw unprocessable('not_correctable', 'A reversal cannot be corrected; ask about the entry it reversed.')
  if (entry.status !== 'approved') throw conflict('not_approved', `Only an approved entry can be corrected (this one is ${entry.status}).`)
  const reversal = await w.trx.selectFrom('hourEntries').select('id').where('reverses', '=', entry.id).executeTakeFirst()
  if (reversal) throw conflict('already_reversed', 'This entry was already reversed; ask about the entry that replaced it.')
  const open = await w.trx.selectFrom('hourCorrections').select('id').where('entryId', '=', entry.id).where('status', '=', 'open').executeTakeFirst()
  if (open) throw conflict('correction_open', 'A correction of this entry is already waiting for a leader.')
  if (input.minutes === Number(entry.minutes)) throw unprocessable('no_change', 'The entry already has these minutes.', [{ path: 'minutes', message: 'same as the entry' }])
  if (entry.activityId) {
    const activity = await w.trx.selectFrom('activities').select(['startsAt', 'endsAt']).where('id', '=', entry.activityId).executeTakeFirstOrThrow()
    const length = activityLength(activity)
    if (input.minutes > length) throw unprocessable('exceeds_activity_length', `The activity lasted ${length} minutes.`, [{ path: 'minutes', message: `at most ${length}` }])
  }
  const id = newId()
  await w.trx
    .insertInto('hourCorrections')
    .values({ id, teamId: w.teamId, entryId: entry.id, volunteerId, minutes: input.minutes, reason: input.reason, status: 'open', createdAt: w.at, decidedBy: null, decidedAt: null, decisionNote: null })
    .execute()
  await w.record({ kind: 'volunteers.correction_requested', entity: 'hour_correction', entityId: id, payload: { entryId: entry.id, volunteerId, minutes: input.minutes, previousMinutes: Number(entry.minutes) } })
  return (await loadHourEntries(w.trx, w.teamId, [entry.id]))[0]!
}

/**
 * A leader answers a correction request, once. Accepting writes a reversal of the entry (approved
 * at once) and, unless the right figure is 0, a correction entry with the requested minutes
 * (approved too) and returns [reversal, correction]; declining returns [the entry]. The volunteer
 * is told either way.
 */
export async function decideCorrection(w: WriteScope, correctionId: string, decision: CorrectionDecision): Promise<HourEntry[]> {
  const corr = await forUpdate(w.trx, w.trx.selectFrom('hourCorrections').selectAll().where('id', '=', correctionId).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!corr) throw notFound('Correction request')
  if (corr.status !== 'open') throw conflict('already_decided', `This correction request was already ${corr.status}.`)
  const entry = await forUpdate(w.trx, w.trx.selectFrom('hourEntries').selectAll().where('id', '=', corr.entryId)).executeTakeFirstOrThrow()
  const note = decision.note?.trim() || null
  const done = await w.trx
    .updateTable('hourCorrections')
    .set({ status: decision.accept ? 'accepted' : 'declined', decidedBy: w.actor, decidedAt: w.at, decisionNote: note })
    .where('id', '=', corr.id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw conflict('already_decided', 'This correction request was already decided.')
  const volunteer = await w.trx.selectFrom('volunteers').select('userId').where('id', '=', corr.volunteerId).executeTakeFirstOrThrow()
  const activity = entry.activityId ? await w.trx.selectFrom('activities').select('title').where('id', '=', entry.activityId).executeTakeFirst() : undefined
  const about = { serviceDate: entry.serviceDate, activityTitle: activity?.title ?? null }

  if (!decision.accept) {
    await w.record({ kind: 'volunteers.correction_declined', entity: 'hour_correction', entityId: corr.id, payload: { entryId: entry.id, volunteerId: corr.volunteerId } })
    await notify(w, {
      userIds: [volunteer.userId],
      kind: 'hours_rejected',
      params: entryParams({ ...about, minutes: Number(entry.minutes) }, note, { correction: 'declined', requestedMinutes: Number(corr.minutes) }),
      activityId: entry.activityId,
      dedupeKey: `correction:${corr.id}`,
    })
    return loadHourEntries(w.trx, w.teamId, [entry.id])
  }

  // Both the request and the entry were checked when the request was made, and only one request is
  // open at a time; the unique index on `reverses` still stops a second reversal whatever happens.
  if (entry.status !== 'approved') throw conflict('not_approved', 'The entry is not approved.')
  const base = {
    teamId: w.teamId,
    volunteerId: entry.volunteerId,
    activityId: entry.activityId,
    attendanceId: null,
    project: entry.project,
    serviceDate: entry.serviceDate,
    reason: corr.reason,
    status: 'approved' as const,
    createdBy: w.actor,
    createdAt: w.at,
    decidedBy: w.actor,
    decidedAt: w.at,
    decisionNote: note,
  }
  const reversal: HourEntryRow = { ...base, id: newId(), minutes: -Number(entry.minutes), source: 'reversal', reverses: entry.id }
  try {
    await w.trx.insertInto('hourEntries').values(reversal).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('already_reversed', 'This entry was already reversed.')
    throw err
  }
  await w.record({ kind: 'volunteers.hours_reversed', entity: 'hour_entry', entityId: reversal.id, payload: { reverses: entry.id, volunteerId: entry.volunteerId, minutes: reversal.minutes } })
  const ids = [reversal.id]
  let correctionEntryId: string | null = null
  if (corr.minutes > 0) {
    const correction: HourEntryRow = { ...base, id: newId(), minutes: Number(corr.minutes), source: 'correction', reverses: null }
    await w.trx.insertInto('hourEntries').values(correction).execute()
    correctionEntryId = correction.id
    ids.push(correction.id)
  }
  await w.record({
    kind: 'volunteers.correction_accepted',
    entity: 'hour_correction',
    entityId: corr.id,
    payload: { entryId: entry.id, volunteerId: entry.volunteerId, reversalId: reversal.id, correctionEntryId, minutes: Number(corr.minutes), previousMinutes: Number(entry.minutes) },
  })
  await notify(w, {
    userIds: [volunteer.userId],
    kind: 'hours_approved',
    params: entryParams({ ...about, minutes: Number(corr.minutes) }, note, { correction: 'accepted', previousMinutes: Number(entry.minutes) }),
    activityId: entry.activityId,
    dedupeKey: `correction:${corr.id}`,
  })
  return loadHourEntries(w.trx, w.teamId, ids)
}

/** The team's correction requests with a status (the queue: `open`), oldest first. */
export async function listCorrections(db: Db, teamId: string, status: HourCorrectionStatus, limit = 500): Promise<HourCorrection[]> {
  const rows = await db.selectFrom('hourCorrections').selectAll().where('teamId', '=', teamId).where('status', '=', status).orderBy('createdAt').orderBy('id').limit(limit).execute()
  const entries = new Map((await loadHourEntries(db, teamId, [...new Set(rows.map((r) => r.entryId))])).map((e) => [e.id, e]))
  return rows.map((r) => ({
    id: r.id,
    entry: entries.get(r.entryId)!,
    minutes: Number(r.minutes),
    reason: r.reason,
    status: r.status,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
  }))
}
