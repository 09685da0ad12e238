import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Me, StaffSession } from '@chayi/domain'
import { ContractError, createHandlers, createMockState, http, MOCK_PAIRING_CODE, MOCK_PASSWORD, MOCK_PIN, respond, takeContractViolations } from './msw.js'

const state = createMockState()
const server = setupServer(...createHandlers({ state }))
const API = 'http://api.test'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  state.signedIn = null
})
afterAll(() => server.close())

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${API}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('mock API handlers', () => {
  it('signs in, answers /me and signs out', async () => {
    expect((await fetch(`${API}/api/v1/me`)).status).toBe(401)
    const res = await post('/api/v1/auth/sign-in', { login: 'volunteer', password: MOCK_PASSWORD })
    expect(res.status).toBe(200)
    const me = Me.parse(await res.json())
    expect(me.kind === 'user' && me.user.roles).toEqual(['volunteer'])
    expect(Me.parse(await (await fetch(`${API}/api/v1/me`)).json())).toMatchObject({ user: me.kind === "user" ? me.user : null, team: me.team })
    expect((await post('/api/v1/auth/sign-out', {})).status).toBe(200)
    expect((await fetch(`${API}/api/v1/me`)).status).toBe(401)
  })

  it('answers errors in the contract shape, with field issues for bad input', async () => {
    const wrong = await post('/api/v1/auth/sign-in', { login: 'volunteer', password: 'nope' })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong login or password.' } })
    const bad = await post('/api/v1/auth/sign-in', { login: '', password: '' })
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as { error: { issues: { path: string }[] } }
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['login', 'password'])
  })

  it('pairs a device and unlocks it with a staff PIN', async () => {
    const paired = await post('/api/v1/devices/pair', { code: MOCK_PAIRING_CODE })
    expect(paired.status).toBe(201)
    const { token } = (await paired.json()) as { token: string }
    const dev = { authorization: `Bearer ${token}` }
    expect((await post('/api/v1/devices/pair', { code: MOCK_PAIRING_CODE })).status).toBe(404)

    const staff = (await (await fetch(`${API}/api/v1/kiosk/staff`, { headers: dev })).json()) as { items: { userId: string; displayName: string }[] }
    expect(staff.items.map((s) => s.displayName).sort()).toEqual(['张明', '李建国'].sort())
    const counter = state.user('counter').user

    const unlocked = await post('/api/v1/kiosk/staff-session', { userId: counter.id, pin: MOCK_PIN }, dev)
    expect(unlocked.status).toBe(201)
    const session = StaffSession.parse(await unlocked.json())
    const me = Me.parse(await (await fetch(`${API}/api/v1/me`, { headers: { ...dev, 'x-chayi-staff': session.token } })).json())
    expect(me.kind === 'device' && me.staff?.userId).toBe(counter.id)

    expect((await post('/api/v1/kiosk/staff-session/end', {}, dev)).status).toBe(200)
    const after = Me.parse(await (await fetch(`${API}/api/v1/me`, { headers: { ...dev, 'x-chayi-staff': session.token } })).json())
    expect(after.kind === 'device' && after.staff).toBeNull()
  })

  it('refuses a wrong PIN with invalid_pin, then too_many_attempts', async () => {
    const { token } = state.addDevice()
    const dev = { authorization: `Bearer ${token}` }
    const leader = state.user('leader').user
    const codes: string[] = []
    for (let i = 0; i < 6; i++) {
      const r = await post('/api/v1/kiosk/staff-session', { userId: leader.id, pin: '0000' }, dev)
      codes.push(`${r.status} ${((await r.json()) as { error: { code: string } }).error.code}`)
    }
    expect(codes).toEqual([...Array(5).fill('401 invalid_pin'), '429 too_many_attempts'])
  })

  it('keeps the session and paired devices across a dev-mode reload when given a storage', async () => {
    const kept = new Map<string, string>()
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) }
    server.use(...createHandlers({ state: createMockState(), storage }))
    expect((await post('/api/v1/auth/sign-in', { login: 'admin', password: MOCK_PASSWORD })).status).toBe(200)
    const { token } = (await (await post('/api/v1/devices/pair', { code: MOCK_PAIRING_CODE })).json()) as { token: string }

    server.resetHandlers()
    server.use(...createHandlers({ state: createMockState(), storage })) // the page reloaded: a fresh mock
    const me = Me.parse(await (await fetch(`${API}/api/v1/me`)).json())
    expect(me.kind === 'user' && me.user.username).toBe('admin')
    const device = Me.parse(await (await fetch(`${API}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json())
    expect(device.kind).toBe('device')
    expect((await post('/api/v1/devices/pair', { code: MOCK_PAIRING_CODE })).status).toBe(404) // the code stays used
  })

  it('answers health', async () => {
    expect(await (await fetch(`${API}/api/health`)).json()).toEqual({ status: 'ok', version: 'mock', database: 'sqlite' })
  })
})

describe('respond()', () => {
  it('throws on a body that does not match the schema, and records it', () => {
    expect(() => respond(Me, { kind: 'user', user: { id: 'x' } } as never)).toThrow(ContractError)
    const [err] = takeContractViolations()
    expect(err?.issues.map((i) => i.path)).toContain('user.teamId')
  })

  it('fails a request whose handler answers with the wrong shape', async () => {
    // A handler written the same way as the shared ones, but with a body the API could never send.
    server.use(http.get('*/api/v1/me', () => respond(Me, { kind: 'user', user: state.user('admin').user, team: state.team } as never)))
    const res = await fetch(`${API}/api/v1/me`)
    expect(res.status).toBe(500) // msw turns the thrown ContractError into a 500, so the app sees a failure
    const violations = takeContractViolations()
    expect(violations).toHaveLength(1)
    expect(violations[0]!.message).toMatch(/session/)
  })

  it('passes a good body through as JSON with the given status', async () => {
    const res = respond(StaffSession, { staff: { userId: 'u1', displayName: '张明', roles: ['counter_staff'] }, token: 't', expiresAt: '2026-01-01T00:00:00.000Z' }, { status: 201 })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ token: 't' })
  })
})
