import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AidConfirmation,
  AidMeasurePatch,
  AidMeasureStatus,
  AidMeasureStatusChange,
  AidNeedKindList,
  AidNeedListQuery,
  canMoveMeasure,
  defaultCreditComponent,
  MEASURE_TRANSITIONS,
  needStatusOf,
  NewAidDelivery,
  NewAidMeasure,
  NewAidNeed,
  NewAidPledge,
} from '../index.js'

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const delivery = (over: Record<string, unknown> = {}) => ({
  id: '0190b000-0000-7000-8000-000000000001',
  partnerId: 'p1',
  what: '茶厂岗位',
  valueFen: 3_600_000,
  deliveredOn: '2026-11-20',
  photos: [PNG],
  confirmation: { confirmedBy: '扎西', method: 'thumbprint' },
  ...over,
})

describe('measures (一户一策)', () => {
  it('moves forward only, and done and cancelled are final', () => {
    expect(canMoveMeasure('planned', 'in_progress')).toBe(true)
    expect(canMoveMeasure('in_progress', 'done')).toBe(true)
    expect(canMoveMeasure('planned', 'cancelled')).toBe(true)
    expect(canMoveMeasure('in_progress', 'planned')).toBe(false)
    for (const to of AidMeasureStatus.options) {
      expect(canMoveMeasure('done', to)).toBe(false)
      expect(canMoveMeasure('cancelled', to)).toBe(false)
    }
    // No status reaches itself and nothing leads back to planned.
    for (const [from, tos] of Object.entries(MEASURE_TRANSITIONS)) {
      expect(tos).not.toContain(from)
      expect(tos).not.toContain('planned')
    }
  })

  it('needs a reason to cancel, and never asks to go back to planned', () => {
    expect(AidMeasureStatusChange.safeParse({ status: 'cancelled' }).success).toBe(false)
    expect(AidMeasureStatusChange.safeParse({ status: 'cancelled', reason: '户主外出' }).success).toBe(true)
    expect(AidMeasureStatusChange.safeParse({ status: 'done' }).success).toBe(true)
    expect(AidMeasureStatusChange.safeParse({ status: 'planned' }).success).toBe(false)
  })

  it('patches at least one field of what a measure says; null clears', () => {
    expect(AidMeasurePatch.safeParse({}).success).toBe(false)
    expect(AidMeasurePatch.safeParse({ dueOn: null }).success).toBe(true)
    expect(AidMeasurePatch.safeParse({ amountFen: -1 }).success).toBe(false)
    expect(AidMeasurePatch.safeParse({ content: '' }).success).toBe(false)
  })

  it('takes a kind from the measure list, money as positive whole fen', () => {
    expect(NewAidMeasure.safeParse({ kind: 'employment', content: '务工', amountFen: 100 }).success).toBe(true)
    expect(NewAidMeasure.safeParse({ kind: 'jobs', content: '务工' }).success).toBe(false)
    expect(NewAidMeasure.safeParse({ kind: 'employment', content: '务工', amountFen: 1.5 }).success).toBe(false)
    expect(NewAidMeasure.safeParse({ kind: 'employment', content: '务工', amountFen: 0 }).success).toBe(false)
    expect(NewAidMeasure.safeParse({ kind: 'employment', content: '  ' }).success).toBe(false)
  })
})

describe('needs and pledges', () => {
  it('has the seven kinds of need with both labels', () => {
    expect(AidNeedKindList.codes).toEqual(['school_aid', 'medical', 'housing', 'industry', 'jobs', 'training', 'daily_necessities'])
    expect(AidNeedKindList.label('school_aid', 'zh-CN')).toBe('助学')
    expect(AidNeedKindList.label('daily_necessities', 'en')).toBe('Daily necessities')
    expect(NewAidNeed.safeParse({ kind: 'medical', description: '住院费用', estimatedFen: 500_000 }).success).toBe(true)
    expect(NewAidNeed.safeParse({ kind: 'medical', description: '住院费用', estimatedFen: -1 }).success).toBe(false)
    expect(NewAidPledge.safeParse({ partnerId: 'p1', what: '' }).success).toBe(false)
  })

  it('derives the status from what the need holds (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(5), fc.nat(5), (withdrawn, pledges, liveDeliveries) => {
        const s = needStatusOf({ withdrawn, pledges, liveDeliveries })
        if (withdrawn) return s === 'withdrawn'
        if (liveDeliveries > 0) return s === 'delivered'
        return s === (pledges > 0 ? 'pledged' : 'open')
      }),
    )
  })

  it('reads list filters from the query string', () => {
    expect(AidNeedListQuery.parse({ status: 'open', limit: '10' })).toMatchObject({ status: 'open', limit: 10 })
    expect(AidNeedListQuery.safeParse({ status: 'closed' }).success).toBe(false)
  })

  it('suggests wages for jobs and business for industry', () => {
    expect(defaultCreditComponent('jobs')).toBe('wagesFen')
    expect(defaultCreditComponent('industry')).toBe('businessFen')
    expect(defaultCreditComponent('medical')).toBeNull()
  })
})

describe('deliveries', () => {
  it('takes one to four photos as data URLs', () => {
    expect(NewAidDelivery.safeParse(delivery()).success).toBe(true)
    expect(NewAidDelivery.safeParse(delivery({ photos: [] })).success).toBe(false)
    expect(NewAidDelivery.safeParse(delivery({ photos: [PNG, PNG, PNG, PNG, PNG] })).success).toBe(false)
    expect(NewAidDelivery.safeParse(delivery({ photos: ['https://example.com/x.png'] })).success).toBe(false)
  })

  it('takes whole, non-negative fen for the value and a positive credit to one of the four sources', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (v) => NewAidDelivery.safeParse(delivery({ valueFen: v })).success === v >= 0),
    )
    expect(NewAidDelivery.safeParse(delivery({ valueFen: 10.5 })).success).toBe(false)
    expect(NewAidDelivery.safeParse(delivery({ incomeCredit: { component: 'wagesFen', amountFen: 100 } })).success).toBe(true)
    expect(NewAidDelivery.safeParse(delivery({ incomeCredit: { component: 'costsFen', amountFen: 100 } })).success).toBe(false)
    expect(NewAidDelivery.safeParse(delivery({ incomeCredit: { component: 'wagesFen', amountFen: 0 } })).success).toBe(false)
  })

  it('links a granary distribution or a fund expense, never both', () => {
    expect(NewAidDelivery.safeParse(delivery({ granaryDistributionId: 'g1' })).success).toBe(true)
    expect(NewAidDelivery.safeParse(delivery({ fundExpenseId: 'e1' })).success).toBe(true)
    const both = NewAidDelivery.safeParse(delivery({ granaryDistributionId: 'g1', fundExpenseId: 'e1' }))
    expect(both.success).toBe(false)
    expect(both.error?.issues[0]?.path).toEqual(['fundExpenseId'])
  })

  it('needs the signature image for a signature and none for a verbal confirmation', () => {
    expect(AidConfirmation.safeParse({ confirmedBy: '扎西', method: 'signature' }).success).toBe(false)
    expect(AidConfirmation.safeParse({ confirmedBy: '扎西', method: 'signature', signature: PNG }).success).toBe(true)
    expect(AidConfirmation.safeParse({ confirmedBy: '扎西', method: 'verbal', signature: PNG }).success).toBe(false)
    expect(AidConfirmation.safeParse({ confirmedBy: 'བཀྲ་ཤིས་', method: 'thumbprint', signature: PNG }).success).toBe(true)
    expect(AidConfirmation.safeParse({ confirmedBy: '', method: 'verbal' }).success).toBe(false)
  })
})
