// The mock API for the volunteer screens beyond sign-in and /me: public registration, my volunteer
// profile, join requests and the leader's decision. Every body goes through `respond(schema, …)`
// with the domain's schemas, so a mock can never answer what the server could not. Dev mode starts
// it in a service worker (main.ts imports this dynamically); tests pass the same handlers to setupServer.
import { ageBandOf, ageOn, formatVolunteerNumber, JoinDecision, maskIdNumber, maskPhone, page, registrationAgeCheck, User, VolunteerListQuery, VolunteerProfile, VolunteerRegistration, type Role } from '@chayi/domain'
import { leadHandlers } from './lead/mocks'
import { createHandlers, createMockState, fail, http, MOCK_PASSWORD, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'

export interface VolunteerMockOptions {
  base?: string
}

const invalid = (error: z.ZodError) =>
  fail(400, 'invalid_request', 'The body is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

let seq = 0
const newId = () => `01900000-0000-7000-9000-${(Date.now() * 100 + (seq++ % 100)).toString(16).padStart(12, '0')}`

/** The mock's volunteers, kept beside the shared state (one list per state object). */
const volunteersOf = new WeakMap<MockState, { rows: VolunteerProfile[]; idNumbers: Map<string, string>; counter: number }>()
function store(state: MockState) {
  let s = volunteersOf.get(state)
  if (!s) volunteersOf.set(state, (s = { rows: [], idNumbers: new Map(), counter: 0 }))
  return s
}

/** The seed team's code on the real server; the mock answers to it as well as to its own. */
const SEED_CODE = 'xingfu'

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
      const next: VolunteerProfile = b.data.approve
        ? { ...row, status: 'active', volunteerNumber: formatVolunteerNumber(SEED_CODE, ++vs.counter), joinedAt: s.now().toISOString(), decisionNote: note }
        : { ...row, status: 'rejected', decisionNote: note }
      vs.rows[i] = next
      if (b.data.approve) {
        const u = s.users.find((x) => x.user.id === row.userId)
        if (u) u.user = { ...u.user, roles: [...new Set([...u.user.roles, 'volunteer' as const])].sort() }
      }
      return respond(VolunteerProfile, forTeam(next))
    }),
    ...leadHandlers(getState, opts),
  ]
}

/** Dev mode: the shared identity mock plus the volunteer handlers in a service worker. */
export async function startMockWorker() {
  // Loaded here, not at the top: the tests import this module under Node, where msw/browser has no place.
  const { setupWorker } = await import('msw/browser')
  const state = createMockState()
  const worker = setupWorker(...createHandlers({ state, storage: sessionStorage }), ...volunteerHandlers(() => state))
  await worker.start({ serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` }, onUnhandledRequest: 'bypass' })
  console.info(`[chayi] mock API: sign in as volunteer, leader or admin with the password "${MOCK_PASSWORD}"; register at /register`)
}
