// A throwaway PostgreSQL database for one bench run, made with the workspace's own `pg`
// (resolved from packages/db, which depends on it): created before, dropped after.
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { join } from 'node:path'

export function loadPg(root) {
  const require = createRequire(join(root, 'packages/db/package.json'))
  return require('pg')
}

/** Connects once to see whether the server answers; resolves with null or the reason it does not. */
export async function unreachableReason(pg, adminUrl) {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 })
  try {
    await c.connect()
    await c.query('select 1')
    return null
  } catch (err) {
    return err?.message || String(err)
  } finally {
    await c.end().catch(() => undefined)
  }
}

/** Creates `chayi_bench_<random>` next to the admin URL's database; `drop()` removes it (sessions forced out). */
export async function createThrowawayDb(pg, adminUrl) {
  const name = `chayi_bench_${randomBytes(6).toString('hex')}`
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 })
    await c.connect()
    try {
      await c.query(sql)
    } finally {
      await c.end().catch(() => undefined)
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let dropping
  return {
    name,
    url: url.toString(),
    drop() {
      dropping ??= admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      return dropping
    },
  }
}

/** The URL without its password, for the report. */
export function redact(u) {
  try {
    const url = new URL(u)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return '(unparsable URL)'
  }
}
