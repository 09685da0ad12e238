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
  AidDelivery,
  AidDeliveryItem,
  AidExit,
  AidExitProposal,
  AidExitStatus,
  AidHomeCheck,
  AidMeasure,
  AidMeasureStatusChange,
  AidMonitoringDecisionInput,
  AidNeed,
  AidNeedDetail,
  AidPledge,
  canMoveMeasure,
  checkExit,
  chinaIsoDate,
  NewAidDelivery,
  NewAidMeasure,
  NewAidNeed,
  needStatusOf,
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
import { incomeYear, MOCK_LINES, MOCK_PLACES, mockAidId, seedHouseholds, type SeedHousehold } from './aid-seed'

/** A need as the mock keeps it: the API's detail, with the full deliveries (photos, signature). */
export interface MockNeed {
  need: Omit<AidNeed, 'status' | 'pledgeCount' | 'deliveredFen'> & { withdrawn: boolean }
  pledges: AidPledge[]
  deliveries: AidDelivery[]
}

/** The partner of the mock's pledges (one of the care console's partners in the demo). */
export const MOCK_PARTNER = { id: mockAidId(500), name: '雪域建材有限公司' }

export interface AidWorld {
  households: SeedHousehold[]
  idempotency: Map<string, { body: string; status: number; json: unknown }>
  /** Every reveal asked for, as the access log would hold it. */
  reveals: { householdId: string; field: string; reason: string }[]
  /** 防返贫监测 cases, opened by visits (income under the monitoring line, or a hardship). */
  cases: AidMonitoringCase[]
  /** 一户一策 measures, needs (with pledges and deliveries) and exit attempts. */
  measures: AidMeasure[]
  needs: MockNeed[]
  exits: AidExit[]
  /** Test switch: every aid request fails as if the network were down. */
  offline: boolean
}

function seedPlans(households: SeedHousehold[]): Pick<AidWorld, 'measures' | 'needs' | 'exits'> {
  const h0 = households[0]!.detail
  const h1 = households[1]!.detail
  const at = '2026-03-02T02:00:00.000Z'
  const measure = (n: number, householdId: string, kind: AidMeasure['kind'], content: string, status: AidMeasure['status'], extra: Partial<AidMeasure> = {}): AidMeasure => ({
    id: mockAidId(20_000 + n),
    householdId,
    kind,
    content,
    partnerId: null,
    partnerName: null,
    amountFen: null,
    dueOn: null,
    status,
    history: [{ from: null, to: 'planned', at, by: '扎西顿珠', reason: null }, ...(status !== 'planned' ? [{ from: 'planned' as const, to: status, at, by: '扎西顿珠', reason: null }] : [])],
    createdAt: at,
    updatedAt: at,
    ...extra,
  })
  const need = (n: number, householdId: string, code: string, kind: AidNeed['kind'], description: string, estimatedFen: number | null): MockNeed['need'] => ({
    id: mockAidId(30_000 + n),
    householdId,
    householdCode: code,
    kind,
    description,
    estimatedFen,
    withdrawn: false,
    withdrawnReason: null,
    createdAt: at,
    createdBy: '扎西顿珠',
    updatedAt: at,
  })
  const jobs = need(1, h0.id, h0.code, 'jobs', '户主配偶希望在县城附近就近务工', null)
  return {
    measures: [
      measure(1, h0.id, 'employment', '安排户主配偶到合作社务工', 'in_progress', { partnerId: MOCK_PARTNER.id, partnerName: MOCK_PARTNER.name, amountFen: 1_800_000, dueOn: '2026-12-31' }),
      measure(2, h0.id, 'education_training', '户主参加牦牛养殖技术培训', 'planned', { dueOn: '2027-03-31' }),
      measure(3, h1.id, 'housing', '危房改造', 'planned'),
    ],
    needs: [
      {
        need: jobs,
        pledges: [{ id: mockAidId(31_000), needId: jobs.id, partnerId: MOCK_PARTNER.id, partnerName: MOCK_PARTNER.name, what: '建材厂包装工岗位一个，月薪 3000 元', amountFen: 300_000, createdAt: at, createdBy: '梅朵' }],
        deliveries: [],
      },
      { need: need(2, h0.id, h0.code, 'school_aid', '次子初中住校的生活费', 200_000), pledges: [], deliveries: [] },
    ],
    exits: [],
  }
}

