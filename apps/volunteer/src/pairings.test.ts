import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { takeContractViolations } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import type { ActivityWorld } from './mock-store'
import { seedDemo } from './mocks'
import { chinaDay } from './screens/format'
import { makeApp, mountApp, useMockApi } from './test-helpers'

// 我的结对: my pairings with due days (the overdue one marked), and logging a visit that becomes
// hours awaiting approval.
const mock = useMockApi()
let wrapper: VueWrapper | undefined
let w: ActivityWorld
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  w = seedDemo(mock.world.state)
  localStorage.clear()
  useToast().clear()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  mock.server.resetHandlers()
  expect(takeContractViolations()).toEqual([])
})
afterAll(() => mock.server.close())

const settle = async () => {
  await flushPromises()
  await vi.waitFor(() => undefined)
  await flushPromises()
}
const toasts = () => useToast().toasts.map((t) => t.message)
const setInput = async (selector: string, value: string) => {
  const el = document.body.querySelector<HTMLInputElement>(selector)!
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('my pairings', () => {
  it('is linked from Me, lists my elders masked with the address, due days and the overdue mark, and the ended one apart', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    wrapper = await mountApp(made, '/me')
    await settle()
    await wrapper.find('.v-link--pairings').trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('pairings'))
    await settle()
    expect(wrapper.find('.v-title').text()).toBe('我的结对')
    const cards = wrapper.findAll('.v-pairing:not(.v-pairing--ended)')
    expect(cards).toHaveLength(2)
    // The overdue one first: weekly, last visit 12 days ago → 5 days late.
    expect(cards[0]!.classes()).toContain('v-pairing--overdue')
    expect(cards[0]!.find('.v-pairing__name').text()).toBe('王**')
    expect(cards[0]!.text()).toContain('幸福路8号1栋')
    expect(cards[0]!.find('.v-pairing__overdue').text()).toBe('已逾期 5 天')
    expect(cards[1]!.find('.v-pairing__overdue').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('王德明')
    const endedRow = wrapper.find('.v-pairing--ended')
    expect(endedRow.text()).toContain('陈**')
    expect(endedRow.text()).not.toContain('幸福养老院')
  })

  it('logs a visit: checks the form, then submits and says the hours await approval; the due day moves on', async () => {
    mock.signInAs('volunteer')
    wrapper = await mountApp(makeApp(), '/pairings')
    await settle()
    const before = w.hours.length
    await wrapper.findAll('.v-pairing__log')[0]!.trigger('click')
    await settle()
    // A concern without a note, and too many minutes: our own messages, nothing sent.
    await setInput('#v-visit-form input[name="minutes"]', '600')
    const concern = document.body.querySelector<HTMLInputElement>('#v-visit-form input[name="concern"]')!
    concern.checked = true
    concern.dispatchEvent(new Event('change'))
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('.v-visit-submit')!.click()
    await settle()
    const form = document.body.querySelector('#v-visit-form')!
    expect(form.textContent).toContain('请填写 1–480 之间的分钟数')
    expect(form.textContent).toContain('请说明发现的问题')
    expect(w.hours.length).toBe(before)

    await setInput('#v-visit-form input[name="minutes"]', '90')
    await setInput('#v-visit-form input[name="notes"]', '陪老人聊天，帮忙换灯泡')
    await setInput('#v-visit-form input[name="concernNote"]', '老人说最近头晕')
    document.body.querySelector<HTMLButtonElement>('.v-visit-submit')!.click()
    await settle()
    expect(toasts()).toContain('已提交探访记录，服务时长待审核')
    expect(w.hours.length).toBe(before + 1)
    expect(w.hours.at(-1)).toMatchObject({ source: 'visit', project: 'empty_nest', minutes: 90, status: 'pending', serviceDate: chinaDay(), activityId: null })
    // Visited today: the weekly pairing is due a week from now and no longer overdue.
    const first = wrapper.findAll('.v-pairing:not(.v-pairing--ended)').find((c) => c.text().includes('幸福路8号1栋'))!
    expect(first.classes()).not.toContain('v-pairing--overdue')
    expect(wrapper.findAll('.v-pairing__overdue')).toHaveLength(0)
  })

  it('speaks English', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    made.i18n.global.locale.value = 'en'
    wrapper = await mountApp(made, '/pairings')
    await settle()
    expect(wrapper.find('.v-title').text()).toBe('My pairings')
    expect(wrapper.find('.v-pairing__overdue').text()).toBe('Overdue by 5 days')
  })
})
