import { newId } from '../ids.js'

// Test data of the visit, exit and monitoring tests.

export const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
export const ALL_MET = { food: true, clothing: true, schooling: true, medical: true, housing: true, water: true }

/** A visit as the tracker sends it (the test clock starts at 2026-11-28T08:00Z). */
export function newVisit(householdId: string, over: Record<string, unknown> = {}) {
  return { id: newId(), householdId, visitedAt: '2026-11-28T06:30:00.000Z', notes: '家中一切正常，牦牛 12 头', checklist: ALL_MET, ...over }
}

export const income = (wagesFen: number, over: Record<string, number> = {}) => ({ wagesFen, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0, ...over })
