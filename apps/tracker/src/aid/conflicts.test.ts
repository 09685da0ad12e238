import { describe, expect, it } from 'vitest'
import type { OutboxRecord } from '@chayi/shell'
import { conflictOf, isConflictRecord, resolution } from './conflicts'

const refused = (over: Partial<OutboxRecord> = {}): OutboxRecord => ({
  v: 2,
  id: 'rec-1',
  seq: 3,
  method: 'PATCH',
  path: '/api/v1/aid/households/h-1',
  body: { baseVersion: 3, housingSafe: true, safeWater: false, electricity: true },
  createdAt: '2026-05-01T02:00:00.000Z',
  attempts: 1,
  status: 'failed',
  lastError: {
    status: 409,
    code: 'version_conflict',
    message: 'Someone else changed this record',
    at: '2026-05-01T03:00:00.000Z',
    body: { error: { code: 'version_conflict', message: 'x', issues: [{ path: 'housingSafe', message: 'changed' }, { path: 'safeWater', message: 'changed' }], currentVersion: 5, current: { housingSafe: false, safeWater: true } } },
  },
  ...over,
})

describe('household conflicts', () => {
  it('reads the fields both changed from the 409 the outbox kept', () => {
    const c = conflictOf(refused())!
    expect(c).toMatchObject({ recordId: 'rec-1', householdId: 'h-1', baseVersion: 3, currentVersion: 5 })
    // electricity agreed with the server already: not asked about.
    expect(c.fields).toEqual([
      { field: 'housingSafe', mine: true, theirs: false, onlyMine: false },
      { field: 'safeWater', mine: false, theirs: true, onlyMine: false },
    ])
  })

  it('tells a field only the worker changed (the server still has what they saw) from a real clash', () => {
    const c = conflictOf(refused(), undefined, { housingSafe: false, safeWater: false, electricity: false })!
    expect(c.fields.map((f) => [f.field, f.onlyMine])).toEqual([
      ['housingSafe', true],
      ['safeWater', false],
    ])
  })

  it('sends only the values the worker kept, on the server version', () => {
    const c = conflictOf(refused())!
    expect(resolution(c, { housingSafe: 'mine', safeWater: 'theirs' })).toEqual({ baseVersion: 5, housingSafe: true })
    expect(resolution(c, { housingSafe: 'theirs', safeWater: 'theirs' })).toBeNull()
  })

  it('falls back to the household as fetched when the record has no body', () => {
    const r = refused()
    r.lastError = { ...r.lastError!, body: undefined }
    expect(conflictOf(r)).toBeNull()
    const c = conflictOf(r, { version: 6, housingSafe: false, safeWater: false, electricity: true })!
    expect(c.currentVersion).toBe(6)
    expect(c.fields).toEqual([{ field: 'housingSafe', mine: true, theirs: false, onlyMine: false }])
  })

  it('ignores other refusals', () => {
    expect(isConflictRecord(refused({ status: 'pending' }))).toBe(false)
    expect(isConflictRecord(refused({ method: 'POST', path: '/api/v1/aid/visits' }))).toBe(false)
    expect(isConflictRecord(refused({ lastError: { status: 422, code: 'cause_repeated', message: '', at: '' } }))).toBe(false)
  })
})
