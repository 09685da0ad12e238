import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MOCK_PASSWORD, takeContractViolations } from '@chayi/testing/msw'
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

async function savePin(w: VueWrapper, pin: string, password: string) {
  await w.find('input[name="pin"]').setValue(pin)
  await w.find('input[name="password"]').setValue(password)
  await w.find('form.care-pin').trigger('submit')
  await flushPromises()
}

describe('settings: own kiosk PIN', () => {
  it('needs the right password, then sets the PIN', async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/settings')
    await savePin(wrapper, '12', '')
    expect(fieldError(wrapper, 'pin')).toBe('PIN 码为 4 到 6 位数字')
    expect(fieldError(wrapper, 'password')).toBe('必填')

    await savePin(wrapper, '8642', 'not-my-password')
    expect(fieldError(wrapper, 'pin')).toBeUndefined()
    expect(fieldError(wrapper, 'password')).toBe('密码不正确')
    expect(mock.world.state.user('admin').pin).toBeUndefined()

    await savePin(wrapper, '8642', MOCK_PASSWORD)
    expect(mock.world.state.user('admin').pin).toBe('8642')
    expect(fieldError(wrapper, 'password')).toBeUndefined()
    expect(useToast().toasts.map((t) => t.message)).toContain('PIN 码已设置')
    expect((wrapper.find('input[name="pin"]').element as HTMLInputElement).value).toBe('')
  })

  it('offers no PIN to care-centre staff, who do not work the counter', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/settings')
    expect(wrapper.find('input[name="pin"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('您的角色不在茶馆当班')
  })

  it('switches the language from settings', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/settings')
    await wrapper.find('main .c-lang button[lang="en"]').trigger('click')
    await flushPromises()
    expect(made.i18n.global.locale.value).toBe('en')
    expect(wrapper.find('.care-page__title').text()).toBe('Settings')
    expect(localStorage.getItem('chayi.locale')).toBe('en')
  })
})
