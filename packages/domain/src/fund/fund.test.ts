import { describe, expect, it } from 'vitest'
import { attachmentProblem, chinaMonthRange, ExpenseAttachment, FundChannelList, FundIncomeInput, formatFundReceiptNumber, fundBalance, MAX_EXPENSE_ATTACHMENT_BYTES } from '../index.js'

describe('fund rules', () => {
  it('gives the instants of a China-time month, across a year end', () => {
    expect(chinaMonthRange('2026-11')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' })
    expect(chinaMonthRange('2026-12')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' })
    expect(() => chinaMonthRange('2026-13')).toThrow(RangeError)
  })

  it('formats gap-free receipt numbers and sums signed entries', () => {
    expect(formatFundReceiptNumber('xf', 2026, 42)).toBe('XF-F-2026-000042')
    expect(fundBalance([{ amountFen: 100 }, { amountFen: -40 }, { amountFen: 40 }])).toBe(100)
  })

  it('accepts a small data URL or a one-line reference as an attachment', () => {
    const ok = `data:image/png;base64,${Buffer.alloc(MAX_EXPENSE_ATTACHMENT_BYTES).toString('base64')}`
    const big = `data:image/png;base64,${Buffer.alloc(MAX_EXPENSE_ATTACHMENT_BYTES + 1).toString('base64')}`
    expect(attachmentProblem(ok)).toBeNull()
    expect(attachmentProblem(big)).toMatch(/larger/)
    expect(attachmentProblem('data:text/plain;base64,aGk=')).toMatch(/data URL/)
    expect(attachmentProblem('凭证 2026-011')).toBeNull()
    expect(attachmentProblem('a\nb')).toMatch(/one line/)
    expect(ExpenseAttachment.safeParse('x'.repeat(301)).success).toBe(false)
  })

  it('has zh-CN and en labels for every channel, bank transfer included', () => {
    expect(FundChannelList.codes).toContain('bank_transfer')
    expect(FundChannelList.label('bank_transfer', 'zh-CN')).toBe('银行转账')
  })

  it('wants a pledge volunteer and month together, and no partner on an anonymous gift', () => {
    const base = { donor: { kind: 'anonymous' }, amountFen: 1, channel: 'cash', receivedAt: '2026-11-01T00:00:00.000Z' }
    expect(FundIncomeInput.safeParse(base).success).toBe(true)
    expect(FundIncomeInput.safeParse({ ...base, pledgeMonth: '2026-10' }).success).toBe(false)
    expect(FundIncomeInput.safeParse({ ...base, partnerId: 'p1' }).success).toBe(false)
  })
})
