import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { parseDatabaseUrl } from '@chayi/db'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { newBeneficiary } from './fixtures.js'

// The register's promise at rest: whatever is sensitive exists in the database only sealed. SQLite
// is read as raw file bytes (the database and its write-ahead log); PostgreSQL as the text of every
// row of every table. The plain name is looked for too, to show the search does see stored data.
describeEachDialect('care register: nothing sensitive in plain text at rest', (ctx, dialect) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let staff: string
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam('rest')
    staff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
  }, 60_000)
  afterAll(() => api.close())

  /** Everything the database holds, as one buffer of bytes or text. */
  async function storedData(): Promise<{ haystack: Buffer; beneficiaryRows: string }> {
    const t = ctx()
    if (dialect === 'sqlite') {
      const parsed = parseDatabaseUrl(t.url)
      if (parsed.dialect !== 'sqlite') throw new Error('not a file database')
      // The main file and the -wal / -shm files beside it: recent writes may still be in the log.
      const dir = dirname(parsed.file)
      const files = readdirSync(dir).filter((f) => f.startsWith(basename(parsed.file)))
      expect(files).toContain(basename(parsed.file))
      const haystack = Buffer.concat(files.map((f) => readFileSync(`${dir}/${f}`)))
      return { haystack, beneficiaryRows: haystack.toString('latin1') }
    }
    const rows = await sql<{ row: string }>`select b::text as row from beneficiaries b`.execute(t.db)
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.db)
    const all: string[] = []
    for (const { name } of tables.rows) {
      const r = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(t.db)
      all.push(...r.rows.map((x) => x.row))
    }
    return { haystack: Buffer.from(all.join('\n'), 'utf8'), beneficiaryRows: rows.rows.map((r) => r.row).join('\n') }
  }

  it('stores ID numbers, health notes, disability certificates, income, phones and addresses only sealed', async () => {
    const people = [newBeneficiary({ monthlyIncomeFen: 9_876_543 }), newBeneficiary({ monthlyIncomeFen: 8_765_432 })]
    const guardian = '欧阳监护'
    const ids: string[] = []
    for (const [i, body] of people.entries()) {
      const r = await api.call('POST', '/api/v1/beneficiaries', { cookie: staff, body, headers: { 'idempotency-key': `rest-create-${i}-0001` } })
      expect(r.status, r.text).toBe(201)
      ids.push(r.json.id)
    }
    // Every write path that takes a sensitive value: a change, a guardian's consent, a reveal.
    const newHealth = '糖尿病二型，胰岛素注射，独立行走困难'
    expect((await api.call('PATCH', `/api/v1/beneficiaries/${ids[0]}`, { cookie: staff, body: { healthNotes: newHealth }, headers: { 'idempotency-key': 'rest-patch-0001' } })).status).toBe(200)
    const consent = { scope: ['health'], version: 'v9', givenBy: { kind: 'guardian', name: guardian }, givenAt: '2026-11-27T00:00:00.000Z' }
    expect((await api.call('POST', `/api/v1/beneficiaries/${ids[1]}/consents`, { cookie: staff, body: consent, headers: { 'idempotency-key': 'rest-consent-0001' } })).status).toBe(201)
    const shown = await api.call('POST', `/api/v1/beneficiaries/${ids[1]}/reveal`, { cookie: staff, body: { fields: ['id_number', 'health_notes', 'disability', 'income', 'phone', 'address'], reason: '核对补贴材料' }, headers: { 'idempotency-key': 'rest-reveal-0001' } })
    expect(shown.json.idNumber).toBe(people[1]!.idNumber)

    const { haystack, beneficiaryRows } = await storedData()
    // The search sees stored rows: the (plain) names are there.
    for (const p of people) expect(haystack.includes(Buffer.from(p.name, 'utf8')), p.name).toBe(true)
    expect(beneficiaryRows.length).toBeGreaterThan(0)

    const secrets = [
      ...people.flatMap((p) => [p.idNumber, p.healthNotes, p.disability.certificateNumber, String(p.monthlyIncomeFen), p.phone, p.address, p.emergencyContact.phone]),
      newHealth,
      guardian,
    ]
    for (const secret of secrets) {
      expect(haystack.includes(Buffer.from(secret, 'utf8')), `"${secret}" is readable at rest`).toBe(false)
    }
    if (dialect === 'postgres') for (const secret of secrets) expect(beneficiaryRows).not.toContain(secret)
  })
})
