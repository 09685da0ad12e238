import { afterAll, beforeAll, expect, it } from 'vitest'
import { AccessLogEntry, Beneficiary, BeneficiaryConsent, page, RevealedBeneficiaryFields } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { careCounts, newBeneficiary } from './fixtures.js'

describeEachDialect('care register: consent and reveals', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let staff: string
  let admin: string
  let leader: string
  let otherStaff: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam('cs')
    const other = await api.makeTeam('cs2')
    staff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
    admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    otherStaff = await api.signIn((await api.makeUser(other.id, ['care_staff'])).username!)
  }, 60_000)
  afterAll(() => api.close())

  async function register(over: Record<string, unknown> = {}) {
    const body = newBeneficiary(over)
    const r = await api.call('POST', '/api/v1/beneficiaries', { cookie: staff, body })
    if (r.status !== 201) throw new Error(r.text)
    return { body, b: Beneficiary.parse(r.json) }
  }
  const consents = async (id: string) => page(BeneficiaryConsent).parse((await api.call('GET', `/api/v1/beneficiaries/${id}/consents`, { cookie: staff })).json).items
  const reveal = (id: string, fields: string[], reason = '上门探访前核对') => api.call('POST', `/api/v1/beneficiaries/${id}/reveal`, { cookie: staff, body: { fields, reason } })

  it('reveals whole values to care staff with a reason: one access-log line per field, an audit event without values, read by admins', async () => {
    const { body, b } = await register()
    const before = await careCounts(ctx())
    const r = await reveal(b.id, ['id_number', 'health_notes', 'disability', 'income', 'phone', 'address', 'emergency_contact'], '办理残疾人补贴申请')
    expect(r.status, r.text).toBe(200)
    const v = RevealedBeneficiaryFields.parse(r.json)
    expect(v).toMatchObject({
      beneficiaryId: b.id,
      idNumber: body.idNumber,
      healthNotes: body.healthNotes,
      disability: body.disability,
      monthlyIncomeFen: body.monthlyIncomeFen,
      phone: body.phone,
      address: body.address,
      emergencyContact: body.emergencyContact,
    })
    expect(v.accessLogIds).toHaveLength(7)
    const after = await careCounts(ctx())
    expect(after.accessLog).toBe(before.accessLog + 7)
    expect(after.ledgerEvents).toBe(before.ledgerEvents + 1)
    // Nothing of a reveal is stored for replay.
    expect(after.idempotencyKeys).toBe(before.idempotencyKeys)

    const event = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload', 'actor']).where('kind', '=', 'care.beneficiary_fields_revealed').where('entityId', '=', b.id).executeTakeFirstOrThrow()
    expect(JSON.parse(event.payload)).toEqual({ fields: ['id_number', 'health_notes', 'disability', 'income', 'phone', 'address', 'emergency_contact'], accessLogIds: v.accessLogIds })
    for (const secret of [body.idNumber, body.healthNotes, body.phone, body.address, String(body.monthlyIncomeFen), body.disability.certificateNumber, body.emergencyContact.phone, '办理残疾人补贴']) {
      expect(event.payload).not.toContain(secret)
    }
    const logRows = await ctx().db.selectFrom('accessLog').selectAll().where('entityId', '=', b.id).execute()
    expect(JSON.stringify(logRows)).not.toContain(body.idNumber)

    expect((await api.call('GET', '/api/v1/access-log', { cookie: staff })).status).toBe(403)
    const log = page(AccessLogEntry).parse((await api.call('GET', '/api/v1/access-log?limit=7', { cookie: admin })).json)
    expect(log.items.map((i) => i.field).sort()).toEqual(['address', 'disability', 'emergency_contact', 'health_notes', 'id_number', 'income', 'phone'])
    for (const i of log.items) expect(i).toMatchObject({ entity: 'beneficiary', entityId: b.id, reason: '办理残疾人补贴申请', actorName: expect.any(String) })
  })

  it('refuses a reveal without a reason, to a leader, and for another team, logging nothing', async () => {
    const { b } = await register()
    const before = await careCounts(ctx())
    for (const body of [{ fields: ['phone'] }, { fields: [], reason: '核对信息' }, { fields: ['phone', 'phone'], reason: '核对信息' }, { fields: ['bank_account'], reason: '核对信息' }, { fields: ['phone'], reason: 'x' }]) {
      const r = await api.call('POST', `/api/v1/beneficiaries/${b.id}/reveal`, { cookie: staff, body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.json.error.code).toBe('invalid_request')
    }
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/reveal`, { cookie: leader, body: { fields: ['phone'], reason: '核对信息' } })).status).toBe(403)
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/reveal`, { cookie: otherStaff, body: { fields: ['phone'], reason: '核对信息' } })).status).toBe(404)
    expect(await careCounts(ctx())).toEqual(before)
  })

  it('withdrawing consent hides the fields everywhere, refuses their reveal and new values, and keeps the history', async () => {
    const { body, b } = await register({ consent: { scope: ['health', 'disability'], version: '2026-v1', givenBy: { kind: 'guardian', name: '张建国' }, givenAt: '2026-11-20T02:00:00.000Z' }, idNumber: undefined, monthlyIncomeFen: undefined })
    expect(b.consentScopes).toEqual(['disability', 'health'])
    expect(b.sensitive.idNumber).toEqual({ masked: null, hidden: 'no_consent' })
    expect(b.sensitive.healthNotes).toEqual({ masked: '******', hidden: null })

    // A second consent adds the income scope; income can then be stored.
    const more = await api.call('POST', `/api/v1/beneficiaries/${b.id}/consents`, { cookie: staff, body: { scope: ['income'], version: '2026-v2', givenBy: { kind: 'self' }, givenAt: '2026-11-27T01:00:00.000Z' } })
    expect(more.status, more.text).toBe(201)
    expect(BeneficiaryConsent.parse(more.json)).toMatchObject({ scope: ['income'], status: 'active', givenBy: { kind: 'self', name: null }, recordedAt: '2026-11-28T08:00:00.000Z' })
    expect((await api.call('PATCH', `/api/v1/beneficiaries/${b.id}`, { cookie: staff, body: { monthlyIncomeFen: 150_000 } })).status).toBe(200)

    const history = await consents(b.id)
    expect(history.map((c) => c.version)).toEqual(['2026-v2', '2026-v1'])
    // The guardian's name is kept sealed and shown masked.
    expect(history[1]!.givenBy).toEqual({ kind: 'guardian', name: '张**' })
    const first = history[1]!

    const w = await api.call('POST', `/api/v1/consents/${first.id}/withdraw`, { cookie: staff, body: { reason: '监护人书面撤回同意' } })
    expect(w.status, w.text).toBe(200)
    expect(BeneficiaryConsent.parse(w.json)).toMatchObject({ status: 'withdrawn', withdrawReason: '监护人书面撤回同意', withdrawnAt: expect.any(String) })
    expect((await api.call('POST', `/api/v1/consents/${first.id}/withdraw`, { cookie: staff, body: { reason: '再次撤回' } })).json.error.code).toBe('already_withdrawn')

    // Hidden in the page, the list and for an admin; the still-covered income shows its mask.
    for (const cookie of [staff, admin]) {
      const one = Beneficiary.parse((await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie })).json)
      expect(one.consentScopes).toEqual(['income'])
      expect(one.sensitive).toEqual({
        idNumber: { masked: null, hidden: 'no_consent' },
        disability: { masked: null, hidden: 'no_consent' },
        healthNotes: { masked: null, hidden: 'no_consent' },
        income: { masked: '******', hidden: null },
      })
    }
    const listed = page(Beneficiary).parse((await api.call('GET', `/api/v1/beneficiaries?q=${encodeURIComponent(body.name)}`, { cookie: staff })).json).items[0]!
    expect(listed.sensitive.healthNotes).toEqual({ masked: null, hidden: 'no_consent' })
    expect(listed.sensitive.disability).toEqual({ masked: null, hidden: 'no_consent' })
    const masked = page(Beneficiary).parse((await api.call('GET', `/api/v1/beneficiaries?q=${encodeURIComponent(body.name)}`, { cookie: leader })).json).items[0]!
    expect(masked.sensitive.healthNotes).toEqual({ masked: null, hidden: 'no_consent' })

    // Reveal refuses the hidden fields (the whole request), and logs nothing.
    const before = await careCounts(ctx())
    const refused = await reveal(b.id, ['phone', 'health_notes', 'disability'])
    expect(refused.status).toBe(422)
    expect(refused.json.error.code).toBe('no_consent')
    expect(refused.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['fields.1', 'fields.2'])
    expect(refused.text).not.toContain(body.healthNotes)
    // A new value for a hidden field is refused too; erasing it is allowed.
    const store = await api.call('PATCH', `/api/v1/beneficiaries/${b.id}`, { cookie: staff, body: { healthNotes: '新的健康记录', livingSituation: 'in_care' } })
    expect(store.status).toBe(422)
    expect(store.json.error).toMatchObject({ code: 'no_consent', issues: [{ path: 'healthNotes' }] })
    expect(await careCounts(ctx())).toEqual(before)
    expect((await reveal(b.id, ['income'])).json.monthlyIncomeFen).toBe(150_000)

    // A fresh consent makes the kept values visible again.
    await api.call('POST', `/api/v1/beneficiaries/${b.id}/consents`, { cookie: staff, body: { scope: ['health'], version: '2026-v3', givenBy: { kind: 'self' }, givenAt: '2026-11-28T07:00:00.000Z' } })
    expect((await reveal(b.id, ['health_notes'])).json.healthNotes).toBe(body.healthNotes)
    expect((await api.call('PATCH', `/api/v1/beneficiaries/${b.id}`, { cookie: staff, body: { disability: null } })).status).toBe(200)

    const events = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('kind', 'in', ['care.consent_given', 'care.consent_withdrawn']).execute()
    const chain = JSON.stringify(events)
    expect(chain).not.toContain('张建国')
    expect(chain).not.toContain('监护人书面撤回')
    expect(events.filter((e) => e.kind === 'care.consent_withdrawn').map((e) => JSON.parse(e.payload))).toContainEqual({ beneficiaryId: b.id, scope: ['health', 'disability'] })
  })

  it('refuses bad consents and withdrawals with 400/404 and writes nothing', async () => {
    const { b } = await register()
    const [c] = await consents(b.id)
    const before = await careCounts(ctx())
    const give = (body: unknown, id = b.id, cookie = staff) => api.call('POST', `/api/v1/beneficiaries/${id}/consents`, { cookie, body })
    const good = { scope: ['health'], version: 'v1', givenBy: { kind: 'self' }, givenAt: '2026-11-01T00:00:00.000Z' }
    for (const body of [{}, { ...good, scope: ['bank'] }, { ...good, scope: ['health', 'health'] }, { ...good, version: '' }, { ...good, givenBy: { kind: 'guardian' } }, { ...good, givenBy: { kind: 'neighbour', name: '王' } }, { ...good, givenAt: '2026-11-01' }, { ...good, givenAt: '2026-12-01T00:00:00.000Z' }]) {
      const r = await give(body)
      expect(r.status, `${JSON.stringify(body)} ${r.text}`).toBe(400)
      expect(r.json.error.code).toBe('invalid_request')
    }
    expect((await give(good, '0190a000-0000-7000-8000-000000000000')).status).toBe(404)
    expect((await give(good, b.id, otherStaff)).status).toBe(404)
    expect((await give(good, b.id, leader)).status).toBe(403)
    expect((await api.call('POST', `/api/v1/consents/${c!.id}/withdraw`, { cookie: staff, body: {} })).status).toBe(400)
    expect((await api.call('POST', `/api/v1/consents/${c!.id}/withdraw`, { cookie: otherStaff, body: { reason: '撤回同意' } })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}/consents`, { cookie: otherStaff })).status).toBe(404)
    expect(await careCounts(ctx())).toEqual(before)
  })
})
