// The mock API for the volunteer screens beyond sign-in and /me: public registration, my volunteer
// profile (changing it, leaving, applying again), join requests, the leader's decision and a whole
// ID number on asking (access-logged); activities and sign-up with a waitlist,
// check-in and check-out, my hours and corrections, certificates and their public check, pledges
// and the inbox. Every body goes through `respond(schema, …)`
// with the domain's schemas, so a mock can never answer what the server could not. Dev mode starts
// it in a service worker (main.ts imports this dynamically); tests pass the same handlers to setupServer.
import {
  Activity,
  ActivityListQuery,
  ageBandOf,
  ageOn,
  Attendance,
  Certificate,
  CertificateRequest,
  CheckInRequest,
  CorrectionRequest,
  Enrollment,
  formatVolunteerNumber,
  HourEntry,
  HourListQuery,
  HoursSummary,
  JoinDecision,
  LeaveTeam,
  MarkRead,
  maskIdNumber,
  maskName,
  maskPhone,
  NotificationList,
  page,
  PledgeInput,
  PledgeSummary,
  PublicCertificate,
  registrationAgeCheck,
  RevealedIdNumber,
  RevealRequest,
  ServiceProjectList,
  User,
  VolunteerListQuery,
  VolunteerProfile,
  VolunteerProfileChange,
  VolunteerRegistration,
  type IdType,
  type Role,
  addDays,
  isOverdue,
  MyPairing,
  NewVisit,
  nextVisitDue,
  PairingVisit,
} from '@chayi/domain'
import { leadHandlers, mockCheckInCode, mockVolunteers } from './lead/mocks'
import { addMonths, chinaDay, chinaMonth, hoursSummary, liveEnrollment, mockId, notify, pledgeSummary, promoteFirstWaitlisted, renumberWaitlist, restoreWorld, saveWorld, seedDemoWorld, viewActivity, volunteerOfUser, worldOf, type ActivityWorld, type CheckInCodeRow } from './mock-store'
import { createHandlers, createMockState, fail, http, MOCK_PASSWORD, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'

export interface VolunteerMockOptions {
  base?: string
}

const invalid = (error: z.ZodError) =>
  fail(400, 'invalid_request', 'The body is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

const newId = mockId

/** The mock's volunteers live in the activity world (mock-store.ts), where the leader side sees them too. */
function store(state: MockState) {
  const w = worldOf(state)
  return {
    rows: w.volunteers,
    idNumbers: { values: () => Object.values(w.idKeys), set: (id: string, key: string) => void (w.idKeys[id] = key) },
    next: () => ++w.volunteerCounter,
  }
}

/** The seed team's code on the real server; the mock answers to it as well as to its own. */
const SEED_CODE = 'xingfu'

/** One line of the mock's access log: who saw which whole ID number, when and why. */
export interface MockAccessLogLine {
  actor: string
  volunteerId: string
  field: 'id_number'
  reason: string
  at: string
}
const accessLogs = new WeakMap<MockState, MockAccessLogLine[]>()
/** The reveals of whole ID numbers in this mock world (the server keeps them in access_log). */
export function mockAccessLog(state: MockState): MockAccessLogLine[] {
  let log = accessLogs.get(state)
  if (!log) accessLogs.set(state, (log = []))
  return log
}

/** Gives or takes the volunteer role, as the server does on approval and on leaving. */
function setVolunteerRole(state: MockState, userId: string, on: boolean) {
  const u = state.users.find((x) => x.user.id === userId)
  if (!u) return
  const others = u.user.roles.filter((r) => r !== 'volunteer')
  u.user = { ...u.user, roles: (on ? [...others, 'volunteer' as const] : others).sort() }
}

export function volunteerHandlers(getState: () => MockState, opts: VolunteerMockOptions = {}) {
  const base = (opts.base ?? '*').replace(/\/+$/, '')
  const v1 = (path: string) => `${base}/api/v1${path}`
  const replays = new Map<string, { body: string; profile: VolunteerProfile }>()

  const caller = (roles?: Role[]): MockUser | Response => {
    const s = getState()
    const u = s.users.find((x) => x.user.id === s.signedIn)
    if (!u) return fail(401, 'unauthenticated', 'Sign in first.')
    if (roles && !u.user.roles.some((r) => roles.includes(r))) return fail(403, 'forbidden', 'Your role may not do this.')
    return u
  }
  const json = async (request: Request) => (await request.json().catch(() => undefined)) as unknown
  const { emergencyContact: _e, guardian: _g, ...teamView } = VolunteerProfile.shape
  void _e
  void _g
  const TeamView = z.object(teamView)
  /** As a leader sees it: phone masked, no contacts. */
  const forTeam = (p: VolunteerProfile) => TeamView.parse({ ...p, phone: maskPhone(p.phone) })

  return [
    http.post(v1('/public/teams/:code/volunteers'), async ({ request, params }) => {
      const s = getState()
      if (params.code !== s.team.code && params.code !== SEED_CODE) return fail(404, 'not_found', 'Team not found.')
      const raw = await json(request)
      const key = request.headers.get('idempotency-key')
      const { password: _pw, ...hashed } = (raw ?? {}) as Record<string, unknown>
      const prior = key ? replays.get(key) : undefined
      if (prior && prior.body !== JSON.stringify(hashed)) return fail(409, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
      if (prior) return respond(VolunteerProfile, prior.profile, { status: 201, headers: { 'idempotent-replayed': 'true' } })
      const b = VolunteerRegistration.safeParse(raw)
      if (!b.success) return invalid(b.error)
      const now = s.now()
      const age = registrationAgeCheck(b.data, now)
      if (!age.ok) {
        const issues = [{ path: age.path, message: age.message }]
        return age.code === 'birth_date_in_future' ? fail(400, 'invalid_request', 'The body is not valid.', issues) : fail(422, age.code, age.message, issues)
      }
      const vs = store(s)
      const idKey = `${b.data.idType}:${b.data.idNumber.toUpperCase()}`
      if ([...vs.idNumbers.values()].includes(idKey)) return fail(409, 'already_registered', 'This ID number is already registered with the team.')
      if (s.users.some((u) => u.user.phone === b.data.phone)) return fail(409, 'login_taken', 'That username or phone number is already registered.')
      const user = User.parse({ id: newId(), teamId: s.team.id, username: null, phone: b.data.phone, displayName: b.data.realName, roles: [], status: 'active', createdAt: now.toISOString() })
      s.users.push({ user, password: b.data.password })
      const profile = VolunteerProfile.parse({
        id: newId(),
        teamId: s.team.id,
        userId: user.id,
        realName: b.data.realName,
        phone: b.data.phone,
        idType: b.data.idType,
        idNumberMasked: maskIdNumber(b.data.idNumber.toUpperCase()),
        gender: b.data.gender,
        birthDate: b.data.birthDate,
        ageBand: ageBandOf(ageOn(b.data.birthDate, now)),
        affiliations: b.data.affiliations,
        skills: b.data.skills,
        availability: b.data.availability,
        emergencyContact: b.data.emergencyContact,
        guardian: b.data.guardian,
        status: 'pending',
        volunteerNumber: null,
        registeredAt: now.toISOString(),
        joinedAt: null,
        decisionNote: null,
      })
      vs.rows.push(profile)
      vs.idNumbers.set(profile.id, idKey)
      const { emergencyContact: _c, guardian: _gd, ...answer } = profile
      if (key) replays.set(key, { body: JSON.stringify(hashed), profile: answer })
      return respond(VolunteerProfile, answer, { status: 201 })
    }),

    http.get(v1('/volunteers/me'), () => {
      const who = caller()
      if (who instanceof Response) return who
      const row = store(getState()).rows.find((r) => r.userId === who.user.id)
      if (!row) return fail(404, 'not_found', 'Volunteer profile not found.')
      return respond(VolunteerProfile, row)
    }),

    http.get(v1('/volunteers'), ({ request }) => {
      const who = caller(['leader', 'admin'])
      if (who instanceof Response) return who
      const q = VolunteerListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error)
      const rows = store(getState())
        .rows.filter((r) => r.teamId === who.user.teamId && (!q.data.status || r.status === q.data.status) && (!q.data.cursor || r.id > q.data.cursor))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      const items = rows.slice(0, q.data.limit).map(forTeam)
      return respond(page(VolunteerProfile), { items, nextCursor: rows.length > q.data.limit ? items[items.length - 1]!.id : null })
    }),

    http.post(v1('/volunteers/:id/decision'), async ({ request, params }) => {
      const who = caller(['leader', 'admin'])
      if (who instanceof Response) return who
      const b = JoinDecision.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const s = getState()
      const vs = store(s)
      const i = vs.rows.findIndex((r) => r.id === params.id && r.teamId === who.user.teamId)
      if (i < 0) return fail(404, 'not_found', 'Volunteer not found.')
      const row = vs.rows[i]!
      if (row.status !== 'pending') return fail(409, 'already_decided', `This registration was already decided (${row.status}).`)
      const note = b.data.note || null
      // Someone who left and came back keeps the number they had (as on the server).
      const next: VolunteerProfile = b.data.approve
        ? { ...row, status: 'active', volunteerNumber: row.volunteerNumber ?? formatVolunteerNumber(SEED_CODE, vs.next()), joinedAt: s.now().toISOString(), decisionNote: note }
        : { ...row, status: 'rejected', decisionNote: note }
      vs.rows[i] = next
      if (b.data.approve) {
        setVolunteerRole(s, row.userId, true)
        fillLeadDirectory(s)
        notify(worldOf(s), row.userId, 'volunteer_approved', { number: next.volunteerNumber! }, null, s.now())
      } else notify(worldOf(s), row.userId, 'volunteer_rejected', { note: note ?? '' }, null, s.now())
      return respond(VolunteerProfile, forTeam(next))
    }),

    http.patch(v1('/volunteers/me'), async ({ request }) => {
      const who = caller()
      if (who instanceof Response) return who
      const b = VolunteerProfileChange.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const vs = store(getState())
      const i = vs.rows.findIndex((r) => r.userId === who.user.id)
      if (i < 0) return fail(404, 'not_found', 'Volunteer profile not found.')
      const next: VolunteerProfile = { ...vs.rows[i]!, ...b.data }
      vs.rows[i] = next
      return respond(VolunteerProfile, next)
    }),

    http.post(v1('/volunteers/me/leave'), async ({ request }) => {
      const who = caller()
      if (who instanceof Response) return who
      const b = LeaveTeam.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const s = getState()
      const vs = store(s)
      const i = vs.rows.findIndex((r) => r.userId === who.user.id)
      if (i < 0) return fail(404, 'not_found', 'Volunteer profile not found.')
      const row = vs.rows[i]!
      if (row.status !== 'active') return fail(409, 'not_active', `Only an active volunteer can leave (this one is ${row.status}).`)
      // The record, number and hours stay; the volunteer role goes.
      const next: VolunteerProfile = { ...row, status: 'left' }
      vs.rows[i] = next
      setVolunteerRole(s, row.userId, false)
      return respond(VolunteerProfile, next)
    }),

    http.post(v1('/volunteers/me/reapply'), () => {
      const who = caller()
      if (who instanceof Response) return who
      const vs = store(getState())
      const i = vs.rows.findIndex((r) => r.userId === who.user.id)
      if (i < 0) return fail(404, 'not_found', 'Volunteer profile not found.')
      const row = vs.rows[i]!
      if (row.status !== 'rejected' && row.status !== 'left') return fail(409, 'cannot_reapply', `Only a rejected or departed volunteer can apply again (this one is ${row.status}).`)
      const next: VolunteerProfile = { ...row, status: 'pending', decisionNote: null }
      vs.rows[i] = next
      return respond(VolunteerProfile, next)
    }),

    http.post(v1('/volunteers/:id/reveal-id'), async ({ request, params }) => {
      const who = caller(['leader', 'admin'])
      if (who instanceof Response) return who
      const b = RevealRequest.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const s = getState()
      const w = worldOf(s)
      const row = w.volunteers.find((r) => r.id === params.id && r.teamId === who.user.teamId)
      const key = row && w.idKeys[row.id]
      if (!row || !key) return fail(404, 'not_found', 'Volunteer not found.')
      mockAccessLog(s).push({ actor: `user:${who.user.id}`, volunteerId: row.id, field: 'id_number', reason: b.data.reason, at: s.now().toISOString() })
      const idType = key.slice(0, key.indexOf(':')) as IdType
      return respond(RevealedIdNumber, { idType, idNumber: key.slice(key.indexOf(':') + 1) })
    }),
    ...portalHandlers(getState, opts),
    ...pairingHandlers(getState, opts),
    ...leadHandlers(getState, opts),
  ]
}

/** The leader screens' mocks (lead/mocks.ts) name people from their own directory: fill it from the world's profiles. */
function fillLeadDirectory(state: MockState) {
  const dir = mockVolunteers(state)
  for (const v of worldOf(state).volunteers) {
    if (v.status === 'active') dir.set(v.id, { id: v.id, userId: v.userId, realName: v.realName, volunteerNumber: v.volunteerNumber, phone: v.phone })
  }
}

/** The demo world of mock-store.ts (activities of all six projects, hours, a certificate …), for dev mode and tests. */
export function seedDemo(state: MockState) {
  const w = seedDemoWorld(state)
  fillLeadDirectory(state)
  return w
}

const CertificateList = z.object({ items: z.array(Certificate) })
const Unread = z.object({ unread: z.number().int() })
/** Check-in opens this long before the start; check-out stays open this long after the end. */
const CHECK_IN_EARLY_MS = 30 * 60_000
const CHECK_OUT_LATE_MS = 60 * 60_000

/** The volunteer's side of activities, hours, certificates, pledges and the inbox (the rules as the API has them). */
function portalHandlers(getState: () => MockState, opts: VolunteerMockOptions = {}) {
  const base = (opts.base ?? '*').replace(/\/+$/, '')
  const v1 = (path: string) => `${base}/api/v1${path}`
  const json = async (request: Request) => (await request.json().catch(() => undefined)) as unknown
  const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams)
  const refuse = (code: string, message: string, status = 422) => fail(status, code, message)

  const signedIn = (): { user: MockUser; w: ActivityWorld; now: Date } | Response => {
    const s = getState()
    const user = s.users.find((x) => x.user.id === s.signedIn)
    if (!user) return fail(401, 'unauthenticated', 'Sign in first.')
    return { user, w: worldOf(s), now: s.now() }
  }
  /** The caller as an approved volunteer of the team, or the refusal. */
  const volunteer = () => {
    const c = signedIn()
    if (c instanceof Response) return c
    const me = volunteerOfUser(c.w, c.user.user.id)
    if (!me) return fail(403, 'not_a_volunteer', 'Only an approved volunteer of the team may do this.')
    return { ...c, me }
  }
  const activityOf = (w: ActivityWorld, user: MockUser, id: unknown) => w.activities.find((a) => a.id === id && a.teamId === user.user.teamId)
  const isLeader = (u: MockUser) => u.user.roles.some((r) => r === 'leader' || r === 'admin')

  /**
   * The code a volunteer scanned or typed: one of the world's (the demo's) or the leader screens'
   * rotating ones (lead/mocks.ts, the current or the previous 30-second window; older ones are
   * expired). 'other' when it is a live code of another activity than the one named.
   */
  const findCode = (w: ActivityWorld, user: MockUser, body: CheckInRequest, now: Date): CheckInCodeRow | 'invalid' | 'other' => {
    const named = body.activityId
    const stored = w.checkInCodes.filter((x) => ('token' in body ? x.token === body.token : x.code === body.code))
    const team = w.activities.filter((a) => a.teamId === user.user.teamId && a.status === 'published')
    const rotating = (activityId: string): CheckInCodeRow | undefined => {
      for (let back = 0; back <= 20; back++) {
        const c = mockCheckInCode(activityId, new Date(now.getTime() - back * 30_000))
        if ('token' in body ? c.token === body.token : c.code === body.code) {
          // The leader's phone moved on: the window just before still counts, older ones have expired.
          return { activityId, token: c.token, code: c.code, expiresAt: back <= 1 ? new Date(now.getTime() + 1000).toISOString() : c.expiresAt }
        }
      }
      return undefined
    }
    const tokenActivity = 'token' in body ? /^mock\.([^.]+)\./.exec(body.token)?.[1] : undefined
    const candidates = [...stored, ...(tokenActivity ? [rotating(tokenActivity)] : team.map((a) => rotating(a.id)))].filter((x): x is CheckInCodeRow => !!x)
    if (!candidates.length) return 'invalid'
    if (!named) return candidates[0]!
    return candidates.find((x) => x.activityId === named) ?? 'other'
  }

  const attendance = (kind: 'in' | 'out') => async ({ request }: { request: Request }) => {
    const c = volunteer()
    if (c instanceof Response) return c
    const b = CheckInRequest.safeParse(await json(request))
    if (!b.success) return invalid(b.error)
    const { w, me, now } = c
    const t = now.getTime()
    const row = findCode(w, c.user, b.data, now)
    if (row === 'invalid') return refuse('code_invalid', 'This check-in code is not valid.')
    if (row === 'other') return refuse('code_other_activity', 'This code belongs to another activity.')
    if (Date.parse(row.expiresAt) <= t) return refuse('code_expired', 'This code has expired; scan or type the one shown now.')
    const a = activityOf(w, c.user, row.activityId)
    if (!a) return refuse('code_invalid', 'This check-in code is not valid.')
    if (a.status === 'cancelled') return refuse('activity_cancelled', 'This activity was cancelled.')
    const e = liveEnrollment(w, a.id, me.id)
    if (!e || e.status !== 'enrolled') return refuse('not_enrolled', 'You are not enrolled in this activity.')
    const opens = Date.parse(a.startsAt) - CHECK_IN_EARLY_MS
    const closes = kind === 'in' ? Date.parse(a.endsAt) : Date.parse(a.endsAt) + CHECK_OUT_LATE_MS
    if (t < opens || t > closes) return refuse('outside_time', 'Check-in is open from 30 minutes before the start until the end.')
    const att = w.attendance.find((x) => x.activityId === a.id && x.volunteerId === me.id)
    if (kind === 'in') {
      if (att) return refuse('already_checked_in', 'You have already checked in.')
      const made: Attendance = { id: mockId(), activityId: a.id, volunteerId: me.id, checkInAt: now.toISOString(), checkOutAt: null, proxyReason: null, closedBy: null }
      w.attendance.push(made)
      return respond(Attendance, made)
    }
    if (!att) return refuse('not_checked_in', 'Check in first.')
    if (att.checkOutAt) return refuse('already_checked_out', 'You have already checked out.')
    att.checkOutAt = now.toISOString()
    att.closedBy = 'volunteer'
    // The actual time served, inside the activity's hours: a pending entry for the leader to approve.
    const minutes = Math.max(0, Math.round((Math.min(t, Date.parse(a.endsAt)) - Math.max(Date.parse(att.checkInAt), Date.parse(a.startsAt))) / 60_000))
    w.hours.push({
      id: mockId(),
      volunteerId: me.id,
      volunteerName: me.realName,
      activityId: a.id,
      activityTitle: a.title,
      project: a.project,
      serviceDate: chinaDay(a.startsAt),
      minutes,
      source: 'attendance',
      reason: null,
      status: 'pending',
      reverses: null,
      reversed: false,
      createdBy: 'system',
      createdAt: now.toISOString(),
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      correctionRequest: null,
    })
    return respond(Attendance, att)
  }

  return [
    http.get(v1('/activities'), ({ request }) => {
      const c = signedIn()
      if (c instanceof Response) return c
      const q = ActivityListQuery.safeParse(query(request))
      if (!q.success) return invalid(q.error)
      const { w, user, now } = c
      const me = volunteerOfUser(w, user.user.id)
      const t = now.getTime()
      const { scope, project, from, to, limit, cursor } = q.data
      const rows = w.activities
        .filter((a) => a.teamId === user.user.teamId)
        .filter((a) => {
          if (scope === 'upcoming') return a.status === 'published' && Date.parse(a.endsAt) > t
          if (scope === 'past') return Date.parse(a.endsAt) <= t
          if (scope === 'mine') return !!me && !!liveEnrollment(w, a.id, me.id)
          if (scope === 'led') return a.createdBy === user.user.id
          return true
        })
        .filter((a) => (!project || a.project === project) && (!from || chinaDay(a.startsAt) >= from) && (!to || chinaDay(a.startsAt) <= to))
        .sort((a, b) => (Date.parse(a.startsAt) - Date.parse(b.startsAt)) * (scope === 'upcoming' ? 1 : -1))
      const offset = Number(cursor ?? 0) || 0
      const items = rows.slice(offset, offset + limit).map((a) => viewActivity(w, a, me?.id ?? null))
      return respond(page(Activity), { items, nextCursor: rows.length > offset + limit ? String(offset + limit) : null })
    }),

    http.get(v1('/activities/:id'), ({ params }) => {
      const c = signedIn()
      if (c instanceof Response) return c
      const a = activityOf(c.w, c.user, params.id)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      return respond(Activity, viewActivity(c.w, a, volunteerOfUser(c.w, c.user.user.id)?.id ?? null))
    }),

    http.post(v1('/activities/:id/enrollment'), ({ params }) => {
      const c = volunteer()
      if (c instanceof Response) return c
      const { w, me, now } = c
      const a = activityOf(w, c.user, params.id)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      if (a.status === 'cancelled') return refuse('activity_cancelled', 'This activity was cancelled.')
      if (Date.parse(a.startsAt) <= now.getTime()) return refuse('activity_started', 'This activity has already started.')
      if (liveEnrollment(w, a.id, me.id)) return refuse('already_signed_up', 'You have already signed up for this activity.', 409)
      const minAge = a.minAge ?? 14
      if (ageOn(me.birthDate, new Date(a.startsAt)) < minAge) return refuse('too_young', `You must be at least ${minAge} on the day of the activity.`)
      const missing = a.requiredSkills.filter((skill) => !me.skills.includes(skill))
      if (missing.length) return refuse('missing_skills', `This activity needs: ${missing.join(', ')}.`)
      const enrolled = w.enrollments.filter((e) => e.activityId === a.id && e.status === 'enrolled').length
      const at = now.toISOString()
      const row: Enrollment = { id: mockId(), activityId: a.id, volunteerId: me.id, status: enrolled < a.capacity ? 'enrolled' : 'waitlisted', waitlistPosition: null, createdAt: at, updatedAt: at }
      w.enrollments.push(row)
      renumberWaitlist(w, a.id)
      const told = { title: a.title, startsAt: a.startsAt }
      if (row.status === 'enrolled') notify(w, me.userId, 'enrolled', told, a.id, now)
      else notify(w, me.userId, 'waitlisted', { ...told, position: row.waitlistPosition ?? 0 }, a.id, now)
      return respond(Enrollment, row, { status: 201 })
    }),

    http.delete(v1('/activities/:id/enrollment'), ({ params }) => {
      const c = volunteer()
      if (c instanceof Response) return c
      const { w, me, now } = c
      const a = activityOf(w, c.user, params.id)
      if (!a) return fail(404, 'not_found', 'Activity not found.')
      const e = liveEnrollment(w, a.id, me.id)
      if (!e) return fail(404, 'not_found', 'You are not signed up for this activity.')
      if (a.status === 'published' && Date.parse(a.startsAt) <= now.getTime()) return refuse('activity_started', 'This activity has already started.')
      const held = e.status === 'enrolled'
      e.status = 'cancelled'
      e.waitlistPosition = null
      e.updatedAt = now.toISOString()
      if (held) promoteFirstWaitlisted(w, a.id, now)
      renumberWaitlist(w, a.id)
      return respond(Enrollment, e)
    }),

    http.post(v1('/attendance/check-in'), attendance('in')),
    http.post(v1('/attendance/check-out'), attendance('out')),

    http.get(v1('/hours/mine'), ({ request }) => {
      const c = volunteer()
      if (c instanceof Response) return c
      const q = HourListQuery.safeParse(query(request))
      if (!q.success) return invalid(q.error)
      const rows = c.w.hours
        .filter((h) => h.volunteerId === c.me.id && (!q.data.status || h.status === q.data.status))
        .sort((a, b) => (a.serviceDate === b.serviceDate ? (a.createdAt < b.createdAt ? 1 : -1) : a.serviceDate < b.serviceDate ? 1 : -1))
      const offset = Number(q.data.cursor ?? 0) || 0
      return respond(page(HourEntry), { items: rows.slice(offset, offset + q.data.limit), nextCursor: rows.length > offset + q.data.limit ? String(offset + q.data.limit) : null })
    }),

    http.get(v1('/hours/summary'), () => {
      const c = volunteer()
      if (c instanceof Response) return c
      return respond(HoursSummary, hoursSummary(c.w, c.me.id, c.now))
    }),

    http.post(v1('/hours/:id/correction-requests'), async ({ request, params }) => {
      const c = volunteer()
      if (c instanceof Response) return c
      const b = CorrectionRequest.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const h = c.w.hours.find((x) => x.id === params.id && x.volunteerId === c.me.id)
      if (!h) return fail(404, 'not_found', 'Hour entry not found.')
      if (h.status !== 'approved' || h.source === 'reversal') return refuse('not_approved', 'Only approved hours can be corrected.')
      if (h.reversed) return refuse('already_reversed', 'This entry has already been corrected.')
      if (h.correctionRequest?.status === 'open') return refuse('correction_open', 'A correction of this entry is already waiting.', 409)
      h.correctionRequest = { id: mockId(), minutes: b.data.minutes, reason: b.data.reason, status: 'open' }
      return respond(HourEntry, h, { status: 201 })
    }),

    http.post(v1('/certificates'), async ({ request }) => {
      const c = signedIn()
      if (c instanceof Response) return c
      const b = CertificateRequest.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const { w, user, now } = c
      const me = volunteerOfUser(w, user.user.id)
      if (b.data.volunteerId !== me?.id && !isLeader(user)) return me ? fail(403, 'forbidden', 'You may ask for your own certificate only.') : fail(403, 'not_a_volunteer', 'Only an approved volunteer of the team may do this.')
      const v = w.volunteers.find((x) => x.id === b.data.volunteerId && x.teamId === user.user.teamId)
      if (!v || v.status !== 'active' || !v.volunteerNumber) return refuse('not_a_member', 'This person is not an approved member of the team.')
      const { from, to } = b.data
      const period = w.hours.filter((h) => h.volunteerId === v.id && h.status === 'approved' && h.serviceDate >= from && h.serviceDate <= to)
      const content = ServiceProjectList.codes
        .map((project) => {
          const hs = period.filter((h) => h.project === project)
          return { project, minutes: hs.reduce((sum, h) => sum + h.minutes, 0), activities: new Set(hs.map((h) => h.activityId).filter(Boolean)).size }
        })
        .filter((x) => x.minutes > 0)
      const approvedMinutes = content.reduce((sum, x) => sum + x.minutes, 0)
      if (approvedMinutes <= 0) return refuse('no_approved_hours', 'There are no approved hours in this period.')
      const number = `XF-${chinaDay(now).slice(0, 4)}-${String(++w.certificateCounter).padStart(5, '0')}`
      const cert: Certificate = {
        id: mockId(),
        number,
        volunteerId: v.id,
        realName: v.realName,
        idType: v.idType,
        idNumberMasked: v.idNumberMasked,
        volunteerNumber: v.volunteerNumber,
        from,
        to,
        approvedMinutes,
        content,
        issuer: getState().team.name,
        personInCharge: w.settings.personInCharge,
        handler: b.data.handler ?? user.user.displayName,
        contact: w.settings.contact,
        issuedAt: now.toISOString(),
        checkUrl: `${new URL(request.url).origin}/volunteer/verify/${number}`,
        revokedAt: null,
        revokeReason: null,
      }
      w.certificates.push(cert)
      return respond(Certificate, cert, { status: 201 })
    }),

    http.get(v1('/certificates/mine'), () => {
      const c = volunteer()
      if (c instanceof Response) return c
      const items = c.w.certificates.filter((x) => x.volunteerId === c.me.id).sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1))
      return respond(CertificateList, { items })
    }),

    http.get(v1('/certificates/:id'), ({ params }) => {
      const c = signedIn()
      if (c instanceof Response) return c
      const me = volunteerOfUser(c.w, c.user.user.id)
      const cert = c.w.certificates.find((x) => x.id === params.id)
      const team = cert && c.w.volunteers.find((v) => v.id === cert.volunteerId)?.teamId
      if (!cert || (cert.volunteerId !== me?.id && !(isLeader(c.user) && team === c.user.user.teamId))) return fail(404, 'not_found', 'Certificate not found.')
      return respond(Certificate, cert)
    }),

    http.get(v1('/public/certificates/:number'), ({ params }) => {
      const cert = worldOf(getState()).certificates.find((x) => x.number === params.number)
      if (!cert) return fail(404, 'not_found', 'No certificate with this number.')
      return respond(PublicCertificate, {
        number: cert.number,
        maskedName: maskName(cert.realName),
        approvedMinutes: cert.approvedMinutes,
        from: cert.from,
        to: cert.to,
        issuer: cert.issuer,
        issuedAt: cert.issuedAt,
        status: cert.revokedAt ? 'revoked' : 'valid',
      })
    }),

    http.get(v1('/pledges/mine'), () => {
      const c = volunteer()
      if (c instanceof Response) return c
      return respond(PledgeSummary, pledgeSummary(c.w, c.me.id, c.now))
    }),

    http.put(v1('/pledges/mine'), async ({ request }) => {
      const c = volunteer()
      if (c instanceof Response) return c
      const b = PledgeInput.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const { w, me, now } = c
      const month = chinaMonth(now)
      const current = w.pledges.find((p) => p.volunteerId === me.id && p.toMonth === null)
      // The new amount counts from this month; one started this month is simply replaced.
      if (current && current.fromMonth >= month) w.pledges = w.pledges.filter((p) => p !== current)
      else if (current) current.toMonth = addMonths(month, -1)
      w.pledges.push({ id: mockId(), volunteerId: me.id, monthlyFen: b.data.monthlyFen, fromMonth: month, toMonth: null, createdAt: now.toISOString() })
      return respond(PledgeSummary, pledgeSummary(w, me.id, now))
    }),

    http.delete(v1('/pledges/mine'), () => {
      const c = volunteer()
      if (c instanceof Response) return c
      const { w, me, now } = c
      const month = chinaMonth(now)
      const current = w.pledges.find((p) => p.volunteerId === me.id && p.toMonth === null)
      if (!current) return fail(404, 'not_found', 'You have no running pledge.')
      // Stopped: this month is no longer pledged.
      if (current.fromMonth >= month) w.pledges = w.pledges.filter((p) => p !== current)
      else current.toMonth = addMonths(month, -1)
      return respond(PledgeSummary, pledgeSummary(w, me.id, now))
    }),

    http.get(v1('/notifications'), () => {
      const c = signedIn()
      if (c instanceof Response) return c
      const mine = c.w.notifications.filter((x) => x.userId === c.user.user.id).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      const items = mine.slice(0, 50).map(({ userId: _u, ...rest }) => rest)
      return respond(NotificationList, { items, nextCursor: null, unread: mine.filter((x) => !x.readAt).length })
    }),

    http.post(v1('/notifications/read'), async ({ request }) => {
      const c = signedIn()
      if (c instanceof Response) return c
      const b = MarkRead.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const ids = 'ids' in b.data ? new Set(b.data.ids) : null
      const mine = c.w.notifications.filter((x) => x.userId === c.user.user.id)
      for (const x of mine) if (!x.readAt && (!ids || ids.has(x.id))) x.readAt = c.now.toISOString()
      return respond(Unread, { unread: mine.filter((x) => !x.readAt).length })
    }),
  ]
}

