import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestDatabase, describeEachDialect, DIALECTS } from './testing.js'
import { dialectOf, forUpdate, isUniqueViolation, parseDatabaseUrl } from './connect.js'
import { createEventBus } from './bus.js'
import { migrations } from './migrations/index.js'

it('parses database URLs', () => {
  expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ dialect: 'postgres', url: 'postgres://u@h/db' })
  expect(parseDatabaseUrl('file:./x.db')).toMatchObject({ dialect: 'sqlite' })
  expect(() => parseDatabaseUrl('mysql://x')).toThrow(/DATABASE_URL/)
  expect(() => parseDatabaseUrl('file:')).toThrow(/names no file/)
})

it('names migrations YYYY_MM_DD_NN_what in run order', () => {
  const names = Object.keys(migrations)
  for (const n of names) expect(n).toMatch(/^\d{4}_\d{2}_\d{2}_\d{2}_[a-z_]+$/)
  expect([...names].sort()).toEqual(names)
})

describeEachDialect('database', (ctx, dialect) => {
  it('knows its dialect, also inside a transaction', async () => {
    const { db } = ctx()
    expect(dialectOf(db)).toBe(dialect)
    await db.transaction().execute(async (trx) => expect(dialectOf(trx)).toBe(dialect))
  })

  it('has run every migration', async () => {
    const { db } = ctx()
    const tables = (await db.introspection.getTables()).map((t) => t.name)
    for (const t of ['teams', 'users', 'sessions', 'ledger_events', 'chain_heads', 'idempotency_keys']) expect(tables).toContain(t)
  })

  it('enforces foreign keys and reports unique violations the same way', async () => {
    const { db } = ctx()
    const now = new Date().toISOString()
    await expect(
      db.insertInto('users').values({ id: 'u1', teamId: 'missing', displayName: 'x', passwordHash: 'x', status: 'active', createdAt: now, username: null, phone: null }).execute(),
    ).rejects.toThrow()
    await db.insertInto('teams').values({ id: 't1', code: 'dup', name: 'A', community: 'C', district: null, createdAt: now }).execute()
    const err = await db
      .insertInto('teams')
      .values({ id: 't2', code: 'dup', name: 'B', community: 'C', district: null, createdAt: now })
      .execute()
      .catch((e: unknown) => e)
    expect(isUniqueViolation(err)).toBe(true)
  })

  it('rolls back a failed transaction completely', async () => {
    const { db } = ctx()
    const now = new Date().toISOString()
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('teams').values({ id: 't9', code: 'rollback', name: 'A', community: 'C', district: null, createdAt: now }).execute()
        await forUpdate(trx, trx.selectFrom('teams').select('id').where('id', '=', 't9')).execute()
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await db.selectFrom('teams').select('id').where('id', '=', 't9').execute()).toEqual([])
  })

  it('reads integer sums as numbers', async () => {
    const { db } = ctx()
    const r = await sql<{ n: number }>`select sum(x) as n from (select 9007199254740 as x union all select 1 as x) t`.execute(db)
    expect(r.rows[0]!.n).toBe(9007199254741)
  })

  it('delivers published events to subscribers', async () => {
    const { db, url } = ctx()
    const bus = await createEventBus(db, url)
    const got = new Promise((resolve) => bus.subscribe('board:t1', resolve))
    await bus.publish('board:t1', { cups: 3 })
    await expect(got).resolves.toEqual({ cups: 3 })
    await bus.close()
  })
})

// Only PostgreSQL has more than one instance to fan out to; the suite exists when TEST_PG_URL is set.
if (DIALECTS.includes('postgres')) {
  describe('event bus across instances [postgres]', () => {
    it('fans an event out to every instance through LISTEN/NOTIFY', async () => {
      const t = await createTestDatabase('postgres')
      const a = await createEventBus(t.db, t.url)
      const b = await createEventBus(t.db, t.url)
      const got = new Promise((resolve) => b.subscribe('board:x', resolve))
      await a.publish('board:x', { n: 1 })
      await expect(got).resolves.toEqual({ n: 1 })
      await Promise.all([a.close(), b.close()])
      await t.drop()
    })
  })
}
