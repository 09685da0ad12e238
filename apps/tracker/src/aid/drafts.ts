import type { AidChecklist, AidHardshipKind, AidHouseholdDetail } from '@chayi/domain'

/*
 * A visit being recorded, kept on the device as the worker types (architecture §4.2): every shape a
 * phone may still hold stays described here, and `DRAFT_STEPS[n]` is the `up()` from version n to
 * n + 1, so an app update never strands a half-written visit made offline by the previous build.
 */

/** The household fields a worker may correct at a visit; they travel as a PATCH on top of `baseVersion`. */
export const EDITABLE_FIELDS = ['housingSafe', 'safeWater', 'electricity', 'housingStructure', 'housingAreaM2', 'marketDistanceKm'] as const
export type EditableField = (typeof EDITABLE_FIELDS)[number]
export type HouseholdFields = Pick<AidHouseholdDetail, EditableField>

/** Income as typed, in yuan (text, so "12." mid-typing survives a reload); turned into fen on save. */
export interface DraftIncomeV1 {
  wages: string
  business: string
  property: string
  transfers: string
  costs: string
  /** People counted; empty = the household's members. */
  memberCount: string
}

export interface VisitDraftV1 {
  v: 1
  /** Made on the device; becomes the visit's id (and its Idempotency-Key). */
  id: string
  householdId: string
  /** The household's version the worker saw when the visit began: the PATCH goes on top of it. */
  baseVersion: number
  /** The household fields as the worker saw them then (the "before" of their changes). */
  base: HouseholdFields
  startedAt: string
  updatedAt: string
  notes: string
  /** JPEG data URLs, already made small on the device. */
  photos: string[]
  /** null: no income update at this visit. */
  income: DraftIncomeV1 | null
  checklist: AidChecklist
  hardship: { kind: AidHardshipKind; note: string } | null
  /** Only the fields the worker changed, with their new values. */
  changes: Partial<HouseholdFields>
}

export type VisitDraft = VisitDraftV1
export type AnyVisitDraft = VisitDraftV1
export const DRAFT_VERSION = 1

/** `up()` from version n (the key) to n + 1. Empty while v1 is the only shape ever written. */
export type DraftSteps = Record<number, (draft: { v: number } & Record<string, unknown>) => { v: number } & Record<string, unknown>>
export const DRAFT_STEPS: DraftSteps = {}

/**
 * Brings a stored draft to `target` through the steps, one version at a time. Returns null for a
 * record it cannot read (no version, or one newer than this build): the caller keeps it aside
 * rather than deleting what a worker typed.
 */
export function upgradeDraft(raw: unknown, steps: DraftSteps = DRAFT_STEPS, target: number = DRAFT_VERSION): VisitDraft | null {
  if (!raw || typeof raw !== 'object' || typeof (raw as { v?: unknown }).v !== 'number') return null
  let d = raw as { v: number } & Record<string, unknown>
  while (d.v < target) {
    const up = steps[d.v]
    if (!up) return null
    const next = up(d)
    if (next.v !== d.v + 1) throw new Error(`draft step from v${d.v} produced v${next.v}`)
    d = next
  }
  return d.v === target ? (d as unknown as VisitDraft) : null
}

export const EMPTY_CHECKLIST: AidChecklist = { food: false, clothing: false, schooling: false, medical: false, housing: false, water: false }

export function pickFields(h: HouseholdFields): HouseholdFields {
  return Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, h[f]])) as HouseholdFields
}

/** A new draft for a household as it was seen; the checklist starts from the last visit's, if any. */
export function newDraft(id: string, household: AidHouseholdDetail, lastChecklist: AidChecklist | null, now = new Date()): VisitDraft {
  const at = now.toISOString()
  return {
    v: 1,
    id,
    householdId: household.id,
    baseVersion: household.version,
    base: pickFields(household),
    startedAt: at,
    updatedAt: at,
    notes: '',
    photos: [],
    income: null,
    checklist: { ...(lastChecklist ?? EMPTY_CHECKLIST) },
    hardship: null,
    changes: {},
  }
}

/** Sets (or, back at the value seen, forgets) one household field change. */
export function setChange<F extends EditableField>(d: VisitDraft, field: F, value: HouseholdFields[F]): VisitDraft {
  const changes = { ...d.changes }
  if (JSON.stringify(value) === JSON.stringify(d.base[field])) delete changes[field]
  else changes[field] = value
  return { ...d, changes }
}
