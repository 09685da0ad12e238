import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LabourCapacity } from './codes.js'
import { addCalendarMonths, checkExit, EXIT_STABLE_MONTHS, ExitReasonList, type ExitAssessment } from './exit.js'
import { CHECKLIST_ITEMS, type AidChecklist } from './visits.js'

const RUNS = { numRuns: 1000 }
const ALL_MET: AidChecklist = { food: true, clothing: true, schooling: true, medical: true, housing: true, water: true }
const dateOf = (offset: number) => new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)

const date = fc.integer({ min: 0, max: 1200 }).map(dateOf)
const line = fc.integer({ min: 100_000, max: 900_000 })
const assessment: fc.Arbitrary<ExitAssessment> = fc.record({
  asOf: date,
  perCapitaFen: fc.integer({ min: 0, max: 2_000_000 }),
  monitoringFen: fc.option(line, { freq: 8 }),
})
/** Histories that tend to sit above the line, so eligible ones are common too. */
const aboveAssessment: fc.Arbitrary<ExitAssessment> = fc
  .record({ asOf: date, monitoringFen: line, margin: fc.integer({ min: 0, max: 500_000 }) })
  .map(({ asOf, monitoringFen, margin }) => ({ asOf, monitoringFen, perCapitaFen: monitoringFen + margin }))
const history = fc.array(fc.oneof({ weight: 1, arbitrary: assessment }, { weight: 3, arbitrary: aboveAssessment }), { maxLength: 12 })
const anyChecklist = fc.record({ food: fc.boolean(), clothing: fc.boolean(), schooling: fc.boolean(), medical: fc.boolean(), housing: fc.boolean(), water: fc.boolean() })
/** All items met half the time, so that eligible households are generated often enough to test. */
const checklist = fc.option(fc.oneof(fc.constant(ALL_MET), anyChecklist), { freq: 10 })
const capacity = fc.constantFrom<LabourCapacity>('ordinary', 'skilled', 'weak', 'lost', 'none')
const noLabour = fc.array(fc.constantFrom<LabourCapacity>('lost', 'none'), { maxLength: 6 })
const months = fc.integer({ min: 1, max: 24 })
const isAbove = (a: ExitAssessment) => a.monitoringFen !== null && a.perCapitaFen >= a.monitoringFen

