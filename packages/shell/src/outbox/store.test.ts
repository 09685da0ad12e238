import { createTestingPinia } from '@pinia/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, http, HttpResponse, MOCK_PIN, respond, z } from '@chayi/testing/msw'
import { bindShellContext, createShellContext } from '../context.js'
import { memoryDeviceTokenStore } from '../session/credentials.js'
import { useSessionStore } from '../session/store.js'
import { kioskDef, useMockApi } from '../test-helpers.js'
import { useOutboxStore } from './store.js'

/*
 * The outbox as an app uses it: through the shell's fetch (device and staff headers, Idempotency-Key)
 * against a mock write endpoint that de-duplicates by key like packages/api/src/write.ts.
 */
const Cup = z.object({ id: z.string(), receiptCode: z.string() })
const mock = useMockApi()
const seen = new Map<string, { body: string; cup: z.infer<typeof Cup> }>()
const requests: { key: string | null; auth: string | null; staff: string | null }[] = []
let loseNextResponse = false

const cups = http.post('*/api/v1/teahouse/cups', async ({ request }) => {
  const key = request.headers.get('idempotency-key')
  requests.push({ key, auth: request.headers.get('authorization'), staff: request.headers.get('x-chayi-staff') })
  const body = await request.text()
  const prior = key ? seen.get(key) : undefined
  if (prior && prior.body !== body) return fail(409, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
  if (prior) return respond(Cup, prior.cup, { status: 201, headers: { 'Idempotent-Replayed': 'true' } })
  const cup = { id: `cup-${seen.size + 1}`, receiptCode: `R${seen.size + 1}` }
  if (key) seen.set(key, { body, cup })
  if (loseNextResponse) {
    loseNextResponse = false
    return HttpResponse.error() // committed on the server; the answer is lost on the way back
  }
  return respond(Cup, cup, { status: 201 })
})

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  mock.server.use(cups)
  seen.clear()
  requests.length = 0
  sessionStorage.clear()
})
afterEach(() => mock.server.resetHandlers())
afterAll(() => mock.server.close())

let n = 0
async function kiosk(online: { value: boolean }) {
  const { token } = mock.world.state.addDevice()
  const ctx = createShellContext(kioskDef(), {
    notify: () => undefined,
    deviceTokens: memoryDeviceTokenStore(token),
    outbox: { dbName: `kiosk-outbox-${++n}`, persist: false, online: () => online.value },
  })
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
  bindShellContext(pinia, ctx)
  const session = useSessionStore(pinia)
  await session.ready()
  await session.unlockStaff(mock.world.state.user('counter').user.id, MOCK_PIN)
  return { ctx, session, outbox: useOutboxStore(pinia), token }
}

describe('outbox through the shell', () => {
  it('queues while offline, then sends in order with Idempotency-Key and the kiosk headers', async () => {
    const online = { value: false }
    const { outbox, ctx, token } = await kiosk(online)
    const ids = [await outbox.enqueue({ method: 'POST', path: '/api/v1/teahouse/cups', body: { n: 1 } }), await outbox.enqueue({ method: 'POST', path: '/api/v1/teahouse/cups', body: { n: 2 } })]
    expect(await outbox.flush()).toBe('offline')
    expect(requests).toEqual([])
    expect(outbox.pending).toBe(2)
    expect(outbox.unsent).toBe(2)
    expect(outbox.online).toBe(false)

    online.value = true
    expect(await outbox.flush()).toBe('empty')
    expect(requests).toEqual(ids.map((key) => ({ key, auth: `Bearer ${token}`, staff: ctx.staff.value!.token })))
    expect([...seen.values()].map((s) => JSON.parse(s.body))).toEqual([{ n: 1 }, { n: 2 }])
    expect(outbox.pending).toBe(0)
    await ctx.outbox!.close()
  })

  it('resends after a lost response with the same key; the server replays instead of writing twice', async () => {
    const online = { value: true }
    const { outbox, ctx } = await kiosk(online)
    loseNextResponse = true
    const id = await outbox.enqueue({ method: 'POST', path: '/api/v1/teahouse/cups', body: { n: 1 } })
    expect(await outbox.flush()).toBe('retrying')
    expect(outbox.items[0]).toMatchObject({ id, attempts: 1, lastError: { status: 0, code: 'network_error' } })
    expect(await outbox.flush()).toBe('empty')
    expect(requests.map((r) => r.key)).toEqual([id, id])
    expect(seen.size).toBe(1)
    await ctx.outbox!.close()
  })

  it('fails a 409 idempotency_key_reused for the user to see, and allows sign-out only after discarding it', async () => {
    const online = { value: true }
    const { outbox, ctx, session } = await kiosk(online)
    seen.set('reused-key-0001', { body: '{"other":true}', cup: { id: 'cup-x', receiptCode: 'RX' } })
    await outbox.enqueue({ id: 'reused-key-0001', method: 'POST', path: '/api/v1/teahouse/cups', body: { n: 1 } })
    await outbox.enqueue({ method: 'POST', path: '/api/v1/teahouse/cups', body: { n: 2 } })
    expect(await outbox.flush()).toBe('blocked')
    expect(outbox.failed).toMatchObject([{ id: 'reused-key-0001', lastError: { status: 409, code: 'idempotency_key_reused' } }])
    expect(requests).toHaveLength(1) // the second waits behind the failed head
    await expect(session.lockStaff()).rejects.toThrow(/not sent/)

    await outbox.discard('reused-key-0001')
    expect(await outbox.flush()).toBe('empty')
    expect(requests).toHaveLength(2)
    await session.lockStaff()
    expect(session.staff).toBeNull()
    await ctx.outbox!.close()
  })
})
