import { afterAll, beforeAll, expect, it } from 'vitest'
import { ROLES, type Role } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import type { Access } from './route.js'
import { createTestApi } from './testing.js'

type Op = { method: string; path: string; access: Access }

/** Every operation in the published document, with concrete values for path parameters. */
async function operations(api: Awaited<ReturnType<typeof createTestApi>>): Promise<Op[]> {
  const doc = (await api.call('GET', '/api/openapi.json')).json as { paths: Record<string, Record<string, { 'x-chayi-access': Access }>> }
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '0190a000-0000-7000-8000-000000000000'), access: op['x-chayi-access'] })),
  )
}

const allowed = (a: Access, role: Role) => 'public' in a || 'signedIn' in a || ('roles' in a && a.roles.includes(role))

describeEachDialect('access control on every route', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let ops: Op[]
  const cookies = new Map<Role, string>()
  let deviceToken: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam()
    for (const role of ROLES) cookies.set(role, await api.signIn((await api.makeUser(team.id, [role])).username!))
    ops = await operations(api)
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: cookies.get('admin'), body: { name: 'Counter tablet' } })
    deviceToken = (await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })).json.token
  }, 60_000)
  afterAll(() => api.close())

  it('knows at least the foundation routes', () => {
    expect(ops.length).toBeGreaterThanOrEqual(12)
  })

  it('refuses every non-public route without a session (401), before looking at the body', async () => {
    for (const op of ops.filter((o) => !('public' in o.access))) {
      const r = await api.call(op.method, op.path, op.method === 'GET' ? {} : { body: {} })
      expect(r.status, `${op.method} ${op.path}`).toBe(401)
      expect(r.json.error.code).toBe('unauthenticated')
    }
  })

  it('refuses every role-restricted route to each role it does not name (403)', async () => {
    let checked = 0
    for (const op of ops) {
      for (const role of ROLES) {
        if (allowed(op.access, role)) continue
        const r = await api.call(op.method, op.path, { cookie: cookies.get(role), ...(op.method === 'GET' ? {} : { body: {} }) })
        expect(r.status, `${role} → ${op.method} ${op.path}`).toBe(403)
        expect(r.json.error.code).toBe('forbidden')
        checked++
      }
    }
    expect(checked).toBeGreaterThan(20)
  })

  it('lets a role through to the route it names (no 401/403)', async () => {
    // Sign-out last: it ends the session the other calls use.
    const ordered = [...ops].sort((a, b) => Number(a.path.endsWith('/sign-out')) - Number(b.path.endsWith('/sign-out')))
    for (const op of ordered) {
      const role = 'roles' in op.access ? op.access.roles[0]! : 'volunteer'
      if ('public' in op.access || 'device' in op.access) continue
      const r = await api.call(op.method, op.path, { cookie: cookies.get(role), ...(op.method === 'GET' ? {} : { body: {} }) })
      expect([401, 403], `${role} → ${op.method} ${op.path}: ${r.text}`).not.toContain(r.status)
    }
  })

  it('refuses a paired device everywhere except routes open to devices', async () => {
    for (const op of ops.filter((o) => !('public' in o.access))) {
      const r = await api.call(op.method, op.path, { headers: { authorization: `Bearer ${deviceToken}` }, ...(op.method === 'GET' ? {} : { body: {} }) })
      const open = 'device' in op.access || ('devices' in op.access && op.access.devices && !('roles' in op.access))
      if (open) expect([401, 403], `${op.method} ${op.path}`).not.toContain(r.status)
      else expect(r.status, `${op.method} ${op.path}`).toBe(403)
    }
  })

  it('never lets a forged or revoked device token in', async () => {
    const r = await api.call('GET', '/api/v1/me', { headers: { authorization: 'Bearer not-a-real-token' } })
    expect(r.status).toBe(401)
  })
})
