import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { AidDeliveryItem, AidExitStatus, AidHouseholdDetail, AidHouseholdListItem, AidIncomeYear, AidMeasure, AidMonitoringCase, AidNeedDetail, AidVisit } from '@chayi/domain'
import { upgradeDeliveryDraft, type DeliveryDraft } from './delivery'
import { upgradeDraft, type VisitDraft } from './drafts'

/*
 * What the tracker keeps on the phone for the field, in one IndexedDB database next to the shell's
 * outbox: the household list and the assigned households (detail, income years, visits) as last
 * fetched, and the visit drafts. Cached copies are marked `v: 1` like the drafts (§4.2); a copy of
 * an unknown version is simply fetched again, a draft is never dropped (see drafts.ts).
 */

export interface CachedListV1 {
  v: 1
  key: 'households'
  /** Whose list it is: another account signing in on the same phone does not see it. */
  userId: string
  items: AidHouseholdListItem[]
  fetchedAt: string
}

/** The open monitoring cases as last fetched (the home screen's early warnings). */
export interface CachedCasesV1 {
  v: 1
  key: 'cases'
  userId: string
  items: AidMonitoringCase[]
  fetchedAt: string
}

export interface CachedHouseholdV1 {
  v: 1
  id: string
  userId: string
  detail: AidHouseholdDetail
  /** null: the server had none to give (or the route is not there yet). */
  incomeYears: AidIncomeYear[] | null
  visits: AidVisit[] | null
  /*
   * The plan, the needs (with their pledges, so a delivery can be recorded offline), the deliveries
   * and the exit check. Optional: a copy kept before they were fetched lacks them (read as null).
   */
  measures?: AidMeasure[] | null
  needs?: AidNeedDetail[] | null
  deliveries?: AidDeliveryItem[] | null
  exit?: AidExitStatus | null
  fetchedAt: string
}

interface TrackerSchema extends DBSchema {
  lists: { key: string; value: CachedListV1 | CachedCasesV1 }
  households: { key: string; value: CachedHouseholdV1 }
  drafts: { key: string; value: VisitDraft; indexes: { byHousehold: string } }
  /** What the worker saw of the fields a queued household change sets, by its outbox record id. */
  patchBases: { key: string; value: { v: 1; recordId: string; seen: Record<string, unknown> } }
  /** Deliveries being recorded (delivery.ts), by their client id; one open per need. */
  deliveryDrafts: { key: string; value: DeliveryDraft; indexes: { byNeed: string } }
  /** Drafts this build could not read (written by a newer one): kept, never deleted. */
  strandedDrafts: { key: string; value: unknown }
}

const DB_NAME = 'chayi-tracker'
type Db = IDBPDatabase<TrackerSchema>

let opened: { factory: IDBFactory; db: Promise<Db> } | undefined

/** The database, opened once per IndexedDB factory (tests swap in a fresh one per test). */
function db(): Promise<Db> {
  const factory = globalThis.indexedDB
  if (opened?.factory !== factory) {
    opened = {
      factory,
      // v2 adds the delivery drafts; a phone on v1 keeps everything it had.
      db: openDB<TrackerSchema>(DB_NAME, 2, {
        upgrade(d, oldVersion) {
          if (oldVersion < 1) {
            d.createObjectStore('lists', { keyPath: 'key' })
            d.createObjectStore('households', { keyPath: 'id' })
            d.createObjectStore('drafts', { keyPath: 'id' }).createIndex('byHousehold', 'householdId')
            d.createObjectStore('strandedDrafts')
            d.createObjectStore('patchBases', { keyPath: 'recordId' })
          }
          if (oldVersion < 2) d.createObjectStore('deliveryDrafts', { keyPath: 'id' }).createIndex('byNeed', 'needId')
        },
      }),
    }
  }
  return opened.db
}

/** IndexedDB may be missing or blocked (private mode); the app then works online only. */
async function safe<T>(fn: (d: Db) => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn(await db())
  } catch {
    return fallback
  }
}

export const readList = (userId: string) =>
  safe(async (d) => {
    const l = await d.get('lists', 'households')
    return l && l.v === 1 && l.key === 'households' && l.userId === userId ? l : null
  }, null)