describe('exit rule (脱贫退出)', () => {
  it('is met by a household above the line for six months with every checklist item', () => {
    const r = checkExit({
      assessments: [
        { asOf: '2025-12-01', perCapitaFen: 500_000, monitoringFen: 600_000 },
        { asOf: '2026-03-10', perCapitaFen: 650_000, monitoringFen: 600_000 },
        { asOf: '2026-06-10', perCapitaFen: 700_000, monitoringFen: 620_000 },
      ],
      checklist: ALL_MET,
      labourCapacities: ['weak', 'none'],
      today: '2026-09-10',
      automatic: true,
    })
    expect(r).toMatchObject({ eligible: true, reasons: [], stableSince: '2026-03-10', stableFrom: '2026-09-10' })
  })

  it('names every reason at once', () => {
    const r = checkExit({
      assessments: [{ asOf: '2026-08-01', perCapitaFen: 700_000, monitoringFen: 600_000 }],
      checklist: { ...ALL_MET, housing: false, water: false },
      labourCapacities: ['lost'],
      today: '2026-09-01',
      automatic: true,
    })
    expect(r.reasons).toEqual(['stable_period', 'checklist:housing', 'checklist:water', 'no_labour'])
    expect(checkExit({ assessments: [], checklist: null, labourCapacities: [], today: '2026-09-01', automatic: false }).reasons).toEqual(['no_income', 'no_checklist'])
    expect(checkExit({ assessments: [{ asOf: '2026-01-01', perCapitaFen: 1, monitoringFen: null }], checklist: ALL_MET, labourCapacities: ['ordinary'], today: '2026-09-01', automatic: false }).reasons).toEqual(['no_line'])
    expect(ExitReasonList.label('stable_period', 'zh-CN')).toBe('收入稳定期未满')
  })

  it('counts a day with any look under the line as under it, whatever order the looks come in', () => {
    const under = { asOf: '2024-12-22', perCapitaFen: 0, monitoringFen: null }
    const over = { asOf: '2024-12-22', perCapitaFen: 100_000, monitoringFen: 100_000 }
    for (const assessments of [[under, over], [over, under]]) {
      const r = checkExit({ assessments, checklist: ALL_MET, labourCapacities: [], today: '2025-01-22', stableMonths: 1, automatic: false })
      expect(r).toMatchObject({ eligible: false, reasons: ['no_line'], stableSince: null })
    }
    const later = { asOf: '2025-01-01', perCapitaFen: 200_000, monitoringFen: 100_000 }
    expect(checkExit({ assessments: [later, over, under], checklist: ALL_MET, labourCapacities: [], today: '2025-03-01', stableMonths: 1, automatic: false }).stableSince).toBe('2025-01-01')
  })

  it('adds months clamped to the month end', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29')
    expect(addCalendarMonths('2026-01-15', 12)).toBe('2027-01-15')
  })

  it('never proposes a household without labour automatically', () => {
    fc.assert(
      fc.property(history, checklist, noLabour, date, months, (assessments, c, labour, today, stableMonths) => {
        const r = checkExit({ assessments, checklist: c, labourCapacities: labour, today, stableMonths, automatic: true })
        expect(r.eligible).toBe(false)
        expect(r.reasons).toContain('no_labour')
      }),
      RUNS,
    )
  })

  it('never before the stable period: every assessment since the last one under the line is older than stableMonths', () => {
    let eligible = 0
    fc.assert(
      fc.property(history, checklist, fc.array(capacity, { maxLength: 6 }), date, months, fc.boolean(), (assessments, c, labour, today, stableMonths, automatic) => {
        const r = checkExit({ assessments, checklist: c, labourCapacities: labour, today, stableMonths, automatic })
        if (!r.eligible) return
        eligible++
        const known = assessments.filter((a) => a.asOf <= today)
        expect(known.length).toBeGreaterThan(0)
        const latestBelow = known.filter((a) => !isAbove(a)).map((a) => a.asOf).sort().at(-1)
        const run = known.filter((a) => latestBelow === undefined || a.asOf > latestBelow)
        expect(run.length).toBeGreaterThan(0)
        const first = run.map((a) => a.asOf).sort()[0]!
        expect(addCalendarMonths(first, stableMonths) <= today).toBe(true)
        // and never while the latest look is under the line
        const latest = known.map((a) => a.asOf).sort().at(-1)!
        expect(known.filter((a) => a.asOf === latest).every(isAbove)).toBe(true)
      }),
      RUNS,
    )
    // The property is not vacuous: a fair share of the generated households were eligible.
    expect(eligible).toBeGreaterThan(20)
  })

  it('never with an unmet checklist item (or no checklist), naming each unmet item', () => {
    fc.assert(
      fc.property(history, checklist, fc.array(capacity, { maxLength: 6 }), date, fc.boolean(), (assessments, c, labour, today, automatic) => {
        const r = checkExit({ assessments, checklist: c, labourCapacities: labour, today, automatic })
        if (c === null) {
          expect(r.eligible).toBe(false)
          expect(r.reasons).toContain('no_checklist')
          return
        }
        const unmet = CHECKLIST_ITEMS.filter((k) => !c[k])
        for (const k of unmet) expect(r.reasons).toContain(`checklist:${k}`)
        if (unmet.length) expect(r.eligible).toBe(false)
      }),
      RUNS,
    )
  })

  it('never while a monitoring case is undecided, whatever else holds', () => {
    fc.assert(
      fc.property(history, checklist, fc.array(capacity, { maxLength: 6 }), date, months, fc.boolean(), (assessments, c, labour, today, stableMonths, automatic) => {
        const held = checkExit({ assessments, checklist: c, labourCapacities: labour, today, stableMonths, automatic, openMonitoringCase: true })
        expect(held.eligible).toBe(false)
        expect(held.reasons).toContain('monitoring_open')
        // and it is the only difference the case makes
        const free = checkExit({ assessments, checklist: c, labourCapacities: labour, today, stableMonths, automatic, openMonitoringCase: false })
        expect(free.reasons).toEqual(held.reasons.filter((r) => r !== 'monitoring_open'))
      }),
      RUNS,
    )
  })

  it('is monotone in time for a history above the line', () => {
    fc.assert(
      fc.property(
        fc.array(aboveAssessment, { minLength: 1, maxLength: 10 }),
        fc.array(capacity, { minLength: 1, maxLength: 6 }).filter((l) => l.some((x) => x !== 'lost' && x !== 'none')),
        date,
        fc.integer({ min: 0, max: 800 }),
        months,
        (assessments, labour, t1, later, stableMonths) => {
          const t2 = new Date(Date.parse(`${t1}T00:00:00Z`) + later * 86_400_000).toISOString().slice(0, 10)
          const at = (today: string) => checkExit({ assessments, checklist: ALL_MET, labourCapacities: labour, today, stableMonths, automatic: true }).eligible
          if (at(t1)) expect(at(t2)).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it('defaults to six stable months', () => {
    expect(EXIT_STABLE_MONTHS).toBe(6)
    const base = { assessments: [{ asOf: '2026-01-31', perCapitaFen: 10, monitoringFen: 10 }], checklist: ALL_MET, labourCapacities: ['ordinary' as const], automatic: true }
    expect(checkExit({ ...base, today: '2026-07-30' }).eligible).toBe(false)
    expect(checkExit({ ...base, today: '2026-07-31' }).eligible).toBe(true)
  })
})
