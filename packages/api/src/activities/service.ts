import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, type ActivityRow, type AttendanceRow, type Database, type EnrollmentRow, type VolunteerRow } from '@chayi/db'
import {
  ActivityInput,
  ageOn,
  maskPhone,
  MIN_VOLUNTEER_AGE,
  type Activity,
  type ActivityChange,
  type ActivityListQuery,
  type Attendance,
  type Enrollment,
  type EnrollmentStatus,
  type NotificationKind,
  type RosterEntry,
  type ServiceProject,
} from '@chayi/domain'
import { ApiError, badRequest, conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import { notify } from '../notifications/notify.js'
import type { WriteScope } from '../write.js'

// Activities of a team's service projects, sign-up with a waitlist, and the roster.
//
// Concurrency: every change to who holds a seat (sign-up, withdrawal, promotion, capacity change,
// cancellation) first locks the activity row (`lockActivity`), then counts inside the transaction,
// so concurrent sign-ups queue behind each other and never overbook. Lock order everywhere:
// activity → enrollment / attendance rows → the ledger chain head (taken by `w.record`).

type Db = Kysely<Database>

/** Times are stored as `toISOString()` text so that they compare as text the same in both dialects. */
export const isoOf = (s: string) => new Date(s).toISOString()

const HOUR = 3_600_000

/** Whole seats and queue of one activity. */
export interface SeatCounts {
  enrolled: number
  waitlisted: number
}

export type MyEnrollment = NonNullable<Activity['myEnrollment']>

export const notAVolunteer = () => new ApiError(403, 'not_a_volunteer', 'Only an active volunteer of this team may do this; a leader must approve your registration first.')

export function toActivity(row: ActivityRow, counts: SeatCounts = { enrolled: 0, waitlisted: 0 }, mine: MyEnrollment | null = null): Activity {
  return {
    id: row.id,
    teamId: row.teamId,
    title: row.title,
    project: row.project as ServiceProject,
    description: row.description,
    place: row.place,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    capacity: row.capacity,
    minAge: row.minAge,
    requiredSkills: JSON.parse(row.requiredSkills) as string[],
    insurance: !!row.insurance,
    status: row.status,
    cancelReason: row.cancelReason,
    enrolledCount: counts.enrolled,
    waitlistCount: counts.waitlisted,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    myEnrollment: mine,
  }
}

export function toEnrollment(row: EnrollmentRow, waitlistPosition: number | null): Enrollment {
  return {
    id: row.id,
    activityId: row.activityId,
    volunteerId: row.volunteerId,
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? waitlistPosition : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

export function toAttendance(row: AttendanceRow): Attendance {
  return {
    id: row.id,
    activityId: row.activityId,
    volunteerId: row.volunteerId,
    checkInAt: row.checkInAt,
    checkOutAt: row.checkOutAt,
    proxyReason: row.proxyReason,
    closedBy: row.closedBy,
  }
}

/** Seats taken and queue length of many activities in one grouped query. */
export async function seatCounts(db: Db, activityIds: readonly string[]): Promise<Map<string, SeatCounts>> {
  const out = new Map<string, SeatCounts>()
  if (!activityIds.length) return out
  const rows = await db
    .selectFrom('enrollments')
    .select(['activityId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('activityId', 'in', [...activityIds])
    .where('status', 'in', ['enrolled', 'waitlisted'])
    .groupBy(['activityId', 'status'])
    .execute()
  for (const r of rows) {
    const c = out.get(r.activityId) ?? { enrolled: 0, waitlisted: 0 }
    if (r.status === 'enrolled') c.enrolled = Number(r.n)
    else c.waitlisted = Number(r.n)
    out.set(r.activityId, c)
  }
  return out
}

/** 1-based place in the queue of a waitlisted enrollment: the queue is ordered by queuedAt, then id. */
export async function waitlistPosition(db: Db, e: Pick<EnrollmentRow, 'id' | 'activityId' | 'queuedAt' | 'status'>): Promise<number | null> {
  if (e.status !== 'waitlisted') return null
  const r = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activityId', '=', e.activityId)
    .where('status', '=', 'waitlisted')
    .where((eb) => eb.or([eb('queuedAt', '<', e.queuedAt), eb.and([eb('queuedAt', '=', e.queuedAt), eb('id', '<=', e.id)])]))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** A volunteer's own place in many activities: three queries whatever their number. */
export async function myEnrollments(db: Db, volunteerId: string, activityIds: readonly string[]): Promise<Map<string, MyEnrollment>> {
  const out = new Map<string, MyEnrollment>()
  if (!activityIds.length) return out
  const ids = [...activityIds]
  const [enrollments, attendance, positions] = await Promise.all([
    db.selectFrom('enrollments').select(['activityId', 'status']).where('volunteerId', '=', volunteerId).where('activityId', 'in', ids).execute(),
    db.selectFrom('attendance').select(['activityId', 'checkInAt', 'checkOutAt']).where('volunteerId', '=', volunteerId).where('activityId', 'in', ids).execute(),
    db
      .selectFrom('enrollments as e')
      .innerJoin('enrollments as o', (j) => j.onRef('o.activityId', '=', 'e.activityId'))
      .select(['e.activityId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.volunteerId', '=', volunteerId)
      .where('e.status', '=', 'waitlisted')
      .where('e.activityId', 'in', ids)
      .where('o.status', '=', 'waitlisted')
      .where((eb) => eb.or([eb('o.queuedAt', '<', eb.ref('e.queuedAt')), eb.and([eb('o.queuedAt', '=', eb.ref('e.queuedAt')), eb('o.id', '<=', eb.ref('e.id'))])]))
      .groupBy('e.activityId')
      .execute(),
  ])
  const att = new Map(attendance.map((a) => [a.activityId, a]))
  const pos = new Map(positions.map((p) => [p.activityId, Number(p.n)]))
  for (const e of enrollments) {
    const a = att.get(e.activityId)
    out.set(e.activityId, {
      status: e.status,
      waitlistPosition: e.status === 'waitlisted' ? (pos.get(e.activityId) ?? null) : null,
      checkInAt: a?.checkInAt ?? null,
      checkOutAt: a?.checkOutAt ?? null,
    })
  }
  return out
}

/** Rows → Activities with counts and the caller's place, without a query per row. */
export async function toActivities(db: Db, rows: ActivityRow[], volunteerId: string | null): Promise<Activity[]> {
  const ids = rows.map((r) => r.id)
  const [counts, mine] = await Promise.all([seatCounts(db, ids), volunteerId ? myEnrollments(db, volunteerId, ids) : Promise.resolve(new Map<string, MyEnrollment>())])
  return rows.map((r) => toActivity(r, counts.get(r.id), mine.get(r.id) ?? null))
}

/** The caller's volunteer row in the team (any status), or undefined. */
export async function volunteerOfUser(db: Db, teamId: string, userId: string): Promise<VolunteerRow | undefined> {
  return db.selectFrom('volunteers').selectAll().where('teamId', '=', teamId).where('userId', '=', userId).executeTakeFirst()
}

/** The caller as an active volunteer of the team, else 403 `not_a_volunteer`. */
export async function activeVolunteerOfUser(db: Db, teamId: string, userId: string): Promise<VolunteerRow> {
  const v = await volunteerOfUser(db, teamId, userId)
  if (!v || v.status !== 'active') throw notAVolunteer()
  return v
}

/** An activity of the team, or 404 (also for another team's activity: same answer). */
export async function findActivity(db: Db, teamId: string, id: string): Promise<ActivityRow> {
  const row = await db.selectFrom('activities').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!row) throw notFound('Activity')
  return row
}

/** The activity row, locked for the rest of the transaction (see the note on concurrency above). */
export async function lockActivity(w: WriteScope, id: string): Promise<ActivityRow> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('activities').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Activity')
  return row
}

export async function activityView(db: Db, row: ActivityRow, volunteerId: string | null): Promise<Activity> {
  return (await toActivities(db, [row], volunteerId))[0]!
}

// --- listing -------------------------------------------------------------------------------

const CHINA_OFFSET_MS = 8 * HOUR
/** The instant a China-time calendar day starts. */
const chinaDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS)

interface Cursor {
  startsAt: string
  id: string
}
const encodeCursor = (c: Cursor) => Buffer.from(`${c.startsAt}|${c.id}`, 'utf8').toString('base64url')
function decodeCursor(s: string): Cursor {
  const [startsAt, id, ...rest] = Buffer.from(s, 'base64url').toString('utf8').split('|')
  if (!startsAt || !id || rest.length || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(startsAt)) {
    throw badRequest('invalid_cursor', 'The cursor is not one this list gave out.', [{ path: 'cursor', message: 'unknown cursor' }])
  }
  return { startsAt, id }
}

export interface Viewer {
  teamId: string
  /** `user:<id>`: what `createdBy` holds for activities this person published. */
  actor: string
  /** The caller's volunteer row in the team, if any. */
  volunteerId: string | null
  now: Date
}

/** A page of the team's activities for one viewer and scope (see ActivityListQuery). */
export async function listActivities(db: Db, viewer: Viewer, q: ActivityListQuery): Promise<{ items: Activity[]; nextCursor: string | null }> {
  const now = viewer.now.toISOString()
  const ascending = q.scope === 'upcoming'
  if (q.scope === 'mine' && !viewer.volunteerId) return { items: [], nextCursor: null }
  let query = db.selectFrom('activities').selectAll('activities').where('activities.teamId', '=', viewer.teamId)
  switch (q.scope) {
    case 'upcoming':
      query = query.where('activities.endsAt', '>', now).where('activities.status', '=', 'published')
      break
    case 'past':
      query = query.where('activities.endsAt', '<=', now)
      break
    case 'mine':
      query = query
        .innerJoin('enrollments', 'enrollments.activityId', 'activities.id')
        .where('enrollments.volunteerId', '=', viewer.volunteerId!)
        .where('enrollments.status', '!=', 'cancelled')
      break
    case 'led':
      query = query.where('activities.createdBy', '=', viewer.actor)
      break
    case 'all':
      break
  }
  if (q.project) query = query.where('activities.project', '=', q.project)
  if (q.from) query = query.where('activities.startsAt', '>=', chinaDayStart(q.from).toISOString())
  if (q.to) query = query.where('activities.startsAt', '<', new Date(chinaDayStart(q.to).getTime() + 24 * HOUR).toISOString())
  if (q.cursor) {
    const c = decodeCursor(q.cursor)
    const op = ascending ? '>' : '<'
    query = query.where((eb) => eb.or([eb('activities.startsAt', op, c.startsAt), eb.and([eb('activities.startsAt', '=', c.startsAt), eb('activities.id', op, c.id)])]))
  }
  const dir = ascending ? 'asc' : 'desc'
  const rows = await query.orderBy('activities.startsAt', dir).orderBy('activities.id', dir).limit(q.limit + 1).execute()
  const more = rows.length > q.limit
  const pageRows = more ? rows.slice(0, q.limit) : rows
  const items = await toActivities(db, pageRows, viewer.volunteerId)
  const last = pageRows[pageRows.length - 1]
  return { items, nextCursor: more && last ? encodeCursor({ startsAt: last.startsAt, id: last.id }) : null }
}

// --- publishing and changing -----------------------------------------------------------------

const paramsOf = (a: ActivityRow) => ({ title: a.title, startsAt: a.startsAt, place: a.place })

/** Volunteer → user ids for notifications (a notification goes to a person's account). */
async function usersOf(w: WriteScope, volunteerIds: readonly string[]): Promise<string[]> {
  if (!volunteerIds.length) return []
  const rows = await w.trx.selectFrom('volunteers').select('userId').where('id', 'in', [...volunteerIds]).execute()
  return rows.map((r) => r.userId)
}

/** Everyone holding a seat or a place in the queue. */
async function peopleSignedUp(w: WriteScope, activityId: string, statuses: readonly EnrollmentStatus[] = ['enrolled', 'waitlisted']): Promise<string[]> {
  const rows = await w.trx
    .selectFrom('enrollments')
    .innerJoin('volunteers', 'volunteers.id', 'enrollments.volunteerId')
    .select('volunteers.userId')
    .where('enrollments.activityId', '=', activityId)
    .where('enrollments.status', 'in', [...statuses])
    .execute()
  return rows.map((r) => r.userId)
}

async function tell(w: WriteScope, userIds: readonly string[], kind: NotificationKind, a: ActivityRow, params: Record<string, string | number> = {}): Promise<void> {
  if (!userIds.length) return
  await notify(w, { userIds, kind, activityId: a.id, params: { ...paramsOf(a), ...params } })
}

/**
 * A leader publishes an activity. It gets a random secret that signs its check-in codes (never
 * sent to clients). The chain records the facts of the activity, no personal data.
 */
export async function publishActivity(w: WriteScope, input: ActivityInput): Promise<ActivityRow> {
  const a = ActivityInput.parse(input)
  const row: ActivityRow = {
    id: newId(),
    teamId: w.teamId,
    project: a.project,
    title: a.title,
    description: a.description,
    place: a.place,
    startsAt: isoOf(a.startsAt),
    endsAt: isoOf(a.endsAt),
    capacity: a.capacity,
    minAge: a.minAge,
    requiredSkills: JSON.stringify(a.requiredSkills),
    insurance: a.insurance ? 1 : 0,
    status: 'published',
    cancelReason: null,
    checkInSecret: randomBytes(32).toString('hex'),
    remindedAt: null,
    createdBy: w.actor,
    createdAt: w.at,
    updatedAt: w.at,
  }
  await w.trx.insertInto('activities').values(row).execute()
  await w.record({
    kind: 'volunteers.activity_published',
    entity: 'activity',
    entityId: row.id,
    payload: { activityId: row.id, project: row.project, startsAt: row.startsAt, endsAt: row.endsAt, capacity: row.capacity },
  })
  return row
}

/** Moves people from the queue into free seats, first come first served; tells each. */
export async function fillSeats(w: WriteScope, a: ActivityRow): Promise<EnrollmentRow[]> {
  if (a.status !== 'published') return []
  const taken = await w.trx
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activityId', '=', a.id)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow()
  const free = a.capacity - Number(taken.n)
  if (free <= 0) return []
  const next = await w.trx
    .selectFrom('enrollments')
    .selectAll()
    .where('activityId', '=', a.id)
    .where('status', '=', 'waitlisted')
    .orderBy('queuedAt')
    .orderBy('id')
    .limit(free)
    .execute()
  const promoted: EnrollmentRow[] = []
  for (const e of next) {
    await w.trx.updateTable('enrollments').set({ status: 'enrolled', updatedAt: w.at }).where('id', '=', e.id).execute()
    promoted.push({ ...e, status: 'enrolled', updatedAt: w.at })
  }
  for (const e of promoted) {
    await w.record({ kind: 'volunteers.waitlist_promoted', entity: 'enrollment', entityId: e.id, payload: { activityId: a.id, volunteerId: e.volunteerId, status: 'enrolled' } })
  }
  await tell(w, await usersOf(w, promoted.map((e) => e.volunteerId)), 'promoted', a)
  return promoted
}

const ended = (a: ActivityRow, at: string) => at >= a.endsAt

/**
 * A leader changes an activity. A cancelled or ended one is not changed (409). Capacity may not go
 * below the seats already taken (422); raised, it promotes from the queue in order. Everyone
 * signed up is told what changed, with the leader's note.
 */
export async function changeActivity(w: WriteScope, id: string, change: ActivityChange): Promise<{ row: ActivityRow; promoted: EnrollmentRow[] }> {
  const a = await lockActivity(w, id)
  if (a.status === 'cancelled') throw conflict('activity_cancelled', 'This activity was cancelled; it can no longer be changed.')
  if (ended(a, w.at)) throw conflict('activity_ended', 'This activity has ended; it can no longer be changed.')
  const { note, ...f } = change
  const next: ActivityRow = {
    ...a,
    title: f.title ?? a.title,
    project: f.project ?? a.project,
    description: f.description ?? a.description,
    place: f.place ?? a.place,
    startsAt: f.startsAt ? isoOf(f.startsAt) : a.startsAt,
    endsAt: f.endsAt ? isoOf(f.endsAt) : a.endsAt,
    capacity: f.capacity ?? a.capacity,
    minAge: f.minAge === undefined ? a.minAge : f.minAge,
    requiredSkills: f.requiredSkills ? JSON.stringify(f.requiredSkills) : a.requiredSkills,
    insurance: f.insurance === undefined ? a.insurance : f.insurance ? 1 : 0,
  }
  if (next.endsAt <= next.startsAt) {
    throw badRequest('invalid_request', 'The body is not valid.', [{ path: f.endsAt ? 'endsAt' : 'startsAt', message: 'the activity must end after it starts' }])
  }
  const fields = (['title', 'project', 'description', 'place', 'startsAt', 'endsAt', 'capacity', 'minAge', 'requiredSkills', 'insurance'] as const).filter((k) => next[k] !== a[k])
  if (next.capacity < a.capacity) {
    const counts = (await seatCounts(w.trx, [a.id])).get(a.id)
    const enrolled = counts?.enrolled ?? 0
    if (next.capacity < enrolled) {
      throw unprocessable('capacity_below_enrolled', `${enrolled} people already hold a seat; the capacity cannot go below that.`, [
        { path: 'capacity', message: `must be at least ${enrolled}` },
      ])
    }
  }
  if (!fields.length && !note) return { row: a, promoted: [] }
  const row: ActivityRow = { ...next, updatedAt: w.at }
  if (fields.length) {
    await w.trx
      .updateTable('activities')
      .set({
        title: row.title,
        project: row.project,
        description: row.description,
        place: row.place,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        capacity: row.capacity,
        minAge: row.minAge,
        requiredSkills: row.requiredSkills,
        insurance: row.insurance,
        updatedAt: row.updatedAt,
      })
      .where('id', '=', id)
      .execute()
  }
  // The note is the leader's words to people; it stays in the notifications, out of the chain.
  await w.record({
    kind: 'volunteers.activity_changed',
    entity: 'activity',
    entityId: id,
    payload: { activityId: id, fields, startsAt: row.startsAt, endsAt: row.endsAt, capacity: row.capacity },
  })
  const promoted = row.capacity > a.capacity ? await fillSeats(w, row) : []
  await tell(w, await peopleSignedUp(w, id), 'activity_changed', row, note ? { note } : {})
  return { row, promoted }
}

/** A leader cancels an activity, once, with the reason everyone signed up is told. */
export async function cancelActivity(w: WriteScope, id: string, reason: string): Promise<ActivityRow> {
  const a = await lockActivity(w, id)
  if (a.status === 'cancelled') throw conflict('already_cancelled', 'This activity was already cancelled.')
  if (ended(a, w.at)) throw conflict('activity_ended', 'This activity has ended; it can no longer be cancelled.')
  const row: ActivityRow = { ...a, status: 'cancelled', cancelReason: reason, updatedAt: w.at }
  await w.trx.updateTable('activities').set({ status: row.status, cancelReason: reason, updatedAt: w.at }).where('id', '=', id).execute()
  await w.record({ kind: 'volunteers.activity_cancelled', entity: 'activity', entityId: id, payload: { activityId: id, startsAt: a.startsAt } })
  await tell(w, await peopleSignedUp(w, id), 'activity_cancelled', row, { reason })
  return row
}

// --- sign-up and withdrawal ------------------------------------------------------------------

const normSkill = (s: string) => s.normalize('NFC').trim().toLowerCase()

/** Why this volunteer may not take part (422), or nothing. */
async function signUpRules(w: WriteScope, a: ActivityRow, v: VolunteerRow): Promise<void> {
  const minAge = a.minAge ?? MIN_VOLUNTEER_AGE
  let age = -1
  try {
    age = ageOn(v.birthDate, new Date(a.startsAt))
  } catch {
    // born after the start day: certainly too young
  }
  if (age < minAge) {
    throw unprocessable('too_young', `This activity is for volunteers aged ${minAge} or over on the day it starts.`, [{ path: 'minAge', message: `at least ${minAge}` }])
  }
  const has = new Set((JSON.parse(v.skills) as string[]).map(normSkill))
  const missing = (JSON.parse(a.requiredSkills) as string[]).filter((s) => !has.has(normSkill(s)))
  if (missing.length) {
    throw unprocessable(
      'missing_skills',
      `This activity needs skills your profile does not list: ${missing.join(', ')}.`,
      missing.map((s) => ({ path: 'requiredSkills', message: s })),
    )
  }
  const clash = await w.trx
    .selectFrom('enrollments')
    .innerJoin('activities', 'activities.id', 'enrollments.activityId')
    .select(['activities.title', 'activities.startsAt'])
    .where('enrollments.volunteerId', '=', v.id)
    .where('enrollments.status', '=', 'enrolled')
    .where('activities.status', '=', 'published')
    .where('activities.id', '!=', a.id)
    .where('activities.startsAt', '<', a.endsAt)
    .where('activities.endsAt', '>', a.startsAt)
    .orderBy('activities.startsAt')
    .executeTakeFirst()
  if (clash) throw unprocessable('time_conflict', `You already hold a seat in “${clash.title}” (${clash.startsAt}), which overlaps this activity.`)
}

/**
 * A volunteer signs up: a seat while seats are free, else the back of the queue. The activity row
 * is locked before counting, so concurrent sign-ups never overbook. A withdrawn sign-up is reused
 * and joins the queue anew. `queuedAt` is the write's time, nudged 1 ms past the last in the queue,
 * so the queue's order is exactly the order in which sign-ups took the lock.
 */
export async function signUp(w: WriteScope, activityId: string, volunteerId: string): Promise<{ enrollment: EnrollmentRow; waitlistPosition: number | null }> {
  const a = await lockActivity(w, activityId)
  const v = await w.trx.selectFrom('volunteers').selectAll().where('id', '=', volunteerId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!v || v.status !== 'active') throw notAVolunteer()
  if (a.status === 'cancelled') throw unprocessable('activity_cancelled', 'This activity was cancelled.')
  if (w.at >= a.startsAt) throw unprocessable('activity_started', 'Sign-up closed when the activity started.')
  const existing = await w.trx.selectFrom('enrollments').selectAll().where('activityId', '=', activityId).where('volunteerId', '=', volunteerId).executeTakeFirst()
  if (existing && existing.status !== 'cancelled') throw conflict('already_signed_up', `You are already signed up (${existing.status}).`)
  await signUpRules(w, a, v)

  const seats = await w.trx
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activityId', '=', activityId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow()
  const tail = await w.trx
    .selectFrom('enrollments')
    .select((eb) => eb.fn.max('queuedAt').as('last'))
    .where('activityId', '=', activityId)
    .where('status', 'in', ['enrolled', 'waitlisted'])
    .executeTakeFirstOrThrow()
  const last = tail.last as string | null
  const queuedAt = last && last >= w.at ? new Date(Date.parse(last) + 1).toISOString() : w.at
  const status = Number(seats.n) < a.capacity ? 'enrolled' : 'waitlisted'

  let row: EnrollmentRow
  if (existing) {
    row = { ...existing, status, queuedAt, updatedAt: w.at }
    await w.trx.updateTable('enrollments').set({ status, queuedAt, updatedAt: w.at }).where('id', '=', existing.id).execute()
  } else {
    row = { id: newId(), teamId: w.teamId, activityId, volunteerId, status, queuedAt, createdAt: w.at, updatedAt: w.at }
    try {
      await w.trx.insertInto('enrollments').values(row).execute()
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('already_signed_up', 'You are already signed up.')
      throw err
    }
  }
  const position = await waitlistPosition(w.trx, row)
  await w.record({ kind: 'volunteers.signed_up', entity: 'enrollment', entityId: row.id, payload: { activityId, volunteerId, status } })
  await tell(w, [v.userId], status, a, status === 'waitlisted' ? { position: position ?? 0 } : {})
  return { enrollment: row, waitlistPosition: position }
}

/**
 * A volunteer withdraws before the start. A freed seat goes to the first in the queue (by queuedAt,
 * then id) in the same transaction, and they are told.
 */
export async function withdraw(w: WriteScope, activityId: string, volunteerId: string): Promise<{ enrollment: EnrollmentRow; promoted: EnrollmentRow[] }> {
  const a = await lockActivity(w, activityId)
  const e = await w.trx.selectFrom('enrollments').selectAll().where('activityId', '=', activityId).where('volunteerId', '=', volunteerId).executeTakeFirst()
  if (!e || e.status === 'cancelled') throw notFound('Sign-up')
  if (w.at >= a.startsAt) throw unprocessable('activity_started', 'The activity has started; a sign-up can no longer be withdrawn.')
  const row: EnrollmentRow = { ...e, status: 'cancelled', updatedAt: w.at }
  await w.trx.updateTable('enrollments').set({ status: 'cancelled', updatedAt: w.at }).where('id', '=', e.id).execute()
  await w.record({ kind: 'volunteers.sign_up_withdrawn', entity: 'enrollment', entityId: e.id, payload: { activityId, volunteerId, was: e.status } })
  const promoted = e.status === 'enrolled' ? await fillSeats(w, a) : []
  return { enrollment: row, promoted }
}

// --- roster ----------------------------------------------------------------------------------

/** Who holds a seat (first), then the queue in order, with phones masked and attendance. */
export async function roster(db: Db, activityId: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('enrollments')
    .innerJoin('volunteers', 'volunteers.id', 'enrollments.volunteerId')
    .leftJoin('attendance', (j) => j.onRef('attendance.activityId', '=', 'enrollments.activityId').onRef('attendance.volunteerId', '=', 'enrollments.volunteerId'))
    .select([
      'enrollments.volunteerId',
      'enrollments.status',
      'volunteers.realName',
      'volunteers.volunteerNumber',
      'volunteers.phone',
      'attendance.id as attendanceId',
      'attendance.checkInAt',
      'attendance.checkOutAt',
      'attendance.proxyReason',
      'attendance.closedBy',
    ])
    .where('enrollments.activityId', '=', activityId)
    .where('enrollments.status', 'in', ['enrolled', 'waitlisted'])
    .orderBy('enrollments.queuedAt')
    .orderBy('enrollments.id')
    .execute()
  const entry = (r: (typeof rows)[number], position: number | null): RosterEntry => ({
    volunteerId: r.volunteerId,
    realName: r.realName,
    volunteerNumber: r.volunteerNumber,
    phone: maskPhone(r.phone),
    enrollment: r.status,
    waitlistPosition: position,
    attendance:
      r.attendanceId && r.checkInAt
        ? { id: r.attendanceId, activityId, volunteerId: r.volunteerId, checkInAt: r.checkInAt, checkOutAt: r.checkOutAt, proxyReason: r.proxyReason, closedBy: r.closedBy }
        : null,
  })
  const enrolled = rows.filter((r) => r.status === 'enrolled').map((r) => entry(r, null))
  const queue = rows.filter((r) => r.status === 'waitlisted').map((r, i) => entry(r, i + 1))
  return [...enrolled, ...queue]
}
