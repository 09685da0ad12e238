import { describe, expect, it } from 'vitest'
import {
  allocateFifo,
  DistributionItemInput,
  DonationInput,
  fifoCompare,
  GranaryCategory,
  GranaryCategoryList,
  itemKeyOf,
  ITEM_KEY_PATTERN,
  LotPhoto,
  newestLot,
  normalizeItemText,
  reasonFitsQuantity,
} from './index.js'

describe('granary categories', () => {
  it('lists the nine categories with zh-CN and en labels, and a zod enum of the same codes', () => {
    expect(GranaryCategoryList.codes).toEqual(['grain_oil', 'food', 'daily_necessities', 'clothing', 'bedding', 'stationery', 'medical_supplies', 'tea', 'other'])
    expect(GranaryCategoryList.label('grain_oil', 'zh-CN')).toBe('粮油')
    expect(GranaryCategoryList.label('medical_supplies', 'en')).toBe('Medical supplies')
    expect(GranaryCategory.options).toEqual([...GranaryCategoryList.codes])
    expect(GranaryCategory.safeParse('gold').success).toBe(false)
  })
})

describe('item key', () => {
  it('is category + a hash of the normalised description and unit', () => {
    const k = itemKeyOf('grain_oil', '金龙鱼 菜籽油 5L', '桶')
    expect(k).toMatch(ITEM_KEY_PATTERN)
    expect(k.startsWith('grain_oil.')).toBe(true)
    expect(itemKeyOf('grain_oil', ' 金龙鱼  菜籽油 ５ｌ ', '桶')).toBe(k)
    expect(itemKeyOf('grain_oil', '金龙鱼 菜籽油 5L', '箱')).not.toBe(k)
    expect(itemKeyOf('food', '金龙鱼 菜籽油 5L', '桶')).not.toBe(k)
    expect(normalizeItemText('  Ａｂｃ\t 米 ')).toBe('abc 米')
  })
})

describe('FIFO', () => {
  const lot = (id: string, receivedAt: string, balance: number, expiresOn: string | null = null) => ({ id, receivedAt, balance, expiresOn })

  it('orders by expiry (none last), then intake, then id', () => {
    const lots = [lot('c', '2026-01-03', 1), lot('b', '2026-01-01', 1), lot('a', '2026-01-01', 1), lot('x', '2026-02-01', 1, '2026-12-01'), lot('y', '2026-03-01', 1, '2026-06-01')]
    expect([...lots].sort(fifoCompare).map((l) => l.id)).toEqual(['y', 'x', 'a', 'b', 'c'])
  })

  it('takes what it needs lot by lot, skips empty and (given today) expired lots, and says what is available', () => {
    const lots = [lot('old', '2026-01-01', 2), lot('new', '2026-02-01', 5), lot('gone', '2026-01-15', 0), lot('stale', '2026-01-10', 4, '2026-05-01')]
    expect(allocateFifo(lots, 4, { today: '2026-05-02' })).toEqual({ lines: [{ lotId: 'old', quantity: 2 }, { lotId: 'new', quantity: 2 }], available: 7, expired: 4 })
    // On its expiry day a lot is still good.
    expect(allocateFifo(lots, 4, { today: '2026-05-01' }).lines).toEqual([{ lotId: 'stale', quantity: 4 }])
    expect(allocateFifo(lots, 12, { today: '2026-05-02' })).toMatchObject({ available: 7 })
    expect(allocateFifo(lots, 11).lines.reduce((s, l) => s + l.quantity, 0)).toBe(11)
  })

  it('puts a surplus on the newest lot', () => {
    expect(newestLot([lot('a', '2026-01-02', 0), lot('c', '2026-01-01', 0), lot('b', '2026-01-02', 0)])?.id).toBe('b')
    expect(newestLot([])).toBeUndefined()
  })

  it('fits reasons to directions', () => {
    expect(reasonFitsQuantity('stocktake_surplus', 1)).toBe(true)
    expect(reasonFitsQuantity('damaged', 1)).toBe(false)
    expect(reasonFitsQuantity('expired', -1)).toBe(true)
    expect(reasonFitsQuantity('other', -1)).toBe(true)
    expect(reasonFitsQuantity('stocktake_surplus', -1)).toBe(false)
    expect(reasonFitsQuantity('other', 0)).toBe(false)
  })
})

describe('contracts', () => {
  const item = { category: 'food', description: '挂面', quantity: 2, unit: '包', unitValueFen: 500, valuationBasis: 'estimate' }
  it('wants exactly one donor form', () => {
    const base = { receivedAt: '2026-11-20T02:00:00Z', items: [item] }
    expect(DonationInput.safeParse({ ...base, anonymous: true }).success).toBe(true)
    expect(DonationInput.safeParse({ ...base, donorId: 'd1' }).success).toBe(true)
    expect(DonationInput.safeParse({ ...base, donor: { kind: 'person', name: '王', phone: '13912345678' } }).success).toBe(true)
    expect(DonationInput.safeParse(base).success).toBe(false)
    expect(DonationInput.safeParse({ ...base, anonymous: true, donorId: 'd1' }).success).toBe(false)
  })
  it('keeps photos to small image data URLs', () => {
    expect(LotPhoto.safeParse(`data:image/webp;base64,${btoa('x'.repeat(300))}`).success).toBe(true)
    expect(LotPhoto.safeParse('data:text/html;base64,PGI+').success).toBe(false)
    expect(LotPhoto.safeParse(`data:image/png;base64,${'A'.repeat(280_000)}`).success).toBe(false)
  })
  it('names an item to hand out by key or by category and description', () => {
    expect(DistributionItemInput.safeParse({ itemKey: 'food.0123456789abcdef', quantity: 1 }).success).toBe(true)
    expect(DistributionItemInput.safeParse({ category: 'food', description: '挂面', quantity: 1 }).success).toBe(true)
    expect(DistributionItemInput.safeParse({ category: 'food', quantity: 1 }).success).toBe(false)
    expect(DistributionItemInput.safeParse({ itemKey: 'food.0123456789abcdef', unit: '包', quantity: 1 }).success).toBe(false)
  })
})
