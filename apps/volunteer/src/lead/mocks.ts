// The mock API of the leader screens: publishing, changing and cancelling activities, the roster,
// the rotating check-in code, proxy check-in/out, the team's hours queue with bulk decisions, 补录
// and correction requests — with the server's refusals (packages/api/src/activities, hours).
// GET /activities and GET /activities/:id are the volunteer side's (../mocks.ts). Every body goes
// through `respond(schema, …)` with the domain's schemas.
import {
  Activity,
  ActivityCancel,
  ActivityChange,
  ActivityInput,
  Attendance,
  CheckInCode,
  CorrectionDecision,
  HourCorrection,
  HourCorrectionListQuery,
  HourDecision,
  HourEntry,
  HourListQuery,
  page,
  ProxyCheckIn,
  RosterEntry,
  SupplementHours,
  type Enrollment,
  type NotificationKind,
  type Role,
} from '@chayi/domain'
import { fail, http, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'
import { chinaDay, mockId, viewActivity, worldOf, type ActivityWorld } from '../mock-store'

const HourCorrections = z.object({ items: z.array(HourCorrection) })
const HourEntries = z.object({ items: z.array(HourEntry) })
const Roster = z.object({ items: z.array(RosterEntry) })

/** A volunteer as the leader mocks name them. */
export interface LeadMockVolunteer {
  id: string
  userId: string | null
  realName: string
  volunteerNumber: string | null
  /** Whole; the roster masks it. */
  phone: string
}

const directories = new WeakMap<MockState, Map<string, LeadMockVolunteer>>()
/**
 * Volunteers the leader mocks can name beyond the world's profiles (`worldOf(state).volunteers`):
 * ../mocks.ts copies approved profiles in, `seedLeadDemo` adds its own. One list per mock state.
 */
export function mockVolunteers(state: MockState): Map<string, LeadMockVolunteer> {
  let d = directories.get(state)
  if (!d) directories.set(state, (d = new Map()))
  return d
}
function personOf(state: MockState, volunteerId: string): LeadMockVolunteer | undefined {
  const known = mockVolunteers(state).get(volunteerId)
  if (known) return known
  const v = worldOf(state).volunteers?.find((x) => x.id === volunteerId)
  return v && { id: v.id, userId: v.userId, realName: v.realName, volunteerNumber: v.volunteerNumber, phone: v.phone }
}

/** When each correction request was made (HourEntry.correctionRequest has no time of its own). */
const correctionTimes = new WeakMap<MockState, Map<string, string>>()
function correctionTimesOf(state: MockState) {
  let m = correctionTimes.get(state)
  if (!m) correctionTimes.set(state, (m = new Map()))
  return m
}

const invalid = (error: z.ZodError) =>
  fail(400, 'invalid_request', 'The body is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****')

// ---- the rotating check-in code ------------------------------------------------------------------

const CODE_WINDOW_MS = 30_000
/** Attendance is taken from an hour before the start until the end (as the server's inCheckInTime). */
const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000
const inCheckInTime = (a: Pick<Activity, 'startsAt' | 'endsAt'>, t: number) => t >= Date.parse(a.startsAt) - CHECK_IN_OPENS_BEFORE_MS && t < Date.parse(a.endsAt)

function fnv(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/**
 * The mock's check-in code for an activity at a moment: six digits and a token, the same for the
 * whole 30-second window (accepted for two windows, as on the server), so the volunteer-side mock
 * can check a typed or scanned code without any shared state.
 */
export function mockCheckInCode(activityId: string, at: Date, origin = 'http://localhost'): CheckInCode {
  const window = Math.floor(at.getTime() / CODE_WINDOW_MS)
  const code = String(fnv(`${activityId}:${window}:code`) % 1_000_000).padStart(6, '0')
  const token = `mock.${activityId}.${window}.${fnv(`${activityId}:${window}:token`).toString(36)}`
  return {
    activityId,
    token,
    code,
    url: `${origin}/volunteer/check-in?t=${encodeURIComponent(token)}`,
    expiresAt: new Date((window + 2) * CODE_WINDOW_MS).toISOString(),
    refreshInSeconds: Math.max(1, Math.ceil(((window + 1) * CODE_WINDOW_MS - at.getTime()) / 1000)),
  }
}

// ---- handlers ------------------------------------------------------------------------------------

export function leadHandlers(getState: () => MockState, opts: { base?: string } = {}) {
  const base = (opts.base ?? '*').replace(/\/+$/, '')
  const v1 = (path: string) => `${base}/api/v1${path}`

  const leader = (): MockUser | Response => {
    const s = getState()
    const u = s.users.find((x) => x.user.id === s.signedIn)
    if (!u) return fail(401, 'unauthenticated', 'Sign in first.')
    const roles: Role[] = ['leader', 'admin']
    if (!u.user.roles.some((r) => roles.includes(r))) return fail(403, 'forbidden', 'Your role may not do this.')
    return u
  }
  const json = async (request: Request) => (await request.json().catch(() => undefined)) as unknown
  const now = () => getState().now()
  const world = () => worldOf(getState())

  const activityOf = (who: MockUser, id: unknown) => world().activities.find((a) => a.id === id && a.teamId === who.user.teamId)
  /** Stores a changed activity (with fresh counts) and returns it as a leader sees it. */
  const save = (w: ActivityWorld, next: Activity) => {
    const i = w.activities.findIndex((a) => a.id === next.id)
    w.activities[i] = viewActivity(w, { ...next, myEnrollment: null }, null)
    return w.activities[i]!
  }
  const ended = (a: Activity) => Date.parse(a.endsAt) <= now().getTime()
  const nameOf = (w: ActivityWorld, volunteerId: string) => personOf(getState(), volunteerId)?.realName ?? w.hours.find((h) => h.volunteerId === volunteerId)?.volunteerName ?? '—'
  const tell = (w: ActivityWorld, volunteerIds: string[], kind: NotificationKind, activityId: string | null, params: Record<string, string | number>) => {
    for (const id of volunteerIds) {
      const userId = personOf(getState(), id)?.userId
      if (userId) w.notifications.push({ id: mockId(), userId, kind, params, activityId, createdAt: now().toISOString(), readAt: null })
    }
  }
  const signedUp = (w: ActivityWorld, activityId: string) => w.enrollments.filter((e) => e.activityId === activityId && e.status !== 'cancelled').map((e) => e.volunteerId)
  /** More seats: people move up from the waitlist in order (and are told); the waitlist is renumbered. */
  const promote = (w: ActivityWorld, a: Activity) => {
    const list = w.enrollments.filter((e) => e.activityId === a.id)
    let enrolled = list.filter((e) => e.status === 'enrolled').length
    const waiting = list.filter((e) => e.status === 'waitlisted').sort((x, y) => (x.waitlistPosition ?? 0) - (y.waitlistPosition ?? 0))
    const promoted: string[] = []
    for (const e of waiting) {
      if (enrolled >= a.capacity) break
      Object.assign(e, { status: 'enrolled', waitlistPosition: null, updatedAt: now().toISOString() } satisfies Partial<Enrollment>)
      promoted.push(e.volunteerId)
      enrolled++
    }
    waiting.filter((e) => e.status === 'waitlisted').forEach((e, i) => (e.waitlistPosition = i + 1))
    tell(w, promoted, 'promoted', a.id, { title: a.title, startsAt: a.startsAt })
  }

  return [
    http.post(v1('/activities'), async ({ request }) => {
      const who = leader()
      if (who instanceof Response) return who
      const b = ActivityInput.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const at = now().toISOString()
      const a = Activity.parse({
        ...b.data,
        id: mockId(),
        teamId: who.user.teamId,
        status: 'published',
        cancelReason: null,
        enrolledCount: 0,
        waitlistCount: 0,
        createdBy: who.user.id,
        createdAt: at,
        updatedAt: at,
        myEnrollment: null,
      })
      world().activities.push(a)
      return respond(Activity, a, { status: 201 })
    }),

    http.patch(v1('/activities/:id'), async ({ request, params }) => {
      const who = leader()
      if (who instanceof Response) return who
      const b = ActivityChange.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const w = world()
      const a = activityOf(who, params.id)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      if (a.status === 'cancelled') return fail(409, 'activity_cancelled', 'This activity was cancelled; it can no longer be changed.')
      if (ended(a)) return fail(409, 'activity_ended', 'This activity has ended; it can no longer be changed.')
      const { note, ...change } = b.data
      const next: Activity = { ...a, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) }
      if (next.endsAt <= next.startsAt) return fail(400, 'invalid_request', 'The body is not valid.', [{ path: 'endsAt', message: 'must be after the start' }])
      const enrolled = w.enrollments.filter((e) => e.activityId === a.id && e.status === 'enrolled').length
      if (next.capacity < enrolled) {
        return fail(422, 'capacity_below_enrolled', `${enrolled} people already hold a seat; the capacity cannot go below that.`, [{ path: 'capacity', message: `must be at least ${enrolled}` }])
      }
      promote(w, next)
      const saved = save(w, { ...next, updatedAt: now().toISOString() })
      tell(w, signedUp(w, a.id), 'activity_changed', a.id, { title: saved.title, startsAt: saved.startsAt, place: saved.place, ...(note ? { note } : {}) })
      return respond(Activity, saved)
    }),

    http.post(v1('/activities/:id/cancel'), async ({ request, params }) => {
      const who = leader()
      if (who instanceof Response) return who
      const b = ActivityCancel.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const w = world()
      const a = activityOf(who, params.id)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      if (a.status === 'cancelled') return fail(409, 'already_cancelled', 'This activity was already cancelled.')
      if (ended(a)) return fail(409, 'activity_ended', 'This activity has ended; it can no longer be cancelled.')
      const saved = save(w, { ...a, status: 'cancelled', cancelReason: b.data.reason, updatedAt: now().toISOString() })
      tell(w, signedUp(w, a.id), 'activity_cancelled', a.id, { title: a.title, startsAt: a.startsAt, reason: b.data.reason })
      return respond(Activity, saved)
    }),

    http.get(v1('/activities/:id/roster'), ({ params }) => {
      const who = leader()
      if (who instanceof Response) return who
      const w = world()
      const a = activityOf(who, params.id)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      const rank = (e: Enrollment) => (e.status === 'enrolled' ? 0 : 1)
      const items = w.enrollments
        .filter((e) => e.activityId === a.id && e.status !== 'cancelled')
        .sort((x, y) => rank(x) - rank(y) || (x.waitlistPosition ?? 0) - (y.waitlistPosition ?? 0) || x.createdAt.localeCompare(y.createdAt))
        .map((e) => {
          const p = personOf(getState(), e.volunteerId)
          return {
            volunteerId: e.volunteerId,
            realName: p?.realName ?? nameOf(w, e.volunteerId),
            volunteerNumber: p?.volunteerNumber ?? null,
            phone: p ? maskPhone(p.phone) : '—',
            enrollment: e.status,
            waitlistPosition: e.status === 'waitlisted' ? e.waitlistPosition : null,
            attendance: w.attendance.find((t) => t.activityId === a.id && t.volunteerId === e.volunteerId) ?? null,
          }
        })
      return respond(Roster, { items })
    }),

    http.get(v1('/activities/:id/check-in-code'), ({ request, params }) => {
      const who = leader()
      if (who instanceof Response) return who
      const a = activityOf(who, params.id)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      if (a.status !== 'published') return fail(422, 'activity_cancelled', 'This activity was cancelled.')
      if (!inCheckInTime(a, now().getTime())) return fail(422, 'outside_time', 'Attendance is taken from an hour before the start until the end of the activity.')
      return respond(CheckInCode, mockCheckInCode(a.id, now(), new URL(request.url).origin))
    }),

    ...(['in', 'out'] as const).map((which) =>
      http.post(v1(`/activities/:id/proxy-check-${which}`), async ({ request, params }) => {
        const who = leader()
        if (who instanceof Response) return who
        const b = ProxyCheckIn.safeParse(await json(request))
        if (!b.success) return invalid(b.error)
        const w = world()
        const a = activityOf(who, params.id)
        if (!a) return fail(404, 'not_found', 'Activity not found.')
        const at = now()
        const att = w.attendance.find((t) => t.activityId === a.id && t.volunteerId === b.data.volunteerId)
        if (which === 'in') {
          if (a.status !== 'published') return fail(422, 'activity_cancelled', 'This activity was cancelled.')
          const e = w.enrollments.find((x) => x.activityId === a.id && x.volunteerId === b.data.volunteerId)
          if (e?.status !== 'enrolled') return fail(422, 'not_enrolled', 'Only people holding a seat in this activity can check in (not those on the waitlist).')
          if (att) return fail(422, 'already_checked_in', att.checkOutAt ? 'Already checked in and out of this activity.' : 'Already checked in.')
          if (!inCheckInTime(a, at.getTime())) return fail(422, 'outside_time', 'Attendance is taken from an hour before the start until the end of the activity.')
          const row: Attendance = { id: mockId(), activityId: a.id, volunteerId: b.data.volunteerId, checkInAt: at.toISOString(), checkOutAt: null, proxyReason: b.data.reason, closedBy: null }
          w.attendance.push(row)
          return respond(Attendance, row, { status: 201 })
        }
        if (!att) return fail(422, 'not_checked_in', 'This person has not checked in to this activity.')
        if (att.checkOutAt) return fail(422, 'already_checked_out', att.closedBy === 'auto' ? 'Checked out automatically when the activity ended.' : 'Already checked out.')
        // The leader's reason joins the one given at check-in, if any, as on the server.
        Object.assign(att, { checkOutAt: at.toISOString(), closedBy: 'proxy', proxyReason: att.proxyReason ? `${att.proxyReason} / ${b.data.reason}` : b.data.reason } satisfies Partial<Attendance>)
        // The actual service time (inside the activity's hours) becomes a pending entry to approve.
        const minutes = Math.floor((Math.min(at.getTime(), Date.parse(a.endsAt)) - Math.max(Date.parse(att.checkInAt), Date.parse(a.startsAt))) / 60_000)
        if (minutes > 0) w.hours.push(entry(a, att.volunteerId, nameOf(w, att.volunteerId), minutes, 'attendance', null, who.user.id, at))
        return respond(Attendance, att)
      }),
    ),

    http.get(v1('/hours'), ({ request }) => {
      const who = leader()
      if (who instanceof Response) return who
      const q = HourListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error)
      const { status, volunteerId, activityId, limit, cursor } = q.data
      // Newest first, as the server lists them.
      const rows = world()
        .hours.filter((h) => (!status || h.status === status) && (!volunteerId || h.volunteerId === volunteerId) && (!activityId || h.activityId === activityId))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1))
      const from = Number(cursor ?? 0) || 0
      const items = rows.slice(from, from + limit)
      return respond(page(HourEntry), { items, nextCursor: from + limit < rows.length ? String(from + limit) : null })
    }),

    http.post(v1('/hours/decisions'), async ({ request }) => {
      const who = leader()
      if (who instanceof Response) return who
      const b = HourDecision.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const w = world()
      const rows = b.data.entryIds.map((id) => w.hours.find((h) => h.id === id))
      if (rows.some((r) => !r)) return fail(404, 'not_found', 'Hour entry not found.')
      // All or nothing: one entry decided meanwhile (by another leader) refuses the whole batch.
      const decided = rows.flatMap((r, i) => (r!.status === 'pending' ? [] : [{ path: `entryIds.${i}`, message: `entry ${r!.id} is already ${r!.status}` }]))
      if (decided.length) return fail(409, 'not_pending', `${decided.length} of the entries are no longer pending; nothing was decided.`, decided)
      const at = now().toISOString()
      const note = b.data.note || null
      for (const r of rows) {
        Object.assign(r!, { status: b.data.approve ? 'approved' : 'rejected', decidedBy: who.user.id, decidedAt: at, decisionNote: note } satisfies Partial<HourEntry>)
        tell(w, [r!.volunteerId], b.data.approve ? 'hours_approved' : 'hours_rejected', r!.activityId, { activityTitle: r!.activityTitle ?? '', serviceDate: r!.serviceDate, minutes: r!.minutes, ...(note ? { note } : {}) })
      }
      return respond(HourEntries, { items: rows as HourEntry[] })
    }),

    http.post(v1('/hours/supplements'), async ({ request }) => {
      const who = leader()
      if (who instanceof Response) return who
      const b = SupplementHours.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const w = world()
      const person = personOf(getState(), b.data.volunteerId)
      if (!person) return fail(404, 'not_found', 'Volunteer not found.')
      const a = activityOf(who, b.data.activityId)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      if (a.status === 'cancelled') return fail(422, 'activity_cancelled', 'The activity was cancelled; no one served at it.', [{ path: 'activityId', message: 'cancelled' }])
      if (Date.parse(a.startsAt) > now().getTime()) return fail(422, 'activity_not_started', 'Hours can be added only for an activity that has started.', [{ path: 'activityId', message: 'has not started yet' }])
      const length = Math.floor((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000)
      const already = w.hours
        .filter((h) => h.activityId === a.id && h.volunteerId === b.data.volunteerId && h.status !== 'rejected' && !h.reversed && h.source !== 'reversal')
        .reduce((sum, h) => sum + h.minutes, 0)
      if (already + b.data.minutes > length) {
        return fail(422, 'exceeds_activity_length', `The activity lasted ${length} minutes${already ? ` and ${already} are already recorded for this volunteer` : ''}; at most ${Math.max(0, length - already)} more can be added.`, [
          { path: 'minutes', message: `at most ${Math.max(0, length - already)}` },
        ])
      }
      const row = entry(a, b.data.volunteerId, person.realName, b.data.minutes, 'supplement', b.data.reason, who.user.id, now())
      w.hours.push(row)
      return respond(HourEntry, row, { status: 201 })
    }),

    http.get(v1('/hour-corrections'), ({ request }) => {
      const who = leader()
      if (who instanceof Response) return who
      const q = HourCorrectionListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error)
      const times = correctionTimesOf(getState())
      const items = world()
        .hours.filter((h) => h.correctionRequest?.status === q.data.status)
        .map((h) => {
          const c = h.correctionRequest!
          const decided = c.status === 'open' ? null : (h.decidedAt ?? h.createdAt)
          // The volunteer side keeps no time for a request: the first time a leader's list shows it stands in.
          if (!times.has(c.id)) times.set(c.id, now().toISOString())
          return { id: c.id, entry: h, minutes: c.minutes, reason: c.reason, status: c.status, createdAt: times.get(c.id)!, decidedAt: decided, decisionNote: null }
        })
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      return respond(HourCorrections, { items })
    }),

    http.post(v1('/hour-corrections/:id/decision'), async ({ request, params }) => {
      const who = leader()
      if (who instanceof Response) return who
      const b = CorrectionDecision.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const w = world()
      const h = w.hours.find((x) => x.correctionRequest?.id === params.id)
      if (!h) return fail(404, 'not_found', 'Correction request not found.')
      const c = h.correctionRequest!
      if (c.status !== 'open') return fail(409, 'already_decided', `This correction request was already ${c.status}.`)
      const at = now()
      const note = b.data.note || null
      if (!b.data.accept) {
        h.correctionRequest = { ...c, status: 'declined' }
        tell(w, [h.volunteerId], 'hours_rejected', h.activityId, { activityTitle: h.activityTitle ?? '', serviceDate: h.serviceDate, minutes: h.minutes, correction: 'declined', requestedMinutes: c.minutes, ...(note ? { note } : {}) })
        return respond(HourEntries, { items: [h] })
      }
      if (h.status !== 'approved') return fail(409, 'not_approved', 'The entry is not approved.')
      h.correctionRequest = { ...c, status: 'accepted' }
      // Approved minutes are never edited: a reversing entry takes them back whole, and the right
      // figure comes in as a new entry; both approved at once.
      const decided = { status: 'approved' as const, decidedBy: who.user.id, decidedAt: at.toISOString(), decisionNote: note }
      const made: HourEntry[] = [{ ...entryFrom(h, -h.minutes, 'reversal', c.reason, who.user.id, at), reverses: h.id, ...decided }]
      if (c.minutes > 0) made.push({ ...entryFrom(h, c.minutes, 'correction', c.reason, who.user.id, at), ...decided })
      h.reversed = true
      w.hours.push(...made)
      tell(w, [h.volunteerId], 'hours_approved', h.activityId, { activityTitle: h.activityTitle ?? '', serviceDate: h.serviceDate, minutes: c.minutes, correction: 'accepted', previousMinutes: h.minutes, ...(note ? { note } : {}) })
      return respond(HourEntries, { items: made })
    }),
  ]
}

