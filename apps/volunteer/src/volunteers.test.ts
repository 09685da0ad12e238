import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { takeContractViolations } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { makeApp, mountApp, useMockApi } from './test-helpers'

const mock = useMockApi()
let wrapper: VueWrapper | undefined
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
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

const fieldError = (w: VueWrapper, name: string) => w.find(`input[name="${name}"]`).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()
async function fill(w: VueWrapper, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await w.find(`input[name="${name}"]`).setValue(value)
}
const adult = {
  realName: '陈小明',
  phone: '13912345678',
  idNumber: 'E12345678',
  birthDate: '1990-05-01',
  'emergencyContact.name': '陈大明',
  'emergencyContact.phone': '12',
  'emergencyContact.relation': '父亲',
  password: 'long-enough-pw',
}
async function register(w: VueWrapper, values: Record<string, string>) {
  await w.find('select').setValue('passport')
  await w.find('input[name="gender"][value="male"]').setValue(true)
  await w.find('input[name="aff-resident"]').setValue(true)
  await fill(w, values)
}

describe('registration', () => {
  it('shows a server field error beside the field, then succeeds after fixing it', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/register?team=sansheng-xingfu')
    expect(made.router.currentRoute.value.name).toBe('register')
    expect((wrapper.find('input[name="team"]').element as HTMLInputElement).value).toBe('sansheng-xingfu')
    await register(wrapper, adult)
    await wrapper.find('form#v-register').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'emergencyContact.phone')).toBe('请填写正确的 11 位手机号')
    expect(fieldError(wrapper, 'phone')).toBeUndefined()

    await fill(wrapper, { 'emergencyContact.phone': '13987654321' })
    await wrapper.find('form#v-register').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper!.find('.v-register__done').exists()).toBe(true))
    expect(wrapper.find('.v-register__done').text()).toContain('已提交，等待队长审核')
    expect(wrapper.find('.v-register__done').text()).toContain('13912345678')
    expect(mock.world.state.users.at(-1)!.user).toMatchObject({ phone: '13912345678', roles: [] })
  })

  it('shows the guardian block for a 15-year-old', async () => {
    wrapper = await mountApp(makeApp(), '/register')
    expect((wrapper.find('input[name="team"]').element as HTMLInputElement).value).toBe('xingfu')
    expect(wrapper.find('.v-register__guardian').exists()).toBe(false)
    const y = new Date().getFullYear() - 15
    await fill(wrapper, { birthDate: `${y}-01-01` })
    expect(wrapper.find('.v-register__guardian').exists()).toBe(true)
    expect(wrapper.find('input[name="guardian.name"]').exists()).toBe(true)
    await fill(wrapper, { birthDate: '1990-01-01' })
    expect(wrapper.find('.v-register__guardian').exists()).toBe(false)
  })
})

describe('join requests', () => {
  it('lets a leader approve a pending registration: it leaves the list and a toast gives the number', async () => {
    wrapper = await mountApp(makeApp(), '/register?team=sansheng-xingfu')
    await register(wrapper, { ...adult, 'emergencyContact.phone': '13987654321' })
    await wrapper.find('form#v-register').trigger('submit')
    await flushPromises()
    wrapper.unmount()

    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/join-requests')
    expect(wrapper.findAll('nav a').map((a) => a.text())).toEqual(['首页', '加入申请', '带队', '消息', '我的'])
    const items = wrapper.findAll('.v-request')
    expect(items).toHaveLength(1)
    expect(items[0]!.text()).toContain('陈小明')
    expect(items[0]!.find('.v-request__phone').text()).toBe('139****5678')
    await items[0]!.find('.v-approve').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('.v-request')).toHaveLength(0)
    expect(useToast().toasts.map((t) => t.message)).toContain('已通过 陈小明，志愿者编号 XINGFU-000001')
  })

  it('hides the nav item from a volunteer and refuses the route', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    wrapper = await mountApp(made, '/join-requests')
    expect(made.router.currentRoute.value.name).not.toBe('join-requests')
    expect(wrapper.findAll('nav a').map((a) => a.text())).not.toContain('加入申请')
  })

  it('says on 我的 when someone is not a volunteer', async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/me')
    await flushPromises()
    expect(wrapper.find('.v-profile__none').text()).toBe('您还没有登记为志愿者。')
  })
})
