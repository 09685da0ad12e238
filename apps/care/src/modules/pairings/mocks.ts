// The mock API of the pairings screens (dev mode and tests), as packages/api/src/pairings answers:
// the same roles, codes and field paths, every body through `respond(schema, …)` with the domain's
// schemas. Elders come from the register's mock world, volunteers are the people mock's seeded
// roster (same ids and names). Each mock world has its own pairings, so a test's reset starts over.
import {
  addDays,
  FollowUp,
  FollowUpClose,
  FollowUpListQuery,
  isOverdue,
  maskName,
  NewPairing,
  nextVisitDue,
  PAIRABLE_KINDS,
  Pairing,
  PairingEnd,
  PairingListQuery,
  PairingVolunteer,
  type Role,
} from '@chayi/domain'
import { fail, http, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, callerOf } from '../mock-kit'
import { registerStoreOf } from '../register/mocks'
import { chinaToday } from './dates'

const STAFF: Role[] = ['care_staff', 'admin', 'leader']
const WHOLE: Role[] = ['care_staff', 'admin']

/** The people mock's active volunteers (apps/care/src/modules/people/mocks.ts SEED, same ids). */
export const MOCK_VOLUNTEERS = [
  { id: '01900000-0000-7000-8000-000000000200', realName: '王秀兰', volunteerNumber: 'XINGFU-000001' },
  { id: '01900000-0000-7000-8000-000000000201', realName: '李建国', volunteerNumber: 'XINGFU-000002' },
  { id: '01900000-0000-7000-8000-000000000202', realName: '陈静', volunteerNumber: 'XINGFU-000003' },
  { id: '01900000-0000-7000-8000-000000000203', realName: '刘洋', volunteerNumber: 'XINGFU-000004' },
]
const elderId = (n: number) => `01900000-0000-7000-8b00-${n.toString(16).padStart(12, '0')}`

interface MockPairing {
  id: string
  teamId: string
  volunteerId: string
  beneficiaryId: string
  frequencyDays: number
  startsOn: string
  note: string | null
  status: 'active' | 'ended'
  createdAt: string
  endedAt: string | null
  endReason: string | null
  visits: string[]
}
interface MockFollowUp {
  id: string
  pairingId: string
  visitId: string
  visitedOn: string
  concernNote: string
  status: 'open' | 'closed'
  openedAt: string
  closedAt: string | null
  closedBy: string | null
  outcome: string | null
}
export interface PairingsStore {
  pairings: MockPairing[]
  followUps: MockFollowUp[]
}

let seq = 0
const newId = () => `01900000-0000-7000-9c00-${(Date.now() * 100 + (seq++ % 100)).toString(16).padStart(12, '0')}`
const seedId = (n: number) => `01900000-0000-7000-8c00-${n.toString(16).padStart(12, '0')}`

/** A fresh world's pairings, dated from today: one overdue (with an open follow-up), two on track, one ended. */
export function seedPairings(state: MockState): PairingsStore {
  const today = chinaToday(state.now())
  const d = (n: number) => addDays(today, n)
  const at = `${d(-60)}T02:00:00.000Z`
  const teamId = state.team.id
  const [wang, li, chen, liu] = MOCK_VOLUNTEERS.map((v) => v.id) as [string, string, string, string]
  const base = { teamId, note: null, status: 'active' as const, createdAt: at, endedAt: null, endReason: null }
  const pairings: MockPairing[] = [
    { ...base, id: seedId(1), volunteerId: wang, beneficiaryId: elderId(2), frequencyDays: 7, startsOn: d(-60), note: '每周二上午', visits: [d(-19), d(-12)] },
    { ...base, id: seedId(2), volunteerId: chen, beneficiaryId: elderId(5), frequencyDays: 14, startsOn: d(-30), visits: [d(-17), d(-3)] },
    { ...base, id: seedId(3), volunteerId: li, beneficiaryId: elderId(4), frequencyDays: 30, startsOn: d(-10), visits: [] },
    { ...base, id: seedId(4), volunteerId: liu, beneficiaryId: elderId(2), frequencyDays: 14, startsOn: d(-90), status: 'ended', endedAt: `${d(-40)}T03:00:00.000Z`, endReason: '志愿者工作调动', visits: [d(-80)] },
  ]
  const followUps: MockFollowUp[] = [
    { id: seedId(10), pairingId: seedId(1), visitId: seedId(11), visitedOn: d(-12), concernNote: '老人说最近头晕，降压药快吃完了', status: 'open', openedAt: `${d(-12)}T06:00:00.000Z`, closedAt: null, closedBy: null, outcome: null },
  ]
  return { pairings, followUps }
}