const liveDeliveries = (n: MockNeed) => n.deliveries.filter((d) => !d.reversal)
function needOut(n: MockNeed): AidNeed {
  const { withdrawn, ...rest } = n.need
  return { ...rest, status: needStatusOf({ withdrawn, pledges: n.pledges.length, liveDeliveries: liveDeliveries(n).length }), pledgeCount: n.pledges.length, deliveredFen: liveDeliveries(n).reduce((a, d) => a + d.valueFen, 0) }
}
const deliveryItem = (d: AidDelivery): AidDeliveryItem => {
  const { photos: _p, signature: _s, ...item } = d
  return item
}
const needDetail = (n: MockNeed): AidNeedDetail => ({ ...needOut(n), pledges: n.pledges, deliveries: n.deliveries.map(deliveryItem) })

/** The exit rule over the household's yearly income (dated 31 December), its latest visit and its undecided monitoring cases. */
export function exitCheckOf(h: SeedHousehold, cases: readonly AidMonitoringCase[], today = chinaIsoDate(new Date())) {
  const assessments = h.incomes.map((row) => {
    const y = incomeYear(row, h.detail.memberCount)
    return { asOf: `${row.year}-12-31`, perCapitaFen: y.perCapitaFen, monitoringFen: MOCK_LINES[row.year]?.[1] ?? null }
  })
  const last = [...h.visits].sort((a, b) => (a.visitedAt < b.visitedAt ? 1 : -1))[0]
  const r = checkExit({ assessments, checklist: last?.checklist ?? null, labourCapacities: h.detail.members.map((m) => m.labourCapacity), openMonitoringCase: cases.some((c) => c.householdId === h.detail.id && c.decidedAt === null), today, automatic: false })
  return { eligible: r.eligible, reasons: r.reasons as string[], stableSince: r.stableSince, stableFrom: r.stableFrom, perCapitaFen: r.latest?.perCapitaFen ?? null, monitoringFen: r.latest?.monitoringFen ?? null }
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
    openedBy: 'user:mock-aid',
    openedByName: openedBy,
    ...times,
    homeCheckNote: null,
    homeCheckFindings: null,
    decision: null,
    decisionNote: null,
    ...caseAlerts(times, new Date()),
  }
}

const worlds = new WeakMap<MockState, AidWorld>()

/** What dev mode keeps in sessionStorage across reloads. */
export const snapshot = (w: AidWorld) => ({ households: w.households, cases: w.cases, measures: w.measures, needs: w.needs, exits: w.exits, idempotency: [...w.idempotency] })

