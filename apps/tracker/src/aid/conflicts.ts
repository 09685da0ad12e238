import { VersionConflictBody, type AidHouseholdDetail } from '@chayi/domain'
import type { OutboxRecord } from '@chayi/shell'
import { HOUSEHOLD_PATH, isConflictRecord } from './conflict-record'

/*
 * 两人改了同一项: a household change the server refused with 409 `version_conflict` stays in the
 * outbox (failed, holding back what came after it) until the worker has compared, field by field,
 * their value with the one now on the server and chosen. Nothing is overwritten without that choice.
 */

export { conflictHandoff, HOUSEHOLD_PATH, isConflictRecord } from './conflict-record'

export interface ConflictField {
  field: string
  mine: unknown
  theirs: unknown
  /**
   * True when the server still holds what the worker saw before their change: nobody else changed
   * this field, it only differs because the worker did (the screen suggests keeping theirs).
   */
  onlyMine: boolean
}

export interface HouseholdConflict {
  recordId: string
  householdId: string
  /** The version the worker's change was made on. */
  baseVersion: number
  /** The server's version at the refusal; the new change goes on top of it. */
  currentVersion: number
  /** Fields where the worker's value and the server's differ (the others already agree). */
  fields: ConflictField[]
  at: string
}

export type Choice = 'mine' | 'theirs'

function fieldsOf(body: unknown): Record<string, unknown> {
  const { baseVersion: _b, ...fields } = (body ?? {}) as Record<string, unknown>
  return fields
}

/**
 * The conflict a refused record carries: the 409's body (kept by the outbox) names the server's
 * values; without it (an older build's record) `fallback` — the household as fetched now — stands in.
 */
export function conflictOf(r: OutboxRecord, fallback?: Pick<AidHouseholdDetail, 'version'> & Record<string, unknown>, seen?: Record<string, unknown> | null): HouseholdConflict | null {
  if (!isConflictRecord(r)) return null
  const mine = fieldsOf(r.body)
  const parsed = VersionConflictBody.safeParse(r.lastError?.body)
  let currentVersion: number
  let current: Record<string, unknown>
  if (parsed.success) {
    currentVersion = parsed.data.error.currentVersion
    current = parsed.data.error.current
  } else if (fallback) {
    currentVersion = fallback.version
    current = {}
    for (const f of Object.keys(mine)) if (JSON.stringify(fallback[f]) !== JSON.stringify(mine[f])) current[f] = fallback[f]
  } else return null
  return {
    recordId: r.id,
    householdId: HOUSEHOLD_PATH.exec(r.path)![1]!,
    baseVersion: Number((r.body as { baseVersion?: number } | null)?.baseVersion ?? 0),
    currentVersion,
    fields: Object.keys(current).map((field) => ({
      field,
      mine: mine[field],
      theirs: current[field],
      onlyMine: !!seen && field in seen && JSON.stringify(seen[field]) === JSON.stringify(current[field]),
    })),
    at: r.lastError?.at ?? r.createdAt,
  }
}

/** The change to send after the choice: only the worker's own values they kept, on the current version; null when nothing of theirs is kept. */
export function resolution(c: HouseholdConflict, choices: Record<string, Choice>): Record<string, unknown> | null {
  const kept = c.fields.filter((f) => choices[f.field] === 'mine')
  if (!kept.length) return null
  return { baseVersion: c.currentVersion, ...Object.fromEntries(kept.map((f) => [f.field, f.mine])) }
}
