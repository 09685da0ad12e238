import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { MOCK_PASSWORD } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { makeApp, mountApp, useMockApiHooks } from './test-helpers'

let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

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

describe('settings: volunteer service (leaders and admins)', () => {
  it('saves star thresholds and the certificate contact; thresholds must rise', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/settings')
    await flushPromises()
    const form = wrapper.find('form.care-volunteer-settings')
    expect(form.exists()).toBe(true)
    expect((wrapper.find('input[name="star-1"]').element as HTMLInputElement).value).toBe('100')
    await wrapper.find('input[name="star-3"]').setValue('200')
    await form.trigger('submit')
    await flushPromises()
    expect(form.text()).toContain('五个门槛须为逐级递增的正整数')

    await wrapper.find('input[name="star-3"]').setValue('500')
    await wrapper.find('input[name="personInCharge"]').setValue('张国强')
    await wrapper.find('input[name="contact"]').setValue('028-8460 2026')
    let sent: unknown
    mock.server.events.on('request:start', ({ request }) => {
      if (request.method === 'PUT') void request.clone().json().then((b) => (sent = b))
    })
    await form.trigger('submit')
    await flushPromises()
    expect(sent).toEqual({ starThresholds: [100, 300, 500, 1000, 1500], personInCharge: '张国强', contact: '028-8460 2026' })
    expect(useToast().toasts.map((x) => x.message)).toContain('志愿服务设置已保存')
  })

  it('is not offered to care-centre staff', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/settings')
    await flushPromises()
    expect(wrapper.find('form.care-volunteer-settings').exists()).toBe(false)
  })
})
