import { afterAll, beforeAll, expect, it } from 'vitest'
import { Certificate, ErrorBody, maskIdNumber, page, PublicCertificate } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { addVolunteer, counts, insertActivity, insertAttendanceEntry, teamWithLeader } from './fixtures.js'

describeEachDialect('certificates (志愿服务证明): issue, check, revoke', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof teamWithLeader>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await teamWithLeader(api, 'xf')
    await api.call('PUT', '/api/v1/volunteer-settings', { cookie: t.leader, body: { starThresholds: [100, 300, 600, 1000, 1500], personInCharge: '张队长', contact: '028-8888 8888' } })
  }, 60_000)
  afterAll(() => api.close())

  /** A volunteer with approved hours in 2026: 2 granary activities (120 + 60), 1 empty-nest (90, later corrected away), 1 pending. */
  async function servedVolunteer(realName = '欧阳娜娜') {
    const v = await addVolunteer(api, t.team, { realName })
    const g1 = await insertActivity(api, t.team.id, { project: 'granary', startsAt: '2026-03-01T01:00:00.000Z', endsAt: '2026-03-01T04:00:00.000Z' })
    const g2 = await insertActivity(api, t.team.id, { project: 'granary', startsAt: '2026-06-01T01:00:00.000Z', endsAt: '2026-06-01T04:00:00.000Z' })
    const e1 = await insertActivity(api, t.team.id, { project: 'empty_nest', startsAt: '2026-07-01T01:00:00.000Z', endsAt: '2026-07-01T04:00:00.000Z' })
    const e2 = await insertActivity(api, t.team.id, { project: 'empty_nest', startsAt: '2026-08-01T01:00:00.000Z', endsAt: '2026-08-01T04:00:00.000Z' })
    const outside = await insertActivity(api, t.team.id, { project: 'granary', startsAt: '2025-12-20T01:00:00.000Z', endsAt: '2025-12-20T04:00:00.000Z' })
    await insertAttendanceEntry(api, { teamId: t.team.id, activity: g1, volunteerId: v.id, minutes: 120, status: 'approved' })
    await insertAttendanceEntry(api, { teamId: t.team.id, activity: g2, volunteerId: v.id, minutes: 60, status: 'approved' })
    await insertAttendanceEntry(api, { teamId: t.team.id, activity: e2, volunteerId: v.id, minutes: 45, status: 'approved' })
    await insertAttendanceEntry(api, { teamId: t.team.id, activity: outside, volunteerId: v.id, minutes: 100, status: 'approved' })
    await insertAttendanceEntry(api, { teamId: t.team.id, activity: await insertActivity(api, t.team.id), volunteerId: v.id, minutes: 30 })
    // An empty-nest visit approved, then corrected to 0: no longer counts, nor does its activity.
    const wrong = await insertAttendanceEntry(api, { teamId: t.team.id, activity: e1, volunteerId: v.id, minutes: 90, status: 'approved' })
    const req = await api.call('POST', `/api/v1/hours/${wrong.id}/correction-requests`, { cookie: v.cookie, body: { minutes: 0, reason: '记错了人' } })
    await api.call('POST', `/api/v1/hour-corrections/${req.json.correctionRequest.id}/decision`, { cookie: t.leader, body: { accept: true } })
    return v
  }

  it('freezes name, masked ID and hours per project under a gap-free number; the public check shows a masked name and validity', async () => {
    const v = await servedVolunteer()
    const r = await api.call('POST', '/api/v1/certificates', { cookie: t.leader, body: { volunteerId: v.id, from: '2026-01-01', to: '2026-12-31' } })
    expect(r.status, r.text).toBe(201)
    const cert = Certificate.parse(r.json)
    expect(cert).toMatchObject({
      number: 'XF-Z-2026-000001',
      volunteerId: v.id,
      realName: '欧阳娜娜',
      idType: 'resident_id',
      idNumberMasked: maskIdNumber(v.idNumber),
      from: '2026-01-01',
      to: '2026-12-31',
      approvedMinutes: 225,
      content: [
        { project: 'granary', minutes: 180, activities: 2 },
        { project: 'empty_nest', minutes: 45, activities: 1 },
      ],
      issuer: 'Team xf',
      personInCharge: '张队长',
      contact: '028-8888 8888',
      handler: t.leaderUser.displayName,
      revokedAt: null,
    })
    expect(cert.volunteerNumber).toMatch(/^XF-\d{6}$/)
    expect(cert.checkUrl).toBe('http://localhost/api/v1/public/certificates/XF-Z-2026-000001')
    expect(r.text).not.toContain(v.idNumber)

    const pub = await api.call('GET', '/api/v1/public/certificates/XF-Z-2026-000001')
    expect(pub.status).toBe(200)
    expect(PublicCertificate.strict().parse(pub.json)).toEqual({
      number: 'XF-Z-2026-000001',
      maskedName: '欧***',
      approvedMinutes: 225,
      from: '2026-01-01',
      to: '2026-12-31',
      issuer: 'Team xf',
      issuedAt: cert.issuedAt,
      status: 'valid',
    })
    expect(pub.text).not.toContain(v.idNumber.slice(-4))
    expect(pub.text).not.toContain('欧阳')

    const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', cert.id).executeTakeFirstOrThrow()
    expect(ev.kind).toBe('volunteers.certificate_issued')
    expect(JSON.parse(ev.payload)).toEqual({ volunteerId: v.id, number: cert.number, from: '2026-01-01', to: '2026-12-31', approvedMinutes: 225 })

    // Later changes do not alter what was certified.
    await api.deps.db.updateTable('volunteers').set({ realName: '欧阳改名' }).where('id', '=', v.id).execute()
    const again = Certificate.parse((await api.call('GET', `/api/v1/certificates/${cert.id}`, { cookie: v.cookie })).json)
    expect(again.realName).toBe('欧阳娜娜')

    // Revoking: once, leaders only; the public check then says revoked.
    expect((await api.call('POST', `/api/v1/certificates/${cert.id}/revoke`, { cookie: v.cookie, body: { reason: '自己撤' } })).status).toBe(403)
    const revoked = await api.call('POST', `/api/v1/certificates/${cert.id}/revoke`, { cookie: t.leader, body: { reason: '时段填错' } })
    expect(revoked.status, revoked.text).toBe(200)
    expect(Certificate.parse(revoked.json)).toMatchObject({ revokeReason: '时段填错', revokedAt: expect.any(String) })
    expect(PublicCertificate.parse((await api.call('GET', '/api/v1/public/certificates/XF-Z-2026-000001')).json).status).toBe('revoked')
    const twice = await api.call('POST', `/api/v1/certificates/${cert.id}/revoke`, { cookie: t.leader, body: { reason: '再撤' } })
    expect([twice.status, twice.json.error.code]).toEqual([409, 'already_revoked'])
    const kinds = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', cert.id).orderBy('seq').execute()
    expect(kinds.map((k) => k.kind)).toEqual(['volunteers.certificate_issued', 'volunteers.certificate_revoked'])
    expect(JSON.stringify(kinds)).not.toContain('时段填错')

    // The next one takes the next number, with the handler asked for.
    const second = await api.call('POST', '/api/v1/certificates', { cookie: t.leader, body: { volunteerId: v.id, from: '2026-06-01', to: '2026-06-30', handler: '王经办' } })
    expect(second.json).toMatchObject({ number: 'XF-Z-2026-000002', approvedMinutes: 60, handler: '王经办', content: [{ project: 'granary', minutes: 60, activities: 1 }] })

    expect((await api.call('GET', '/api/v1/public/certificates/XF-Z-2026-999999')).status).toBe(404)
  })

  it('lets a volunteer get and see their own certificates only; anyone else gets 404', async () => {
    const v = await servedVolunteer('李明')
    const w = await servedVolunteer('王芳')
    const own = await api.call('POST', '/api/v1/certificates', { cookie: v.cookie, body: { volunteerId: v.id, from: '2026-01-01', to: '2026-12-31' } })
    expect(own.status, own.text).toBe(201)
    // Issued by the volunteer: the handler defaults to their own account's name.
    expect(own.json.handler).toMatch(/^User /)
    const before = await counts(api)
    const forOther = await api.call('POST', '/api/v1/certificates', { cookie: v.cookie, body: { volunteerId: w.id, from: '2026-01-01', to: '2026-12-31' } })
    expect([forOther.status, forOther.json.error.code]).toEqual([404, 'not_found'])
    expect(await counts(api)).toEqual(before)

    const wCert = await api.call('POST', '/api/v1/certificates', { cookie: t.leader, body: { volunteerId: w.id, from: '2026-01-01', to: '2026-12-31' } })
    const theirs = await api.call('GET', `/api/v1/certificates/${wCert.json.id}`, { cookie: v.cookie })
    expect(theirs.status).toBe(404)
    const missing = await api.call('GET', '/api/v1/certificates/0190a000-0000-7000-8000-000000000000', { cookie: v.cookie })
    expect(missing.json).toEqual(theirs.json)
    expect((await api.call('GET', `/api/v1/certificates/${wCert.json.id}`, { cookie: t.leader })).status).toBe(200)
    const other = await teamWithLeader(api)
    expect((await api.call('GET', `/api/v1/certificates/${wCert.json.id}`, { cookie: other.leader })).status).toBe(404)

    const mine = page(Certificate).parse((await api.call('GET', '/api/v1/certificates/mine', { cookie: v.cookie })).json)
    expect(mine.items.map((c) => c.id)).toEqual([own.json.id])
    const byLeader = page(Certificate).parse((await api.call('GET', `/api/v1/certificates?volunteerId=${w.id}`, { cookie: t.leader })).json)
    expect(byLeader.items.map((c) => c.id)).toEqual([wCert.json.id])
    expect((await api.call('GET', '/api/v1/certificates', { cookie: v.cookie })).status).toBe(403)
    const all = page(Certificate).parse((await api.call('GET', '/api/v1/certificates?limit=2', { cookie: t.leader })).json)
    expect(all.items).toHaveLength(2)
    const rest = page(Certificate).parse((await api.call('GET', `/api/v1/certificates?limit=2&cursor=${all.nextCursor}`, { cookie: t.leader })).json)
    expect(new Set([...all.items, ...rest.items].map((c) => c.id)).size).toBe(all.items.length + rest.items.length)
  })

  it('refuses non-members, periods without approved hours and bad requests, taking no number', async () => {
    const served = await servedVolunteer('孙一')
    const pending = await addVolunteer(api, t.team, { status: 'pending' })
    const before = await counts(api)
    const cases: [Record<string, unknown>, number, string][] = [
      [{ volunteerId: pending.id, from: '2026-01-01', to: '2026-12-31' }, 422, 'not_a_member'],
      [{ volunteerId: served.id, from: '2026-09-01', to: '2026-10-31' }, 422, 'no_approved_hours'],
      [{ volunteerId: served.id, from: '2026-12-31', to: '2026-01-01' }, 400, 'invalid_request'],
      [{ volunteerId: served.id, from: '2026-02-30', to: '2026-12-31' }, 400, 'invalid_request'],
      [{ volunteerId: served.id, from: '2026-01-01' }, 400, 'invalid_request'],
      [{ volunteerId: '0190a000-0000-7000-8000-000000000000', from: '2026-01-01', to: '2026-12-31' }, 404, 'not_found'],
    ]
    for (const [body, status, code] of cases) {
      const r = await api.call('POST', '/api/v1/certificates', { cookie: t.leader, body })
      expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
    }
    expect((await api.call('POST', `/api/v1/certificates/${'0190a000-0000-7000-8000-000000000000'}/revoke`, { cookie: t.leader, body: { reason: 'x' } })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/certificates/${'0190a000-0000-7000-8000-000000000000'}/revoke`, { cookie: t.leader, body: { reason: ' ' } })).status).toBe(400)
    expect(await counts(api)).toEqual(before)
  })

  it('gives concurrent issues consecutive numbers without gaps', async () => {
    const team = await teamWithLeader(api, 'conc')
    const vs = []
    for (let i = 0; i < 4; i++) {
      const v = await addVolunteer(api, team.team)
      await insertAttendanceEntry(api, { teamId: team.team.id, activity: await insertActivity(api, team.team.id), volunteerId: v.id, minutes: 60, status: 'approved' })
      vs.push(v)
    }
    const rs = await Promise.all(vs.map((v) => api.call('POST', '/api/v1/certificates', { cookie: team.leader, body: { volunteerId: v.id, from: '2026-01-01', to: '2026-12-31' } })))
    expect(rs.map((r) => r.status)).toEqual([201, 201, 201, 201])
    expect(rs.map((r) => r.json.number as string).sort()).toEqual(['CONC-Z-2026-000001', 'CONC-Z-2026-000002', 'CONC-Z-2026-000003', 'CONC-Z-2026-000004'])
  })
})
