import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AidMonitoringDecisionList, caseAlerts, chinaIsoDate, isWorkingDay, monitoringDeadlines, weekdayOf } from './monitoring.js'

const RUNS = { numRuns: 1000 }
const DAY = 86_400_000
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => new Date(t).toISOString())
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY

describe('monitoring deadlines (防返贫监测)', () => {
  it('counts working days from the China date', () => {
    // Friday 2026-11-27, 10:00 in China → Tuesday.
    expect(monitoringDeadlines('2026-11-27T02:00:00.000Z')).toEqual({ openedOn: '2026-11-27', homeCheckDue: '2026-12-01', decisionDue: '2026-12-12' })
    // Friday 17:00 UTC is already Saturday in China.
    expect(monitoringDeadlines('2026-11-27T17:00:00.000Z')).toMatchObject({ openedOn: '2026-11-28', homeCheckDue: '2026-12-01' })
    // Monday → Wednesday.
    expect(monitoringDeadlines('2026-11-30T01:00:00.000Z').homeCheckDue).toBe('2026-12-02')
    expect(AidMonitoringDecisionList.label('assist', 'en')).toMatch(/fell back/)
  })

  it('puts the home check on a weekday, strictly after opening, with exactly 2 weekdays in (opened, due]', () => {
    fc.assert(
      fc.property(instant, (openedAt) => {
        const { openedOn, homeCheckDue } = monitoringDeadlines(openedAt)
        expect(openedOn).toBe(chinaIsoDate(openedAt))
        expect(isWorkingDay(homeCheckDue)).toBe(true)
        expect(homeCheckDue > openedOn).toBe(true)
        let weekdays = 0
        for (let i = 1; i <= days(openedOn, homeCheckDue); i++) {
          const d = new Date(Date.parse(`${openedOn}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10)
          if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) weekdays++
        }
        expect(weekdays).toBe(2)
      }),
      RUNS,
    )
  })

  it('puts the decision 15 calendar days after opening', () => {
    fc.assert(
      fc.property(instant, (openedAt) => {
        const { openedOn, decisionDue } = monitoringDeadlines(openedAt)
        expect(days(openedOn, decisionDue)).toBe(15)
      }),
      RUNS,
    )
  })

  it('is overdue for the home check iff the due day is past and none is recorded', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * DAY }), fc.boolean(), (openedAt, later, checked) => {
        const due = monitoringDeadlines(openedAt)
        const now = new Date(Date.parse(openedAt) + later).toISOString()
        const a = caseAlerts({ ...due, homeCheckAt: checked ? openedAt : null, decidedAt: null }, now)
        expect(a.homeCheckOverdue).toBe(!checked && chinaIsoDate(now) > due.homeCheckDue)
        expect(a.decisionOverdue).toBe(chinaIsoDate(now) > due.decisionDue)
        expect(a.overdue).toBe(a.homeCheckOverdue || a.decisionOverdue)
      }),
      RUNS,
    )
  })

  it('has nothing overdue once done', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * DAY }), (openedAt, later) => {
        const due = monitoringDeadlines(openedAt)
        const now = new Date(Date.parse(openedAt) + later).toISOString()
        expect(caseAlerts({ ...due, homeCheckAt: openedAt, decidedAt: now }, now)).toEqual({ homeCheckOverdue: false, decisionOverdue: false, overdue: false })
        expect(caseAlerts({ ...due, homeCheckAt: openedAt, decidedAt: null }, now).homeCheckOverdue).toBe(false)
      }),
      RUNS,
    )
  })
})