/** Dev mode: the shared identity mock plus the volunteer handlers in a service worker. */
export async function startMockWorker() {
  // Loaded here, not at the top: the tests import this module under Node, where msw/browser has no place.
  const { setupWorker } = await import('msw/browser')
  const state = createMockState()
  // The demo world (activities, hours, certificates …) lives as long as the tab, like the session.
  if (!restoreWorld(state, sessionStorage)) seedDemoWorld(state)
  // Accounts are rebuilt on each load, the world is restored: give the volunteer role back only to
  // those whose profile is active (someone who left in this tab stays without it after a reload).
  for (const v of worldOf(state).volunteers) setVolunteerRole(state, v.userId, v.status === 'active')
  fillLeadDirectory(state)
  const worker = setupWorker(...createHandlers({ state, storage: sessionStorage }), ...volunteerHandlers(() => state))
  worker.events.on('response:mocked', () => saveWorld(state, sessionStorage))
  await worker.start({ serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` }, onUnhandledRequest: 'bypass' })
  console.info(`[chayi] mock API: sign in as volunteer, leader or admin with the password "${MOCK_PASSWORD}"; register at /register; check-in code of today's demo activity: 246810`)
}

// --- 空巢不空心: my pairings and logging a visit (as packages/api/src/pairings answers) ---------------

interface MockMyPairing {
  id: string
  volunteerId: string
  elderName: string
  community: string
  address: string
  frequencyDays: number
  startsOn: string
  status: 'active' | 'ended'
  endedAt: string | null
  visits: string[]
}
const pairingWorlds = new WeakMap<MockState, MockMyPairing[]>()

/** Each volunteer's pairings, seeded on first look: one overdue, one on track, one ended. */
export function mockPairingsOf(state: MockState, volunteerId: string): MockMyPairing[] {
  let all = pairingWorlds.get(state)
  if (!all) pairingWorlds.set(state, (all = []))
  if (!all.some((p) => p.volunteerId === volunteerId)) {
    const today = chinaDay(state.now())
    const d = (n: number) => addDays(today, n)
    const n = all.length
    all.push(
      { id: `01900000-0000-7000-8d00-${String(n + 1).padStart(12, '0')}`, volunteerId, elderName: '王德明', community: '幸福社区', address: '幸福路8号1栋', frequencyDays: 7, startsOn: d(-60), status: 'active', endedAt: null, visits: [d(-19), d(-12)] },
      { id: `01900000-0000-7000-8d00-${String(n + 2).padStart(12, '0')}`, volunteerId, elderName: '赵淑芬', community: '红星社区', address: '红星街3号2单元', frequencyDays: 14, startsOn: d(-30), status: 'active', endedAt: null, visits: [d(-3)] },
      { id: `01900000-0000-7000-8d00-${String(n + 3).padStart(12, '0')}`, volunteerId, elderName: '陈秀英', community: '幸福社区', address: '幸福养老院', frequencyDays: 30, startsOn: d(-200), status: 'ended', endedAt: `${d(-90)}T02:00:00.000Z`, visits: [d(-150)] },
    )
  }
  return all.filter((p) => p.volunteerId === volunteerId)
}

function pairingHandlers(getState: () => MockState, opts: VolunteerMockOptions = {}) {
  const base = (opts.base ?? '*').replace(/\/+$/, '')
  const v1 = (path: string) => `${base}/api/v1${path}`
  const MyPairingList = z.object({ items: z.array(MyPairing), nextCursor: z.null() })
  const me = () => {
    const s = getState()
    const user = s.users.find((x) => x.user.id === s.signedIn)
    if (!user) return fail(401, 'unauthenticated', 'Sign in first.')
    const w = worldOf(s)
    const v = volunteerOfUser(w, user.user.id)
    if (!v) return fail(404, 'not_found', 'Volunteer profile not found.')
    return { s, w, v, user }
  }
  const present = (p: MockMyPairing, today: string): MyPairing => {
    const lastVisitOn = p.visits.length ? [...p.visits].sort().at(-1)! : null
    const nextDueOn = p.status === 'active' ? nextVisitDue({ startsOn: p.startsOn, frequencyDays: p.frequencyDays, lastVisitOn }) : null
    return {
      id: p.id,
      elderName: maskName(p.elderName),
      community: p.community,
      address: p.status === 'active' ? p.address : null,
      frequencyDays: p.frequencyDays,
      startsOn: p.startsOn,
      status: p.status,
      endedAt: p.endedAt,
      lastVisitOn,
      nextDueOn,
      overdue: isOverdue(nextDueOn, today),
    }
  }
  return [
    http.get(v1('/pairings/mine'), () => {
      const c = me()
      if (c instanceof Response) return c
      const today = chinaDay(c.s.now())
      return respond(MyPairingList, { items: mockPairingsOf(c.s, c.v.id).map((p) => present(p, today)), nextCursor: null })
    }),
    http.post(v1('/pairings/:id/visits'), async ({ params, request }) => {
      const c = me()
      if (c instanceof Response) return c
      const p = mockPairingsOf(c.s, c.v.id).find((x) => x.id === params.id)
      if (!p) return fail(404, 'not_found', 'Pairing not found.')
      const b = NewVisit.safeParse(await request.json().catch(() => undefined))
      if (!b.success) return invalid(b.error)
      const input = b.data
      const now = c.s.now()
      const today = chinaDay(now)
      if (p.status !== 'active') return fail(409, 'pairing_ended', 'This pairing has ended; visits can no longer be logged.')
      if (input.visitedOn > today) return fail(422, 'future_visit', 'A visit cannot be logged before it happened.', [{ path: 'visitedOn', message: 'in the future' }])
      if (input.visitedOn < p.startsOn) return fail(422, 'before_pairing', `The pairing starts on ${p.startsOn}.`, [{ path: 'visitedOn', message: 'before the pairing started' }])
      const at = now.toISOString()
      const entry: HourEntry = {
        id: mockId(),
        volunteerId: c.v.id,
        volunteerName: c.v.realName,
        activityId: null,
        activityTitle: null,
        project: 'empty_nest',
        serviceDate: input.visitedOn,
        minutes: input.minutes,
        source: 'visit',
        reason: null,
        status: 'pending',
        reverses: null,
        reversed: false,
        createdBy: c.user.user.id,
        createdAt: at,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        correctionRequest: null,
      }
      c.w.hours.push(entry)
      p.visits.push(input.visitedOn)
      const visit: PairingVisit = {
        id: mockId(),
        pairingId: p.id,
        volunteerId: c.v.id,
        visitedOn: input.visitedOn,
        minutes: input.minutes,
        notes: input.notes,
        concern: input.concern,
        concernNote: input.concern ? (input.concernNote ?? null) : null,
        hourEntryId: entry.id,
        followUpId: input.concern ? mockId() : null,
        createdAt: at,
        createdBy: c.user.user.id,
      }
      return respond(PairingVisit, visit, { status: 201 })
    }),
  ]
}