export const readCases = (userId: string) =>
  safe(async (d) => {
    const l = await d.get('lists', 'cases')
    return l && l.v === 1 && l.key === 'cases' && l.userId === userId ? l : null
  }, null)

export const writeList = (l: CachedListV1 | CachedCasesV1) => safe((d) => d.put('lists', l).then(() => true), false)

export const readHousehold = (userId: string, id: string) =>
  safe(async (d) => {
    const h = await d.get('households', id)
    return h && h.v === 1 && h.userId === userId ? h : null
  }, null)

export const readHouseholds = (userId: string) => safe(async (d) => (await d.getAll('households')).filter((h) => h.v === 1 && h.userId === userId), [] as CachedHouseholdV1[])

export const writeHousehold = (h: CachedHouseholdV1) => safe((d) => d.put('households', h).then(() => true), false)

/** The household's open draft (the newest), brought to the current version. */
export const readDraft = (householdId: string) =>
  safe(async (d) => {
    const rows = (await d.getAllFromIndex('drafts', 'byHousehold', householdId)) as unknown[]
    const drafts: VisitDraft[] = []
    for (const raw of rows) {
      const up = upgradeDraft(raw)
      if (up) drafts.push(up)
      else await d.put('strandedDrafts', raw, (raw as { id?: string }).id ?? crypto.randomUUID())
    }
    return drafts.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0] ?? null
  }, null)

export const readDrafts = () => safe(async (d) => ((await d.getAll('drafts')) as unknown[]).map((r) => upgradeDraft(r)).filter((x): x is VisitDraft => x !== null), [] as VisitDraft[])

/** Plain-copies the draft first: IndexedDB cannot store Vue's reactive proxies. */
export const writeDraft = (draft: VisitDraft) => safe((d) => d.put('drafts', JSON.parse(JSON.stringify(draft)) as VisitDraft).then(() => true), false)

export const deleteDraft = (id: string) => safe((d) => d.delete('drafts', id).then(() => true), false)

/** The need's open delivery draft (the newest), brought to the current version. */
export const readDeliveryDraft = (needId: string) =>
  safe(async (d) => {
    const rows = (await d.getAllFromIndex('deliveryDrafts', 'byNeed', needId)) as unknown[]
    const drafts: DeliveryDraft[] = []
    for (const raw of rows) {
      const up = upgradeDeliveryDraft(raw)
      if (up) drafts.push(up)
      else await d.put('strandedDrafts', raw, (raw as { id?: string }).id ?? crypto.randomUUID())
    }
    return drafts.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0] ?? null
  }, null)

export const readDeliveryDrafts = () =>
  safe(async (d) => ((await d.getAll('deliveryDrafts')) as unknown[]).map((r) => upgradeDeliveryDraft(r)).filter((x): x is DeliveryDraft => x !== null), [] as DeliveryDraft[])

export const writeDeliveryDraft = (draft: DeliveryDraft) => safe((d) => d.put('deliveryDrafts', JSON.parse(JSON.stringify(draft)) as DeliveryDraft).then(() => true), false)

export const deleteDeliveryDraft = (id: string) => safe((d) => d.delete('deliveryDrafts', id).then(() => true), false)

/** Remembers what the worker saw under a queued change, so a conflict can tell their edits from the other person's. */
export const writePatchBase = (recordId: string, seen: Record<string, unknown>) => safe((d) => d.put('patchBases', { v: 1, recordId, seen: JSON.parse(JSON.stringify(seen)) as Record<string, unknown> }).then(() => true), false)

export const readPatchBase = (recordId: string) =>
  safe(async (d) => {
    const b = await d.get('patchBases', recordId)
    return b && b.v === 1 ? b.seen : null
  }, null)

export const deletePatchBase = (recordId: string) => safe((d) => d.delete('patchBases', recordId).then(() => true), false)

/** On sign-out: the households kept for the field leave the phone with the person (drafts stay: unfinished work). */
export const clearKept = () =>
  safe(async (d) => {
    await Promise.all([d.clear('lists'), d.clear('households')])
    return true
  }, false)
