import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { itemKeyOf } from '@chayi/domain'
import { fail, http } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { granaryOf } from './mocks'

// The granary screens against the mock API (same routes, rules and error codes as the server).
// The mock world starts with demo goods: 东北大米 5kg ×20 (¥45, 茶义仓) and ×10 (¥48, 社区活动室),
// of which 5 went to an activity; 菜籽油 ×10, 纯牛奶 ×6, 纯棉毛巾 ×30 at 茶义仓; 冬被 ×5 at 社区活动室.
let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const RICE = itemKeyOf('grain_oil', '东北大米 5kg', '袋')
const TOWEL = itemKeyOf('daily_necessities', '纯棉毛巾', '条')
const MILK = itemKeyOf('food', '纯牛奶 250ml×12', '箱')
const g = () => granaryOf(mock.world.state)

async function set(w: VueWrapper, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await w.find(`[name="${name}"]`).setValue(value)
}
const fieldError = (w: VueWrapper, name: string) => w.find(`[name="${name}"]`).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()

describe('granary stock', () => {
  it('lists the items with their units and values, totals, and links to stock cards', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/granary')
    const rows = wrapper.findAll('.granary-stock tbody tr')
    expect(rows).toHaveLength(5)
    const rice = rows.find((r) => r.text().includes('东北大米 5kg'))!
    expect(rice.text()).toContain('25')
    expect(rice.text()).toContain('¥1,155.00') // 15 × ¥45 + 10 × ¥48
    expect(rows.find((r) => r.text().includes('纯牛奶'))!.text()).toContain('临期')
    expect(wrapper.find('.granary-stats').text()).toContain('76') // 25 + 10 + 6 + 30 + 5 units
    // A leader reads; only keepers get the buttons to write.
    expect(wrapper.find('.granary-to-donate').exists()).toBe(false)

    await wrapper.find('select[name="category"]').setValue('grain_oil')
    await flushPromises()
    expect(wrapper.findAll('.granary-stock tbody tr')).toHaveLength(2)
    expect(rice.find('a').attributes('href')).toBe(`/granary/items/${RICE}`)
  })

  it('shows the stock card: movements with the running balance and the lots with their receipt codes', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), `/granary/items/${RICE}`)
    const rows = wrapper.findAll('.granary-card tbody tr')
    expect(rows.map((r) => r.findAll('td')[5]!.text())).toEqual(['20', '30', '25'])
    expect(rows[2]!.text()).toContain('-5')
    const codes = g().donations.slice(0, 3).map((d) => d.receiptCode)
    const lots = wrapper.findAll('.granary-lots tbody tr')
    expect(lots.map((r) => r.find('a').text())).toEqual([codes[0], codes[2]])
    expect(lots[0]!.text()).toContain('15') // 20 in, 5 out
  })
})

