import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { useToast } from '@chayi/ui'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { partnersOf } from '../partners/mocks'
import { fundBalanceOf, fundOf } from './mocks'

// The fund screens against the mock API (same routes, rules and codes as the server). The mock
// fund starts with ¥600,000 from 融新茶业 (a partner), ¥500, ¥200 and ¥1,000 of gifts, one approved
// expense of ¥12,800 and one request of ¥4,500 by 刘芳 (care staff) awaiting a decision.
let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const f = () => fundOf(mock.world.state)
const SEED_BALANCE = 60_000_000 + 50_000 + 20_000 + 100_000 - 1_280_000
async function set(w: VueWrapper, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await w.find(`[name="${name}"]`).setValue(value)
}
const settle = async () => {
  for (let i = 0; i < 5; i++) await flushPromises()
}
const rowOf = (w: VueWrapper, purpose: string) => w.findAll('.fund-expenses tbody tr').find((r) => r.text().includes(purpose))!

describe('the fund page', () => {
  it('shows the balance, the ledger newest first with the balance after each entry', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/fund')
    await settle()
    expect(wrapper.find('.fund-stat-balance').text()).toContain('¥588,900.00')
    expect(wrapper.find('.fund-stat-pending').text()).toContain('1')
    const rows = wrapper.findAll('.fund-ledger tbody tr')
    expect(rows).toHaveLength(5)
    expect(rows[0]!.text()).toContain('王建华')
    expect(rows[0]!.text()).toContain('¥588,900.00')
    expect(rows.at(-1)!.text()).toContain('融新茶业有限公司')
    // A leader reads and decides, but does not record or reverse.
    expect(wrapper.find('.fund-to-income').exists()).toBe(false)
    expect(wrapper.find('.fund-reverse').exists()).toBe(false)
  })

  it('records income from a partner and shows the receipt with its number, code and QR code', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/fund/income/new')
    await settle()
    const tea = partnersOf(mock.world.state).partners.find((p) => p.name === '融新茶业有限公司')!
    await wrapper.find('select[name="partnerId"]').setValue(tea.id)
    await set(wrapper, { amountFen: '1234.5', channel: 'wechat' })
    await wrapper.find('form#fund-income').trigger('submit')
    await vi.waitFor(() => expect(wrapper!.find('.fund-receipt').exists()).toBe(true), { timeout: 5000 })
    const income = f().income.at(-1)!
    expect(income).toMatchObject({ amountFen: 123_450, channel: 'wechat', donorKind: 'enterprise', donorName: '融新茶业有限公司', partnerId: tea.id })
    expect(made.router.currentRoute.value.path).toBe(`/fund/income/${income.id}`)
    expect(wrapper.find('.fund-receipt__number').text()).toMatch(/-F-\d{4}-000005$/)
    expect(wrapper.find('.fund-receipt__code').text()).toBe(income.receiptCode)
    expect(wrapper.find('.fund-receipt__amount').text()).toBe('¥1,234.50')
    await vi.waitFor(() => expect(wrapper!.find('.fund-receipt__qr svg').exists()).toBe(true), { timeout: 5000 })
  })

  it('reverses an entry with a reason; the entry is marked and the balance drops', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/fund')
    await settle()
    const first = wrapper.findAll('.fund-ledger tbody tr')[0]!
    await first.find('.fund-reverse').trigger('click')
    await flushPromises()
    await wrapper.find('form#fund-reverse').trigger('submit')
    await flushPromises()
    expect(document.body.textContent).toContain('请写明冲销原因')
    await wrapper.find('input[name="reason"]').setValue('金额登记错误')
    await wrapper.find('form#fund-reverse').trigger('submit')
    await settle()
    expect(fundBalanceOf(f())).toBe(SEED_BALANCE - 100_000)
    const rows = wrapper.findAll('.fund-ledger tbody tr')
    expect(rows[0]!.text()).toContain('冲销第 5 笔：金额登记错误')
    expect(rows[1]!.find('.fund-reversed-mark').exists()).toBe(true)
    expect(rows[0]!.find('.fund-reverse').exists()).toBe(false)
    expect(wrapper.find('.fund-stat-balance').text()).toContain('¥587,900.00')
  })
})

