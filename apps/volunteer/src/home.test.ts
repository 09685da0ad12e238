import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { MOCK_PASSWORD, takeContractViolations } from '@chayi/testing/msw'
import { useElderlyMode } from '@chayi/ui'
import { makeApp, mountApp, useMockApi } from './test-helpers'

const mock = useMockApi()
let wrapper: VueWrapper | undefined
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
  useElderlyMode().set(false)
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  mock.server.resetHandlers()
  expect(takeContractViolations()).toEqual([])
})
afterAll(() => mock.server.close())

const navLabels = (w: VueWrapper) => w.findAll('nav a').map((a) => a.text())

describe('volunteer portal home', () => {
  it('greets the signed-in volunteer and shows person, team and role', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('home')
    expect(wrapper.find('.c-topbar h1').text()).toBe('志愿者门户')
    expect(wrapper.find('.v-hello__title').text()).toBe('王秀兰，您好')
    const who = wrapper.find('.shell-who')
    expect(who.find('.shell-who__name').text()).toBe('王秀兰')
    expect(who.text()).toContain('三圣街道幸福社区志愿服务队')
    expect(who.findAll('.shell-who__roles .c-badge').map((b) => b.text())).toEqual(['志愿者'])
    // No activities in this world (the demo seed is not loaded): an honest empty list.
    expect(wrapper.find('.v-home__list .c-empty').text()).toContain('没有符合条件的活动')
    expect(navLabels(wrapper)).toEqual(['首页', '消息', '我的'])
  })

  it('speaks English after switching, roles included', async () => {
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.find('.v-hello__title').text()).toBe('Hello, 李建国')
    expect(wrapper.findAll('.shell-who__roles .c-badge').map((b) => b.text())).toEqual(['Team leader', 'Volunteer'])
    expect(navLabels(wrapper)).toEqual(['Home', 'Join requests', 'Lead', 'Inbox', 'Me']) // leaders also see 加入申请 and 带队
    expect(document.documentElement.lang).toBe('en')
  })

  it('signs a visitor in and lands on home', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('sign-in')
    await wrapper.find('input[name="login"]').setValue('volunteer')
    await wrapper.find('input[name="password"]').setValue(MOCK_PASSWORD)
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('home'))
    await flushPromises()
    expect(wrapper.find('.shell-who__name').text()).toBe('王秀兰')
  })

  it('sends someone without a volunteer role to no-access', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('no-access')
  })
})

describe('me', () => {
  it('switches language and elderly mode, and offers no kiosk PIN', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    wrapper = await mountApp(made, '/me')
    expect(wrapper.find('.v-title').text()).toBe('我的')
    expect(wrapper.find('.shell-who__name').text()).toBe('王秀兰')
    expect(wrapper.text()).not.toContain('PIN')

    await wrapper.find('main .c-lang button[lang="en"]').trigger('click')
    await flushPromises()
    expect(made.i18n.global.locale.value).toBe('en')
    expect(wrapper.find('.v-title').text()).toBe('Me')

    const toggle = wrapper.find('main [role="switch"]')
    expect(toggle.attributes('aria-checked')).toBe('false')
    await toggle.trigger('click')
    expect(document.documentElement.getAttribute('data-elderly')).toBe('true')
    expect(localStorage.getItem('chayi.elderly')).toBe('true')
    await toggle.trigger('click')
    expect(document.documentElement.hasAttribute('data-elderly')).toBe(false)
  })

  it('signs out to the sign-in page', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    wrapper = await mountApp(made, '/me')
    await wrapper.find('.v-signout').trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('sign-in'))
    expect(mock.world.state.signedIn).toBeNull()
  })
})
