import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { CamelCasePlugin, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type SelectQueryBuilder } from 'kysely'
import type { Database } from './types.js'

export type Dialect = 'sqlite' | 'postgres'

export const DEFAULT_DATABASE_URL = 'file:./.data/chayi.db'

export function parseDatabaseUrl(url: string): { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url }
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length)
    if (!file) throw new Error(`DATABASE_URL "${url}" names no file`)
    return { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(file) }
  }
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url}")`)
}

/**
 * A typed kysely instance for `file:…` (embedded SQLite) or `postgres://…` (PostgreSQL).
 */
export function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, opts: { poolSize?: number } = {}): Kysely<Database> {
  const parsed = parseDatabaseUrl(url)
  let db: Kysely<Database>
  if (parsed.dialect === 'sqlite') {
    if (parsed.file !== ':memory:') mkdirSync(dirname(parsed.file), { recursive: true })
    const sqlite = new SQLite(parsed.file)
    // WAL lets readers run beside the writer; FULL sync because a sold cup must survive a power cut;
    // the busy timeout covers the CLI writing while the server runs.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] })
  } else {
    const pool = new pg.Pool({
      connectionString: parsed.url,
      max: opts.poolSize ?? 10,
      // int8 (COUNT, SUM of integers) and numeric arrive as strings by default; our values are
      // integer fen and counts well inside 2^53, so read them as numbers like SQLite does.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    })
    // An idle pooled connection that dies (database restart, admin kill) is dropped by the pool; without
    // a listener, pg would turn it into an uncaught exception and end the process.
    pool.on('error', () => undefined)
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
  }
  return db
}

export function dialectOf(db: Kysely<any>): Dialect {
  // Works for transactions too: they share the adapter of the instance that opened them.
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/**
 * Row lock for read-modify-write inside a transaction. PostgreSQL needs FOR UPDATE; SQLite
 * already serialises writers (one connection, one writer), and has no FOR UPDATE syntax.
 */
export function forUpdate<QB extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, qb: QB): QB {
  return dialectOf(db) === 'postgres' ? (qb.forUpdate() as QB) : qb
}

/** True when a write failed on a primary-key or unique constraint, in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE')
}
