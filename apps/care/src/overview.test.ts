import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { takeContractViolations } from '@chayi/testing/msw'
import { makeApp, mountApp, useMockApi } from './test-helpers'

const mock = useMockApi()
let wrapper: VueWrapper | undefined
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  mock.server.resetHandlers()
  expect(takeContractViolations()).toEqual([])
})
afterAll(() => mock.server.close())

const navLabels = (w: VueWrapper) => w.findAll('nav a').map((a) => a.text())

describe('care console overview', () => {
  it('shows the signed-in admin, the team and the roles, with the whole navigation', async () => {
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('overview')
    expect(wrapper.find('.c-topbar h1').text()).toBe('关爱中心台')
    expect(wrapper.find('.care-page__title').text()).toBe('概览')
    expect(wrapper.find('.shell-who__name').text()).toBe('周文华')
    expect(wrapper.findAll('.shell-who__roles .c-badge').map((b) => b.text())).toEqual(['管理员', '队长/带头人'])
    const team = wrapper.find('.care-team')
    expect(team.find('.care-team__name').text()).toBe('三圣街道幸福社区志愿服务队')
    expect(team.text()).toContain('幸福社区')
    expect(team.text()).toContain('锦江区')
    expect(navLabels(wrapper)).toEqual(['概览', '关爱对象', '茶义仓', '公益基金', '爱心伙伴', '志愿者', '结对探访', '情系藏区', '报表', '公开披露', '账号', '设备', '访问记录', '设置'])

    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.find('.c-topbar h1').text()).toBe('Care-centre console')
    expect(wrapper.findAll('.shell-who__roles .c-badge').map((b) => b.text())).toEqual(['Administrator', 'Team leader'])
    expect(navLabels(wrapper)).toEqual(['Overview', 'Register', 'Granary', 'Welfare fund', 'Partners', 'Volunteers', 'Pairings', 'Tibetan-area aid', 'Reports', 'Public disclosure', 'Accounts', 'Devices', 'Access log', 'Settings'])
  })

  it('gives care-centre staff the register, granary and volunteers but not accounts', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(wrapper.find('.shell-who__name').text()).toBe('刘芳')
    expect(wrapper.findAll('.shell-who__roles .c-badge').map((b) => b.text())).toEqual(['关爱中心工作人员'])
    expect(navLabels(wrapper)).toEqual(['概览', '关爱对象', '茶义仓', '公益基金', '爱心伙伴', '志愿者', '结对探访', '报表', '设置'])
    await made.router.push('/accounts')
    expect(made.router.currentRoute.value.name).toBe('no-access')
  })
})

describe('role guard', () => {
  it('sends a volunteer signed into the console to no-access', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('no-access')
    await flushPromises()
    expect(wrapper.text()).toContain('没有权限')
    expect(wrapper.text()).toContain('志愿者')
    // Only "switch account": home would bounce straight back here.
    expect(wrapper.findAll('main a, main button').map((b) => b.text())).toEqual(['换个账号登录'])
  })

  it('asks a visitor to sign in first', async () => {
    const made = makeApp()
    await mountApp(made, '/devices').then((w) => (wrapper = w))
    expect(made.router.currentRoute.value).toMatchObject({ name: 'sign-in', query: { redirect: '/devices' } })
  })
})
