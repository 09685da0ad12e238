import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { aidId } from './seed'

// A need's actions follow its status: a delivered need is met — it shows its delivery and offers
// no pledge, withdrawal or delivery to record; an open or pledged one still takes pledges.
let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})
const settle = async () => {
  for (let i = 0; i < 8; i++) await flushPromises()
}
const actions = (w: VueWrapper) => w.findAll('button, a.c-button').map((b) => b.text().trim())

describe('a delivered need', () => {
  it('shows its delivery and offers nothing more to record', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), `/aid/needs/${aidId(301)}`)
    await settle()
    expect(wrapper.find('.aid-need-status').text()).toBe('已送达')
    // Its delivery, one click from the photos and the household's confirmation.
    const row = wrapper.findAll('.aid-deliveries tbody tr')[0]!
    expect(row.text()).toContain('融新茶业有限公司')
    expect(row.find('a').attributes('href')).toContain(`/aid/deliveries/${aidId(501)}`)
    expect(wrapper.find('.aid-delivered').text()).toContain('¥3,000.00')
    // No action the API would refuse or that would record it again.
    expect(wrapper.find('form#aid-pledge').exists()).toBe(false)
    expect(wrapper.find('.aid-withdraw').exists()).toBe(false)
    expect(actions(wrapper).filter((a) => /送达|认领|撤回/.test(a))).toEqual([])
  })

  it('a pledged need still takes a pledge and can be withdrawn', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), `/aid/needs/${aidId(302)}`)
    await settle()
    expect(wrapper.find('.aid-need-status').text()).toBe('已认领')
    expect(wrapper.find('form#aid-pledge').exists()).toBe(true)
    expect(wrapper.find('.aid-withdraw').exists()).toBe(true)
    expect(wrapper.find('.aid-deliveries tbody').text()).not.toContain('融新茶业有限公司')
  })
})
