import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, type ActivityRow, type AttendanceRow, type Database, type HourEntryRow } from '@chayi/db'
import { chinaDateOf, type CheckInCode, type CheckInRequest } from '@chayi/domain'
import { unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { lockActivity } from './service.js'

// Attendance by rotating code. Time is cut into 30-second windows. For window n of an activity:
//   token = base64url("<activityId>.<n>") "." base64url(HMAC-SHA256(secret, "token:<activityId>.<n>"))
//   code  = 6 digits from HMAC-SHA256(secret, "code:<activityId>.<n>") (RFC 4226 truncation)
// with the activity's own random secret, which never leaves the server. A code or token is
// accepted in its own window and the next one, so it lives 30–60 s: a photo of the QR sent to a
// friend at home is useless a minute later. The leader's screen fetches a new one each window.

export const CHECK_IN_WINDOW_MS = 30_000
/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000
/** How far back a typed code is still recognised, to say "expired" rather than "wrong". */
const EXPIRED_LOOKBACK_WINDOWS = 20

type Db = Kysely<Database>

export const windowOf = (ms: number) => Math.floor(ms / CHECK_IN_WINDOW_MS)

function mac(a: Pick<ActivityRow, 'id' | 'checkInSecret'>, label: 'token' | 'code', window: number): Buffer {
  return createHmac('sha256', Buffer.from(a.checkInSecret, 'hex')).update(`${label}:${a.id}.${window}`).digest()
}

export function tokenFor(a: Pick<ActivityRow, 'id' | 'checkInSecret'>, window: number): string {
  return `${Buffer.from(`${a.id}.${window}`, 'utf8').toString('base64url')}.${mac(a, 'token', window).toString('base64url')}`
}

export function codeFor(a: Pick<ActivityRow, 'id' | 'checkInSecret'>, window: number): string {
  const h = mac(a, 'code', window)
  const offset = h[h.length - 1]! & 0x0f
  const n = h.readUInt32BE(offset) & 0x7fffffff
  return String(n % 1_000_000).padStart(6, '0')
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b)
const sameCode = (a: string, b: string) => sameBytes(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))

/** Whether attendance may be taken now: from an hour before the start until the end. */
export const inCheckInTime = (a: Pick<ActivityRow, 'startsAt' | 'endsAt'>, nowMs: number) => nowMs >= Date.parse(a.startsAt) - CHECK_IN_OPENS_BEFORE_MS && nowMs < Date.parse(a.endsAt)

const activityCancelled = () => unprocessable('activity_cancelled', 'This activity was cancelled.')
const outsideTime = () => unprocessable('outside_time', 'Attendance is taken from an hour before the start until the end of the activity.')

/**
 * The code a leader's phone shows now. `expiresAt` is when this code stops being accepted (the end
 * of the window after the current one); `refreshInSeconds` is when the next code appears (the end
 * of the current window), which is when the screen should fetch again.
 */
export function checkInCodeFor(a: ActivityRow, now: Date, origin: string): CheckInCode {
  if (a.status !== 'published') throw activityCancelled()
  const nowMs = now.getTime()
  if (!inCheckInTime(a, nowMs)) throw outsideTime()
  const n = windowOf(nowMs)
  const token = tokenFor(a, n)
  return {
    activityId: a.id,
    token,
    code: codeFor(a, n),
    url: `${origin}/volunteer/check-in?t=${encodeURIComponent(token)}`,
    expiresAt: new Date((n + 2) * CHECK_IN_WINDOW_MS).toISOString(),
    refreshInSeconds: Math.max(1, Math.ceil(((n + 1) * CHECK_IN_WINDOW_MS - nowMs) / 1000)),
  }
}

const codeInvalid = () => unprocessable('code_invalid', 'This check-in code is not valid. Scan the code on the leader’s phone again.')
const codeExpired = () => unprocessable('code_expired', 'This check-in code has expired. Scan the current code on the leader’s phone.')
const codeOtherActivity = () => unprocessable('code_other_activity', 'This code belongs to another activity.')

const B64URL = /^[A-Za-z0-9_-]+$/

