import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import {
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
  NewAidDelivery,
  NewAidMeasure,
  NewAidNeed,
  AidHouseholdDetail,
  AidHouseholdListItem,
  AidHouseholdPatch,
  AidIncomeYear,
  AidMonitoringCase,
  AidRevealed,
  AidVisit,
  netIncomeFen,
  NewAidVisit,
  page,
  type AidRevealField,
  type IncomeComponents,
} from '@chayi/domain'
import { callerFor, isApiError, newClientId, useOutboxStore, useSessionStore, useShellContext, type OutboxRecord, type Schema } from '@chayi/shell'
import * as cache from './cache'
import { conflictOf, HOUSEHOLD_PATH, isConflictRecord, resolution, type Choice, type HouseholdConflict } from './conflicts'
import { canRecordDelivery, deliveryBody, newDeliveryDraft, type DeliveryDraft } from './delivery'
import { newDraft, type VisitDraft } from './drafts'
import { parseYuan } from './money'

/*
 * The field worker's households and visits: fetched when there is a network and kept in IndexedDB
 * (cache.ts) so the assigned ones open in the field after a reload; every write goes through the
 * shell's outbox. What is queued shows at once: a household change is laid over the cached copy,
 * a visit waits in the household's visit list, a refused change is a conflict to resolve.
 */

const API = '/api/v1/aid'
const VISITS_PATH = `${API}/visits`
/** How many households the app fetches (and keeps) at most; a worker keeps a few dozen. */
const LIST_LIMIT = 200

const IncomeYears: Schema<AidIncomeYear[]> = { parse: (d) => AidIncomeYear.array().parse(Array.isArray(d) ? d : (d as { items?: unknown })?.items) }
const Visits: Schema<AidVisit[]> = { parse: (d) => AidVisit.array().parse(Array.isArray(d) ? d : (d as { items?: unknown })?.items) }
const MEASURE_STATUS_PATH = /^\/api\/v1\/aid\/measures\/([^/]+)\/status$/
const DELIVERY_PATH = /^\/api\/v1\/aid\/needs\/([^/]+)\/deliveries$/
const HOUSEHOLD_WRITE_PATH = /^\/api\/v1\/aid\/households\/([^/]+)\/(?:measures|needs)$/
const CASE_PATH = /^\/api\/v1\/aid\/monitoring-cases\/([^/]+)\/(home-check|decision)$/

/** A write on the plan, a need or a case still on the phone (or refused), as the screens list it. */
export interface QueuedWrite<B> {
  id: string
  body: B
  failed: boolean
}

/** A visit still on the phone, as the household's visit list shows it. */
export interface QueuedVisit {
  id: string
  visitedAt: string
  notes: string
  photoCount: number
  failed: boolean
}

/** Turns the draft's yuan text into the visit's income in fen; null when a figure does not read. */
export function draftIncomeFen(d: VisitDraft): (IncomeComponents & { memberCount?: number }) | null | 'invalid' {
  if (!d.income) return null
  const parts = { wagesFen: parseYuan(d.income.wages), businessFen: parseYuan(d.income.business), propertyFen: parseYuan(d.income.property), transfersFen: parseYuan(d.income.transfers), costsFen: parseYuan(d.income.costs) }
  if (Object.values(parts).some((v) => v === null)) return 'invalid'
  const members = d.income.memberCount.trim()
  if (members && !/^\d{1,2}$/.test(members)) return 'invalid'
  return { ...(parts as IncomeComponents), ...(members ? { memberCount: Number(members) } : {}) }
}

