import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'
import { fail, http, MOCK_PAIRING_CODE, MOCK_PIN } from '@chayi/testing/msw'
import { api } from '../api/errors.js'
import { decide } from './guards.js'
import { useSessionStore } from '../session/store.js'
import { kioskDef, makeApp, testDef, useMockApi } from '../test-helpers.js'

const mock = useMockApi()
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
})
afterEach(() => mock.server.resetHandlers())
afterAll(() => mock.server.close())

const signInAs = (username: string) => (mock.world.state.signedIn = mock.world.state.user(username).user.id)

describe('route guards (password apps)', () => {
  it('sends an anonymous visitor to sign-in, remembering where they were going', async () => {
    const { router } = makeApp()
    await router.push('/fund?tab=2')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/fund?tab=2')
  })

  it('lets anyone reach the sign-in page', async () => {
    const { router } = makeApp()
    await router.push('/sign-in')
    expect(router.currentRoute.value.name).toBe('sign-in')
  })

  it('shows no-access to someone signed in without any of the app roles', async () => {
    signInAs('volunteer')
    const { router } = makeApp()
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('no-access')
    expect(router.currentRoute.value.query.from).toBe('/')
  })

  it('lets someone with an app role through', async () => {
    signInAs('care')
    const { router } = makeApp()
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('home')
  })

  it("applies a route's meta.roles on top of the app's roles", async () => {
    signInAs('care')
    const care = makeApp()
    await care.router.push('/fund')
    expect(care.router.currentRoute.value.name).toBe('no-access')

    signInAs('admin')
    const admin = makeApp()
    await admin.router.push('/fund')
    expect(admin.router.currentRoute.value.name).toBe('fund')
  })

  it('denies by default: a route outside any app role list is refused even with a matching meta.roles', () => {
    const def = testDef({ roles: ['care_staff'] })
    const to = { name: 'fund', fullPath: '/fund', meta: {}, matched: [{ meta: {} }, { meta: { roles: ['admin'] } }] } as never
    expect(decide(to, def, { status: 'signed-in', paired: false, staff: null, roles: ['admin'] })).toMatchObject({ name: 'no-access' })
    expect(decide(to, def, { status: 'signed-in', paired: false, staff: null, roles: ['admin', 'care_staff'] })).toBe(true)
  })

  it('sends the person back to sign-in when any request comes back 401, remembering the screen', async () => {
    signInAs('admin')
    const { router, context, pinia } = makeApp()
    await router.push('/fund')
    expect(router.currentRoute.value.name).toBe('fund')
    mock.server.use(http.get('*/api/v1/teams', () => fail(401, 'unauthenticated', 'Sign in first.')))
    await expect(api(context.client.api.v1.teams.$get({ query: {} }))).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
    await flushPromises()
    expect(useSessionStore(pinia).me).toBeNull()
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/fund')
  })
})

describe('route guards (kiosk)', () => {
  it('opens a public, frameless screen (the public board) to an unpaired browser, outside the frame', async () => {
    const board = { name: 'board', render: () => h('p', { class: 'board' }, 'board') }
    const def = kioskDef()
    const app = makeApp({ ...def, routes: [...def.routes, { path: 'board', name: 'board', component: board, meta: { public: true, frame: false } }] })
    await app.router.push('/board')
    expect(app.router.currentRoute.value.name).toBe('board')
    // Top-level, not a child of AppShell: the only matched record is the board itself.
    expect(app.router.currentRoute.value.matched.map((r) => r.name)).toEqual(['board'])
  })

  it('keeps the PIN screen for paired devices', async () => {
    const app = makeApp(kioskDef())
    await app.router.push('/unlock')
    expect(app.router.currentRoute.value.name).toBe('pair-device')
  })

  it('asks to pair an unpaired tablet, then for a staff PIN, then lets staff in', async () => {
    const app = makeApp(kioskDef())
    await app.router.push('/fund')
    expect(app.router.currentRoute.value).toMatchObject({ name: 'pair-device', query: { redirect: '/fund' } })

    const session = useSessionStore(app.pinia)
    await session.pairDevice(MOCK_PAIRING_CODE)
    await app.router.push('/fund')
    expect(app.router.currentRoute.value).toMatchObject({ name: 'staff-pin', query: { redirect: '/fund' } })

    const counter = mock.world.state.user('counter').user
    await session.unlockStaff(counter.id, MOCK_PIN)
    await app.router.push('/')
    expect(app.router.currentRoute.value.name).toBe('home')
    await app.router.push('/fund') // counter staff are not admins
    expect(app.router.currentRoute.value.name).toBe('no-access')

    await app.router.push('/?tab=sales')
    await session.lockStaff()
    await flushPromises()
    expect(app.router.currentRoute.value).toMatchObject({ name: 'staff-pin', query: { redirect: '/?tab=sales' } })
  })
})
