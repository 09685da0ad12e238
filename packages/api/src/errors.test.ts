import { afterAll, beforeAll, expect, it } from 'vitest'
import { ErrorBody } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from './testing.js'

describeEachDialect('error contract', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi(ctx(), { config: { maxBodyBytes: 4096 } })
  })
  afterAll(() => api.close())

  const expectError = (json: unknown, code: string) => {
    expect(ErrorBody.parse(json).error.code).toBe(code)
  }

  it('answers malformed JSON with 400 malformed_json', async () => {
    const r = await api.call('POST', '/api/v1/auth/sign-in', { raw: '{"login": "a", ' })
    expect(r.status).toBe(400)
    expectError(r.json, 'malformed_json')
  })

  it('answers wrong types and missing fields with 400 and per-field issues', async () => {
    const r = await api.call('POST', '/api/v1/auth/sign-in', { body: { login: 42 } })
    expect(r.status).toBe(400)
    expectError(r.json, 'invalid_request')
    const paths = (r.json.error.issues as { path: string }[]).map((i) => i.path).sort()
    expect(paths).toEqual(['login', 'password'])
  })

  it('answers a body that is not an object with 400', async () => {
    const r = await api.call('POST', '/api/v1/auth/sign-in', { raw: '[1,2,3]' })
    expect(r.status).toBe(400)
    expectError(r.json, 'invalid_request')
  })

  it('answers unknown routes with a JSON 404, never HTML', async () => {
    const r = await api.call('GET', '/api/v1/no-such-thing')
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toMatch(/application\/json/)
    expectError(r.json, 'not_found')
    const r2 = await api.call('DELETE', '/api/health')
    expect(r2.status).toBe(404)
    expectError(r2.json, 'not_found')
  })

  it('answers oversized bodies with 413 payload_too_large', async () => {
    const r = await api.call('POST', '/api/v1/auth/sign-in', { body: { login: 'x'.repeat(10_000), password: 'y' } })
    expect(r.status).toBe(413)
    expectError(r.json, 'payload_too_large')
  })

  it('answers bad query values with 400', async () => {
    const r = await api.call('GET', '/api/v1/public/ledger/head')
    expect(r.status).toBe(400)
    expectError(r.json, 'invalid_request')
    expect(r.json.error.issues[0].path).toBe('team')
  })

  it('reports health with the dialect', async () => {
    const r = await api.call('GET', '/api/health')
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ status: 'ok', database: ctx().dialect })
  })

  it('publishes an OpenAPI document listing every route with its access rule', async () => {
    const r = await api.call('GET', '/api/openapi.json')
    expect(r.status).toBe(200)
    expect(r.json.openapi).toBe('3.1.0')
    const paths = Object.keys(r.json.paths)
    for (const p of ['/api/health', '/api/v1/auth/sign-in', '/api/v1/me', '/api/v1/users', '/api/v1/devices/pair', '/api/v1/public/ledger/head']) {
      expect(paths).toContain(p)
    }
    for (const [path, ops] of Object.entries(r.json.paths as Record<string, Record<string, { 'x-chayi-access'?: unknown }>>)) {
      for (const [method, op] of Object.entries(ops)) expect(op['x-chayi-access'], `${method} ${path}`).toBeDefined()
    }
  })

  it('serves a docs page that needs nothing from the internet', async () => {
    const page = await api.call('GET', '/api/docs')
    expect(page.status).toBe(200)
    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js')
    expect(page.text).not.toMatch(/https?:\/\//)
    const js = await api.app.request('/api/docs/assets/swagger-ui-bundle.js')
    expect(js.status).toBe(200)
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
  })
})

describeEachDialect('an app hosted apart from the API', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi(ctx(), { config: { corsOrigins: ['https://kiosk.example.org'], crossSiteCookies: true } })
  })
  afterAll(() => api.close())

  it('answers CORS preflights for listed origins only, with credentials', async () => {
    const ok = await api.app.request('/api/v1/auth/sign-in', {
      method: 'OPTIONS',
      headers: { origin: 'https://kiosk.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    })
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://kiosk.example.org')
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    expect(ok.headers.get('access-control-allow-headers')).toContain('idempotency-key')
    const other = await api.app.request('/api/health', { headers: { origin: 'https://evil.example.com' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('issues a SameSite=None; Secure session cookie', async () => {
    const team = await api.makeTeam()
    const u = await api.makeUser(team.id, ['volunteer'])
    const res = await api.app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: u.username, password: 'correct horse battery' }) })
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=None/i)
    expect(res.headers.get('set-cookie')).toMatch(/Secure/i)
  })
})
