import type { AidHouseholdStatus, AidPlaceLevel } from './codes.js'

/**
 * Who may move a household along an edge: `worker` is any aid writer (aid worker, leader, admin);
 * `leader` needs a leader or admin (exit is approved, never self-served).
 */
export type TransitionAuthority = 'worker' | 'leader'

/**
 * The household state machine, in one place. identified → assisted → exit_proposed → exited →
 * monitored; a proposal can be withdrawn (→ assisted), and a monitored household that falls back
 * (返贫) is assisted again. The exit rules (stable income period, checklist, notice period) are
 * checked by a later slice before `exit_proposed` and `exited`; this table only says which edges exist.
 */
export const HOUSEHOLD_TRANSITIONS: Readonly<Record<AidHouseholdStatus, Partial<Record<AidHouseholdStatus, TransitionAuthority>>>> = {
  identified: { assisted: 'worker' },
  assisted: { exit_proposed: 'worker' },
  exit_proposed: { assisted: 'worker', exited: 'leader' },
  exited: { monitored: 'worker' },
  monitored: { assisted: 'worker' },
}

export type TransitionCheck = { ok: true; authority: TransitionAuthority } | { ok: false; reason: 'same_status' | 'not_allowed' | 'needs_leader' }

/** Whether `from → to` is an edge, and whether a caller (leader or not) may take it. */
export function checkHouseholdTransition(from: AidHouseholdStatus, to: AidHouseholdStatus, callerIsLeader: boolean): TransitionCheck {
  if (from === to) return { ok: false, reason: 'same_status' }
  const authority = HOUSEHOLD_TRANSITIONS[from][to]
  if (!authority) return { ok: false, reason: 'not_allowed' }
  if (authority === 'leader' && !callerIsLeader) return { ok: false, reason: 'needs_leader' }
  return { ok: true, authority }
}

/** The statuses a household may move to next. */
export const nextHouseholdStatuses = (from: AidHouseholdStatus): AidHouseholdStatus[] => Object.keys(HOUSEHOLD_TRANSITIONS[from]) as AidHouseholdStatus[]

/** The level a place's parent must have (a county has none). */
export const PARENT_LEVEL: Readonly<Record<AidPlaceLevel, AidPlaceLevel | null>> = { county: null, township: 'county', village: 'township', group: 'village' }

/** Households live in a village or a village group. */
export const HOUSEHOLD_PLACE_LEVELS: readonly AidPlaceLevel[] = ['village', 'group']

/** `"12.5"` (亩, m², km with at most one decimal) → 125 tenths, exactly. */
export function decimalToTenths(v: string): number {
  const m = /^(\d{1,7})(?:\.(\d))?$/.exec(v)
  if (!m) throw new RangeError(`not a decimal with at most one place: ${v}`)
  return Number(m[1]) * 10 + Number(m[2] ?? '0')
}

/** 125 → `"12.5"`, 120 → `"12"`. */
export function tenthsToDecimal(t: number): string {
  const whole = Math.floor(t / 10)
  const tenth = t % 10
  return tenth === 0 ? String(whole) : `${whole}.${tenth}`
}
