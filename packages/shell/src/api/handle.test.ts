import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'
import { fail, http, HttpResponse, respond } from '@chayi/testing/msw'
import { User } from '@chayi/domain'
import { makeUser } from '@chayi/testing'
import { kioskDef, makeApp, useMockApi } from '../test-helpers.js'
import { loadLocale } from '../i18n/i18n.js'
import { api, ApiError, type ApiIssue } from './errors.js'
import { errorMessage, handleErrorWith, useApi } from './handle.js'
import { resolveApiBase } from './client.js'

const mock = useMockApi()
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => localStorage.clear())
afterEach(() => mock.server.resetHandlers())
afterAll(() => mock.server.close())

const newUser = { username: 'x', displayName: '', password: 'short', roles: [] as never[] }

describe('api() and ApiError', () => {
  it('returns the typed 2xx body', async () => {
    const created = makeUser({ username: 'new.one' })
    mock.server.use(http.post('*/api/v1/users', () => respond(User, created, { status: 201 })))
    const { context } = makeApp()
    const user = await api(context.client.api.v1.users.$post({ json: { ...newUser, displayName: '新人', password: 'long enough', roles: ['volunteer'] } }))
    expect(user.username).toBe('new.one')
  })

  it('throws the contract error as an ApiError with its issues', async () => {
    mock.server.use(http.post('*/api/v1/users', () => fail(400, 'invalid_request', 'The body is not valid.', [{ path: 'displayName', message: 'Too small' }, { path: 'roles', message: 'Too small' }])))
    const { context } = makeApp()
    const err = await api(context.client.api.v1.users.$post({ json: newUser })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'invalid_request', message: 'The body is not valid.', issues: [{ path: 'displayName' }, { path: 'roles' }] })
  })

  it('turns a body that is not the contract (a proxy page) into http_error', async () => {
    mock.server.use(http.get('*/api/v1/me', () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' })))
    const { context } = makeApp()
    await expect(api(context.client.api.v1.me.$get())).rejects.toMatchObject({ status: 502, code: 'http_error' })
  })

  it('turns a failed request into network_error (status 0)', async () => {
    mock.server.use(http.get('*/api/v1/me', () => HttpResponse.error()))
    const { context } = makeApp()
    const err = (await api(context.client.api.v1.me.$get()).catch((e: unknown) => e)) as ApiError
    expect(err).toMatchObject({ status: 0, code: 'network_error', isNetwork: true })
  })
})

describe('handleError', () => {
  it('puts field issues on a form (a ref or a reactive object) and shows no toast', async () => {
    mock.server.use(http.post('*/api/v1/users', () => fail(400, 'invalid_request', 'The body is not valid.', [{ path: 'username', message: 'use 3–40 lowercase letters' }])))
    const { context, notices } = makeApp()
    const errors = ref<ApiIssue[]>([])
    try {
      await api(context.client.api.v1.users.$post({ json: newUser }))
    } catch (err) {
      handleErrorWith(context, err, { form: errors })
    }
    expect(errors.value).toEqual([{ path: 'username', message: 'use 3–40 lowercase letters' }])
    const form = reactive({ errors: [] as ApiIssue[] })
    handleErrorWith(context, new ApiError(400, 'invalid_request', 'bad', [{ path: 'pin', message: 'a PIN is 4 to 6 digits' }]), { form })
    expect(form.errors).toEqual([{ path: 'pin', message: 'a PIN is 4 to 6 digits' }])
    expect(notices).toEqual([])
  })

  it('shows a toast, in the current language, when there are no field issues', async () => {
    const { context, notices, i18n } = makeApp()
    const errors = ref<ApiIssue[]>([{ path: 'old', message: 'stale' }])
    const e = handleErrorWith(context, new ApiError(403, 'forbidden', 'Your role may not do this.'), { form: errors })
    expect(e.code).toBe('forbidden')
    expect(errors.value).toEqual([]) // stale field errors are cleared
    expect(notices).toEqual([{ kind: 'error', message: '您的角色不能进行此操作。' }])
    i18n.global.locale.value = 'en'
    await loadLocale(i18n) // English arrives in its own chunk
    handleErrorWith(context, new ApiError(422, 'out_of_stock', 'Only 3 left.'))
    expect(notices[1]).toEqual({ kind: 'error', message: 'Something went wrong: Only 3 left.' })
    handleErrorWith(context, new ApiError(0, 'network_error', 'Failed to fetch'))
    expect(notices[2]).toEqual({ kind: 'warning', message: 'Could not reach the server. Check the network and try again.' })
  })

  it('wraps anything thrown that is not an ApiError', () => {
    const { context } = makeApp()
    expect(errorMessage(context, new Error('boom'))).toBe('出错了：boom')
  })

  it('is available to screens through useApi()', async () => {
    const made = makeApp()
    const fromApp = made.app.runWithContext(() => useApi())
    expect(fromApp.client).toBe(made.context.client)
    expect(fromApp.outbox).toBeNull()
  })

  it('has no typed client in an app that did not ask for one, and says so only when it is read', () => {
    const made = makeApp(kioskDef(), { outbox: false })
    const fromApp = made.app.runWithContext(() => useApi())
    expect(typeof fromApp.handleError).toBe('function')
    expect(() => fromApp.client).toThrow(/the kiosk app has no typed client; add `client: createApiClient`/)
    expect(() => made.context.client).toThrow(/no typed client/)
  })
})

describe('resolveApiBase', () => {
  it('prefers the app setting, then <meta name="chayi-api-base">, then same origin', () => {
    expect(resolveApiBase('https://api.example.org/')).toBe('https://api.example.org')
    const meta = document.createElement('meta')
    meta.name = 'chayi-api-base'
    meta.content = 'https://chayi.example.org'
    document.head.append(meta)
    try {
      expect(resolveApiBase()).toBe('https://chayi.example.org')
    } finally {
      meta.remove()
    }
    expect(resolveApiBase()).toBe('')
  })

  it('treats an empty <meta> as unset, so a build-time base still applies', () => {
    const meta = document.createElement('meta')
    meta.name = 'chayi-api-base'
    meta.content = ''
    document.head.append(meta)
    vi.stubEnv('VITE_API_BASE', 'https://built.example.org')
    try {
      expect(resolveApiBase()).toBe('https://built.example.org')
      expect(resolveApiBase('https://api.example.org')).toBe('https://api.example.org')
    } finally {
      vi.unstubAllEnvs()
      meta.remove()
    }
  })
})
