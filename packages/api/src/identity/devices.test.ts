import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'

describeEachDialect('kiosk device pairing', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  const clock = testClock()
  let admin: string
  let teamId: string
  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    const team = await api.makeTeam()
    teamId = team.id
    admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
  })
  afterAll(() => api.close())

  it('pairs a tablet once with a one-time code, and the token identifies the device', async () => {
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name: '茶馆柜台' } })
    expect(code.status).toBe(201)
    expect(code.json.code).toMatch(/^\d{8}$/)
    const paired = await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })
    expect(paired.status).toBe(201)
    expect(paired.json.device).toMatchObject({ name: '茶馆柜台', teamId, revokedAt: null })
    const me = await api.call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${paired.json.token}` } })
    expect(me.status).toBe(200)
    expect(me.json).toMatchObject({ kind: 'device', device: { id: paired.json.device.id }, team: { id: teamId } })
    const again = await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })
    expect(again.status).toBe(404)
    const list = await api.call('GET', '/api/v1/devices', { cookie: admin })
    expect(list.json.items.map((d: { id: string }) => d.id)).toContain(paired.json.device.id)
    expect(JSON.stringify(list.json)).not.toContain(paired.json.token)
  })

  it('refuses an expired code', async () => {
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name: 'Old' } })
    clock.advance(16 * 60_000)
    expect((await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })).status).toBe(404)
  })

  it('revokes a device: its token stops working, and the revocation is in the chain', async () => {
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name: 'Lost tablet' } })
    const paired = await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })
    const rev = await api.call('POST', `/api/v1/devices/${paired.json.device.id}/revoke`, { cookie: admin })
    expect(rev.status).toBe(200)
    expect(rev.json.revokedAt).not.toBeNull()
    expect((await api.call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${paired.json.token}` } })).status).toBe(401)
    const kinds = await api.deps.db.selectFrom('ledgerEvents').select('kind').where('entityId', '=', paired.json.device.id).orderBy('seq').execute()
    expect(kinds.map((k) => k.kind)).toEqual(['identity.device_paired', 'identity.device_revoked'])
  })

  it('does not reveal other teams’ devices', async () => {
    const other = await api.makeTeam()
    const otherAdmin = await api.signIn((await api.makeUser(other.id, ['admin'])).username!)
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name: 'Mine' } })
    const paired = await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })
    expect((await api.call('POST', `/api/v1/devices/${paired.json.device.id}/revoke`, { cookie: otherAdmin })).status).toBe(404)
    expect((await api.call('GET', '/api/v1/devices', { cookie: otherAdmin })).json.items).toEqual([])
  })
})
