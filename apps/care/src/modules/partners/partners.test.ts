import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { partnersOf } from './mocks'

// The partner screens against the mock API. 融新茶业 gave ¥600,000 to the fund; 融新粮油店 is linked
// to the granary donor of that name, whose donation of rice and oil is worth ¥1,699.00.
let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})
const settle = async () => {
  for (let i = 0; i < 5; i++) await flushPromises()
}
const p = () => partnersOf(mock.world.state)

describe('partners', () => {
  it('lists partners with kind and masked contact', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/partners')
    await settle()
    const rows = wrapper.findAll('.partners-list tbody tr')
    expect(rows).toHaveLength(4)
    const shop = rows.find((r) => r.text().includes('融新粮油店'))!
    expect(shop.text()).toContain('爱心企业')
    expect(shop.text()).toContain('138****3333')
    expect(shop.text()).not.toContain('13822223333')
    expect(wrapper.find('.partners-to-new').exists()).toBe(false)
  })

  it('adds a partner, an intention, marks it fulfilled; contributions come from the fund and the granary', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/partners/new')
    await wrapper.find('[name="name"]').setValue('锦江爱心药房')
    await wrapper.find('[name="industry"]').setValue('医药')
    await wrapper.find('[name="contactPhone"]').setValue('13700007777')
    await wrapper.find('form#partner-form').trigger('submit')
    await settle()
    const created = p().partners.at(-1)!
    expect(created).toMatchObject({ name: '锦江爱心药房', kind: 'enterprise', industry: '医药' })
    await vi.waitFor(() => expect(made.router.currentRoute.value.path).toBe(`/partners/${created.id}`), { timeout: 5000 })
    await vi.waitFor(() => expect(wrapper!.find('form#partner-intention').exists()).toBe(true), { timeout: 5000 })

    await wrapper.find('[name="kind"]').setValue('goods')
    await wrapper.find('[name="description"]').setValue('每月捐赠常用药品')
    await wrapper.find('[name="amountFen"]').setValue('500')
    await wrapper.find('form#partner-intention').trigger('submit')
    await settle()
    expect(p().intentions.at(-1)).toMatchObject({ partnerId: created.id, kind: 'goods', amountFen: 50_000, status: 'open' })
    const row = wrapper.findAll('.partners-intentions tbody tr')[0]!
    expect(row.text()).toContain('每月捐赠常用药品')
    await row.find('.partners-fulfil').trigger('click')
    await settle()
    expect(p().intentions.at(-1)!.status).toBe('fulfilled')
    expect(wrapper.findAll('.partners-intentions tbody tr')[0]!.text()).toContain('已兑现')

    const shop = p().partners.find((x) => x.name === '融新粮油店')!
    await made.router.push(`/partners/${shop.id}`)
    await settle()
    expect(wrapper.find('.partners-source-granary').text()).toContain('¥1,699.00')
    expect(wrapper.find('.partners-total').text()).toContain('¥1,699.00')
    const tea = p().partners.find((x) => x.name === '融新茶业有限公司')!
    await made.router.push(`/partners/${tea.id}`)
    await settle()
    expect(wrapper.find('.partners-source-fund').text()).toContain('¥600,000.00')
    expect(wrapper.find('.partners-phone').text()).toBe('13911112222')
  })
})
