import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '@chayi/db/testing'
import { createClient } from './client.js'
import { createTestApi, TEST_PASSWORD } from './testing.js'

describeEachDialect('typed client', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
  })
  afterAll(() => api.close())

  it('signs in, reads /me and creates a user through the typed client', async () => {
    const team = await api.makeTeam()
    const admin = await api.makeUser(team.id, ['admin'])
    let cookie = ''
    const client = createClient('http://chayi.test', {
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        const res = await api.app.request(input instanceof Request ? input : String(input), init)
        const set = res.headers.get('set-cookie')
        if (set) cookie = set.split(';')[0]!
        return res
      }) as typeof fetch,
      headers: (): Record<string, string> => (cookie ? { cookie } : {}),
    })

    const signIn = await client.api.v1.auth['sign-in'].$post({ json: { login: admin.username!, password: TEST_PASSWORD } })
    expect(signIn.status).toBe(200)
    const me = await client.api.v1.me.$get()
    expect(me.status).toBe(200)
    if (me.status === 200) {
      const body = await me.json()
      expect(body.kind === 'user' ? body.user.username : null).toBe(admin.username)
    }

    const created = await client.api.v1.users.$post({ json: { username: 'via.client', displayName: '客户端', password: 'long enough pw', roles: ['volunteer'] } })
    expect(created.status).toBe(201)
    if (created.status === 201) expect((await created.json()).roles).toEqual(['volunteer'])

    const bad = await client.api.v1.users.$post({ json: { username: 'x', displayName: '', password: 'short', roles: [] } })
    expect(bad.status).toBe(400)
    if (bad.status === 400) {
      const err = await bad.json()
      expect(err.error.issues?.map((i) => i.path).sort()).toEqual(['displayName', 'password', 'roles', 'username'])
    }
  })
})
