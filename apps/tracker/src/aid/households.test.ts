import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { trackerTest, until } from '../test-kit'

const kit = trackerTest()

describe('households', () => {
  it('lists the worker’s own households first, with status, place and members', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('[data-test="household-item"]').length).toBe(6))
    const mine = kit.$$('[data-test="households-mine"] [data-test="household-item"]').map((li) => li.dataset.code)
    expect(mine).toEqual(['DW-0001', 'DW-0002', 'DW-0003', 'DW-0004'])
    expect(kit.$$('[data-test="households-others"] [data-test="household-item"]').map((li) => li.dataset.code)).toEqual(['DW-0005', 'DW-0006'])
    const first = kit.$('[data-test="household-item"]')!.textContent!
    expect(first).toContain('帮扶中')
    expect(first).toContain('示例县 · 卓玛乡 · 达瓦村')
    expect(first).toContain('3 人')
    // The assigned ones are kept on the phone (their full head name shows), with the time of the refresh.
    await until(() => expect(first.includes('བཀྲ་ཤིས་ཚེ་རིང་') || kit.$('[data-test="household-item"]')!.textContent!.includes('བཀྲ་ཤིས་ཚེ་རིང་')).toBe(true))
    expect(kit.$('[data-test="households-kept-at"]')!.textContent).toContain('本机资料更新于')
  })

  it('finds a household by code or by the head’s name', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('[data-test="household-item"]').length).toBe(6))
    await kit.type('[data-test="household-search"]', 'dw-0003')
    expect(kit.$$('[data-test="household-item"]').map((li) => li.dataset.code)).toEqual(['DW-0003'])
    await until(() => expect(kit.text()).toContain('可离线打开'))
    await kit.type('[data-test="household-search"]', 'ཚེ་རིང་དབང་མོ')
    expect(kit.$$('[data-test="household-item"]').map((li) => li.dataset.code)).toEqual(['DW-0002'])
    await kit.type('[data-test="household-search"]', '不存在')
    expect(kit.text()).toContain('没有找到符合的帮扶户')
  })

  it('shows a household: Tibetan names, facts, status history, pairing, income against the lines, visits', async () => {
    const id = kit.world().households[0]!.detail.id
    await kit.start(`/households/${id}`)
    await until(() => expect(kit.$('[data-test="household-name"]')).not.toBeNull())
    expect(kit.$('[data-test="household-name"]')!.textContent).toBe('བཀྲ་ཤིས་ཚེ་རིང་ (扎西次仁)')
    expect(kit.$('[data-test="household-members"]')!.textContent).toContain('སྒྲོལ་མ་')
    expect(kit.$('[data-test="household-facts"] [data-field="housingStructure"]')!.textContent).toBe('石木')
    expect(kit.$('[data-test="household-history"]')!.textContent).toContain('结对帮扶开始')
    expect(kit.$('[data-test="household-pairing"]')!.textContent).toContain('成都雪域茶业有限公司')
    // 2025: (15000 + 10000 + 600 + 4800 − 3500) / 3 = 8966.66 → ¥8,966.66, above the ¥7,500 line.
    expect(kit.$('[data-test="household-income"]')!.textContent).toContain('2025 年人均纯收入 ¥8,966.66')
    expect(kit.$('[data-test="household-income"]')!.textContent).toContain('高于监测线')
    expect(kit.$$('[data-test="household-income"] tbody tr').map((r) => r.textContent)).toHaveLength(4)
    expect(kit.$('[data-test="household-visits"]')!.textContent).toContain('青稞收成比去年好')
    expect(kit.$('[data-test="bank-account"]')!.textContent).toContain('6217 **** **** 3322')
  })

  it('reveals a sealed field only with a reason, and the reason is logged', async () => {
    const h = kit.world().households[0]!
    await kit.start(`/households/${h.detail.id}`)
    await until(() => expect(kit.$('[data-test="reveal-bank_account"]')).not.toBeNull())
    await kit.press('[data-test="reveal-bank_account"]')
    await until(() => expect(document.querySelector('[data-test="reveal-form"]')).not.toBeNull())
    const form = document.querySelector<HTMLFormElement>('[data-test="reveal-form"]')!
    form.querySelector<HTMLButtonElement>('[data-test="reveal-submit"]')!.click()
    await flushPromises()
    expect(kit.world().reveals).toEqual([])
    const input = form.querySelector<HTMLInputElement>('[data-test="reveal-reason"]')!
    input.value = '核对低保金发放账户'
    input.dispatchEvent(new Event('input'))
    form.querySelector<HTMLButtonElement>('[data-test="reveal-submit"]')!.click()
    await until(() => expect(kit.$('[data-test="bank-account"]')!.textContent).toContain('6217000011113322'))
    expect(kit.world().reveals).toEqual([{ householdId: h.detail.id, field: 'bank_account', reason: '核对低保金发放账户' }])
  })

  it('offers no reveal on a household the worker may not see whole', async () => {
    const other = kit.world().households[4]!
    await kit.start(`/households/${other.detail.id}`)
    await until(() => expect(kit.$('[data-test="bank-account"]')).not.toBeNull())
    expect(kit.$('[data-test="bank-account"]')!.textContent).toContain('无权查看')
    expect(kit.$('[data-test="reveal-bank_account"]')).toBeNull()
  })

  it('opens the assigned households from the phone after a reload with no network', async () => {
    await kit.start('/households')
    await until(() => expect(kit.text()).toContain('可离线打开'))
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    await kit.setOnline(false)
    const id = kit.world().households[1]!.detail.id
    await kit.start('/households', { fresh: false })
    await until(() => expect(kit.$$('[data-test="household-item"]').length).toBe(6))
    expect(kit.text()).toContain('离线：显示的是本机保存的资料')
    await kit.go(`/households/${id}`, '[data-test="household-name"]')
    expect(kit.$('[data-test="household-name"]')!.textContent).toBe('ཚེ་རིང་དབང་མོ་ (次仁旺姆)')
    expect(kit.text()).toContain('本机资料更新于')
    // One the worker does not keep is not on the phone.
    await kit.go(`/households/${kit.world().households[5]!.detail.id}`, '.c-empty')
    expect(kit.text()).toContain('没有保存在本机')
  })
})
