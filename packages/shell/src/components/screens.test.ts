import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, http, MOCK_PAIRING_CODE, MOCK_PASSWORD, MOCK_PIN } from '@chayi/testing/msw'
import { kioskDef, makeApp, mountApp, testDef, useMockApi } from '../test-helpers.js'

const mock = useMockApi()
let n = 0
let wrapper: VueWrapper | undefined
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  mock.server.resetHandlers()
})
afterAll(() => mock.server.close())

async function type(w: VueWrapper, selector: string, value: string) {
  await w.find(selector).setValue(value)
}
const fieldError = (w: VueWrapper, name: string) => w.find(`input[name="${name}"]`).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()

describe('SignInPage', () => {
  it('shows errors beside the fields, then signs in and goes where the person was headed', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/fund')
    expect(made.router.currentRoute.value.fullPath).toBe('/sign-in?redirect=/fund')

    await wrapper.find('form').trigger('submit')
    expect(fieldError(wrapper, 'login')).toBe('必填')
    expect(fieldError(wrapper, 'password')).toBe('必填')

    await type(wrapper, 'input[name="login"]', 'admin')
    await type(wrapper, 'input[name="password"]', 'not-the-password')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'password')).toBe('用户名/手机号或密码不正确。')
    expect(fieldError(wrapper, 'login')).toBeUndefined()

    await type(wrapper, 'input[name="password"]', MOCK_PASSWORD)
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('fund'))
    await flushPromises()
    expect(wrapper.find('.page-fund').exists()).toBe(true)
  })
})

describe('AppShell', () => {
  it('shows the title and only the nav items the roles allow', async () => {
    mock.world.state.signedIn = mock.world.state.user('care').user.id
    wrapper = await mountApp(makeApp(), '/')
    expect(wrapper.find('.c-topbar h1').text()).toBe('关爱中心台')
    expect(wrapper.findAll('nav a').map((a) => a.text())).toEqual(['首页'])

    wrapper.unmount()
    mock.world.state.signedIn = mock.world.state.user('admin').user.id
    wrapper = await mountApp(makeApp(), '/')
    expect(wrapper.findAll('nav a').map((a) => a.text())).toEqual(['首页', '基金'])
  })

  it('shows who is signed in on the home screen (WhoAmI) with role labels in both languages', async () => {
    mock.world.state.signedIn = mock.world.state.user('admin').user.id
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    const who = wrapper.find('.shell-who')
    expect(who.find('.shell-who__name').text()).toBe('周文华')
    expect(who.text()).toContain('三圣街道幸福社区志愿服务队')
    expect(who.findAll('.shell-who__roles .c-badge').map((b) => b.text())).toEqual(['管理员', '队长/带头人'])
    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.findAll('.shell-who__roles .c-badge').map((b) => b.text())).toEqual(['Administrator', 'Team leader'])
  })

  it('signs out from the top bar', async () => {
    mock.world.state.signedIn = mock.world.state.user('care').user.id
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    const button = wrapper.findAll('.c-topbar button').find((b) => b.text() === '退出登录')!
    await button.trigger('click')
    await flushPromises()
    expect(made.router.currentRoute.value.name).toBe('sign-in')
    expect(mock.world.state.signedIn).toBeNull()
  })

  it('shows the unsent count and lets the user give up a refused write', async () => {
    mock.world.state.signedIn = mock.world.state.user('care').user.id
    let online = false
    const made = makeApp(testDef({ offline: true }), { outbox: { persist: false, online: () => online, dbName: `screens-outbox-${++n}` } })
    wrapper = await mountApp(made, '/')
    expect(wrapper.find('.shell-outbox').exists()).toBe(true) // offline: says so even with nothing queued
    const outbox = made.context.outbox!
    await outbox.enqueue({ method: 'POST', path: '/api/v1/nowhere', body: {} })
    await flushPromises()
    expect(wrapper.find('.shell-outbox').text()).toBe('1 条待发送')

    online = true
    mock.server.use(http.post('*/api/v1/nowhere', () => fail(422, 'out_of_stock', 'No stock.')))
    expect(await outbox.flush()).toBe('blocked')
    await flushPromises()
    expect(wrapper.find('.shell-outbox').text()).toBe('1 条发送失败')
    await wrapper.find('.shell-outbox').trigger('click')
    // The panel loads in a chunk of its own on the first click.
    await vi.waitFor(() => expect(wrapper!.find('dialog').text()).toContain('No stock.'))
    const giveUp = wrapper.findAll('dialog button').find((b) => b.text() === '放弃这条')!
    await giveUp.trigger('click')
    await vi.waitFor(() => expect(outbox.state.items).toEqual([]))
    await flushPromises()
    expect(wrapper.find('.shell-outbox').exists()).toBe(false)
    await outbox.close()
  })
})

