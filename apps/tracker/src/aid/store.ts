import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import {
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
import { isApiError, newClientId, useOutboxStore, useSessionStore, useShellContext, type OutboxRecord } from '@chayi/shell'
import { callerFor, type Schema } from './api'
import * as cache from './cache'
import { conflictOf, HOUSEHOLD_PATH, isConflictRecord, resolution, type Choice, type HouseholdConflict } from './conflicts'
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

  async function fetchHousehold(id: string): Promise<cache.CachedHouseholdV1> {
    const detail = await call(AidHouseholdDetail, 'GET', `/aid/households/${id}`)
    // The income chart and visit list are extras: a household opens without them (older server, a hiccup).
    const [incomeYears, visits] = await Promise.all([
      call(IncomeYears, 'GET', `/aid/households/${id}/income-years`).catch((e: unknown) => (noteNetwork(e), households.value[id]?.incomeYears ?? null)),
      call(Visits, 'GET', `/aid/households/${id}/visits`).catch((e: unknown) => (noteNetwork(e), households.value[id]?.visits ?? null)),
    ])
    const rec: cache.CachedHouseholdV1 = { v: 1, id, userId: userId.value, detail, incomeYears, visits, fetchedAt: new Date().toISOString() }
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
      for (const h of got.items.filter(mine)) await fetchHousehold(h.id)
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
  const householdOfRecord = (r: OutboxRecord) => HOUSEHOLD_PATH.exec(r.path)?.[1] ?? (r.path === VISITS_PATH ? (r.body as { householdId?: string } | null)?.householdId : undefined)
  // Once a household's queued writes have gone out, its kept copy is fetched again: the server's
  // version (and the visit it now lists) replaces what was laid over the old one.
  watch(
    () => outbox.items.map((r) => r.id).join(','),
    (_now, _before) => {
      const left = new Set(outbox.items.map((r) => r.id))
      for (const r of lastItems) {
        const hid = householdOfRecord(r)
        if (!left.has(r.id) && hid && households.value[hid]) void fetchHousehold(hid).catch(noteNetwork)
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

  /** The net income a draft's figures give (fen), for the live figures on the form. */
  function draftNet(d: VisitDraft): number | null {
    const inc = draftIncomeFen(d)
    return inc && inc !== 'invalid' ? netIncomeFen(inc) : null
  }

  return {
    list,
    cases,
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
  }
})