function entry(a: Activity, volunteerId: string, volunteerName: string, minutes: number, source: HourEntry['source'], reason: string | null, by: string, at: Date): HourEntry {
  return {
    id: mockId(),
    volunteerId,
    volunteerName,
    activityId: a.id,
    activityTitle: a.title,
    project: a.project,
    serviceDate: chinaDay(a.startsAt),
    minutes,
    source,
    reason,
    status: 'pending',
    reverses: null,
    reversed: false,
    createdBy: by,
    createdAt: at.toISOString(),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    correctionRequest: null,
  }
}

function entryFrom(h: HourEntry, minutes: number, source: HourEntry['source'], reason: string, by: string, at: Date): HourEntry {
  return { ...h, id: mockId(), minutes, source, reason, status: 'pending', reverses: null, reversed: false, createdBy: by, createdAt: at.toISOString(), decidedBy: null, decidedAt: null, decisionNote: null, correctionRequest: null }
}

// ---- demo data -----------------------------------------------------------------------------------

const demoId = (n: number) => `01900000-0000-7000-b000-${n.toString(16).padStart(12, '0')}`

const DEMO_PEOPLE: [string, string][] = [
  ['王秀兰', '13900000101'],
  ['陈小明', '13912345678'],
  ['赵桂芳', '13811112222'],
  ['孙建华', '13722223333'],
  ['周丽', '13633334444'],
  ['吴志强', '13544445555'],
  ['郑晓燕', '13955556666'],
  ['冯德华', '13866667777'],
  ['卓玛', '13777778888'],
  ['刘玉梅', '13688889999'],
  ['杨洪', '13599990000'],
  ['黄淑珍', '13900001111'],
]