export function aidOf(state: MockState): AidWorld {
  let w = worlds.get(state)
  if (!w) {
    const households = seedHouseholds(state.user('aid').user.id)
    // One case opened three weeks ago and never checked (overdue), one opened today.
    const cases = [
      openCase(households[3]!, null, ['hardship:disaster'], new Date(Date.now() - 21 * 86_400_000).toISOString(), '扎西顿珠'),
      openCase(households[1]!, null, ['income_below_line'], new Date().toISOString(), '扎西顿珠'),
    ]
    w = { households, idempotency: new Map(), reveals: [], cases, ...seedPlans(households), offline: false }
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
  const { headName, members: _m, pairing: _p, statusHistory: _s, lines: _l, sensitive: _x, canReveal: _c, createdAt: _a, ...rest } = d
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
        const saved = JSON.parse(raw) as { households: SeedHousehold[]; cases?: AidMonitoringCase[]; measures?: AidMeasure[]; needs?: MockNeed[]; exits?: AidExit[]; idempotency: [string, { body: string; status: number; json: unknown }][] }
        w.households = saved.households
        if (saved.cases) w.cases = saved.cases
        if (saved.measures) w.measures = saved.measures
        if (saved.needs) w.needs = saved.needs
        if (saved.exits) w.exits = saved.exits
        w.idempotency = new Map(saved.idempotency)
      }
    }
    return w
  }
  const save = () => opts.storage?.setItem(STORE_KEY, JSON.stringify(snapshot(world())))
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
  /** The Idempotency-Key replay of a POST, as the server's write() does. */
  async function once(request: Request, run: (body: unknown) => Promise<Response> | Response): Promise<Response> {
    const text = await request.text()
    const key = request.headers.get('idempotency-key')
    const seen = key ? world().idempotency.get(key) : undefined
    if (seen) return seen.body === text ? HttpResponse.json(seen.json as object, { status: seen.status }) : fail(409, 'idempotency_key_reused', 'This key was used for another request.')
    let body: unknown
    try {
      body = JSON.parse(text || 'null')
    } catch {
      body = undefined
    }
    const res = await run(body)
    if (key && res.status < 300) world().idempotency.set(key, { body: text, status: res.status, json: await res.clone().json() })
    save()
    return res
  }
  const workerName = () => me()!.user.displayName
  const findNeed = (id: string) => world().needs.find((n) => n.need.id === id)
  const findCase = (id: string) => world().cases.find((c) => c.id === id)
  const caseOut = (c: AidMonitoringCase): AidMonitoringCase => ({ ...c, ...caseAlerts(c, new Date()) })

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

    // ---- 一户一策 ----
    http.get(v1('/aid/households/:id/measures'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      if (!find(String(params.id))) return notFound()
      return respond(page(AidMeasure), { items: world().measures.filter((m) => m.householdId === params.id), nextCursor: null })
    }),

    http.post(v1('/aid/households/:id/measures'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      return once(request, (raw) => {
        const parsed = NewAidMeasure.safeParse(raw)
        if (!parsed.success) return invalid(parsed.error)
        const at = new Date().toISOString()
        const m: AidMeasure = {
          id: mockAidId(21_000 + world().measures.length),
          householdId: h.detail.id,
          kind: parsed.data.kind,
          content: parsed.data.content,
          partnerId: parsed.data.partnerId ?? null,
          partnerName: parsed.data.partnerId === MOCK_PARTNER.id ? MOCK_PARTNER.name : null,
          amountFen: parsed.data.amountFen ?? null,
          dueOn: parsed.data.dueOn ?? null,
          status: 'planned',
          history: [{ from: null, to: 'planned', at, by: workerName(), reason: null }],
          createdAt: at,
          updatedAt: at,
        }
        world().measures.push(m)
        return respond(AidMeasure, m, { status: 201 })
      })
    }),

    http.post(v1('/aid/measures/:id/status'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const m = world().measures.find((x) => x.id === params.id)
      if (!m) return fail(404, 'not_found', 'No such measure.')
      return once(request, (raw) => {
        const parsed = AidMeasureStatusChange.safeParse(raw)
        if (!parsed.success) return invalid(parsed.error)
        if (!canMoveMeasure(m.status, parsed.data.status)) return fail(409, 'invalid_transition', `A ${m.status} measure cannot become ${parsed.data.status}.`)
        const at = new Date().toISOString()
        m.history = [...m.history, { from: m.status, to: parsed.data.status, at, by: workerName(), reason: parsed.data.reason ?? null }]
        m.status = parsed.data.status
        m.updatedAt = at
        return respond(AidMeasure, m)
      })
    }),

    // ---- needs, pledges, deliveries ----
    http.post(v1('/aid/households/:id/needs'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      return once(request, (raw) => {
        const parsed = NewAidNeed.safeParse(raw)
        if (!parsed.success) return invalid(parsed.error)
        const at = new Date().toISOString()
        const n: MockNeed = {
          need: { id: mockAidId(32_000 + world().needs.length), householdId: h.detail.id, householdCode: h.detail.code, kind: parsed.data.kind, description: parsed.data.description, estimatedFen: parsed.data.estimatedFen ?? null, withdrawn: false, withdrawnReason: null, createdAt: at, createdBy: workerName(), updatedAt: at },
          pledges: [],
          deliveries: [],
        }
        world().needs.push(n)
        return respond(AidNeedDetail, needDetail(n), { status: 201 })
      })
    }),

    http.get(v1('/aid/needs'), ({ request }) => {
      const stop = gate()
      if (stop) return stop
      const hid = new URL(request.url).searchParams.get('householdId')
      const items = world().needs.filter((n) => !hid || n.need.householdId === hid).map(needOut).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      return respond(page(AidNeed), { items, nextCursor: null })
    }),

    http.get(v1('/aid/needs/:id'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      const n = findNeed(String(params.id))
      return n ? respond(AidNeedDetail, needDetail(n)) : fail(404, 'not_found', 'No such need.')
    }),

    http.post(v1('/aid/needs/:id/deliveries'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const n = findNeed(String(params.id))
      if (!n) return fail(404, 'not_found', 'No such need.')
      const raw: unknown = await request.clone().json().catch(() => undefined)
      // Exactly once by the device's id: a resend answers the stored delivery.
      const stored = n.deliveries.find((d) => d.id === (raw as { id?: string } | undefined)?.id)
      if (stored) return respond(AidDelivery, stored, { status: 201 })
      return once(request, (body) => {
        const parsed = NewAidDelivery.safeParse(body)
        if (!parsed.success) return invalid(parsed.error)
        const v = parsed.data
        const status = needOut(n).status
        if (status === 'withdrawn' || status === 'delivered') return fail(422, 'need_closed', `This need is ${status}.`, [{ path: 'needId', message: `the need is ${status}` }])
        if (v.pledgeId && !n.pledges.some((p) => p.id === v.pledgeId)) return fail(422, 'unknown_pledge', 'No such pledge on this need.', [{ path: 'pledgeId', message: 'unknown' }])
        const d: AidDelivery = {
          id: v.id,
          needId: n.need.id,
          needKind: n.need.kind,
          householdId: n.need.householdId,
          pledgeId: v.pledgeId ?? null,
          partnerId: v.partnerId,
          partnerName: v.partnerId === MOCK_PARTNER.id ? MOCK_PARTNER.name : '—',
          what: v.what,
          valueFen: v.valueFen,
          deliveredOn: v.deliveredOn,
          photoCount: v.photos.length,
          hasPhotos: v.photos.length > 0,
          confirmedBy: v.confirmation.confirmedBy,
          confirmMethod: v.confirmation.method,
          hasSignature: !!v.confirmation.signature,
          granaryDistributionId: v.granaryDistributionId ?? null,
          fundExpenseId: v.fundExpenseId ?? null,
          incomeCredit: v.incomeCredit ? { ...v.incomeCredit, incomeId: mockAidId(61_000 + n.deliveries.length) } : null,
          note: v.note ?? null,
          reversal: null,
          createdAt: new Date().toISOString(),
          createdBy: workerName(),
          photos: v.photos,
          signature: v.confirmation.signature ?? null,
        }
        n.deliveries.push(d)
        return respond(AidDelivery, d, { status: 201 })
      })
    }),

    http.get(v1('/aid/households/:id/deliveries'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      if (!find(String(params.id))) return notFound()
      const items = world()
        .needs.filter((n) => n.need.householdId === params.id)
        .flatMap((n) => n.deliveries.map(deliveryItem))
        .sort((a, b) => (a.deliveredOn < b.deliveredOn ? 1 : -1))
      return respond(page(AidDeliveryItem), { items, nextCursor: null })
    }),

    // ---- exit ----
    http.get(v1('/aid/households/:id/exit'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      const current = [...world().exits].reverse().find((e) => e.householdId === h.detail.id) ?? null
      return respond(AidExitStatus, { householdId: h.detail.id, status: h.detail.status, check: exitCheckOf(h, world().cases), current })
    }),

    http.post(v1('/aid/households/:id/exit-proposal'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const h = find(String(params.id))
      if (!h) return notFound()
      return once(request, (raw) => {
        const parsed = AidExitProposal.safeParse(raw)
        if (!parsed.success) return invalid(parsed.error)
        if (h.detail.status !== 'assisted') return fail(409, 'invalid_transition', 'Only an assisted household may be proposed for exit.')
        const check = exitCheckOf(h, world().cases)
        if (!check.eligible) return fail(422, 'exit_rule_unmet', 'The exit rule is not met.', check.reasons.map((r) => ({ path: r, message: 'unmet' })))
        const at = new Date().toISOString()
        const e: AidExit = {
          id: mockAidId(40_000 + world().exits.length),
          householdId: h.detail.id,
          householdCode: h.detail.code,
          householdStatus: 'exit_proposed',
          state: 'proposed',
          proposedAt: at,
          proposedBy: workerName(),
          proposalReason: parsed.data.reason,
          year: h.incomes.at(-1)?.year ?? null,
          perCapitaFen: check.perCapitaFen,
          monitoringFen: check.monitoringFen,
          approvedAt: null,
          approvedBy: null,
          approvalReason: null,
          noticeStartsOn: null,
          noticeEndsOn: null,
          withdrawnAt: null,
          objectionNote: null,
          confirmedAt: null,
          monitoringUntil: null,
        }
        world().exits.push(e)
        h.detail = {
          ...h.detail,
          status: 'exit_proposed',
          statusHistory: [...h.detail.statusHistory, { id: mockAidId(41_000 + world().exits.length), from: h.detail.status, to: 'exit_proposed', at, by: 'user:mock-aid', byName: workerName(), reason: parsed.data.reason }],
          version: h.detail.version + 1,
          updatedAt: at,
        }
        return respond(AidExit, e, { status: 201 })
      })
    }),

    // ---- monitoring cases ----
    http.get(v1('/aid/monitoring-cases/:id'), ({ params }) => {
      const stop = gate()
      if (stop) return stop
      const c = findCase(String(params.id))
      return c ? respond(AidMonitoringCase, caseOut(c)) : fail(404, 'not_found', 'No such case.')
    }),

    http.post(v1('/aid/monitoring-cases/:id/home-check'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const c = findCase(String(params.id))
      if (!c) return fail(404, 'not_found', 'No such case.')
      return once(request, (raw) => {
        const parsed = AidHomeCheck.safeParse(raw)
        if (!parsed.success) return invalid(parsed.error)
        if (c.decidedAt) return fail(409, 'case_closed', 'The case is decided.')
        Object.assign(c, { homeCheckAt: new Date().toISOString(), homeCheckNote: parsed.data.note, homeCheckFindings: parsed.data.findings })
        Object.assign(c, caseAlerts(c, new Date()))
        return respond(AidMonitoringCase, caseOut(c))
      })
    }),

    http.post(v1('/aid/monitoring-cases/:id/decision'), async ({ params, request }) => {
      const stop = gate()
      if (stop) return stop
      const c = findCase(String(params.id))
      if (!c) return fail(404, 'not_found', 'No such case.')
      return once(request, (raw) => {
        const parsed = AidMonitoringDecisionInput.safeParse(raw)
        if (!parsed.success) return invalid(parsed.error)
        if (c.decidedAt) return fail(409, 'case_closed', 'The case is decided.')
        if (!c.homeCheckAt) return fail(422, 'home_check_first', 'Record the home check before deciding.', [{ path: 'decision', message: 'home check first' }])
        Object.assign(c, { decidedAt: new Date().toISOString(), decision: parsed.data.decision, decisionNote: parsed.data.note })
        Object.assign(c, caseAlerts(c, new Date()))
        return respond(AidMonitoringCase, caseOut(c))
      })
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
