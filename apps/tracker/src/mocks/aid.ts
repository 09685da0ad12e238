// The mock aid API for dev mode and the tests: the routes, rules and error codes of the contract
// (packages/domain/src/aid) over an in-memory world kept per mock world. Every body goes through
// `respond(schema, …)` with the domain's schemas; visits honour the Idempotency-Key as the server
// does; a PATCH on a stale `baseVersion` is 409 `version_conflict` with the current values.
import {
  AidHouseholdDetail,
  AidHouseholdListItem,
  AidHouseholdPatch,
  AidIncomeYear,
  AidMonitoringCase,
  monitoringDeadlines,
  caseAlerts,
  AidPlace,
  AidRevealed,
  AidRevealRequest,
  AidVisit,
  NewAidVisit,
  page,
  VersionConflictBody,
  type AidHouseholdStatus,
} from '@chayi/domain'
import { fail, http, HttpResponse, respond, z, type MockState } from '@chayi/testing/msw'
import { incomeYear, MOCK_PLACES, mockAidId, seedHouseholds, type SeedHousehold } from './aid-seed'

export interface AidWorld {
  households: SeedHousehold[]
  idempotency: Map<string, { body: string; status: number; json: unknown }>
  /** Every reveal asked for, as the access log would hold it. */
  reveals: { householdId: string; field: string; reason: string }[]
  /** 防返贫监测 cases, opened by visits (income under the monitoring line, or a hardship). */
  cases: AidMonitoringCase[]
  /** Test switch: every aid request fails as if the network were down. */
  offline: boolean
}

/** A case as the API shows it, its alerts worked out for now. */
function openCase(h: SeedHousehold, visitId: string | null, triggers: string[], openedAt: string, openedBy: string): AidMonitoringCase {
  const due = monitoringDeadlines(openedAt)
  const times = { homeCheckDue: due.homeCheckDue, decisionDue: due.decisionDue, homeCheckAt: null, decidedAt: null }
  return {
    id: mockAidId(70_000 + Math.floor(Math.random() * 1e6)),
    householdId: h.detail.id,
    householdCode: h.detail.code,
    householdStatus: h.detail.status,
    assignedWorkerId: h.detail.assignedWorkerId,
    triggers,
    visitId,
    openedAt,
    openedBy,
    ...times,
    homeCheckNote: null,
    homeCheckFindings: null,
    decision: null,
    decisionNote: null,
    ...caseAlerts(times, new Date()),
  }
}

const worlds = new WeakMap<MockState, AidWorld>()

export function aidOf(state: MockState): AidWorld {
  let w = worlds.get(state)
  if (!w) {
    const households = seedHouseholds(state.user('aid').user.id)
    // One case opened three weeks ago and never checked (overdue), one opened today.
    const cases = [
      openCase(households[3]!, null, ['hardship:disaster'], new Date(Date.now() - 21 * 86_400_000).toISOString(), '扎西顿珠'),
      openCase(households[1]!, null, ['income_below_line'], new Date().toISOString(), '扎西顿珠'),
    ]
    w = { households, idempotency: new Map(), reveals: [], cases, offline: false }
    worlds.set(state, w)
  }
  return w
}

/** Another worker's edit on the server: the fields change and the version moves on. */
export function editBySomeoneElse(world: AidWorld, householdId: string, fields: Partial<AidHouseholdDetail>) {
  const h = world.households.find((x) => x.detail.id === householdId)
  if (!h) throw new Error(`no household ${householdId}`)
  h.detail = { ...h.detail, ...fields, version: h.detail.version + 1, updatedAt: new Date().toISOString() }
}