function parseToken(token: string): { activityId: string; window: number; sig: Buffer } | null {
  const parts = token.split('.')
  if (parts.length !== 2 || !B64URL.test(parts[0]!) || !B64URL.test(parts[1]!)) return null
  const body = Buffer.from(parts[0]!, 'base64url').toString('utf8')
  const dot = body.lastIndexOf('.')
  if (dot < 1) return null
  const activityId = body.slice(0, dot)
  const win = body.slice(dot + 1)
  if (!/^\d{1,15}$/.test(win) || activityId.length > 64) return null
  const sig = Buffer.from(parts[1]!, 'base64url')
  if (sig.length !== 32) return null
  return { activityId, window: Number(win), sig }
}

/**
 * Which activity a scanned token or typed code is for, after checking it: a forged or garbled
 * one is `code_invalid`, a genuine but old one `code_expired`, one for another activity than the
 * one named `code_other_activity`. All comparisons of secrets are constant-time.
 */
export async function activityOfCode(db: Db, teamId: string, req: CheckInRequest, now: Date): Promise<string> {
  const cur = windowOf(now.getTime())
  if ('token' in req) {
    const t = parseToken(req.token)
    if (!t) throw codeInvalid()
    const a = await db.selectFrom('activities').select(['id', 'checkInSecret']).where('id', '=', t.activityId).where('teamId', '=', teamId).executeTakeFirst()
    if (!a || !sameBytes(t.sig, mac(a, 'token', t.window))) throw codeInvalid()
    if (t.window > cur) throw codeInvalid()
    if (req.activityId !== undefined && req.activityId !== a.id) throw codeOtherActivity()
    if (t.window < cur - 1) throw codeExpired()
    return a.id
  }
  const a = await db.selectFrom('activities').select(['id', 'checkInSecret']).where('id', '=', req.activityId).where('teamId', '=', teamId).executeTakeFirst()
  if (!a) throw codeInvalid()
  if (sameCode(req.code, codeFor(a, cur)) || sameCode(req.code, codeFor(a, cur - 1))) return a.id
  for (let n = cur - 2; n >= cur - 1 - EXPIRED_LOOKBACK_WINDOWS; n--) if (sameCode(req.code, codeFor(a, n))) throw codeExpired()
  // Someone typed the code shown at another activity running now (two activities, one place).
  const nowIso = now.toISOString()
  const others = await db
    .selectFrom('activities')
    .select(['id', 'checkInSecret'])
    .where('teamId', '=', teamId)
    .where('id', '!=', a.id)
    .where('status', '=', 'published')
    .where('endsAt', '>', nowIso)
    .where('startsAt', '<=', new Date(now.getTime() + CHECK_IN_OPENS_BEFORE_MS).toISOString())
    .execute()
  if (others.some((o) => sameCode(req.code, codeFor(o, cur)) || sameCode(req.code, codeFor(o, cur - 1)))) throw codeOtherActivity()
  throw codeInvalid()
}

export interface AttendanceInput {
  activityId: string
  volunteerId: string
  /** Set when a leader does it for the volunteer (no phone, no signal…). */
  proxyReason?: string | null
}

/**
 * Checks a volunteer in: they must hold a seat (`enrolled`), once per activity, from an hour
 * before the start until the end. Whoever does it is `checkedInBy`.
 */
export async function checkIn(w: WriteScope, input: AttendanceInput): Promise<AttendanceRow> {
  const a = await lockActivity(w, input.activityId)
  if (a.status !== 'published') throw activityCancelled()
  const e = await w.trx.selectFrom('enrollments').select('status').where('activityId', '=', a.id).where('volunteerId', '=', input.volunteerId).executeTakeFirst()
  if (e?.status !== 'enrolled') throw unprocessable('not_enrolled', 'Only people holding a seat in this activity can check in (not those on the waitlist).')
  const prior = await w.trx.selectFrom('attendance').select('checkOutAt').where('activityId', '=', a.id).where('volunteerId', '=', input.volunteerId).executeTakeFirst()
  if (prior) throw unprocessable('already_checked_in', prior.checkOutAt ? 'You already checked in and out of this activity.' : 'You are already checked in.')
  if (!inCheckInTime(a, Date.parse(w.at))) throw outsideTime()
  const row: AttendanceRow = {
    id: newId(),
    teamId: w.teamId,
    activityId: a.id,
    volunteerId: input.volunteerId,
    checkInAt: w.at,
    checkOutAt: null,
    checkedInBy: w.actor,
    proxyReason: input.proxyReason ?? null,
    closedBy: null,
  }
  try {
    await w.trx.insertInto('attendance').values(row).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw unprocessable('already_checked_in', 'You are already checked in.')
    throw err
  }
  await w.record({
    kind: 'volunteers.checked_in',
    entity: 'attendance',
    entityId: row.id,
    payload: { attendanceId: row.id, activityId: a.id, volunteerId: input.volunteerId, checkInAt: row.checkInAt, proxy: !!input.proxyReason },
  })
  return row
}

