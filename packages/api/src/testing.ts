import { randomBytes } from 'node:crypto'
import pino from 'pino'
import { createEventBus, dialectOf } from '@chayi/db'
import type { TestDatabase } from '@chayi/db/testing'
import type { Role } from '@chayi/domain'
import { createApi } from './app.js'
import { defaultConfig, type ApiConfig, type Clock, type Deps } from './context.js'
import { createFieldCipher } from './crypto.js'
import { createTeam, createUser } from './identity/service.js'
import { transact } from './write.js'

/** A clock tests can move: timeouts are tested by advancing it, not by sleeping. */
export function testClock(start = new Date('2026-11-28T08:00:00.000Z')): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime()
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms
    },
    set(d) {
      t = d.getTime()
    },
  }
}

export const TEST_PASSWORD = 'correct horse battery'

/** The API over a real test database, with helpers to make teams and accounts and to sign in. */
export async function createTestApi(t: TestDatabase, opts: { clock?: Clock; config?: Partial<ApiConfig>; address?: string } = {}) {
  const clock = opts.clock ?? testClock()
  const bus = await createEventBus(t.db, t.url)
  let address = opts.address ?? '203.0.113.7'
  const deps: Deps = {
    db: t.db,
    bus,
    cipher: createFieldCipher(randomBytes(32)),
    logger: pino({ level: 'silent' }),
    clock,
    config: { ...defaultConfig, ...opts.config },
    clientAddress: () => address,
  }
  const app = createApi(deps, { dialect: dialectOf(t.db) })

  async function makeTeam(code = `t-${randomBytes(4).toString('hex')}`) {
    const r = await transact(deps, { teamId: null, actor: 'system' }, async (w) => ({ status: 201, body: await createTeam(w, { code, name: `Team ${code}`, community: '幸福社区' }) }))
    return r.body
  }

  async function makeUser(teamId: string, roles: Role[], username = `u${randomBytes(5).toString('hex')}`) {
    const r = await transact(deps, { teamId, actor: 'system' }, async (w) => ({
      status: 201,
      body: await createUser(w, { teamId, username, displayName: `User ${username}`, password: TEST_PASSWORD, roles }),
    }))
    return r.body
  }

  /** Signs in and returns the Cookie header value to send with later requests. */
  async function signIn(login: string, password = TEST_PASSWORD): Promise<string> {
    const res = await app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) })
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
    const cookie = res.headers.get('set-cookie')
    if (!cookie) throw new Error('no session cookie')
    return cookie.split(';')[0]!
  }

  /** JSON request helper: `call('POST', '/api/v1/users', { cookie, body, headers })`. */
  async function call(method: string, path: string, o: { cookie?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}) {
    const headers: Record<string, string> = { ...o.headers }
    if (o.cookie) headers.cookie = o.cookie
    if (o.body !== undefined || o.raw !== undefined) headers['content-type'] ??= 'application/json'
    const res = await app.request(path, { method, headers, body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)) })
    const text = await res.text()
    // Tests read responses loosely; where the shape matters they parse with the domain schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: res.status, json, text, headers: res.headers }
  }

  return {
    app,
    deps,
    clock,
    makeTeam,
    makeUser,
    signIn,
    call,
    setAddress(a: string) {
      address = a
    },
    close: () => bus.close(),
  }
}
