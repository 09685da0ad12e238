import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ChangePasswordRequest, Me } from '@chayi/domain'
import { fail, http, MOCK_PASSWORD, respond } from '@chayi/testing/msw'
import { decide } from './guards.js'
import { useSessionStore } from '../session/store.js'
import { kioskDef, makeApp, mountApp, testDef, useMockApi } from '../test-helpers.js'

const mock = useMockApi()
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
})
afterEach(() => mock.server.resetHandlers())
afterAll(() => mock.server.close())

/** The admin, signed in with a temporary password: the mock's /me says so (the shared flag) until PUT /me/password. */
function restricted() {
  const s = mock.world.state
  const u = s.user('admin')
  s.signedIn = u.user.id
  u.mustChangePassword = true
  mock.server.use(
    http.put('*/api/v1/me/password', async ({ request }) => {
      const b = ChangePasswordRequest.safeParse(await request.json())
      if (!b.success) return fail(400, 'invalid_request', 'The body is not valid.')
      if (b.data.currentPassword !== u.password) return fail(400, 'wrong_password', 'The current password is not right.', [{ path: 'currentPassword', message: 'wrong password' }])
      u.password = b.data.newPassword
      u.mustChangePassword = false
      return respond(Me, { kind: 'user' as const, user: u.user, team: s.team, session: { idleExpiresAt: '2030-01-01T00:00:00.000Z', absoluteExpiresAt: '2030-01-01T00:00:00.000Z' }, mustChangePassword: false })
    }),
  )
}

describe('a temporary password', () => {
  it('sends the person to the change-password screen before anything else, remembering where they were going', async () => {
    restricted()
    const { router } = makeApp()
    await router.push('/fund')
    expect(router.currentRoute.value).toMatchObject({ name: 'change-password', query: { redirect: '/fund' } })
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('change-password')
  })

  it('changes it on the screen, then lets the person through', async () => {
    restricted()
    const made = makeApp()
    const wrapper = await mountApp(made, '/fund')
    expect(made.router.currentRoute.value.name).toBe('change-password')
    expect(wrapper.text()).toContain('管理员为您设置了临时密码')
    const fill = async (v: Record<string, string>) => {
      for (const [name, value] of Object.entries(v)) await wrapper.find(`input[name="${name}"]`).setValue(value)
      await wrapper.find('form#shell-change-password').trigger('submit')
      await flushPromises()
    }
    const error = (name: string) => wrapper.find(`input[name="${name}"]`).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()

    await fill({ currentPassword: MOCK_PASSWORD, newPassword: 'short', confirm: 'short' })
    expect(error('newPassword')).toBe('新密码至少 8 位')
    await fill({ newPassword: 'my own password', confirm: 'my own passw0rd' })
    expect(error('confirm')).toBe('两次输入的新密码不一致')
    await fill({ currentPassword: 'not the one', confirm: 'my own password' })
    expect(error('currentPassword')).toBe('当前密码不正确')
    await fill({ currentPassword: MOCK_PASSWORD })
    expect(useSessionStore(made.pinia).mustChange).toBe(false)
    expect(made.router.currentRoute.value.name).toBe('fund')
    expect(made.notices.at(-1)).toMatchObject({ kind: 'success', message: '密码已更新' })
    wrapper.unmount()
  })

  it('leaves everyone else alone, and the kiosk has no such screen', () => {
    const to = { name: 'home', fullPath: '/', meta: {}, matched: [] } as never
    const s = { status: 'signed-in' as const, paired: false, staff: null, roles: ['admin' as const] }
    expect(decide(to, testDef(), s)).toBe(true)
    expect(decide(to, testDef(), { ...s, mustChange: true })).toMatchObject({ name: 'change-password' })
    expect(makeApp(kioskDef()).router.hasRoute('change-password')).toBe(false)
  })
})