describe('the outbox panel, for writes the app resolves itself', () => {
  // The app says a 409 version_conflict on /api/v1/things/* is its own, resolved on its /fix/:id screen.
  const fixDef = () =>
    testDef({
      offline: true,
      routes: [...testDef().routes, { path: 'fix/:id', name: 'fix', component: defineComponent({ render: () => h('section', { class: 'page-fix' }, 'fix') }) }],
      outbox: { handledBy: (r) => (r.lastError?.code === 'version_conflict' && r.path.startsWith('/api/v1/things/') ? { to: `/fix/${r.id}` } : null) },
    })
  async function refused(code: string, status: number) {
    mock.world.state.signedIn = mock.world.state.user('care').user.id
    const made = makeApp(fixDef(), { outbox: { persist: false, online: () => true, dbName: `screens-outbox-${++n}` } })
    wrapper = await mountApp(made, '/')
    mock.server.use(http.patch('*/api/v1/things/:id', () => fail(status, code, 'Refused.')))
    const outbox = made.context.outbox!
    const id = await outbox.enqueue({ method: 'PATCH', path: '/api/v1/things/t1', body: { baseVersion: 1 } })
    expect(await outbox.flush()).toBe('blocked')
    await flushPromises()
    await wrapper.find('.shell-outbox').trigger('click')
    await vi.waitFor(() => expect(wrapper!.find('dialog .shell-outbox__list').exists()).toBe(true))
    return { made, outbox, id }
  }
  const texts = (w: VueWrapper) => w.findAll('dialog .shell-outbox__actions a, dialog .shell-outbox__actions button').map((b) => b.text())

  it('links a conflicting write to the app’s screen, with no discard; following it closes the panel and keeps the write', async () => {
    const { made, outbox, id } = await refused('version_conflict', 409)
    expect(texts(wrapper!)).toEqual(['去处理'])
    expect(wrapper!.find('.shell-outbox__hint').text()).toContain('这里不能直接放弃')
    expect(wrapper!.find('dialog').text()).toContain('需要在应用里处理')
    expect(wrapper!.findAll('dialog button').map((b) => b.text())).not.toContain('放弃这条')
    // The app's hint explains it; the server's own (English) words are not repeated.
    expect(wrapper!.find('dialog').text()).not.toContain('Refused.')
    made.i18n.global.locale.value = 'en'
    await vi.waitFor(() => expect(texts(wrapper!)).toEqual(['Resolve…']))
    made.i18n.global.locale.value = 'zh-CN'
    await flushPromises()

    await wrapper!.find('dialog .shell-outbox__resolve').trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.fullPath).toBe(`/fix/${id}`))
    await flushPromises()
    expect(wrapper!.find('.page-fix').exists()).toBe(true)
    expect(wrapper!.find('dialog').attributes('open')).toBeUndefined()
    // Nothing was dropped: the refused write still waits, for the app's screen to settle.
    expect(outbox.state.failed.map((r) => r.id)).toEqual([id])
    await outbox.close()
  })

  it('keeps retry and discard for a refusal the app does not claim', async () => {
    const { outbox } = await refused('out_of_stock', 422)
    expect(texts(wrapper!)).toEqual(['重试', '放弃这条'])
    expect(wrapper!.find('dialog').text()).toContain('修改情况后重试，或放弃这条')
    expect(wrapper!.find('.shell-outbox__hint').exists()).toBe(false)
    expect(wrapper!.find('dialog').text()).toContain('Refused. (out_of_stock)')
    await outbox.close()
  })

  it('says a refusal the shell knows in the user’s language', async () => {
    const { outbox } = await refused('forbidden', 403)
    expect(wrapper!.find('dialog').text()).toContain('您的角色不能进行此操作。')
    expect(wrapper!.find('dialog').text()).not.toContain('Refused.')
    await outbox.close()
  })
})

