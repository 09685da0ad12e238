import { afterAll, beforeAll, expect, it } from 'vitest'
import { Beneficiary, BeneficiaryDetail, maskIdNumber, maskName, maskPhone, page } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { beneficiaryIdNumber, careCounts, newBeneficiary } from './fixtures.js'

describeEachDialect('care register: beneficiaries, masks, roles, status history', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let staff: string
  let admin: string
  let leader: string
  let volunteer: string
  let counter: string
  let otherStaff: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam('xf')
    const other = await api.makeTeam('xf2')
    staff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
    admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    volunteer = await api.signIn((await api.makeUser(team.id, ['volunteer'])).username!)
    counter = await api.signIn((await api.makeUser(team.id, ['counter_staff'])).username!)
    otherStaff = await api.signIn((await api.makeUser(other.id, ['care_staff'])).username!)
  }, 60_000)
  afterAll(() => api.close())

  async function register(over: Record<string, unknown> = {}, cookie = staff) {
    const body = newBeneficiary(over)
    const r = await api.call('POST', '/api/v1/beneficiaries', { cookie, body })
    if (r.status !== 201) throw new Error(r.text)
    return { body, b: Beneficiary.parse(r.json) }
  }

  it('registers a beneficiary with masks only in the answer, and ids and codes only in the chain', async () => {
    const { body, b } = await register()
    expect(b).toMatchObject({
      view: 'staff',
      kinds: ['elderly', 'disabled'],
      name: body.name,
      birthDate: '1948-03-09',
      age: 78,
      community: '幸福社区',
      livingSituation: 'alone',
      status: 'active',
      phoneMasked: maskPhone(body.phone),
      addressMasked: '幸福社区******',
      emergencyContact: { name: maskName('李建华'), relation: '儿子', phoneMasked: maskPhone(body.emergencyContact.phone) },
      consentScopes: ['disability', 'health', 'id_number', 'income'],
      card: null,
    })
    expect(b.sensitive).toEqual({
      idNumber: { masked: maskIdNumber(body.idNumber), hidden: null },
      disability: { masked: maskIdNumber(body.disability.certificateNumber), hidden: null },
      healthNotes: { masked: '******', hidden: null },
      income: { masked: '******', hidden: null },
    })
    const r = await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie: staff })
    for (const secret of [body.idNumber, body.phone, body.address, body.emergencyContact.phone, body.healthNotes, String(body.monthlyIncomeFen), body.disability.certificateNumber]) {
      expect(r.text).not.toContain(secret)
    }
    const events = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', b.id).execute()
    expect(events.map((e) => e.kind)).toEqual(['care.beneficiary_registered'])
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ kinds: ['elderly', 'disabled'], status: 'active', sealed: ['phone', 'address', 'emergency_contact', 'id_number', 'disability', 'health_notes', 'income'] })
    const chain = JSON.stringify(await ctx().db.selectFrom('ledgerEvents').select('payload').execute())
    for (const secret of [body.name, body.idNumber, body.phone, body.address, body.healthNotes, body.emergencyContact.name, String(body.monthlyIncomeFen)]) expect(chain).not.toContain(secret)
  })

  it('lets a leader list masked names and no sensitive fields; volunteers and counter staff get 403 on the register', async () => {
    const { body, b } = await register()
    const r = await api.call('GET', `/api/v1/beneficiaries?q=${encodeURIComponent(body.name)}`, { cookie: leader })
    expect(r.status, r.text).toBe(200)
    const [seen] = page(Beneficiary).parse(r.json).items
    expect(seen).toMatchObject({ id: b.id, view: 'masked', name: maskName(body.name), birthDate: null, age: 78, emergencyContact: null, phoneMasked: maskPhone(body.phone) })
    for (const f of Object.values(seen!.sensitive)) expect(f).toEqual({ masked: null, hidden: 'role' })
    expect(r.text).not.toContain(body.name)
    expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie: leader })).status).toBe(403)
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/reveal`, { cookie: leader, body: { fields: ['phone'], reason: '联系探访' } })).status).toBe(403)
    expect((await api.call('POST', '/api/v1/beneficiaries', { cookie: leader, body: newBeneficiary() })).status).toBe(403)
    for (const cookie of [volunteer, counter]) {
      expect((await api.call('GET', '/api/v1/beneficiaries', { cookie })).status).toBe(403)
      expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie })).status).toBe(403)
      expect((await api.call('POST', '/api/v1/beneficiaries', { cookie, body: newBeneficiary() })).status).toBe(403)
      expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}/consents`, { cookie })).status).toBe(403)
    }
    // An admin keeps the register like care staff.
    const a = await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie: admin })
    expect(BeneficiaryDetail.parse(a.json)).toMatchObject({ view: 'staff', name: body.name })
  })

  it('filters by kind, status and part of the name, and pages with a cursor', async () => {
    const tag = `筛选${Date.now() % 1000}`
    const made = []
    for (let i = 0; i < 5; i++) {
      made.push(
        (await register({ name: `${tag}王${i}`, kinds: i % 2 ? ['disabled'] : ['elderly', 'low_income'], ...(i % 2 ? { birthDate: '1990-01-01', idNumber: beneficiaryIdNumber('1990-01-01') } : {}) })).b,
      )
    }
    await api.call('POST', `/api/v1/beneficiaries/${made[4]!.id}/status`, { cookie: staff, body: { status: 'paused', reason: '住院治疗' } })
    const get = async (qs: string) => page(Beneficiary).parse((await api.call('GET', `/api/v1/beneficiaries?q=${encodeURIComponent(tag)}&${qs}`, { cookie: staff })).json)
    expect((await get('')).items.map((b) => b.id)).toEqual(made.map((b) => b.id))
    expect((await get('kind=disabled')).items.map((b) => b.name)).toEqual([`${tag}王1`, `${tag}王3`])
    expect((await get('kind=low_income')).items.map((b) => b.name)).toEqual([`${tag}王0`, `${tag}王2`, `${tag}王4`])
    expect((await get('status=paused')).items.map((b) => b.id)).toEqual([made[4]!.id])
    expect((await get('status=active&kind=elderly')).items).toHaveLength(2)
    const first = await get('limit=2')
    expect(first.items).toHaveLength(2)
    const second = await get(`limit=2&cursor=${first.nextCursor}`)
    const third = await get(`limit=2&cursor=${second.nextCursor}`)
    expect([...first.items, ...second.items, ...third.items].map((b) => b.id)).toEqual(made.map((b) => b.id))
    expect(third.nextCursor).toBeNull()
    // LIKE wildcards in q match themselves only.
    expect((await api.call('GET', '/api/v1/beneficiaries?q=%25', { cookie: staff })).json.items).toEqual([])
    expect((await api.call('GET', '/api/v1/beneficiaries?q=_', { cookie: staff })).json.items).toEqual([])
    const bad = await api.call('GET', '/api/v1/beneficiaries?kind=rich&status=gone&limit=0', { cookie: staff })
    expect(bad.status).toBe(400)
    expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['kind', 'limit', 'status'])
  })

  it('answers 404 for another team’s beneficiary, everywhere', async () => {
    const { b } = await register()
    const before = await careCounts(ctx())
    expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie: otherStaff })).status).toBe(404)
    expect((await api.call('PATCH', `/api/v1/beneficiaries/${b.id}`, { cookie: otherStaff, body: { livingSituation: 'in_care' } })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/status`, { cookie: otherStaff, body: { status: 'left', reason: '迁出社区' } })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/reveal`, { cookie: otherStaff, body: { fields: ['phone'], reason: '联系家属' } })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}/consents`, { cookie: otherStaff })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/cards`, { cookie: otherStaff, body: {} })).status).toBe(404)
    const list = page(Beneficiary).parse((await api.call('GET', '/api/v1/beneficiaries?limit=200', { cookie: otherStaff })).json)
    expect(list.items.map((x) => x.id)).not.toContain(b.id)
    expect(await careCounts(ctx())).toEqual(before)
  })

  it('changes plain fields, replaces and erases sealed ones, and records field names only', async () => {
    const { body, b } = await register()
    const r = await api.call('PATCH', `/api/v1/beneficiaries/${b.id}`, {
      cookie: staff,
      body: { livingSituation: 'with_children', phone: '028-85551234', address: null, healthNotes: '术后康复中，需定期复查', monthlyIncomeFen: null, status: 'left' },
    })
    expect(r.status, r.text).toBe(200)
    expect(Beneficiary.parse(r.json)).toMatchObject({ livingSituation: 'with_children', phoneMasked: '028*****1234', addressMasked: null, status: 'active' })
    expect(r.json.sensitive.income).toEqual({ masked: null, hidden: null })
    const shown = await api.call('POST', `/api/v1/beneficiaries/${b.id}/reveal`, { cookie: staff, body: { fields: ['phone', 'address', 'health_notes', 'income', 'id_number'], reason: '核对档案' } })
    expect(shown.json).toMatchObject({ phone: '028-85551234', address: null, healthNotes: '术后康复中，需定期复查', monthlyIncomeFen: null, idNumber: body.idNumber })
    const event = await ctx().db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'care.beneficiary_updated').where('entityId', '=', b.id).executeTakeFirstOrThrow()
    expect(JSON.parse(event.payload)).toEqual({ fields: ['address', 'healthNotes', 'livingSituation', 'monthlyIncomeFen', 'phone'], erased: ['address', 'monthlyIncomeFen'] })
    expect(event.payload).not.toContain('85551234')
    expect(event.payload).not.toContain('术后')
  })

  it('keeps every status with its reason; never deletes; leaving and coming back are new history rows', async () => {
    const { b } = await register()
    const steps = [
      { status: 'paused', reason: '住院治疗三个月' },
      { status: 'active', reason: '出院回家' },
      { status: 'left', reason: '搬往外区居住' },
    ]
    for (const s of steps) {
      const r = await api.call('POST', `/api/v1/beneficiaries/${b.id}/status`, { cookie: staff, body: s })
      expect(r.status, r.text).toBe(200)
      expect(r.json.status).toBe(s.status)
    }
    const same = await api.call('POST', `/api/v1/beneficiaries/${b.id}/status`, { cookie: staff, body: { status: 'left', reason: '再次退出' } })
    expect(same.status).toBe(409)
    expect(same.json.error.code).toBe('status_unchanged')
    const d = BeneficiaryDetail.parse((await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie: staff })).json)
    expect(d.status).toBe('left')
    expect(d.statusHistory.map((h) => [h.from, h.to, h.reason])).toEqual([
      [null, 'active', 'registered'],
      ['active', 'paused', '住院治疗三个月'],
      ['paused', 'active', '出院回家'],
      ['active', 'left', '搬往外区居住'],
    ])
    expect(d.statusHistory.every((h) => h.actor.startsWith('user:'))).toBe(true)
    const events = await ctx().db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'care.beneficiary_status_changed').where('entityId', '=', b.id).orderBy('seq').execute()
    expect(events.map((e) => JSON.parse(e.payload) as { from: string; to: string }).map((p) => `${p.from}>${p.to}`)).toEqual(['active>paused', 'paused>active', 'active>left'])
    for (const e of events) expect(e.payload).not.toContain('住院')
    // Still listed (never deleted), under its status.
    const left = page(Beneficiary).parse((await api.call('GET', '/api/v1/beneficiaries?status=left&limit=200', { cookie: staff })).json)
    expect(left.items.map((x) => x.id)).toContain(b.id)
    // There is no way to delete.
    expect((await api.call('DELETE', `/api/v1/beneficiaries/${b.id}`, { cookie: admin })).status).toBe(404)
  })

  it('answers every bad input with a contract 400 or 422 and writes nothing', async () => {
    const { body: first } = await register()
    const { b } = await register()
    const valid = beneficiaryIdNumber('1948-03-09')
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '3' ? '4' : '3')
    const before = await careCounts(ctx())
    const post = (body: unknown, headers?: Record<string, string>) => api.call('POST', '/api/v1/beneficiaries', { cookie: staff, body, ...(headers ? { headers } : {}) })
    const cases: { body: unknown; status: number; code: string; paths: string[] }[] = [
      { body: newBeneficiary({ kinds: [] }), status: 400, code: 'invalid_request', paths: ['kinds'] },
      { body: newBeneficiary({ kinds: ['elderly', 'elderly'] }), status: 400, code: 'invalid_request', paths: ['kinds'] },
      { body: newBeneficiary({ kinds: ['orphan'] }), status: 400, code: 'invalid_request', paths: ['kinds.0'] },
      { body: newBeneficiary({ name: '', gender: 'x', livingSituation: 'castle' }), status: 400, code: 'invalid_request', paths: ['gender', 'livingSituation', 'name'] },
      { body: newBeneficiary({ phone: '12345' }), status: 400, code: 'invalid_request', paths: ['phone'] },
      { body: newBeneficiary({ idNumber: wrongCheck }), status: 400, code: 'invalid_request', paths: ['idNumber'] },
      { body: newBeneficiary({ idNumber: beneficiaryIdNumber('1950-01-01') }), status: 400, code: 'invalid_request', paths: ['birthDate'] },
      { body: newBeneficiary({ monthlyIncomeFen: 12.5 }), status: 400, code: 'invalid_request', paths: ['monthlyIncomeFen'] },
      { body: newBeneficiary({ monthlyIncomeFen: -1 }), status: 400, code: 'invalid_request', paths: ['monthlyIncomeFen'] },
      { body: newBeneficiary({ disability: { category: 'physical', grade: 'grade_9' } }), status: 400, code: 'invalid_request', paths: ['disability.grade'] },
      { body: newBeneficiary({ consent: { scope: [], version: '', givenBy: { kind: 'guardian' }, givenAt: 'yesterday' } }), status: 400, code: 'invalid_request', paths: ['consent.givenAt', 'consent.givenBy.name', 'consent.scope', 'consent.version'] },
      { body: newBeneficiary({ birthDate: '2030-01-01', idNumber: undefined, kinds: ['disabled'] }), status: 400, code: 'invalid_request', paths: ['birthDate'] },
      { body: newBeneficiary({ consent: { scope: ['health'], version: 'v1', givenBy: { kind: 'self' }, givenAt: '2027-01-01T00:00:00.000Z' } }), status: 400, code: 'invalid_request', paths: ['consent.givenAt'] },
      { body: newBeneficiary({ birthDate: '1990-05-05', idNumber: beneficiaryIdNumber('1990-05-05') }), status: 422, code: 'not_elderly', paths: ['kinds'] },
      { body: newBeneficiary({ consent: undefined }), status: 422, code: 'no_consent', paths: ['disability', 'healthNotes', 'idNumber', 'monthlyIncomeFen'] },
      { body: newBeneficiary({ consent: { scope: ['health', 'disability'], version: 'v1', givenBy: { kind: 'guardian', name: '李建华' }, givenAt: '2026-11-01T00:00:00.000Z' } }), status: 422, code: 'no_consent', paths: ['idNumber', 'monthlyIncomeFen'] },
    ]
    for (const [i, c] of cases.entries()) {
      const r = await post(c.body, { 'idempotency-key': `bad-beneficiary-${i}` })
      expect(r.status, `${JSON.stringify(c.paths)} ${r.text}`).toBe(c.status)
      expect(r.json.error.code).toBe(c.code)
      expect(r.json.error.issues.map((i: { path: string }) => i.path).sort(), r.text).toEqual(c.paths)
    }
    const dup = await post(newBeneficiary({ idNumber: first.idNumber.toLowerCase() }))
    expect(dup.status).toBe(409)
    expect(dup.json.error.code).toBe('already_registered')
    expect((await api.call('POST', '/api/v1/beneficiaries', { cookie: staff, raw: '{"kinds":' })).json.error.code).toBe('malformed_json')

    const patch = (body: unknown) => api.call('PATCH', `/api/v1/beneficiaries/${b.id}`, { cookie: staff, body })
    for (const [body, status, code] of [
      [{}, 400, 'invalid_request'],
      [{ status: 'left' }, 400, 'invalid_request'],
      [{ kinds: ['elderly'], birthDate: '1990-01-01' }, 422, 'not_elderly'],
      [{ birthDate: '1948-03-10' }, 400, 'invalid_request'],
      [{ birthDate: '2027-01-01' }, 400, 'invalid_request'],
      [{ phone: 'call me' }, 400, 'invalid_request'],
      [{ idNumber: first.idNumber }, 409, 'already_registered'],
    ] as const) {
      const r = await patch(body)
      expect(r.status, `${JSON.stringify(body)} ${r.text}`).toBe(status)
      expect(r.json.error.code).toBe(code)
    }
    const status = (body: unknown) => api.call('POST', `/api/v1/beneficiaries/${b.id}/status`, { cookie: staff, body })
    expect((await status({ status: 'gone', reason: '无' })).status).toBe(400)
    expect((await status({ status: 'paused' })).status).toBe(400)
    expect(await careCounts(ctx())).toEqual(before)
  })

  it('replays a retried registration with the same Idempotency-Key, storing masks only', async () => {
    const body = newBeneficiary()
    const headers = { 'idempotency-key': 'ben-0190a000-0001' }
    const a = await api.call('POST', '/api/v1/beneficiaries', { cookie: staff, body, headers })
    expect(a.status).toBe(201)
    const before = await careCounts(ctx())
    const again = await api.call('POST', '/api/v1/beneficiaries', { cookie: staff, body, headers })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.json).toEqual(a.json)
    expect(await careCounts(ctx())).toEqual(before)
    const stored = await ctx().db.selectFrom('idempotencyKeys').select('responseBody').where('key', '=', headers['idempotency-key']).executeTakeFirstOrThrow()
    for (const secret of [body.idNumber, body.phone, body.healthNotes, body.address, body.emergencyContact.phone]) expect(stored.responseBody).not.toContain(secret)
  })
})
