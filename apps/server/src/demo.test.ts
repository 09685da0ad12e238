import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyTeamChain } from '@chayi/api'
import { createTestDatabase, DIALECTS, type TestDatabase } from '@chayi/db/testing'
import { banner, describeDatabase } from './banner.js'
import { createRuntime, type Runtime } from './bootstrap.js'
import { DEMO_ACCOUNTS, presentDemoAccounts, seedDemo } from './demo.js'
import { DEMO_VOLUNTEER_COUNT } from './demo/volunteers.js'
import { ageBandOf, ageOn, ServiceProjectList, starLevel, VolunteerAffiliationList } from '@chayi/domain'
import { TEST_DATA_KEY } from './test-helpers.js'

for (const dialect of DIALECTS) {
  describe(`demo data on ${dialect}`, () => {
    let t: TestDatabase
    const runtimes: Runtime[] = []
    beforeAll(async () => {
      t = await createTestDatabase(dialect)
      for (let i = 0; i < 2; i++) runtimes.push(await createRuntime({ DATABASE_URL: t.url, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' }))
    })
    afterAll(async () => {
      for (const rt of runtimes) await rt.close()
      await t.drop()
    })

    // SQLite is one process's database: two connections in one process would wait on each other's
    // lock while blocking the thread that should release it, so racing instances are PostgreSQL's
    // case (several API instances starting with CHAYI_DEMO=1). SQLite seeds them one after another.
    it(dialect === 'postgres' ? 'two instances seeding at once load it exactly once, with a whole chain' : 'two instances seeding one after another load it once, with a whole chain', async () => {
      const results =
        dialect === 'postgres' ? await Promise.all(runtimes.map((rt) => seedDemo(rt.deps))) : [await seedDemo(runtimes[0]!.deps), await seedDemo(runtimes[1]!.deps)]
      expect(results.filter((r) => r.created)).toHaveLength(1)
      const n = async (table: 'teams' | 'users' | 'volunteers') => Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
      expect(await n('teams')).toBe(1)
      expect(await n('users')).toBe(DEMO_ACCOUNTS.length + DEMO_VOLUNTEER_COUNT)
      // Every demo person plus the demo volunteer and leader accounts, who serve too.
      expect(await n('volunteers')).toBe(DEMO_VOLUNTEER_COUNT + 2)
      const teamId = results.find((r) => r.created)!.teamId!
      const chain = await verifyTeamChain(t.db, teamId)
      expect(chain.problem).toBeNull()
      expect(chain.events).toBeGreaterThan(2 * DEMO_VOLUNTEER_COUNT)
      // The whole demo (830 volunteers, a year of history, the register and the granary) on a busy machine.
    }, 240_000)

    it('has 800+ active volunteers across affiliations and age bands, a few pending and rejected, numbered without gaps', async () => {
      const rows = await t.db.selectFrom('volunteers').select(['status', 'volunteerNumber', 'affiliations', 'birthDate', 'guardianEnc']).execute()
      const active = rows.filter((r) => r.status === 'active')
      expect(active.length).toBeGreaterThanOrEqual(800)
      expect(rows.some((r) => r.status === 'pending')).toBe(true)
      expect(rows.some((r) => r.status === 'rejected')).toBe(true)
      const numbers = active.map((r) => Number(r.volunteerNumber!.split('-')[1])).sort((a, b) => a - b)
      expect(numbers).toEqual(numbers.map((_, i) => i + 1))
      const kinds = new Set(rows.flatMap((r) => (JSON.parse(r.affiliations) as { kind: string }[]).map((a) => a.kind)))
      expect([...kinds].sort()).toEqual(VolunteerAffiliationList.codes.slice().sort())
      const bands = new Set(rows.map((r) => ageBandOf(ageOn(r.birthDate, new Date()))))
      expect([...bands].sort()).toEqual(['elderly', 'middle_aged', 'youth'])
      // Everyone under 18 registered with a guardian's consent.
      expect(rows.filter((r) => ageOn(r.birthDate, new Date()) < 18).every((r) => r.guardianEnc !== null)).toBe(true)
    })

    it('has a year of activities in all six projects, upcoming ones (one full, with a waitlist), and volunteers at every star level', async () => {
      const now = new Date().toISOString()
      const acts = await t.db.selectFrom('activities').select(['id', 'project', 'startsAt']).execute()
      const past = acts.filter((a) => a.startsAt < now)
      const upcoming = acts.filter((a) => a.startsAt > now)
      expect(new Set(past.map((a) => a.project)).size).toBe(ServiceProjectList.codes.length)
      expect(new Set(upcoming.map((a) => a.project)).size).toBe(ServiceProjectList.codes.length)
      expect(await t.db.selectFrom('enrollments').select('id').where('status', '=', 'waitlisted').executeTakeFirst()).toBeDefined()
      expect(await t.db.selectFrom('hourEntries').select('id').where('status', '=', 'pending').executeTakeFirst()).toBeDefined()
      const totals = await t.db.selectFrom('hourEntries').select(['volunteerId', sql<number>`sum(minutes)`.as('m')]).where('status', '=', 'approved').groupBy('volunteerId').execute()
      const levels = new Set(totals.map((x) => starLevel(Number(x.m)).level))
      expect([...levels].sort()).toEqual([0, 1, 2, 3, 4, 5])
      // Attendance-based hours are actual service time: never longer than the activity.
      const longest = await t.db
        .selectFrom('hourEntries')
        .innerJoin('activities', 'activities.id', 'hourEntries.activityId')
        .select(['hourEntries.minutes', 'activities.startsAt', 'activities.endsAt'])
        .where('hourEntries.source', '=', 'attendance')
        .execute()
      expect(longest.length).toBeGreaterThan(500)
      // Monthly pledges (少抽一包烟，少打一盘麻将) by about one volunteer in seven.
      const pledges = await t.db.selectFrom('pledges').select(['monthlyFen', 'toMonth']).execute()
      expect(pledges.length).toBeGreaterThan(60)
      expect(pledges.every((p) => p.monthlyFen > 0 && p.toMonth === null)).toBe(true)
      expect(longest.every((e) => e.minutes > 0 && e.minutes <= (Date.parse(e.endsAt) - Date.parse(e.startsAt)) / 60_000)).toBe(true)
    })

    it('has about 100 elderly and disabled neighbours with care cards, and a granary of 842 items worth about 80,000 yuan', async () => {
      const people = await t.db.selectFrom('beneficiaries').select(['id', 'kinds']).execute()
      expect(people.length).toBeGreaterThanOrEqual(95)
      const kinds = people.flatMap((p) => JSON.parse(p.kinds) as string[])
      expect(kinds).toEqual(expect.arrayContaining(['elderly', 'disabled', 'empty_nest_elderly', 'low_income']))
      const cards = await t.db.selectFrom('careCards').select('beneficiaryId').where('status', '=', 'active').execute()
      expect(new Set(cards.map((c) => c.beneficiaryId)).size).toBe(people.length)
      // The register predates the published quarter, so the public disclosure counts the people it served.
      const published = await t.db.selectFrom('disclosures').select('body').executeTakeFirstOrThrow()
      const body = JSON.parse(published.body) as { beneficiaries: { total: number | string } }
      expect(body.beneficiaries.total).toBe(people.length)
      const lots = await t.db.selectFrom('granaryLots').select(['quantity', 'unitValueFen']).execute()
      expect(lots.reduce((n, l) => n + Number(l.quantity), 0)).toBe(842)
      const yuan = lots.reduce((n, l) => n + Number(l.quantity) * Number(l.unitValueFen), 0) / 100
      expect(yuan).toBeGreaterThan(78_000)
      expect(yuan).toBeLessThan(82_000)
      // Some already handed out to people on the register, each unit from a lot.
      expect(await t.db.selectFrom('granaryDistributions').select('id').executeTakeFirst()).toBeDefined()
    })

    it('has the welfare fund founded with 600,000 yuan, expenses each approved by a second person, and 15+ partners with aid intentions', async () => {
      const founding = await t.db.selectFrom('fundIncome').select('amountFen').orderBy('receivedAt').executeTakeFirstOrThrow()
      expect(Number(founding.amountFen)).toBe(60_000_000)
      const entries = await t.db.selectFrom('fundEntries').select('amountFen').execute()
      const balance = entries.reduce((n, e) => n + Number(e.amountFen), 0)
      expect(balance).toBeGreaterThan(60_000_000)
      const decided = await t.db.selectFrom('fundExpenseRequests').select(['requestedBy', 'decidedBy', 'status']).execute()
      expect(decided.some((d) => d.status === 'requested')).toBe(true)
      for (const d of decided.filter((x) => x.status === 'approved')) expect(d.decidedBy).not.toBe(d.requestedBy)
      expect((await t.db.selectFrom('partners').select('id').execute()).length).toBeGreaterThanOrEqual(15)
      expect((await t.db.selectFrom('partnerIntentions').select('id').execute()).length).toBeGreaterThanOrEqual(15)
    })

    it('lists the demo accounts present, for the start-up banner', async () => {
      const present = await presentDemoAccounts(runtimes[0]!.deps)
      expect(present.map((a) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username))
      const text = banner({ url: 'http://localhost:3000', host: '0.0.0.0', database: 'file:/x/chayi.db', demo: present })
      expect(text).toContain('http://localhost:3000/volunteer/')
      expect(text).toContain('chayi-demo-2026')
      for (const a of DEMO_ACCOUNTS) expect(text).toMatch(new RegExp(`${a.username}\\s+${a.role}\\s+${a.displayName}`))
      expect(text).toMatch(/counter\s+counter_staff\s+\S+\s+kiosk PIN · 平板密码 1234/)
    })

    it('gives the counter staff and the leader a kiosk PIN, and no one else', async () => {
      const withPin = await t.db.selectFrom('users').select('username').where('pinHash', 'is not', null).orderBy('username').execute()
      expect(withPin.map((u) => u.username)).toEqual(['counter', 'leader'])
    })
  })
}

describe('banner', () => {
  it('never shows a PostgreSQL password', () => {
    expect(describeDatabase('postgres://chayi:s3cret@db:5432/chayi')).toBe('postgres://chayi@db:5432/chayi')
    expect(describeDatabase(`file:${join('/srv', 'chayi.db')}`)).toBe('file:/srv/chayi.db')
  })

  it('lists no accounts when there is no demo data', () => {
    expect(banner({ url: 'http://localhost:3000', host: '127.0.0.1', database: 'x', demo: [] })).not.toContain('Demo accounts')
  })
})