describe('NoAccessPage', () => {
  it('names the roles the person has and the app they may not use', async () => {
    mock.world.state.signedIn = mock.world.state.user('volunteer').user.id
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('no-access')
    expect(wrapper.text()).toContain('您的账号（志愿者）不能使用“关爱中心台”')
    expect(wrapper.findAll('a').some((a) => a.text() === '回到首页')).toBe(false)
  })

  it('switches user: signs out and goes to sign-in, to come back to the refused page after', async () => {
    mock.world.state.signedIn = mock.world.state.user('volunteer').user.id
    const made = makeApp()
    wrapper = await mountApp(made, '/fund')
    expect(made.router.currentRoute.value.name).toBe('no-access')
    const button = wrapper.findAll('button').find((b) => b.text() === '换个账号登录')!
    await button.trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('sign-in'))
    expect(made.router.currentRoute.value.query.redirect).toBe('/fund')
  })
})

describe('kiosk screens', () => {
  it('pairs with the 8-digit code, unlocks with a PIN on the keypad, and locks again', async () => {
    const made = makeApp(kioskDef(), { outbox: { persist: false, online: () => true, dbName: `screens-kiosk-${++n}` } })
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('pair-device')
    expect(wrapper.find('.c-switch').exists()).toBe(true) // elderly mode switch

    await type(wrapper, 'input[name="code"]', '1234')
    await wrapper.find('form').trigger('submit')
    expect(fieldError(wrapper, 'code')).toBe('请输入 8 位数字')
    await type(wrapper, 'input[name="code"]', '8765 4321')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'code')).toBe('绑定码无效、已过期或已被使用')
    await type(wrapper, 'input[name="code"]', MOCK_PAIRING_CODE)
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper!.findAll('button').some((b) => b.text() === '张明')).toBe(true))
    expect(made.router.currentRoute.value.name).toBe('staff-pin')

    const pick = wrapper.findAll('button').find((b) => b.text() === '张明')!
    await pick.trigger('click')
    const key = (label: string) => wrapper!.findAll('button').find((b) => b.attributes('aria-label') === label)!
    for (const d of '0000') await key(`数字 ${d}`).trigger('click')
    expect(wrapper.find('.shell-pin__count').text()).toBe('已输入 4 位')
    await wrapper.findAll('button').find((b) => b.text() === '解锁')!.trigger('click')
    await flushPromises()
    expect(wrapper.find('.shell-pin__error').text()).toBe('PIN 码不正确。')
    expect(wrapper.find('.shell-pin__count').text()).toBe('已输入 0 位')

    for (const d of MOCK_PIN) window.dispatchEvent(new KeyboardEvent('keydown', { key: d }))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    await vi.waitFor(() => expect(wrapper!.find('.shell-who__name').exists()).toBe(true))
    expect(made.router.currentRoute.value.name).toBe('home')
    expect(wrapper.find('.shell-who__name').text()).toBe('张明')

    await wrapper.findAll('.c-topbar button').find((b) => b.text() === '锁定')!.trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('staff-pin'))
    await made.context.outbox!.close()
  })
})