const invalid = (error: z.ZodError) => fail(400, 'invalid_request', 'The request is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

function listItem(d: AidHouseholdDetail): AidHouseholdListItem {
  const { headName, members: _m, pairing: _p, statusHistory: _s, sensitive: _x, canReveal: _c, createdAt: _a, ...rest } = d
  const pick = AidHouseholdListItem.keyof().options
  const item = Object.fromEntries(pick.filter((k) => k in rest).map((k) => [k, (rest as Record<string, unknown>)[k]])) as AidHouseholdListItem
  // Lists mask the head's name: the first character (or syllable) and stars.
  item.headNameMasked = headName ? `${[...headName][0]}**` : null
  return item
}

export interface AidMockOptions {
  /** Dev mode: keep the aid world here across reloads (tests leave it out). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
}

const STORE_KEY = 'chayi.mock.aid'

export function aidHandlers(getState: () => MockState, opts: AidMockOptions = {}) {
  let restored = false
  const world = () => {
    const w = aidOf(getState())
    if (opts.storage && !restored) {
      restored = true
      const raw = opts.storage.getItem(STORE_KEY)
      if (raw) {
        const saved = JSON.parse(raw) as { households: SeedHousehold[]; cases?: AidMonitoringCase[]; idempotency: [string, { body: string; status: number; json: unknown }][] }
        w.households = saved.households
        if (saved.cases) w.cases = saved.cases
        w.idempotency = new Map(saved.idempotency)
      }
    }
    return w
  }
  const save = () => opts.storage?.setItem(STORE_KEY, JSON.stringify({ households: world().households, cases: world().cases, idempotency: [...world().idempotency] }))
  const v1 = (p: string) => `*/api/v1${p}`
  const me = () => {
    const s = getState()
    return s.signedIn ? s.users.find((u) => u.user.id === s.signedIn) ?? null : null
  }
  /** null when the request may go on; otherwise the answer to give instead. */
  const gate = () => {
    if (world().offline) return HttpResponse.error()
    if (!me()) return fail(401, 'unauthenticated', 'Sign in first.')
    return null
  }
  const find = (id: string) => world().households.find((h) => h.detail.id === id)
  const notFound = () => fail(404, 'not_found', 'No such household.')

  return [
    http.get(v1('/aid/places'), () => gate() ?? respond(page(AidPlace), { items: MOCK_PLACES, nextCursor: null })),

    http.get(v1('/aid/households'), ({ request }) => {
      const stop = gate()
      if (stop) return stop
      const q = new URL(request.url).searchParams
      const status = q.get('status') as AidHouseholdStatus | null
      const placeId = q.get('placeId')
      const items = world()
        .households.map((h) => h.detail)
        .filter((d) => (!status || d.status === status) && (!placeId || d.placeId === placeId || MOCK_PLACES.find((p) => p.id === d.placeId)?.parentId === placeId))
        .map(listItem)
      return respond(page(AidHouseholdListItem), { items, nextCursor: null })
    }),

    http.get(v1('/aid/households/:id'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      return h ? respond(AidHouseholdDetail, h.detail) : notFound()
    }),

    http.patch(v1('/aid/households/:id'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      const parsed = AidHouseholdPatch.safeParse(await request.json().catch(() => undefined))
      if (!parsed.success) return invalid(parsed.error)
      const { baseVersion, ...fields } = parsed.data
      const current = h.detail as unknown as Record<string, unknown>
      if (baseVersion !== h.detail.version) {
        const diff: Record<string, unknown> = {}
        for (const [f, v] of Object.entries(fields)) if (v !== undefined && JSON.stringify(current[f]) !== JSON.stringify(v)) diff[f] = current[f]
        return respond(
          VersionConflictBody,
          {
            error: {
              code: 'version_conflict',
              message: `Someone else changed this record (now version ${h.detail.version}); compare both versions and send the change again on top of it.`,
              issues: Object.keys(diff).map((path) => ({ path, message: 'changed by someone else' })),
              currentVersion: h.detail.version,
              current: diff,
            },
          },
          { status: 409 },
        )
      }
      const { bankAccount: _bank, ...plain } = fields
      h.detail = { ...h.detail, ...plain, version: h.detail.version + 1, updatedAt: new Date().toISOString() }
      save()
      return respond(AidHouseholdDetail, h.detail)
    }),

    http.post(v1('/aid/households/:id/reveal'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      if (!h.detail.canReveal) return fail(403, 'forbidden', 'Only the assigned worker or a leader may see this.')
      const parsed = AidRevealRequest.safeParse(await request.json().catch(() => undefined))
      if (!parsed.success) return invalid(parsed.error)
      const r = parsed.data
      world().reveals.push({ householdId: h.detail.id, field: r.field, reason: r.reason })
      const value =
        r.field === 'bank_account' ? h.secrets.bankAccount : r.field === 'disability_certificate' ? (h.secrets.members[r.memberId!]?.disabilityCertificate ?? null) : (h.secrets.members[r.memberId!]?.healthNotes ?? null)
      return respond(AidRevealed, { field: r.field, memberId: r.memberId ?? null, value, accessLogId: mockAidId(90_000 + world().reveals.length) })
    }),

    http.get(v1('/aid/households/:id/income-years'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      return respond(z.array(AidIncomeYear), h.incomes.map((row) => incomeYear(row, h.detail.memberCount)))
    }),

    http.get(v1('/aid/households/:id/visits'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      const items = [...h.visits].sort((a, b) => (a.visitedAt < b.visitedAt ? 1 : -1))
      return respond(page(AidVisit), { items, nextCursor: null })
    }),

    http.get(v1('/aid/monitoring-cases'), ({ request }) => {
      const stop = gate()
      if (stop) return stop
      const state = new URL(request.url).searchParams.get('state')
      const items = world().cases.filter((c) => (state === 'closed' ? c.decidedAt !== null : c.decidedAt === null && (state !== 'overdue' || c.overdue)))
      return respond(page(AidMonitoringCase), { items, nextCursor: null })
    }),

    http.post(v1('/aid/visits'), async ({ request }) => {
      const stop = gate()
      if (stop) return stop
      const text = await request.text()
      const key = request.headers.get('idempotency-key')
      const seen = key ? world().idempotency.get(key) : undefined
      if (seen) return seen.body === text ? HttpResponse.json(seen.json as object, { status: seen.status }) : fail(409, 'idempotency_key_reused', 'This key was used for another request.')
      const parsed = NewAidVisit.safeParse(JSON.parse(text || 'null'))
      if (!parsed.success) return invalid(parsed.error)
      const v = parsed.data
      const h = find(v.householdId)
      if (!h) return fail(422, 'unknown_household', 'No such household.', [{ path: 'householdId', message: 'unknown' }])
      if (h.visits.some((x) => x.id === v.id)) return fail(409, 'duplicate_id', 'A visit with this id exists.')
      let perCapitaFen: number | null = null
      let incomeId: string | null = null
      if (v.income) {
        const year = Number(new Date(Date.parse(v.visitedAt) + 8 * 3_600_000).toISOString().slice(0, 4))
        const { memberCount, ...parts } = v.income
        const row = { year, ...parts }
        h.incomes = [...h.incomes.filter((r) => r.year !== year), row].sort((a, b) => a.year - b.year)
        const y = incomeYear(row, memberCount ?? h.detail.memberCount)
        perCapitaFen = y.perCapitaFen
        incomeId = mockAidId(60_000 + h.visits.length + 1)
      }
      const worker = me()!.user
      const visit: AidVisit = {
        id: v.id,
        householdId: h.detail.id,
        householdCode: h.detail.code,
        workerId: worker.id,
        workerName: worker.displayName,
        visitedAt: v.visitedAt,
        notes: v.notes,
        checklist: v.checklist,
        incomeId,
        perCapitaFen,
        hardship: v.hardship ?? null,
        photoCount: v.photos.length,
        monitoringCaseId: null,
        createdAt: new Date().toISOString(),
      }
      const line = perCapitaFen !== null ? incomeYear({ year: new Date(v.visitedAt).getUTCFullYear(), wagesFen: 0, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 }, 1).monitoringFen : null
      const triggers = [...(line !== null && perCapitaFen! < line ? ['income_below_line'] : []), ...(v.hardship ? [`hardship:${v.hardship.kind}`] : [])]
      if (triggers.length) {
        const c = openCase(h, v.id, triggers, v.visitedAt, worker.displayName)
        world().cases.push(c)
        visit.monitoringCaseId = c.id
      }
      h.visits.push(visit)
      const res = respond(AidVisit, visit, { status: 201 })
      if (key) world().idempotency.set(key, { body: text, status: 201, json: visit })
      save()
      return res
    }),
  ]
}
