import { afterAll, beforeAll, expect, it } from 'vitest'
import { ImportResponse, type ImportRowResult } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../../testing.js'
import { residentId } from '../fixtures.js'

const URL_IMPORT = '/api/v1/volunteers/import'

/** A good roster row (no password: staff import people); birth dates and ID numbers vary with `i`. */
function row(i: number, over: Record<string, unknown> = {}) {
  const birthDate = (over.birthDate as string | undefined) ?? `${1960 + (i % 45)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
  return {
    rowNumber: i + 2,
    realName: `导入${i}`,
    phone: `135${String(10_000_000 + i).padStart(8, '0')}`,
    idType: 'resident_id',
    idNumber: residentId(birthDate, i % 1000),
    gender: i % 2 ? 'male' : 'female',
    birthDate,
    affiliations: [{ kind: 'resident' }],
    skills: ['tea'],
    availability: '周末',
    emergencyContact: { name: '紧急联系人', phone: '13698765432', relation: '家人' },
    ...over,
  }
}

describeEachDialect('volunteer roster import', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let team: { id: string; code: string }
  let staff: string
  let leader: string
  let volunteer: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    team = await api.makeTeam('xingfu')
    staff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    volunteer = await api.signIn((await api.makeUser(team.id, ['volunteer'])).username!)
  })
  afterAll(() => api.close())

  const count = async (t: 'volunteers' | 'users') => Number((await ctx().db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).where('teamId', '=', team.id).executeTakeFirstOrThrow()).n)

  it('imports a 1,000-row roster with 10 bad rows in 5 batches of 200: 990 in, 10 reported with reasons', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(i))
    const id = residentId('1990-06-15', 7)
    const bad: Record<number, { over: Record<string, unknown>; code: string; path?: string }> = {
      17: { over: { idNumber: id.slice(0, 17) + (id[17] === '3' ? '4' : '3'), birthDate: '1990-06-15' }, code: 'invalid_request', path: 'idNumber' },
      123: { over: { birthDate: '2015-03-01', idNumber: residentId('2015-03-01', 1) }, code: 'too_young', path: 'birthDate' },
      250: { over: { birthDate: '2010-05-05', idNumber: residentId('2010-05-05', 2) }, code: 'guardian_required', path: 'guardian' },
      333: { over: { phone: '12345' }, code: 'invalid_request', path: 'phone' },
      // the same ID number as row 10 (an earlier row of the file), another phone
      404: { over: { idNumber: rows[10]!.idNumber, birthDate: rows[10]!.birthDate }, code: 'already_registered' },
      // the same phone as row 20
      505: { over: { phone: rows[20]!.phone }, code: 'login_taken' },
      606: { over: { birthDate: '1990-02-30' }, code: 'invalid_request', path: 'birthDate' },
      707: { over: { affiliations: [{ kind: 'astronaut' }] }, code: 'invalid_request', path: 'affiliations.0.kind' },
      808: { over: { realName: '  ' }, code: 'invalid_request', path: 'realName' },
      909: { over: { birthDate: '2031-01-01', idNumber: residentId('2031-01-01', 3) }, code: 'invalid_request', path: 'birthDate' },
    }
    for (const [i, b] of Object.entries(bad)) rows[Number(i)] = row(Number(i), b.over)
    const usersBefore = await count('users')

    const results: ImportRowResult[] = []
    for (let b = 0; b < 5; b++) {
      const r = await api.call('POST', URL_IMPORT, { cookie: staff, body: { rows: rows.slice(b * 200, b * 200 + 200), approve: true } })
      expect(r.status, r.text).toBe(200)
      results.push(...ImportResponse.parse(r.json).results)
    }
    expect(results).toHaveLength(1000)
    expect(results.map((r) => r.rowNumber)).toEqual(rows.map((r) => r.rowNumber))
    const failed = results.filter((r) => !r.ok)
    expect(failed.map((f) => f.rowNumber)).toEqual(Object.keys(bad).map((i) => Number(i) + 2))
    for (const f of failed) {
      if (f.ok) continue
      const want = bad[f.rowNumber - 2]!
      expect(f.code, `row ${f.rowNumber}: ${JSON.stringify(f)}`).toBe(want.code)
      expect(f.message).not.toBe('')
      if (want.path) expect(f.issues.map((i) => i.path), `row ${f.rowNumber}`).toContain(want.path)
    }
    // No personal data in the answer: reasons name fields, not values.
    const text = JSON.stringify(failed)
    expect(text).not.toContain(rows[17]!.idNumber)
    expect(text).not.toContain(rows[505]!.phone)

    // 990 in, all approved with gap-free numbers; no account was left behind by a refused row.
    expect(await count('volunteers')).toBe(990)
    expect(await count('users')).toBe(usersBefore + 990)
    const vols = await ctx().db.selectFrom('volunteers').select(['status', 'volunteerNumber', 'decisionNote']).where('teamId', '=', team.id).orderBy('volunteerNumber').execute()
    expect(new Set(vols.map((v) => v.status))).toEqual(new Set(['active']))
    expect(vols[0]!.volunteerNumber).toBe('XINGFU-000001')
    expect(vols.at(-1)!.volunteerNumber).toBe('XINGFU-000990')
    const oks = results.filter((r) => r.ok)
    expect(new Set(oks.map((r) => r.volunteerNumber)).size).toBe(990)

    // An imported person has the volunteer role but no usable password until it is reset.
    const signIn = await api.call('POST', '/api/v1/auth/sign-in', { body: { login: rows[0]!.phone, password: 'any password at all' } })
    expect(signIn.status).toBe(401)
  }, 240_000)

  it('imports as pending join requests without approve, for the queue', async () => {
    const rows = [row(2001, { phone: '13300000001' }), row(2002, { phone: '13300000002', realName: '' })]
    const r = await api.call('POST', URL_IMPORT, { cookie: leader, body: { rows, approve: false } })
    expect(r.status, r.text).toBe(200)
    const [a, b] = ImportResponse.parse(r.json).results
    expect(a).toMatchObject({ ok: true, rowNumber: 2003, volunteerNumber: null })
    expect(b).toMatchObject({ ok: false, rowNumber: 2004, code: 'invalid_request' })
    const pending = await api.call('GET', '/api/v1/volunteers?status=pending', { cookie: leader })
    expect(pending.json.items.map((v: { id: string }) => v.id)).toContain(a?.ok && a.volunteerId)
  })

  it('replays a retried batch with the same Idempotency-Key instead of reporting its rows as duplicates', async () => {
    const body = { rows: [row(3001, { phone: '13300000011' })], approve: true }
    const headers = { 'idempotency-key': 'import-batch-0001' }
    const first = await api.call('POST', URL_IMPORT, { cookie: staff, body, headers })
    expect(first.json.results[0].ok).toBe(true)
    const again = await api.call('POST', URL_IMPORT, { cookie: staff, body, headers })
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.json).toEqual(first.json)
    const other = await api.call('POST', URL_IMPORT, { cookie: staff, body: { ...body, approve: false }, headers })
    expect(other.status).toBe(409)
    // Without a key, the same row again is a duplicate, reported as such.
    const dup = await api.call('POST', URL_IMPORT, { cookie: staff, body })
    expect(dup.json.results[0]).toMatchObject({ ok: false, code: 'already_registered' })
  })

  it('refuses a volunteer (403), an empty or oversized batch and a row without its number (400)', async () => {
    expect((await api.call('POST', URL_IMPORT, { cookie: volunteer, body: { rows: [row(4001)], approve: true } })).status).toBe(403)
    expect((await api.call('POST', URL_IMPORT, { body: { rows: [row(4001)], approve: true } })).status).toBe(401)
    const before = await count('volunteers')
    expect((await api.call('POST', URL_IMPORT, { cookie: staff, body: { rows: [], approve: true } })).status).toBe(400)
    const big = await api.call('POST', URL_IMPORT, { cookie: staff, body: { rows: Array.from({ length: 201 }, (_, i) => row(5000 + i)), approve: true } })
    expect(big.status).toBe(400)
    expect(big.json.error.issues[0].path).toBe('rows')
    const { rowNumber: _n, ...noNumber } = row(4002)
    expect((await api.call('POST', URL_IMPORT, { cookie: staff, body: { rows: [noNumber], approve: true } })).status).toBe(400)
    expect(await count('volunteers')).toBe(before)
  })
})
