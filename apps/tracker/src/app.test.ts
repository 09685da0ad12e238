import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { MOCK_PASSWORD } from '@chayi/testing/msw'
import { trackerApp } from './app'
import { MOCK_AID_WORKER_NAME } from './mocks'
import { aidHandlers } from './mocks/aid'
import { button, click, startApp, typeInto, useMockApi } from '@chayi/shell/testing'

const mock = useMockApi((state) => aidHandlers(state))
let app: Awaited<ReturnType<typeof startApp>> | undefined

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => {
  app?.unmount()
  app = undefined
  mock.server.resetHandlers()
})
afterAll(() => mock.server.close())

const route = () => app!.router.currentRoute.value
const $ = (selector: string) => app!.el.querySelector(selector)

/** Signed in as the mock aid worker, whose name is written in Chinese and Tibetan script. */
function signInAsAid() {
  const aid = mock.world.state.user('aid')
  aid.user.displayName = MOCK_AID_WORKER_NAME
  mock.world.state.signedIn = aid.user.id
}

async function home() {
  app = await startApp(trackerApp, '/')
  await vi.waitFor(() => expect($('.tracker-home')).not.toBeNull())
}

describe('tracker', () => {
  it('asks an anonymous visitor to sign in, then opens the home screen', async () => {
    app = await startApp(trackerApp, '/')
    expect(route().name).toBe('sign-in')
    await typeInto(app.el, 'input[name="login"]', 'aid')
    await typeInto(app.el, 'input[name="password"]', MOCK_PASSWORD)
    await click($('form button[type="submit"]')!)
    await vi.waitFor(() => expect($('.tracker-home')).not.toBeNull())
    expect(route().name).toBe('home')
    expect($('.tracker-home__hello')?.textContent).toBe('扎西，您好')
  })

  it('shows the person, team and role on the home screen, Tibetan script intact', async () => {
    signInAsAid()
    await home()
    expect($('.tracker-home__hello')?.textContent).toBe(`${MOCK_AID_WORKER_NAME}，您好`)
    expect($('.shell-who__name')?.textContent).toBe('扎西顿珠 བཀྲ་ཤིས་དོན་གྲུབ')
    expect($('.shell-who')?.textContent).toContain('三圣街道幸福社区志愿服务队')
    expect([...app!.el.querySelectorAll('.shell-who__roles .c-badge')].map((b) => b.textContent?.trim())).toEqual(['帮扶工作人员'])
    expect([...app!.el.querySelectorAll('nav a')].map((a) => a.textContent?.trim())).toEqual(['首页', '帮扶户', '我的'])
    expect($('.tracker-unsent')?.textContent).toContain('全部已发送')
  })

  it('turns the network indicator to offline and back on the browser events', async () => {
    signInAsAid()
    await home()
    const net = () => $('.tracker-net')!
    expect(net().getAttribute('data-online')).toBe('true')
    expect(net().textContent).toContain('在线')

    window.dispatchEvent(new Event('offline'))
    await flushPromises()
    expect(net().getAttribute('data-online')).toBe('false')
    expect(net().textContent).toContain('离线')
    expect(app!.el.textContent).toContain('记录先保存在本机')

    window.dispatchEvent(new Event('online'))
    await flushPromises()
    expect(net().getAttribute('data-online')).toBe('true')
    expect(net().textContent).toContain('在线')
  })

  it('switches language on the Me screen, everywhere', async () => {
    signInAsAid()
    await home()
    await app!.router.push('/me')
    await vi.waitFor(() => expect($('.tracker-me')).not.toBeNull())
    await click(button(app!.el.querySelector('.tracker-me')!, 'English'))
    expect(document.documentElement.lang).toBe('en')
    expect(document.title).toBe('Aid tracker')
    // English strings come in their own chunk, a moment after the switch.
    await vi.waitFor(() => expect([...app!.el.querySelectorAll('nav a')].map((a) => a.textContent?.trim())).toEqual(['Home', 'Households', 'Me']))
    expect($('.tracker-me .c-card__title')?.textContent).toBe('Settings')
    expect(localStorage.getItem('chayi.locale')).toBe('en')
  })

  it('signs out from the Me screen back to the sign-in page', async () => {
    signInAsAid()
    await home()
    await app!.router.push('/me')
    await vi.waitFor(() => expect($('.tracker-me')).not.toBeNull())
    await click(button(app!.el.querySelector('.tracker-me')!, '退出登录'))
    await vi.waitFor(() => expect(route().name).toBe('sign-in'))
    expect(mock.world.state.signedIn).toBeNull()
    expect(localStorage.getItem('chayi.me.tracker')).toBeNull() // the offline copy of /me goes too
  })

  it('refuses a person without an aid role', async () => {
    mock.world.state.signedIn = mock.world.state.user('volunteer').user.id
    app = await startApp(trackerApp, '/')
    expect(route().name).toBe('no-access')
  })
})