/** Whole minutes of actual service: the part of [checkIn, checkOut] inside [startsAt, endsAt]. */
export function servedMinutes(a: Pick<ActivityRow, 'startsAt' | 'endsAt'>, checkInAt: string, checkOutAt: string): number {
  const from = Math.max(Date.parse(checkInAt), Date.parse(a.startsAt))
  const to = Math.min(Date.parse(checkOutAt), Date.parse(a.endsAt))
  return to > from ? Math.floor((to - from) / 60_000) : 0
}

const chinaDay = (iso: string) => {
  const d = chinaDateOf(new Date(iso))
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
}

/**
 * Closes an open attendance at `checkOutAt` and writes its one pending hour entry (none for a
 * zero-minute overlap), in the caller's transaction. Refuses (422) if it was closed meanwhile.
 */
export async function closeAttendance(
  w: WriteScope,
  a: ActivityRow,
  att: AttendanceRow,
  checkOutAt: string,
  closedBy: NonNullable<AttendanceRow['closedBy']>,
  proxyReason?: string,
): Promise<{ attendance: AttendanceRow; hourEntry: HourEntryRow | null }> {
  const out = checkOutAt < att.checkInAt ? att.checkInAt : checkOutAt
  // A leader's reason joins the one given at check-in, if any: the record says why each time.
  const reason = proxyReason ? (att.proxyReason ? `${att.proxyReason} / ${proxyReason}` : proxyReason) : att.proxyReason
  const done = await w.trx
    .updateTable('attendance')
    .set({ checkOutAt: out, closedBy, proxyReason: reason })
    .where('id', '=', att.id)
    .where('checkOutAt', 'is', null)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw unprocessable('already_checked_out', 'Already checked out.')
  const attendance: AttendanceRow = { ...att, checkOutAt: out, closedBy, proxyReason: reason }
  await w.record({
    kind: 'volunteers.checked_out',
    entity: 'attendance',
    entityId: att.id,
    payload: { attendanceId: att.id, activityId: a.id, volunteerId: att.volunteerId, checkInAt: att.checkInAt, checkOutAt: out, closedBy, proxy: closedBy === 'proxy' },
  })
  const minutes = servedMinutes(a, att.checkInAt, out)
  if (minutes <= 0) return { attendance, hourEntry: null }
  const entry: HourEntryRow = {
    id: newId(),
    teamId: w.teamId,
    volunteerId: att.volunteerId,
    activityId: a.id,
    attendanceId: att.id,
    project: a.project,
    serviceDate: chinaDay(att.checkInAt),
    minutes,
    source: 'attendance',
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
  await w.record({
    kind: 'volunteers.hours_recorded',
    entity: 'hour_entry',
    entityId: entry.id,
    payload: { entryId: entry.id, attendanceId: att.id, activityId: a.id, volunteerId: att.volunteerId, minutes, source: entry.source },
  })
  return { attendance, hourEntry: entry }
}

/** Checks a volunteer out now (themself, or a leader with a reason) and records their hours. */
export async function checkOut(w: WriteScope, input: AttendanceInput): Promise<{ attendance: AttendanceRow; hourEntry: HourEntryRow | null }> {
  const a = await lockActivity(w, input.activityId)
  const att = await forUpdate(w.trx, w.trx.selectFrom('attendance').selectAll().where('activityId', '=', a.id).where('volunteerId', '=', input.volunteerId)).executeTakeFirst()
  if (!att) throw unprocessable('not_checked_in', 'You have not checked in to this activity.')
  if (att.checkOutAt) throw unprocessable('already_checked_out', att.closedBy === 'auto' ? 'You were checked out automatically when the activity ended.' : 'You have already checked out.')
  return closeAttendance(w, a, att, w.at, input.proxyReason ? 'proxy' : 'volunteer', input.proxyReason ?? undefined)
}
