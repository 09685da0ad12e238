import { createTestingPinia } from '@pinia/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { MOCK_PAIRING_CODE, MOCK_PASSWORD, MOCK_PIN } from '@chayi/testing/msw'
import { bindShellContext, createShellContext, type Notice } from '../context.js'
import { kioskDef, testDef, useMockApi } from '../test-helpers.js'
import type { ChayiAppDef } from '../types.js'
import { idbDeviceTokenStore, memoryDeviceTokenStore } from './credentials.js'
import { UnsentWritesError, useSessionStore } from './store.js'

const mock = useMockApi()
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => mock.server.resetHandlers())
afterAll(() => mock.server.close())

let n = 0
function setup(def: ChayiAppDef = testDef(), over: Parameters<typeof createShellContext>[1] = {}) {
  const notices: Notice[] = []
  const ctx = createShellContext(def, {
    notify: (x) => notices.push(x),
    deviceTokens: memoryDeviceTokenStore(),
    outbox: { dbName: `session-outbox-${++n}`, persist: false, online: () => false },
    ...over,
  })
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
  bindShellContext(pinia, ctx)
  return { ctx, notices, session: useSessionStore(pinia) }
}

describe('session store (people)', () => {
  it('starts unknown and becomes anonymous when /me says 401', async () => {
    const { session } = setup()
    expect(session.status).toBe('unknown')
    await session.ready()
    expect(session.status).toBe('anonymous')
    expect(session.me).toBeNull()
  })

  it('signs in and sets me, roles and hasRole', async () => {
    const { session } = setup()
    const me = await session.signIn('care', MOCK_PASSWORD)
    expect(me.kind).toBe('user')
    expect(session.status).toBe('signed-in')
    expect(session.me).toEqual(me)
    expect(session.displayName).toBe('刘芳')
    expect(session.roles).toEqual(['care_staff'])
    expect(session.hasRole('admin', 'care_staff')).toBe(true)
    expect(session.hasRole('admin')).toBe(false)
  })

  it('rejects wrong credentials with an ApiError and stays anonymous', async () => {
    const { session } = setup()
    await expect(session.signIn('care', 'wrong')).rejects.toMatchObject({ status: 401, code: 'invalid_credentials' })
    expect(session.me).toBeNull()
  })

  it('clears me when /me comes back 401 (the server ended the session)', async () => {
    const { session } = setup()
    await session.signIn('admin', MOCK_PASSWORD)
    mock.world.state.signedIn = null
    await session.refresh()
    expect(session.me).toBeNull()
    expect(session.status).toBe('anonymous')
  })

  it('signs out', async () => {
    const { session } = setup()
    await session.signIn('admin', MOCK_PASSWORD)
    await session.signOut()
    expect(session.status).toBe('anonymous')
    expect(mock.world.state.signedIn).toBeNull()
  })

  it('refuses to sign out while the outbox holds unsent writes, and says why', async () => {
    const { session, ctx, notices } = setup(testDef({ offline: true }))
    await session.signIn('admin', MOCK_PASSWORD)
    await ctx.outbox!.enqueue({ method: 'POST', path: '/api/v1/x', body: { a: 1 } })
    await expect(session.signOut()).rejects.toBeInstanceOf(UnsentWritesError)
    expect(session.status).toBe('signed-in')
    expect(mock.world.state.signedIn).not.toBeNull()
    expect(notices).toEqual([{ kind: 'warning', message: 'shell.outbox.refusedSignOut' }])
    await ctx.outbox!.close()
  })

  it('opens an offline app from the last session when the server cannot be reached', async () => {
    const def = testDef({ offline: true })
    const first = setup(def)
    await first.session.signIn('care', MOCK_PASSWORD)
    await first.session.refresh()
    mock.server.close() // no network: unhandled requests now fail
    try {
      const second = setup(def, { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) })
      await second.session.ready()
      expect(second.session.status).toBe('signed-in')
      expect(second.session.stale).toBe(true)
      expect(second.session.roles).toEqual(['care_staff'])
    } finally {
      mock.server.listen({ onUnhandledRequest: 'error' })
    }
  })
})

