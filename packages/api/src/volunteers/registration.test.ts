import { afterAll, beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { maskIdNumber, VolunteerProfile } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { registration, residentId } from './fixtures.js'

describeEachDialect('volunteer registration', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  const url = '/api/v1/public/teams/xingfu/volunteers'
  beforeAll(async () => {
    api = await createTestApi(ctx())
    await api.makeTeam('xingfu')
  })
  afterAll(() => api.close())

  const counts = async () => {
    const db = ctx().db
    const one = async (t: 'volunteers' | 'users' | 'ledgerEvents' | 'idempotencyKeys') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    return { volunteers: await one('volunteers'), users: await one('users'), events: await one('ledgerEvents'), keys: await one('idempotencyKeys') }
  }

  it('registers an adult as pending, with the ID number masked and sealed at rest', async () => {
    const body = registration()
    const r = await api.call('POST', url, { body })
    expect(r.status, r.text).toBe(201)
    const v = VolunteerProfile.parse(r.json)
    expect(v).toMatchObject({ status: 'pending', volunteerNumber: null, joinedAt: null, ageBand: 'middle_aged', realName: '王小红', phone: body.phone })
    expect(v.idNumberMasked).toBe(maskIdNumber(body.idNumber))
    expect(r.text).not.toContain(body.idNumber)
    expect(r.text).not.toContain(body.emergencyContact.phone)

    const rows = await sql<Record<string, unknown>>`select * from volunteers where id = ${v.id}`.execute(ctx().db)
    expect(rows.rows).toHaveLength(1)
    const raw = JSON.stringify(rows.rows)
    expect(raw).not.toContain(body.idNumber)
    expect(raw).not.toContain(body.idNumber.slice(6, 14))
    expect(raw).not.toContain(body.emergencyContact.phone)
    expect(raw).not.toContain(body.emergencyContact.name)

    // The chain keeps ids and status only; the account event carries no name.
    const events = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).orderBy('seq', 'desc').limit(2).execute()
    expect(events.map((e) => e.kind).sort()).toEqual(['identity.user_created', 'volunteers.volunteer_registered'])
    const chain = JSON.stringify(events)
    for (const secret of [body.idNumber, body.phone, body.realName, body.emergencyContact.phone]) expect(chain).not.toContain(secret)

    // The account signs in by phone, has no role yet, and sees its own profile whole.
    const cookie = await api.signIn(body.phone, body.password)
    expect((await api.call('GET', '/api/v1/me', { cookie })).json.user.roles).toEqual([])
    expect((await api.call('GET', '/api/v1/users', { cookie })).status).toBe(403)
    const me = await api.call('GET', '/api/v1/volunteers/me', { cookie })
    expect(me.status).toBe(200)
    expect(VolunteerProfile.parse(me.json)).toMatchObject({ id: v.id, emergencyContact: body.emergencyContact, idNumberMasked: v.idNumberMasked })
    expect(me.text).not.toContain(body.idNumber)
  })

  it('refuses a 13-year-old (422 too_young) and writes nothing', async () => {
    const before = await counts()
    const r = await api.call('POST', url, { body: registration({ birthDate: '2013-06-01' }), headers: { 'idempotency-key': 'young-key-0001' } })
    expect(r.status).toBe(422)
    expect(r.json.error.code).toBe('too_young')
    expect(r.json.error.issues[0].path).toBe('birthDate')
    expect(await counts()).toEqual(before)
  })

  it('needs a guardian for a 16-year-old (422 guardian_required), and registers them with one', async () => {
    const before = await counts()
    const no = await api.call('POST', url, { body: registration({ birthDate: '2010-05-05' }) })
    expect(no.status).toBe(422)
    expect(no.json.error.code).toBe('guardian_required')
    expect(await counts()).toEqual(before)
    const guardian = { name: '李建国', phone: '13711112222', consentAt: '2026-11-20T02:00:00.000Z', consentNote: '监护人书面同意书已存档' }
    const body = registration({ birthDate: '2010-05-05', guardian })
    const ok = await api.call('POST', url, { body })
    expect(ok.status, ok.text).toBe(201)
    expect(ok.json.ageBand).toBe('youth')
    expect(ok.text).not.toContain(guardian.phone)
    const cookie = await api.signIn(body.phone, body.password)
    expect((await api.call('GET', '/api/v1/volunteers/me', { cookie })).json.guardian).toEqual(guardian)
  })

  it('answers bad input with 400 and the paths of the fields at fault, writing nothing', async () => {
    const before = await counts()
    const r = await api.call('POST', url, {
      body: registration({ phone: '12345', affiliations: [], emergencyContact: { name: '', phone: '1', relation: 'x' }, idType: 'library_card' }),
    })
    expect(r.status).toBe(400)
    expect(r.json.error.code).toBe('invalid_request')
    const paths = r.json.error.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['phone', 'affiliations', 'emergencyContact.name', 'emergencyContact.phone', 'idType']))
    const id = residentId('1990-06-15', 77)
    const wrongCheck = id.slice(0, 17) + (id[17] === '3' ? '4' : '3')
    const bad = await api.call('POST', url, { body: registration({ idNumber: wrongCheck }) })
    expect(bad.status).toBe(400)
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['idNumber'])
    const mismatch = await api.call('POST', url, { body: registration({ idNumber: id, birthDate: '1990-06-16' }) })
    expect(mismatch.status).toBe(400)
    expect(mismatch.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['birthDate'])
    expect(await counts()).toEqual(before)
  })

  it('refuses a second registration with the same ID number (409) or phone (409), and an unknown team (404)', async () => {
    const first = registration()
    expect((await api.call('POST', url, { body: first })).status).toBe(201)
    const before = await counts()
    const sameId = await api.call('POST', url, { body: registration({ idNumber: first.idNumber.toLowerCase() }) })
    expect(sameId.status).toBe(409)
    expect(sameId.json.error.code).toBe('already_registered')
    const samePhone = await api.call('POST', url, { body: registration({ phone: first.phone }) })
    expect(samePhone.status).toBe(409)
    expect(samePhone.json.error.code).toBe('login_taken')
    expect(await counts()).toEqual(before)
    expect((await api.call('POST', '/api/v1/public/teams/nowhere/volunteers', { body: registration() })).status).toBe(404)
  })

  it('replays a retried registration with the same Idempotency-Key, and refuses the key for another body', async () => {
    const body = registration()
    const headers = { 'idempotency-key': 'reg-0190a000-0001' }
    const a = await api.call('POST', url, { body, headers })
    expect(a.status).toBe(201)
    const before = await counts()
    const b = await api.call('POST', url, { body, headers })
    expect(b.status).toBe(201)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(b.json).toEqual(a.json)
    expect(await counts()).toEqual(before)
    const other = await api.call('POST', url, { body: registration(), headers })
    expect(other.status).toBe(409)
    expect(other.json.error.code).toBe('idempotency_key_reused')
    // What the key stored is the masked answer: no ID number, no contacts.
    const stored = await ctx().db.selectFrom('idempotencyKeys').select(['requestHash', 'responseBody']).where('key', '=', headers['idempotency-key']).executeTakeFirstOrThrow()
    expect(stored.responseBody).not.toContain(body.idNumber)
    expect(stored.responseBody).not.toContain(body.emergencyContact.phone)
  })
})
