import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fail, http, HttpResponse } from '@chayi/testing/msw'
import { createShellContext } from '../context.js'
import { API, testDef, useMockApi } from '../test-helpers.js'
import { memoryDeviceTokenStore } from '../session/credentials.js'
import { ApiError } from './errors.js'
import { callerFor, trusted, type Schema } from './json-call.js'

const mock = useMockApi()
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => mock.server.resetHandlers())
afterAll(() => mock.server.close())

function caller(onUnauthorized?: () => void) {
  const ctx = createShellContext(testDef({ client: undefined }), { deviceTokens: memoryDeviceTokenStore(), outbox: false, notify: () => undefined })
  if (onUnauthorized) ctx.onUnauthorized(onUnauthorized)
  return callerFor(ctx)
}

describe('callerFor (the shell’s plain JSON calls)', () => {
  it('sends JSON under /api/v1 with the extra headers and parses the answer with the schema', async () => {
    let seen: { url: string; type: string | null; extra: string | null; body: unknown } | undefined
    mock.server.use(
      http.post(`${API}/api/v1/things`, async ({ request }) => {
        seen = { url: request.url, type: request.headers.get('content-type'), extra: request.headers.get('x-extra'), body: await request.json() }
        return HttpResponse.json({ n: 2 }, { status: 201 })
      }),
    )
    const doubled: Schema<number> = { parse: (d) => (d as { n: number }).n * 2 }
    expect(await caller()(doubled, 'POST', '/things', { a: 1 }, { 'x-extra': 'yes' })).toBe(4)
    expect(seen).toEqual({ url: `${API}/api/v1/things`, type: 'application/json', extra: 'yes', body: { a: 1 } })
  })

  it('sends no body and no content type without a body; trusted() takes the answer as it is', async () => {
    let type: string | null = 'unset'
    mock.server.use(
      http.get(`${API}/api/v1/me`, ({ request }) => {
        type = request.headers.get('content-type')
        return HttpResponse.json({ ok: true })
      }),
    )
    expect(await caller()(trusted<{ ok: boolean }>(), 'GET', '/me')).toEqual({ ok: true })
    expect(type).toBeNull()
  })

  it('throws a refusal as an ApiError with its issues, and a 401 reaches the shell’s hook', async () => {
    mock.server.use(http.post(`${API}/api/v1/things`, () => fail(400, 'invalid_request', 'Not valid.', [{ path: 'a', message: 'Too small' }])))
    const err = (await caller()(trusted(), 'POST', '/things', {}).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'invalid_request', issues: [{ path: 'a', message: 'Too small' }] })

    let hooked = 0
    mock.server.use(http.get(`${API}/api/v1/teams`, () => fail(401, 'unauthenticated', 'Sign in first.')))
    await expect(caller(() => hooked++)(trusted(), 'GET', '/teams')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
    expect(hooked).toBe(1)
  })

  it('turns no answer at all into a network_error', async () => {
    mock.server.use(http.get(`${API}/api/v1/me`, () => HttpResponse.error()))
    await expect(caller()(trusted(), 'GET', '/me')).rejects.toMatchObject({ status: 0, code: 'network_error', isNetwork: true })
  })
})