describe('expenses under the two-person rule', () => {
  it('A requests; A sees it needs another person and no approve button; B approves and the balance drops', async () => {
    mock.signInAs('admin')
    let made = makeApp()
    wrapper = await mountApp(made, '/fund/expenses/new')
    await set(wrapper, { purpose: '助残轮椅维修', payee: '锦江康复器材店', amountFen: '860', reference: '发票 No.0012' })
    await wrapper.find('form#fund-expense').trigger('submit')
    await vi.waitFor(() => expect(made.router.currentRoute.value.path).toBe('/fund/expenses'), { timeout: 5000 })
    await settle()
    const x = f().expenses.at(-1)!
    expect(x).toMatchObject({ purpose: '助残轮椅维修', amountFen: 86_000, attachment: '发票 No.0012', status: 'requested', requestedBy: mock.world.state.user('admin').user.id })
    const mine = rowOf(wrapper, '助残轮椅维修')
    expect(mine.text()).toContain('需另一人审批')
    expect(mine.find('.fund-decide').exists()).toBe(false)
    // …while 刘芳's request is someone else's: the admin may decide it.
    expect(rowOf(wrapper, '冬季棉被采购').find('.fund-decide').exists()).toBe(true)
    wrapper.unmount()

    mock.signInAs('leader')
    made = makeApp()
    wrapper = await mountApp(made, '/fund/expenses')
    await settle()
    const row = rowOf(wrapper, '助残轮椅维修')
    expect(row.text()).toContain('周文华')
    await row.find('.fund-decide').trigger('click')
    await settle()
    expect(document.body.textContent).toContain('你是申请人以外的第二人')
    ;(document.querySelector('.fund-approve') as HTMLButtonElement).click()
    await settle()
    expect(f().expenses.at(-1)!).toMatchObject({ status: 'approved', decidedBy: mock.world.state.user('leader').user.id })
    expect(fundBalanceOf(f())).toBe(SEED_BALANCE - 86_000)
    expect(rowOf(wrapper, '助残轮椅维修').text()).toContain('已批准')
    expect(useToast().toasts.map((t) => t.message)).toContain('已批准，¥860.00 已从基金付出')

    await made.router.push('/fund')
    await settle()
    expect(wrapper.find('.fund-stat-balance').text()).toContain('¥588,040.00')
    expect(wrapper.findAll('.fund-ledger tbody tr')[0]!.text()).toContain('助残轮椅维修')
  })

  it("puts the server's refusals in words: beyond the balance, and one's own request", async () => {
    mock.signInAs('care')
    let made = makeApp()
    wrapper = await mountApp(made, '/fund/expenses/new')
    await set(wrapper, { purpose: '购置助残车', payee: '某汽车公司', amountFen: '900000' })
    await wrapper.find('form#fund-expense').trigger('submit')
    await vi.waitFor(() => expect(made.router.currentRoute.value.path).toBe('/fund/expenses'), { timeout: 5000 })
    await settle()
    // Care staff do not decide at all; they see who may.
    expect(rowOf(wrapper, '购置助残车').text()).toContain('需另一人审批')
    wrapper.unmount()

    mock.signInAs('admin')
    made = makeApp()
    wrapper = await mountApp(made, '/fund/expenses')
    await settle()
    await rowOf(wrapper, '购置助残车').find('.fund-decide').trigger('click')
    await settle()
    expect(document.body.textContent).toContain('余额不足')
    ;(document.querySelector('.fund-approve') as HTMLButtonElement).click()
    await settle()
    expect(document.querySelector('.fund-decide-problem')?.textContent).toBe('基金余额 ¥588,900.00，不够支付 ¥900,000.00，不能批准。')
    expect(f().expenses.at(-1)!.status).toBe('requested')
    expect(fundBalanceOf(f())).toBe(SEED_BALANCE)
  })

  it('the server refuses the requester too (403 same_person), said in words', async () => {
    mock.signInAs('admin')
    const x = f().expenses.at(-1)!
    x.requestedBy = mock.world.state.user('admin').user.id
    const made = makeApp()
    wrapper = await mountApp(made, '/fund/expenses')
    await settle()
    // The screen shows no button; a stale page or another tab still gets the server's answer in words.
    expect(rowOf(wrapper, '冬季棉被采购').find('.fund-decide').exists()).toBe(false)
    x.requestedBy = mock.world.state.user('care').user.id
    await made.router.push('/fund')
    await made.router.push('/fund/expenses')
    await settle()
    await rowOf(wrapper, '冬季棉被采购').find('.fund-decide').trigger('click')
    await settle()
    x.requestedBy = mock.world.state.user('admin').user.id
    ;(document.querySelector('.fund-approve') as HTMLButtonElement).click()
    await settle()
    expect(document.querySelector('.fund-decide-problem')?.textContent).toBe('不能审批自己提交的申请，须由另一位管理员或带头人审批。')
    expect(x.status).toBe('requested')
  })
})

describe('the monthly statement', () => {
  it('shows opening, the lines and closing of a month, and moves between months', async () => {
    mock.signInAs('leader')
    const made = makeApp()
    const now = new Date()
    const month = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)
    wrapper = await mountApp(made, '/fund/statements')
    await settle()
    expect(made.router.currentRoute.value.path).toBe(`/fund/statements/${month}`)
    const entries = f().entries
    const { from, to } = { from: `${month}-01T00:00:00+08:00`, to: '' }
    void to
    const opening = entries.filter((e) => Date.parse(e.occurredAt) < Date.parse(from)).reduce((s, e) => s + e.amountFen, 0)
    const inMonth = entries.filter((e) => Date.parse(e.occurredAt) >= Date.parse(from))
    const closing = opening + inMonth.reduce((s, e) => s + e.amountFen, 0)
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`
    expect(wrapper.find('.fund-opening').text()).toBe(yuan(opening))
    expect(wrapper.find('.fund-closing').text()).toBe(yuan(closing))
    expect(closing).toBe(SEED_BALANCE)
    expect(wrapper.findAll('.fund-section-income tbody tr')).toHaveLength(inMonth.filter((e) => e.kind === 'income').length)

    await wrapper.find('.fund-prev').trigger('click')
    await settle()
    const prev = made.router.currentRoute.value.path.slice(-7)
    expect(prev < month).toBe(true)
    // Last month's closing is this month's opening.
    expect(wrapper.find('.fund-closing').text()).toBe(yuan(opening))
  })
})