describe('donations', () => {
  it('records a donation with two lines and shows its printable receipt', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/granary/donations/new')
    await set(wrapper, { 'donor.name': '王大爷', 'donor.phone': '139 1111 2222' })
    await set(wrapper, { 'items.0.category': 'food', 'items.0.description': '挂面 1kg', 'items.0.quantity': '4', 'items.0.unit': '袋', 'items.0.unitValueFen': '6.5' })
    await wrapper.find('.granary-add-line').trigger('click')
    await set(wrapper, { 'items.1.category': 'daily_necessities', 'items.1.description': '洗衣粉', 'items.1.quantity': '2', 'items.1.unit': '袋', 'items.1.unitValueFen': '12', 'items.1.valuationBasis': 'voucher' })
    expect(wrapper.find('.granary-total').text()).toContain('¥50.00')

    await wrapper.find('form#granary-donation').trigger('submit')
    await vi.waitFor(() => expect(wrapper!.find('.granary-receipt').exists()).toBe(true), { timeout: 5000 })
    await flushPromises()
    const d = g().donations.at(-1)!
    expect(made.router.currentRoute.value.path).toBe(`/granary/donations/${d.id}`)
    expect(g().lots.filter((l) => l.donationId === d.id).map((l) => [l.description, l.quantity, l.unitValueFen, l.valuationBasis])).toEqual([
      ['挂面 1kg', 4, 650, 'market_price'],
      ['洗衣粉', 2, 1200, 'voucher'],
    ])
    const receipt = wrapper.find('.granary-receipt')
    expect(receipt.find('.granary-receipt__number').text()).toMatch(/-J-\d{4}-000004$/)
    expect(receipt.find('.granary-receipt__code').text()).toBe(d.receiptCode)
    expect(receipt.find('.granary-receipt__donor').text()).toContain('王大爷')
    expect(receipt.findAll('tbody tr')).toHaveLength(2)
    expect(receipt.find('.granary-receipt__total').text()).toBe('¥50.00')
    await vi.waitFor(() => expect(wrapper!.find('.granary-receipt__qr svg').exists()).toBe(true), { timeout: 5000 })
    expect(useToast().toasts.map((t) => t.message)).toContain(`已登记捐赠，凭证码 ${d.receiptCode}`)
  })

  it("puts the server's refusal beside the line: expired goods are not taken in", async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/granary/donations/new')
    await wrapper.find('input[name="donorMode"][value="anonymous"]').setValue(true)
    await set(wrapper, { 'items.0.category': 'food', 'items.0.description': '饼干', 'items.0.quantity': '3', 'items.0.unit': '盒', 'items.0.unitValueFen': '1.2.3', 'items.0.expiresOn': '2020-01-01' })
    await wrapper.find('form#granary-donation').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'items.0.unitValueFen')).toBe('请填写金额，最多两位小数')
    await set(wrapper, { 'items.0.unitValueFen': '5' })
    await wrapper.find('form#granary-donation').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'items.0.expiresOn')).toBe('已过期的物品不能入库')
    expect(fieldError(wrapper, 'items.0.unitValueFen')).toBeUndefined()
    expect(g().donations).toHaveLength(3)
  })

  it("shows a donor's receipts of the year", async () => {
    mock.signInAs('leader')
    const shop = g().donors.find((d) => d.name === '融新粮油店')!
    const year = new Date(g().donations[0]!.receivedAt).getFullYear()
    wrapper = await mountApp(makeApp(), `/granary/donors/${shop.id}/receipts?year=${year}`)
    const sheet = wrapper.find('.granary-year-receipt')
    expect(sheet.text()).toContain('融新粮油店')
    expect(sheet.findAll('tbody tr')).toHaveLength(1)
    expect(sheet.find('tfoot').text()).toContain('¥1,699.00') // 20 × ¥45 + 10 × ¥79.90
  })
})

describe('distributions', () => {
  async function start(w: VueWrapper) {
    await w.find('input[name="recipient.kind"][value="activity"]').setValue(true)
    await set(w, { 'recipient.id': 'act-double-ninth', 'recipient.label': '重阳节慰问', 'items.0.itemKey': RICE, 'items.0.quantity': '26' })
    await w.find('.granary-add-line').trigger('click')
    await set(w, { 'items.1.itemKey': TOWEL, 'items.1.quantity': '3' })
  }

  it('refuses more than is in stock, beside the line, and writes nothing', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/granary/distributions/new')
    await start(wrapper)
    await wrapper.find('form#granary-distribution').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'items.0.quantity')).toBe('库存不足：只有 25 袋')
    expect(fieldError(wrapper, 'items.1.quantity')).toBeUndefined()
    expect(g().distributions).toHaveLength(1)
    expect(wrapper.find('.granary-result').exists()).toBe(false)
  })

  it('hands out within stock and shows the FIFO lots, each traced to its donation receipt', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/granary/distributions/new')
    await start(wrapper)
    await set(wrapper, { 'items.0.quantity': '22' })
    await wrapper.find('form#granary-distribution').trigger('submit')
    await flushPromises()
    const result = wrapper.find('.granary-result')
    expect(result.exists()).toBe(true)
    const [first, , third] = g().donations
    const lines = result.findAll('.granary-trace__line')
    expect(lines).toHaveLength(2)
    // 15 left of the oldest lot first, then 7 from the next one.
    expect(lines[0]!.findAll('.granary-trace__lot').map((l) => [l.find('a').text(), l.text().includes('15 袋') ? 15 : l.text().includes('7 袋') ? 7 : 0])).toEqual([
      [first!.receiptCode, 15],
      [third!.receiptCode, 7],
    ])
    expect(lines[1]!.text()).toContain(g().donations[1]!.receiptCode)
    expect(g().distributions.at(-1)!.recipient).toEqual({ kind: 'activity', id: 'act-double-ninth', label: '重阳节慰问' })
  })

  it('says so when the register cannot be searched, leaving the free id and label', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/granary/distributions/new')
    mock.server.use(http.get('*/api/v1/beneficiaries', () => fail(503, 'unavailable', 'The register is not reachable.')))
    await set(wrapper, { who: '张' })
    await wrapper.find('.granary-search').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('暂时无法查询登记册')
  })

  it('reverses a distribution with a reason; the units go back to stock', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/granary/distributions')
    expect(wrapper.findAll('.granary-distributions tbody tr')).toHaveLength(1)
    await wrapper.find('.granary-reverse').trigger('click')
    await flushPromises()
    await wrapper.find('form#granary-reverse').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'reason')).toBe('请填写冲销原因')
    await set(wrapper, { reason: '活动取消' })
    await wrapper.find('form#granary-reverse').trigger('submit')
    await vi.waitFor(() => expect(wrapper!.find('.granary-distributions tbody tr').text()).toContain('已冲销'))
    const reversal = g().movements.at(-1)!
    expect(reversal).toMatchObject({ kind: 'reversal', note: '活动取消', reverses: g().movements.find((m) => m.kind === 'out')!.id })
    expect(wrapper.find('.granary-reverse').exists()).toBe(false)
    expect(useToast().toasts.map((t) => t.message)).toContain('已冲销')
  })
})