describe('session store (kiosk)', () => {
  it('pairs the tablet and keeps the device token in IndexedDB', async () => {
    const tokens = idbDeviceTokenStore(`chayi-device-test-${++n}`)
    const { session, ctx } = setup(kioskDef(), { deviceTokens: tokens })
    await session.ready()
    expect(session.paired).toBe(false)
    const device = await session.pairDevice(MOCK_PAIRING_CODE)
    expect(device.name).toBe('茶馆柜台平板')
    expect(session.paired).toBe(true)
    expect(session.me).toMatchObject({ kind: 'device', staff: null })
    expect(await tokens.load()).toBe(ctx.deviceToken.value)
    expect(ctx.deviceToken.value).toBe(mock.world.state.devices[0]!.token)
  })

  it('loads a stored device token on start', async () => {
    const { token } = mock.world.state.addDevice('二号平板')
    const { session } = setup(kioskDef(), { deviceTokens: memoryDeviceTokenStore(token) })
    await session.ready()
    expect(session.me).toMatchObject({ kind: 'device', device: { name: '二号平板' } })
  })

  it('unlocks with a staff PIN, sends X-Chayi-Staff after, and locks again', async () => {
    const { token } = mock.world.state.addDevice()
    const { session, ctx } = setup(kioskDef(), { deviceTokens: memoryDeviceTokenStore(token) })
    await session.ready()
    const staff = await session.listStaff()
    const counter = staff.find((s) => s.displayName === '张明')!
    await expect(session.unlockStaff(counter.userId, '0000')).rejects.toMatchObject({ status: 401, code: 'invalid_pin' })
    expect(session.staff).toBeNull()

    await session.unlockStaff(counter.userId, MOCK_PIN)
    expect(session.staff).toMatchObject({ userId: counter.userId, displayName: '张明', roles: ['counter_staff'] })
    expect(session.roles).toEqual(['counter_staff'])
    expect(JSON.parse(sessionStorage.getItem('chayi.kiosk.staff')!)).toMatchObject({ token: ctx.staff.value!.token })
    await session.refresh() // the server sees the staff header
    expect(session.staff?.userId).toBe(counter.userId)

    await session.lockStaff()
    expect(session.staff).toBeNull()
    expect(mock.world.state.staffSessions.size).toBe(0)
    expect(sessionStorage.getItem('chayi.kiosk.staff')).toBeNull()
  })

  it('keeps an account whose password was reset off the counter, as the API does', async () => {
    const { token } = mock.world.state.addDevice()
    const { session } = setup(kioskDef(), { deviceTokens: memoryDeviceTokenStore(token) })
    await session.ready()
    const counter = mock.world.state.users.find((u) => u.user.displayName === '张明')!
    counter.mustChangePassword = true
    expect((await session.listStaff()).map((s) => s.displayName)).not.toContain('张明')
    await expect(session.unlockStaff(counter.user.id, MOCK_PIN)).rejects.toMatchObject({ status: 403, code: 'password_change_required' })
    expect(session.staff).toBeNull()
  })

  it('says too_many_attempts after repeated wrong PINs', async () => {
    const { token } = mock.world.state.addDevice()
    const { session } = setup(kioskDef(), { deviceTokens: memoryDeviceTokenStore(token) })
    await session.ready()
    const leader = mock.world.state.user('leader').user.id
    for (let i = 0; i < 5; i++) await session.unlockStaff(leader, '9999').catch(() => undefined)
    await expect(session.unlockStaff(leader, MOCK_PIN)).rejects.toMatchObject({ status: 429, code: 'too_many_attempts' })
  })

  it('refuses to lock while writes made at the counter are unsent', async () => {
    const { token } = mock.world.state.addDevice()
    const { session, ctx } = setup(kioskDef(), { deviceTokens: memoryDeviceTokenStore(token) })
    await session.ready()
    await session.unlockStaff(mock.world.state.user('counter').user.id, MOCK_PIN)
    await ctx.outbox!.enqueue({ method: 'POST', path: '/api/v1/x', body: {} })
    await expect(session.lockStaff()).rejects.toBeInstanceOf(UnsentWritesError)
    expect(session.staff).not.toBeNull()
    await ctx.outbox!.close()
  })

  it('forgets a revoked device (its /me is 401)', async () => {
    const d = mock.world.state.addDevice()
    const tokens = memoryDeviceTokenStore(d.token)
    const { session } = setup(kioskDef(), { deviceTokens: tokens })
    await session.ready()
    expect(session.paired).toBe(true)
    d.device.revokedAt = new Date().toISOString()
    await session.refresh()
    expect(session.paired).toBe(false)
    expect(session.status).toBe('anonymous')
    expect(await tokens.load()).toBeNull()
  })
})