const stores = new WeakMap<MockState, PairingsStore>()
export function pairingsStoreOf(state: MockState): PairingsStore {
  let s = stores.get(state)
  if (!s) {
    s = seedPairings(state)
    stores.set(state, s)
  }
  return s
}

const invalid = (error: z.ZodError, where = 'body') =>
  fail(400, 'invalid_request', `The ${where} is not valid.`, error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))
const json = async (request: Request) => (await request.json().catch(() => undefined)) as unknown
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() })

export const pairingsHandlers: MockHandlerFactory = (getState, opts) => {
  const v1 = apiV1(opts)
  const store = () => pairingsStoreOf(getState())
  const register = () => registerStoreOf(getState(), opts.storage)
  const today = () => chinaToday(getState().now())

  const caller = callerOf(getState)
  const whole = (who: MockUser) => who.user.roles.some((r) => WHOLE.includes(r))

  function present(p: MockPairing, who: MockUser): Pairing {
    const elder = register().people.find((b) => b.id === p.beneficiaryId)
    const vol = MOCK_VOLUNTEERS.find((v) => v.id === p.volunteerId)
    const lastVisitOn = p.visits.length ? [...p.visits].sort().at(-1)! : null
    const nextDueOn = p.status === 'active' ? nextVisitDue({ startsOn: p.startsOn, frequencyDays: p.frequencyDays, lastVisitOn }) : null
    const name = elder?.name ?? '—'
    return {
      id: p.id,
      volunteerId: p.volunteerId,
      volunteerName: vol?.realName ?? '—',
      beneficiaryId: p.beneficiaryId,
      elderName: whole(who) ? name : maskName(name),
      community: elder?.community ?? '',
      frequencyDays: p.frequencyDays,
      startsOn: p.startsOn,
      note: p.note,
      status: p.status,
      createdAt: p.createdAt,
      endedAt: p.endedAt,
      endReason: p.endReason,
      lastVisitOn,
      nextDueOn,
      overdue: isOverdue(nextDueOn, today()),
      visitCount: p.visits.length,
    }
  }
  function presentFollowUp(f: MockFollowUp, who: MockUser): FollowUp {
    const p = store().pairings.find((x) => x.id === f.pairingId)!
    const pp = present(p, who)
    return { id: f.id, pairingId: f.pairingId, visitId: f.visitId, beneficiaryId: p.beneficiaryId, elderName: pp.elderName, volunteerName: pp.volunteerName, visitedOn: f.visitedOn, concernNote: f.concernNote, status: f.status, openedAt: f.openedAt, closedAt: f.closedAt, closedBy: f.closedBy, outcome: f.outcome }
  }

  return [
    http.get(v1('/pairings'), ({ request }) => {
      const who = caller(STAFF)
      if (who instanceof Response) return who
      const q = PairingListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error, 'query string')
      const f = q.data
      const list = store()
        .pairings.filter((p) => p.teamId === who.user.teamId)
        .filter((p) => (!f.status || p.status === f.status) && (!f.volunteerId || p.volunteerId === f.volunteerId) && (!f.beneficiaryId || p.beneficiaryId === f.beneficiaryId))
        .sort((a, b) => (a.status === b.status ? (a.createdAt < b.createdAt ? 1 : -1) : a.status < b.status ? -1 : 1))
        .map((p) => present(p, who))
        .filter((p) => f.overdue === undefined || p.overdue === f.overdue)
        .sort((a, b) => Number(b.overdue) - Number(a.overdue))
      return respond(items(Pairing), { items: list, nextCursor: null })
    }),

    http.get(v1('/pairings/volunteers'), () => {
      const who = caller(STAFF)
      if (who instanceof Response) return who
      const active = store().pairings.filter((p) => p.status === 'active')
      const list = MOCK_VOLUNTEERS.map((v) => ({ ...v, activePairings: active.filter((p) => p.volunteerId === v.id).length }))
      return respond(items(PairingVolunteer), { items: list, nextCursor: null })
    }),

    http.post(v1('/pairings'), async ({ request }) => {
      const who = caller(STAFF)
      if (who instanceof Response) return who
      const b = NewPairing.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const input = b.data
      if (!MOCK_VOLUNTEERS.some((v) => v.id === input.volunteerId)) return fail(404, 'not_found', 'Volunteer not found.')
      const elder = register().people.find((p) => p.id === input.beneficiaryId && p.teamId === who.user.teamId)
      if (!elder) return fail(404, 'not_found', 'Beneficiary not found.')
      if (!elder.kinds.some((k) => (PAIRABLE_KINDS as readonly string[]).includes(k))) {
        return fail(422, 'not_elderly', 'A pairing is with an empty-nest or elderly beneficiary.', [{ path: 'beneficiaryId', message: 'neither empty-nest elderly nor elderly' }])
      }
      if (elder.status !== 'active') return fail(422, 'beneficiary_not_active', `A pairing is with an active beneficiary only (this one is ${elder.status}).`, [{ path: 'beneficiaryId', message: `is ${elder.status}` }])
      if (store().pairings.some((p) => p.status === 'active' && p.volunteerId === input.volunteerId && p.beneficiaryId === input.beneficiaryId)) {
        return fail(409, 'already_paired', 'This volunteer is already paired with this elder.')
      }
      const p: MockPairing = {
        id: newId(),
        teamId: who.user.teamId,
        volunteerId: input.volunteerId,
        beneficiaryId: input.beneficiaryId,
        frequencyDays: input.frequencyDays,
        startsOn: input.startsOn,
        note: input.note?.trim() || null,
        status: 'active',
        createdAt: getState().now().toISOString(),
        endedAt: null,
        endReason: null,
        visits: [],
      }
      store().pairings.push(p)
      return respond(Pairing, present(p, who), { status: 201 })
    }),

    http.post(v1('/pairings/:id/end'), async ({ params, request }) => {
      const who = caller(STAFF)
      if (who instanceof Response) return who
      const b = PairingEnd.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const p = store().pairings.find((x) => x.id === params.id && x.teamId === who.user.teamId)
      if (!p) return fail(404, 'not_found', 'Pairing not found.')
      if (p.status !== 'active') return fail(409, 'pairing_ended', 'This pairing has already ended.')
      Object.assign(p, { status: 'ended', endedAt: getState().now().toISOString(), endReason: b.data.reason })
      return respond(Pairing, present(p, who))
    }),

    http.get(v1('/follow-ups'), ({ request }) => {
      const who = caller(STAFF)
      if (who instanceof Response) return who
      const q = FollowUpListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error, 'query string')
      const list = store().followUps.filter((f) => !q.data.status || f.status === q.data.status)
      return respond(items(FollowUp), { items: list.map((f) => presentFollowUp(f, who)), nextCursor: null })
    }),

    http.post(v1('/follow-ups/:id/close'), async ({ params, request }) => {
      const who = caller(STAFF)
      if (who instanceof Response) return who
      const b = FollowUpClose.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const f = store().followUps.find((x) => x.id === params.id)
      if (!f) return fail(404, 'not_found', 'Follow-up not found.')
      if (f.status !== 'open') return fail(409, 'follow_up_closed', 'This follow-up is already closed.')
      Object.assign(f, { status: 'closed', closedAt: getState().now().toISOString(), closedBy: `user:${who.user.id}`, outcome: b.data.outcome })
      return respond(FollowUp, presentFollowUp(f, who))
    }),
  ]
}