/**
 * A leader's week for the leader screens' tests (dev mode runs on mock-store's `seedDemoWorld`): an activity coming up (full, with a waitlist), one going
 * on now (some checked in, one by proxy), one that ended last week (hours waiting for approval, one
 * 补录, an approved entry with an open correction request), an older one, and a cancelled one.
 * Only when the world has no activities yet; returns the ids.
 */
export function seedLeadDemo(state: MockState) {
  const w = worldOf(state)
  const ids = { upcoming: demoId(0xa1), ongoing: demoId(0xa2), past: demoId(0xa3), older: demoId(0xa4), cancelled: demoId(0xa5) }
  const volunteers = DEMO_PEOPLE.map((_, i) => demoId(0x100 + i))
  if (w.activities.length) return { ids, volunteers }
  const leader = state.users.find((u) => u.user.username === 'leader')!.user
  const volunteerUser = state.users.find((u) => u.user.username === 'volunteer')?.user
  const people = mockVolunteers(state)
  DEMO_PEOPLE.forEach(([realName, phone], i) =>
    people.set(volunteers[i]!, { id: volunteers[i]!, userId: i === 0 ? (volunteerUser?.id ?? null) : null, realName, phone, volunteerNumber: `XINGFU-${String(101 + i).padStart(6, '0')}` }),
  )

  const nowMs = state.now().getTime()
  const HOUR = 3_600_000
  /** China-time day `days` from today at hh:mm, as an instant. */
  const at = (days: number, hh: number, mm = 0) => {
    const d = chinaDay(new Date(nowMs + days * 24 * HOUR))
    return new Date(Date.parse(`${d}T00:00:00.000Z`) - 8 * HOUR + hh * HOUR + mm * 60_000).toISOString()
  }
  const thisHour = Math.floor(nowMs / HOUR) * HOUR
  const created = new Date(nowMs - 20 * 24 * HOUR).toISOString()
  const activity = (id: string, fields: Partial<Activity> & Pick<Activity, 'title' | 'project' | 'place' | 'startsAt' | 'endsAt' | 'capacity'>): Activity => ({
    id,
    teamId: state.team.id,
    description: '',
    minAge: null,
    requiredSkills: [],
    insurance: true,
    status: 'published',
    cancelReason: null,
    enrolledCount: 0,
    waitlistCount: 0,
    createdBy: leader.id,
    createdAt: created,
    updatedAt: created,
    myEnrollment: null,
    ...fields,
  })
  w.activities.push(
    activity(ids.upcoming, {
      title: '茶义仓周六物资分装',
      project: 'granary',
      place: '幸福社区茶义仓（3 栋 1 楼）',
      description: '把本周捐赠的米面油分装成 40 份，送到困难家庭。请穿方便活动的衣服。',
      startsAt: at(2, 9),
      endsAt: at(2, 11, 30),
      capacity: 6,
      requiredSkills: ['搬运'],
    }),
    activity(ids.ongoing, {
      title: '空巢老人上门探访',
      project: 'empty_nest',
      place: '幸福社区 5 栋、7 栋',
      startsAt: new Date(thisHour - HOUR).toISOString(),
      endsAt: new Date(thisHour + 2 * HOUR).toISOString(),
      capacity: 8,
      minAge: 18,
    }),
    activity(ids.past, { title: '孝亲敬老评书会', project: 'elder_storytelling', place: '社区活动中心二楼', startsAt: at(-6, 14), endsAt: at(-6, 16), capacity: 10 }),
    activity(ids.older, { title: '友邻学院：教老人用手机', project: 'neighbour_academy', place: '社区图书室', startsAt: at(-13, 9), endsAt: at(-13, 11), capacity: 8 }),
    activity(ids.cancelled, {
      title: '情系藏区冬衣打包',
      project: 'tibetan_area_aid',
      place: '街道仓库',
      startsAt: at(5, 14),
      endsAt: at(5, 17),
      capacity: 12,
      status: 'cancelled',
      cancelReason: '捐赠的冬衣推迟到下月到货',
    }),
  )
  const enroll = (activityId: string, who: number[], waitlisted: number[] = []) => {
    who.forEach((v, i) =>
      w.enrollments.push({ id: demoId(0x1000 + w.enrollments.length), activityId, volunteerId: volunteers[v]!, status: 'enrolled', waitlistPosition: null, createdAt: new Date(nowMs - (50 - i) * HOUR).toISOString(), updatedAt: created }),
    )
    waitlisted.forEach((v, i) =>
      w.enrollments.push({ id: demoId(0x1000 + w.enrollments.length), activityId, volunteerId: volunteers[v]!, status: 'waitlisted', waitlistPosition: i + 1, createdAt: new Date(nowMs - (20 - i) * HOUR).toISOString(), updatedAt: created }),
    )
  }
  enroll(ids.upcoming, [0, 1, 2, 3, 4, 5], [6, 7])
  enroll(ids.ongoing, [1, 2, 6, 8, 9])
  enroll(ids.past, [0, 3, 4, 10, 11])
  enroll(ids.older, [0, 1, 5])
  enroll(ids.cancelled, [2, 3])

  const ongoing = w.activities.find((a) => a.id === ids.ongoing)!
  const s = Date.parse(ongoing.startsAt)
  const attend = (activityId: string, v: number, inAt: number, outAt: number | null, proxyReason: string | null = null, closedBy: Attendance['closedBy'] = null) =>
    w.attendance.push({ id: demoId(0x2000 + w.attendance.length), activityId, volunteerId: volunteers[v]!, checkInAt: new Date(inAt).toISOString(), checkOutAt: outAt === null ? null : new Date(outAt).toISOString(), proxyReason, closedBy })
  attend(ids.ongoing, 1, s + 2 * 60_000, null)
  attend(ids.ongoing, 2, s + 5 * 60_000, null, '老人机不能扫码')
  attend(ids.ongoing, 6, s + 1 * 60_000, s + 40 * 60_000, null, 'volunteer')

  const past = w.activities.find((a) => a.id === ids.past)!
  const older = w.activities.find((a) => a.id === ids.older)!
  const ps = Date.parse(past.startsAt)
  attend(ids.past, 0, ps - 5 * 60_000, ps + 120 * 60_000, null, 'volunteer')
  attend(ids.past, 3, ps + 10 * 60_000, ps + 115 * 60_000, null, 'volunteer')
  attend(ids.past, 4, ps, ps + 120 * 60_000, null, 'auto')
  const hour = (n: number, a: Activity, v: number, minutes: number, fields: Partial<HourEntry> = {}): HourEntry => ({
    ...entry(a, volunteers[v]!, DEMO_PEOPLE[v]![0], minutes, 'attendance', null, leader.id, new Date(Date.parse(a.endsAt) + n * 60_000)),
    id: demoId(0x3000 + n),
    ...fields,
  })
  w.hours.push(
    hour(1, past, 0, 120),
    hour(2, past, 3, 105),
    hour(3, past, 4, 120, { status: 'approved', decidedBy: leader.id, decidedAt: past.endsAt }),
    hour(4, past, 10, 90, { source: 'supplement', reason: '忘记签到，现场有照片为证' }),
    hour(5, older, 0, 120, { status: 'approved', decidedBy: leader.id, decidedAt: older.endsAt, correctionRequest: { id: demoId(0x4001), minutes: 150, reason: '活动结束后留下来帮忙收拾了半小时', status: 'open' } }),
    hour(6, older, 1, 120, { status: 'approved', decidedBy: leader.id, decidedAt: older.endsAt }),
  )
  correctionTimesOf(state).set(demoId(0x4001), new Date(nowMs - 26 * HOUR).toISOString())
  for (const a of w.activities) Object.assign(a, { enrolledCount: w.enrollments.filter((e) => e.activityId === a.id && e.status === 'enrolled').length, waitlistCount: w.enrollments.filter((e) => e.activityId === a.id && e.status === 'waitlisted').length })
  return { ids, volunteers }
}