export const useAidStore = defineStore('tracker-aid', () => {
  const ctx = useShellContext()
  const call = callerFor(ctx)
  const outbox = useOutboxStore()
  const session = useSessionStore()

  const list = shallowRef<cache.CachedListV1 | null>(null)
  const cases = shallowRef<cache.CachedCasesV1 | null>(null)
  /** Cases as the server gave them back after the phone's home check or decision went out (a decided one leaves the open list). */
  const caseSeen = shallowRef<Record<string, AidMonitoringCase>>({})
  const households = shallowRef<Record<string, cache.CachedHouseholdV1>>({})
  const loading = ref(false)
  /** False once a request found no network; true again on the next answer. */
  const reachable = ref(typeof navigator === 'undefined' || navigator.onLine !== false)
  const userId = computed(() => (session.me?.kind === 'user' ? session.me.user.id : ''))

  let loaded: Promise<void> | null = null
  /** Reads what the phone kept (once). */
  function init(): Promise<void> {
    return (loaded ??= (async () => {
      const [l, hs, cs] = await Promise.all([cache.readList(userId.value), cache.readHouseholds(userId.value), cache.readCases(userId.value)])
      if (l && !list.value) list.value = l
      if (cs && !cases.value) cases.value = cs
      const next = { ...households.value }
      for (const h of hs) next[h.id] ??= h
      households.value = next
    })())
  }

  function noteNetwork(err: unknown): boolean {
    if (isApiError(err) && err.isNetwork) {
      reachable.value = false
      return true
    }
    return false
  }

  const mine = (h: { assignedWorkerId: string | null }) => !!userId.value && h.assignedWorkerId === userId.value
  /** The worker's own households first, then by code. */
  const items = computed(() => [...(list.value?.items ?? [])].sort((a, b) => Number(mine(b)) - Number(mine(a)) || a.code.localeCompare(b.code)))
  const assigned = computed(() => items.value.filter(mine))
  const fetchedAt = computed(() => list.value?.fetchedAt ?? null)

  /**
   * The household's plan, needs (with their pledges: a delivery is recorded offline against one),
   * deliveries and exit check: extras like the visits, the kept ones stay when one does not come.
   */
  async function fetchPlan(id: string): Promise<Pick<cache.CachedHouseholdV1, 'measures' | 'needs' | 'deliveries' | 'exit'>> {
    const kept = households.value[id]
    const keep = <K extends 'measures' | 'needs' | 'deliveries' | 'exit'>(k: K) => (e: unknown) => (noteNetwork(e), kept?.[k] ?? null)
    const [measures, needs, deliveries, exit] = await Promise.all([
      call(page(AidMeasure), 'GET', `/aid/households/${id}/measures?limit=100`).then((p) => p.items, keep('measures')),
      call(page(AidNeed), 'GET', `/aid/needs?householdId=${id}&limit=100`)
        .then((p) => Promise.all(p.items.map((n) => (n.pledgeCount > 0 || n.deliveredFen > 0 ? call(AidNeedDetail, 'GET', `/aid/needs/${n.id}`) : { ...n, pledges: [], deliveries: [] }))))
        .catch(keep('needs')),
      call(page(AidDeliveryItem), 'GET', `/aid/households/${id}/deliveries?limit=100`).then((p) => p.items, keep('deliveries')),
      call(AidExitStatus, 'GET', `/aid/households/${id}/exit`).catch(keep('exit')),
    ])
    return { measures, needs, deliveries, exit }
  }

  async function fetchHousehold(id: string): Promise<cache.CachedHouseholdV1> {
    const detail = await call(AidHouseholdDetail, 'GET', `/aid/households/${id}`)
    // The income chart and visit list are extras: a household opens without them (older server, a hiccup).
    const [incomeYears, visits, plan] = await Promise.all([
      call(IncomeYears, 'GET', `/aid/households/${id}/income-years`).catch((e: unknown) => (noteNetwork(e), households.value[id]?.incomeYears ?? null)),
      call(Visits, 'GET', `/aid/households/${id}/visits`).catch((e: unknown) => (noteNetwork(e), households.value[id]?.visits ?? null)),
      fetchPlan(id),
    ])
    const rec: cache.CachedHouseholdV1 = { v: 1, id, userId: userId.value, detail, incomeYears, visits, ...plan, fetchedAt: new Date().toISOString() }
    households.value = { ...households.value, [id]: rec }
    await cache.writeHousehold(rec)
    return rec
  }

  /** Fetches the list and every assigned household; offline, what was kept stays. Returns whether the server was reached. */
  async function refresh(): Promise<boolean> {
    await init()
    loading.value = true
    try {
      const got = await call(page(AidHouseholdListItem), 'GET', `/aid/households?limit=${LIST_LIMIT}`)
      reachable.value = true
      const l: cache.CachedListV1 = { v: 1, key: 'households', userId: userId.value, items: got.items, fetchedAt: new Date().toISOString() }
      list.value = l
      await cache.writeList(l)
      // A few at a time: each household is several requests (detail, income, visits, plan, needs, exit).
      const todo = got.items.filter(mine)
      for (let i = 0; i < todo.length; i += 3) await Promise.all(todo.slice(i, i + 3).map((h) => fetchHousehold(h.id)))
      return true
    } catch (err) {
      if (!noteNetwork(err)) throw err
      return false
    } finally {
      loading.value = false
    }
  }

  /**
   * Refreshes unless the kept list is younger than `maxAgeMs`: opening the list or home again over a
   * weak signal does not fetch every household each time (the refresh button always does).
   */
  async function refreshIfStale(maxAgeMs = 5 * 60_000): Promise<boolean> {
    await init()
    const at = list.value?.fetchedAt
    if (at && Date.now() - Date.parse(at) < maxAgeMs) return true
    return refresh()
  }

  /** One household: the kept copy at once, then a fresh one when the network answers. */
  async function open(id: string): Promise<cache.CachedHouseholdV1 | null> {
    await init()
    if (!households.value[id]) {
      const kept = await cache.readHousehold(userId.value, id)
      if (kept) households.value = { ...households.value, [id]: kept }
    }
    try {
      const rec = await fetchHousehold(id)
      reachable.value = true
      return rec
    } catch (err) {
      if (!noteNetwork(err)) throw err
      return households.value[id] ?? null
    }
  }

  const pendingOf = (id: string) => outbox.items.filter((r) => r.status === 'pending' && r.method === 'PATCH' && r.path === `${API}/households/${id}`)

  /** The household as the worker should see it: the kept copy with their queued changes laid over. */
  function visible(id: string): AidHouseholdDetail | null {
    const rec = households.value[id]
    if (!rec) return null
    const patches = pendingOf(id)
    if (!patches.length) return rec.detail
    let d = rec.detail
    for (const p of patches) {
      const { baseVersion, ...fields } = p.body as { baseVersion: number } & Record<string, unknown>
      d = { ...d, ...(fields as Partial<AidHouseholdDetail>), version: baseVersion + 1 }
    }
    return d
  }

  function queuedVisits(id: string): QueuedVisit[] {
    return outbox.items
      .filter((r) => r.method === 'POST' && r.path === VISITS_PATH && (r.body as { householdId?: string } | null)?.householdId === id)
      .map((r) => {
        const b = r.body as { visitedAt: string; notes?: string; photos?: string[] }
        return { id: r.id, visitedAt: b.visitedAt, notes: b.notes ?? '', photoCount: b.photos?.length ?? 0, failed: r.status === 'failed' }
      })
  }

  /** The household a queued write belongs to (a change or a visit), if any. */
  const householdOfRecord = (r: OutboxRecord): string | undefined =>
    HOUSEHOLD_PATH.exec(r.path)?.[1] ??
    HOUSEHOLD_WRITE_PATH.exec(r.path)?.[1] ??
    (r.path === VISITS_PATH ? (r.body as { householdId?: string } | null)?.householdId : undefined) ??
    householdOfMeasure(MEASURE_STATUS_PATH.exec(r.path)?.[1]) ??
    householdOfNeed(DELIVERY_PATH.exec(r.path)?.[1])
  const householdOfMeasure = (mid: string | undefined) => (mid ? Object.values(households.value).find((h) => h.measures?.some((m) => m.id === mid))?.id : undefined)
  const householdOfNeed = (nid: string | undefined) => (nid ? Object.values(households.value).find((h) => h.needs?.some((n) => n.id === nid))?.id : undefined)
  // Once a household's queued writes have gone out, its kept copy is fetched again: the server's
  // version (and the visit it now lists) replaces what was laid over the old one.
  watch(
    () => outbox.items.map((r) => r.id).join(','),
    (_now, _before) => {
      const left = new Set(outbox.items.map((r) => r.id))
      for (const r of lastItems) {
        const hid = householdOfRecord(r)
        if (!left.has(r.id) && hid && households.value[hid]) void fetchHousehold(hid).catch(noteNetwork)
        if (!left.has(r.id) && CASE_PATH.test(r.path)) void openCase(CASE_PATH.exec(r.path)![1]!).then((c) => (c && (caseSeen.value = { ...caseSeen.value, [c.id]: c })), noteNetwork)
      }
      lastItems = outbox.items
    },
  )
  let lastItems: OutboxRecord[] = outbox.items

  // ---- monitoring ----

  /** The open 防返贫监测 cases (overdue ones first); offline, the kept ones. A server without the route leaves none. */
  async function loadCases(): Promise<void> {
    await init()
    try {
      const got = await call(page(AidMonitoringCase), 'GET', '/aid/monitoring-cases?state=open&limit=100')
      const items = [...got.items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.decisionDue.localeCompare(b.decisionDue))
      const rec: cache.CachedCasesV1 = { v: 1, key: 'cases', userId: userId.value, items, fetchedAt: new Date().toISOString() }
      cases.value = rec
      await cache.writeList(rec)
    } catch (err) {
      noteNetwork(err)
    }
  }

  // ---- reveal ----

  async function reveal(householdId: string, field: AidRevealField, reason: string, memberId?: string): Promise<string | null> {
    const r = await call(AidRevealed, 'POST', `/aid/households/${householdId}/reveal`, { field, reason, ...(memberId ? { memberId } : {}) })
    return r.value
  }

  // ---- drafts and visits ----

  /** The household's open draft, or a new one on the household as the worker sees it now. */
  async function draftFor(householdId: string): Promise<VisitDraft | null> {
    const kept = await cache.readDraft(householdId)
    if (kept) return kept
    const h = visible(householdId)
    if (!h) return null
    const last = households.value[householdId]?.visits?.[0]?.checklist ?? null
    const d = newDraft(newClientId(), h, last)
    await cache.writeDraft(d)
    return d
  }

  const saveDraft = (d: VisitDraft) => cache.writeDraft({ ...d, updatedAt: new Date().toISOString() })
  const dropDraft = (id: string) => cache.deleteDraft(id)

  /**
   * Puts the visit into the outbox: first the household change (on the version the worker saw),
   * then the visit itself under the draft's id. The change goes first so the visit — which may
   * move the household along (a monitoring case) — can never make the worker's own change stale.
   */
  async function saveVisit(d: VisitDraft, now = new Date()): Promise<{ visitId: string; patchId: string | null }> {
    const income = draftIncomeFen(d)
    if (income === 'invalid') throw new Error('invalid income')
    const body = NewAidVisit.parse({
      id: d.id,
      householdId: d.householdId,
      visitedAt: now.toISOString(),
      notes: d.notes,
      checklist: d.checklist,
      ...(income ? { income } : {}),
      ...(d.hardship ? { hardship: d.hardship } : {}),
      photos: d.photos,
    })
    let patchId: string | null = null
    if (Object.keys(d.changes).length) {
      const patch = AidHouseholdPatch.parse({ baseVersion: d.baseVersion, ...d.changes })
      patchId = await outbox.enqueue({ method: 'PATCH', path: `${API}/households/${d.householdId}`, body: patch })
      await cache.writePatchBase(patchId, Object.fromEntries(Object.keys(d.changes).map((f) => [f, d.base[f as keyof typeof d.base]])))
    }
    const visitId = await outbox.enqueue({ method: 'POST', path: VISITS_PATH, body, id: d.id })
    await cache.deleteDraft(d.id)
    return { visitId, patchId }
  }

  // ---- conflicts ----

  const conflictRecords = computed<OutboxRecord[]>(() => outbox.failed.filter(isConflictRecord))
  const conflicts = computed(() => conflictRecords.value.map((r) => conflictOf(r, households.value[HOUSEHOLD_PATH.exec(r.path)![1]!]?.detail)).filter((c): c is HouseholdConflict => c !== null))

  /** The conflict of one refused record; without the 409's body the household is fetched to compare. */
  async function conflict(recordId: string): Promise<HouseholdConflict | null> {
    const r = outbox.failed.find((x) => x.id === recordId)
    if (!r || !isConflictRecord(r)) return null
    const seen = await cache.readPatchBase(r.id)
    const direct = conflictOf(r, undefined, seen)
    if (direct) return direct
    const rec = await open(HOUSEHOLD_PATH.exec(r.path)![1]!)
    return conflictOf(r, rec?.detail, seen)
  }

  /**
   * Sends the worker's choice: a new change with only the values they kept, on the server's
   * version, queued before the refused record is let go (so a crash in between loses nothing).
   */
  async function resolve(c: HouseholdConflict, choices: Record<string, Choice>): Promise<string | null> {
    const body = resolution(c, choices)
    let id: string | null = null
    if (body) {
      id = await outbox.enqueue({ method: 'PATCH', path: `${API}/households/${c.householdId}`, body: AidHouseholdPatch.parse(body) })
      // The worker has now seen the server's values: a further conflict compares against them.
      await cache.writePatchBase(id, Object.fromEntries(c.fields.filter((f) => choices[f.field] === 'mine').map((f) => [f.field, f.theirs])))
    }
    // What the worker agreed to take from the server shows at once in the kept copy.
    const rec = households.value[c.householdId]
    if (rec) {
      const theirs = Object.fromEntries(c.fields.filter((f) => choices[f.field] !== 'mine').map((f) => [f.field, f.theirs]))
      const next = { ...rec, detail: { ...rec.detail, ...(theirs as Partial<AidHouseholdDetail>), version: c.currentVersion } }
      households.value = { ...households.value, [c.householdId]: next }
      await cache.writeHousehold(next)
    }
    await outbox.discard(c.recordId)
    await cache.deletePatchBase(c.recordId)
    return id
  }

  // ---- plan (一户一策), needs, deliveries ----

  const queued = <B>(test: (r: OutboxRecord) => boolean): QueuedWrite<B>[] =>
    outbox.items.filter((r) => (r.status === 'pending' || r.status === 'failed') && r.method === 'POST' && test(r)).map((r) => ({ id: r.id, body: r.body as B, failed: r.status === 'failed' }))

  /** Measures added on the phone and not yet on the server. */
  const queuedMeasures = (householdId: string) => queued<NewAidMeasure>((r) => r.path === `${API}/households/${householdId}/measures`)
  /** Status moves waiting to go, by measure id (the last one wins on screen). */
  const queuedMoves = (measureId: string) => queued<AidMeasureStatusChange>((r) => r.path === `${API}/measures/${measureId}/status`)
  const queuedNeeds = (householdId: string) => queued<NewAidNeed>((r) => r.path === `${API}/households/${householdId}/needs`)
  const queuedDeliveries = (needId: string) => queued<NewAidDelivery>((r) => r.path === `${API}/needs/${needId}/deliveries`)
  const queuedCaseWrites = (caseId: string) =>
    outbox.items
      .filter((r) => r.method === 'POST' && CASE_PATH.exec(r.path)?.[1] === caseId)
      .map((r) => ({ id: r.id, kind: CASE_PATH.exec(r.path)![2] as 'home-check' | 'decision', body: r.body as AidHomeCheck | AidMonitoringDecisionInput, failed: r.status === 'failed' }))

  /** Adds a measure to the household's plan, through the outbox (checked by the contract first). */
  const addMeasure = (householdId: string, m: NewAidMeasure) => outbox.enqueue({ method: 'POST', path: `${API}/households/${householdId}/measures`, body: NewAidMeasure.parse(m) })
  /** Moves a measure on (cancelling says why), through the outbox. */
  const moveMeasure = (measureId: string, change: AidMeasureStatusChange) => outbox.enqueue({ method: 'POST', path: `${API}/measures/${measureId}/status`, body: AidMeasureStatusChange.parse(change) })
  /** Posts a need for partners to pledge, through the outbox: it works with no network. */
  const postNeed = (householdId: string, n: NewAidNeed) => outbox.enqueue({ method: 'POST', path: `${API}/households/${householdId}/needs`, body: NewAidNeed.parse(n) })

  /** The need as kept with its household (null when the phone has not kept it). */
  function needOf(needId: string): AidNeedDetail | null {
    for (const h of Object.values(households.value)) {
      const n = h.needs?.find((x) => x.id === needId)
      if (n) return n
    }
    return null
  }

  /** The need's open delivery draft, or a new one on its (first, or given) pledge. */
  async function deliveryDraftFor(needId: string, pledgeId?: string): Promise<DeliveryDraft | null> {
    const kept = await cache.readDeliveryDraft(needId)
    if (kept) return kept
    const need = needOf(needId)
    // A new one only where a delivery is still to record (not for a delivered or withdrawn need).
    if (!need || !canRecordDelivery(need, queuedDeliveries(needId).length)) return null
    const pledge = need.pledges.find((p) => p.id === pledgeId) ?? need.pledges[0] ?? null
    if (!pledge) return null
    const d = newDeliveryDraft(newClientId(), need, pledge, pledge.partnerId)
    await cache.writeDeliveryDraft(d)
    return d
  }
  const saveDeliveryDraft = (d: DeliveryDraft) => cache.writeDeliveryDraft({ ...d, updatedAt: new Date().toISOString() })
  const dropDeliveryDraft = (id: string) => cache.deleteDeliveryDraft(id)

  /** Puts the delivery into the outbox under the draft's id (a resend answers the stored record), then lets the draft go. */
  async function saveDelivery(d: DeliveryDraft): Promise<string> {
    const body = NewAidDelivery.parse(deliveryBody(d))
    const id = await outbox.enqueue({ method: 'POST', path: `${API}/needs/${d.needId}/deliveries`, body, id: d.id })
    await cache.deleteDeliveryDraft(d.id)
    return id
  }

  // ---- exit ----

  /** Proposes the household for exit: online only, the server checks the rule (422 exit_rule_unmet names the reasons). */
  async function proposeExit(householdId: string, reason: string): Promise<AidExit> {
    const r = await call(AidExit, 'POST', `/aid/households/${householdId}/exit-proposal`, AidExitProposal.parse({ reason }))
    await fetchHousehold(householdId).catch(noteNetwork)
    return r
  }

  // ---- monitoring case ----

  /** One case: the kept one, refreshed from the server when it answers. */
  async function openCase(caseId: string): Promise<AidMonitoringCase | null> {
    await init()
    try {
      const c = await call(AidMonitoringCase, 'GET', `/aid/monitoring-cases/${caseId}`)
      // The kept list holds the open cases: a decided one leaves it, an open one is brought up to date.
      const items = (cases.value?.items ?? []).filter((x) => x.id !== c.id)
      const rec: cache.CachedCasesV1 = { v: 1, key: 'cases', userId: userId.value, items: c.decidedAt ? items : [...items, c], fetchedAt: cases.value?.fetchedAt ?? new Date().toISOString() }
      cases.value = rec
      await cache.writeList(rec)
      return c
    } catch (err) {
      if (!noteNetwork(err)) throw err
      return cases.value?.items.find((x) => x.id === caseId) ?? null
    }
  }
  const homeCheck = (caseId: string, body: AidHomeCheck) => outbox.enqueue({ method: 'POST', path: `${API}/monitoring-cases/${caseId}/home-check`, body: AidHomeCheck.parse(body) })
  const decide = (caseId: string, body: AidMonitoringDecisionInput) => outbox.enqueue({ method: 'POST', path: `${API}/monitoring-cases/${caseId}/decision`, body: AidMonitoringDecisionInput.parse(body) })

  /** The net income a draft's figures give (fen), for the live figures on the form. */
  function draftNet(d: VisitDraft): number | null {
    const inc = draftIncomeFen(d)
    return inc && inc !== 'invalid' ? netIncomeFen(inc) : null
  }

  return {
    list,
    cases,
    caseSeen,
    loadCases,
    households,
    items,
    assigned,
    fetchedAt,
    loading,
    reachable,
    userId,
    init,
    refresh,
    refreshIfStale,
    open,
    visible,
    queuedVisits,
    reveal,
    draftFor,
    saveDraft,
    dropDraft,
    saveVisit,
    conflicts,
    conflict,
    resolve,
    draftNet,
    queuedMeasures,
    queuedMoves,
    queuedNeeds,
    queuedDeliveries,
    queuedCaseWrites,
    addMeasure,
    moveMeasure,
    postNeed,
    needOf,
    deliveryDraftFor,
    saveDeliveryDraft,
    dropDeliveryDraft,
    saveDelivery,
    proposeExit,
    openCase,
    homeCheck,
    decide,
  }
})
