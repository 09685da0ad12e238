import { describe, expect, it } from 'vitest'
import { DRAFT_VERSION, newDraft, setChange, upgradeDraft, type DraftSteps } from './drafts'
import { seedHouseholds } from '../mocks/aid-seed'

const household = seedHouseholds('worker-1')[0]!.detail

describe('visit drafts', () => {
  it('starts a v1 draft from the household as seen, with its version and fields', () => {
    const d = newDraft('visit-1', household, null, new Date('2026-05-01T02:00:00Z'))
    expect(d).toMatchObject({ v: 1, id: 'visit-1', householdId: household.id, baseVersion: household.version, notes: '', photos: [], income: null, changes: {} })
    expect(d.base.housingSafe).toBe(household.housingSafe)
    expect(DRAFT_VERSION).toBe(1)
  })

  it('keeps only the fields that differ from what was seen', () => {
    let d = newDraft('visit-1', household, null)
    d = setChange(d, 'safeWater', !household.safeWater)
    expect(d.changes).toEqual({ safeWater: !household.safeWater })
    d = setChange(d, 'safeWater', household.safeWater)
    expect(d.changes).toEqual({})
  })

  it('reads the current version as it is', () => {
    const d = newDraft('visit-1', household, null)
    expect(upgradeDraft(structuredClone(d))).toEqual(d)
  })

  it('brings an older shape up one step at a time (the shape of a future v2)', () => {
    // What a v2 could look like: notes split from a free-text "summary". The real steps are empty
    // while v1 is the only shape ever written; this pins how the chain is walked.
    const steps: DraftSteps = {
      1: (d) => ({ ...d, v: 2, summary: d.notes, notes: undefined }),
    }
    const v1 = newDraft('visit-1', household, null)
    v1.notes = '屋顶漏雨'
    const up = upgradeDraft(v1, steps, 2) as unknown as Record<string, unknown>
    expect(up).toMatchObject({ v: 2, id: 'visit-1', summary: '屋顶漏雨' })
  })

  it('refuses what it cannot read instead of guessing (the caller keeps it aside)', () => {
    expect(upgradeDraft(null)).toBeNull()
    expect(upgradeDraft({ id: 'x' })).toBeNull()
    expect(upgradeDraft({ v: 9, id: 'from-a-newer-build' })).toBeNull()
    expect(upgradeDraft({ v: 0, id: 'no-step' })).toBeNull()
    expect(() => upgradeDraft({ v: 1 }, { 1: (d) => ({ ...d, v: 3 }) }, 2)).toThrow(/produced v3/)
  })
})