describe('blind stocktake', () => {
  it('hides the book figures until the counts are in, then shows variances with reasons, and closes into adjustments', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/granary/stocktakes')
    const main = g().places[0]!
    await set(wrapper, { placeId: main.id })
    await wrapper.find('form#granary-open-stocktake').trigger('submit')
    await vi.waitFor(() => expect(wrapper!.find('.granary-count').exists()).toBe(true), { timeout: 5000 })
    const take = g().stocktakes[0]!
    expect(made.router.currentRoute.value.path).toBe(`/granary/stocktakes/${take.id}`)

    // The count sheet: items only — no book column, no figure.
    const sheet = wrapper.find('.granary-count')
    expect(sheet.find('thead').text()).not.toContain('账面')
    expect(sheet.findAll('tbody tr')).toHaveLength(4)
    for (const row of sheet.findAll('tbody tr')) {
      expect(row.findAll('td')).toHaveLength(4)
      expect((row.find('input').element as HTMLInputElement).value).toBe('')
    }
    // (the sheet's rows, not the whole page: the page shows when the count began, e.g. 22:15)
    for (const book of ['15', '30']) expect(sheet.find('tbody').text()).not.toContain(book)
    expect(wrapper.find('.granary-variances').exists()).toBe(false)

    // Meanwhile the stock page hides the units of what is being counted (the API still sends them).
    await made.router.push('/granary')
    await flushPromises()
    const rows = wrapper.findAll('.granary-stock tbody tr')
    expect(rows.find((r) => r.text().includes('东北大米'))!.text()).toContain('盘点中')
    expect(rows.find((r) => r.text().includes('东北大米'))!.text()).not.toContain('25')
    expect(rows.find((r) => r.text().includes('冬被'))!.text()).toContain('5') // kept at the other place
    expect(wrapper.find('.granary-blind').exists()).toBe(true)
    await made.router.push(`/granary/stocktakes/${take.id}`)
    await flushPromises()

    // A blank count is ours to catch; then the counts go in.
    await wrapper.find('form#granary-counts').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, `count-${RICE}`)).toBe('请填写实盘数（没有就填 0）')
    for (const l of take.lines) await set(wrapper, { [`count-${l.itemKey}`]: String({ [RICE]: 14, [MILK]: 5 }[l.itemKey] ?? (l.itemKey === TOWEL ? 30 : 10)) })
    await wrapper.find('form#granary-counts').trigger('submit')
    await flushPromises()

    // Now the book figures and variances show, with a reason for each variance.
    const table = wrapper.find('.granary-variances')
    expect(table.find('thead').text()).toContain('账面数')
    const riceRow = table.findAll('tbody tr').find((r) => r.text().includes('东北大米'))!
    expect(riceRow.findAll('td').map((td) => td.text()).slice(1, 4)).toEqual(['14', '15', '-1'])
    expect((riceRow.find(`select[name="reason-${RICE}"]`).element as HTMLSelectElement).value).toBe('stocktake_shortage')
    expect(table.find(`select[name="reason-${TOWEL}"]`).exists()).toBe(false) // no variance
    await set(wrapper, { [`reason-${MILK}`]: 'expired', [`note-${MILK}`]: '一箱过期' })
    await wrapper.find('form#granary-close').trigger('submit')
    await flushPromises()

    expect(wrapper.find('.granary-variances').exists()).toBe(true)
    expect(wrapper.text()).toContain('盘点结果与调整')
    const adjustments = g().movements.filter((m) => m.kind === 'adjustment')
    expect(adjustments.map((m) => [m.reason, m.lines.reduce((s, l) => s + l.quantity, 0), m.note])).toEqual(
      expect.arrayContaining([
        ['stocktake_shortage', -1, null],
        ['expired', -1, '一箱过期'],
      ]),
    )
    expect(adjustments).toHaveLength(2)
    expect(g().stocktakes[0]!.status).toBe('closed')
    expect(wrapper.findAll('.granary-variances tbody tr').find((r) => r.text().includes('纯牛奶'))!.text()).toContain('过期')
  })
})
