import { afterAll, beforeAll, expect, it } from 'vitest'
import { Donation, itemKeyOf } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { donationBody, granaryCounts, granaryTeam, recipient, rice } from './fixtures.js'

const RICE = itemKeyOf('grain_oil', '大米 5kg', '袋')

describeEachDialect('granary: who may do what', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
  }, 60_000)
  afterAll(() => api.close())

  it('lets care staff and admins write, leaders only read, volunteers and kiosks nothing; other teams see nothing', async () => {
    const t = await granaryTeam(api)
    const d = Donation.parse((await api.call('POST', '/api/v1/granary/donations', { cookie: t.admin, body: donationBody([rice()]) })).json)
    const writes: [string, unknown][] = [
      ['/api/v1/granary/donors', { kind: 'anonymous' }],
      ['/api/v1/granary/places', { name: '新仓' }],
      ['/api/v1/granary/donations', donationBody([rice()])],
      ['/api/v1/granary/distributions', { recipient, items: [{ itemKey: RICE, quantity: 1 }] }],
      ['/api/v1/granary/adjustments', { itemKey: RICE, quantity: -1, reason: 'damaged' }],
      [`/api/v1/granary/movements/${d.movementId}/reversal`, { reason: '测试' }],
      ['/api/v1/granary/stocktakes', {}],
    ]
    const reads = [
      '/api/v1/granary/donors',
      '/api/v1/granary/places',
      '/api/v1/granary/donations',
      `/api/v1/granary/donations/${d.id}`,
      `/api/v1/granary/donations/${d.id}/receipt`,
      '/api/v1/granary/distributions',
      '/api/v1/granary/movements',
      `/api/v1/granary/movements/${d.movementId}`,
      '/api/v1/granary/items',
      `/api/v1/granary/items/${RICE}/card`,
      '/api/v1/granary/stocktakes',
    ]
    const before = await granaryCounts(api)
    for (const [path, body] of writes) {
      for (const cookie of [t.leader, t.volunteer]) {
        const r = await api.call('POST', path, { cookie, body })
        expect([r.status, r.json.error.code], path).toEqual([403, 'forbidden'])
      }
      expect((await api.call('POST', path, { body })).status, path).toBe(401)
    }
    expect(await granaryCounts(api)).toEqual(before)
    for (const path of reads) {
      expect((await api.call('GET', path, { cookie: t.leader })).status, path).toBe(200)
      expect((await api.call('GET', path, { cookie: t.staff })).status, path).toBe(200)
      expect((await api.call('GET', path, { cookie: t.volunteer })).status, path).toBe(403)
    }
    const other = await granaryTeam(api)
    expect((await api.call('GET', `/api/v1/granary/donations/${d.id}`, { cookie: other.staff })).status).toBe(404)
    expect((await api.call('GET', '/api/v1/granary/donations', { cookie: other.staff })).json.items).toEqual([])
    expect((await api.call('GET', `/api/v1/granary/items/${RICE}/card`, { cookie: other.staff })).status).toBe(404)
    const foreign = await api.call('POST', `/api/v1/granary/movements/${d.movementId}/reversal`, { cookie: other.staff, body: { reason: '别队' } })
    expect(foreign.status).toBe(404)
    // Care staff write; the admin wrote the first donation above.
    const ok = await api.call('POST', '/api/v1/granary/distributions', { cookie: t.staff, body: { recipient, items: [{ itemKey: RICE, quantity: 1 }] } })
    expect(ok.status).toBe(201)
  })
})
