import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe } from 'vitest'
import { createDb, type Dialect } from './connect.js'
import { migrateToLatest } from './migrate.js'
import type { Database } from './types.js'

/** SQLite always; PostgreSQL too when TEST_PG_URL points at a server we may create databases on. */
export const DIALECTS: Dialect[] = process.env.TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite']

export interface TestDatabase {
  dialect: Dialect
  url: string
  db: Kysely<Database>
  /** Closes the connection and removes the database (file or PostgreSQL database). */
  drop(): Promise<void>
}

/** A throwaway, migrated database of the given dialect. */
export async function createTestDatabase(dialect: Dialect, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = opts.migrate ?? true
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chayi-test-'))
    const url = `file:${join(dir, 'chayi.db')}`
    const db = createDb(url)
    if (migrate) await migrateToLatest(db)
    return {
      dialect,
      url,
      db,
      async drop() {
        await db.destroy()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const adminUrl = process.env.TEST_PG_URL
  if (!adminUrl) throw new Error('TEST_PG_URL is not set')
  const name = `chayi_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  const url = u.toString()
  const db = createDb(url, { poolSize: 20 })
  if (migrate) await migrateToLatest(db)
  return {
    dialect,
    url,
    db,
    async drop() {
      await db.destroy()
      const a = new pg.Client({ connectionString: adminUrl })
      await a.connect()
      try {
        // pg's pool.end() resolves before its sockets have closed. Killing them (WITH FORCE) makes
        // pg emit errors on clients nobody listens to any more, so wait for them to go first.
        for (let i = 0; ; i++) {
          try {
            await a.query(i < 50 ? `DROP DATABASE IF EXISTS ${name}` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
            break
          } catch (err) {
            if ((err as { code?: string }).code !== '55006' || i >= 50) throw err
            await new Promise((r) => setTimeout(r, 100))
          }
        }
      } finally {
        await a.end()
      }
    },
  }
}

/**
 * Runs a suite once per dialect in DIALECTS, each on its own fresh database.
 * `ctx()` returns the database of the running suite.
 */
export function describeEachDialect(title: string, fn: (ctx: () => TestDatabase, dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${title} [${dialect}]`, () => {
      let t: TestDatabase | undefined
      beforeAll(async () => {
        t = await createTestDatabase(dialect)
      }, 60_000)
      afterAll(async () => {
        await t?.drop()
      })
      fn(() => {
        if (!t) throw new Error('test database not ready')
        return t
      }, dialect)
    })
  }
}
