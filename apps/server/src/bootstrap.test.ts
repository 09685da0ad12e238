import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, createRuntime, readConfig } from './bootstrap.js'
import { TEST_DATA_KEY, tempDir } from './test-helpers.js'

const dirs: { remove(): void }[] = []
const fresh = () => {
  const d = tempDir()
  dirs.push(d)
  return d.dir
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove()
})

describe('readConfig', () => {
  it('has the documented defaults', () => {
    const c = readConfig({})
    expect(c.databaseUrl).toBe('file:./.data/chayi.db')
    expect(c.dialect).toBe('sqlite')
    expect(c.dataDir).toBe(resolve('.data'))
    expect(c.port).toBe(3000)
    expect(c.host).toBe('0.0.0.0')
    expect(c.trustProxy).toBe(false)
    expect(c.api.secureCookies).toBe(false)
    expect(c.logLevel).toBe('info')
  })

  it('keeps the data key beside the SQLite file, or in ./.data for PostgreSQL', () => {
    expect(readConfig({ DATABASE_URL: 'file:/srv/chayi/db/main.db' }).keyFile).toBe('/srv/chayi/db/data.key')
    const pg = readConfig({ DATABASE_URL: 'postgres://u:p@db.example/chayi' })
    expect(pg.dialect).toBe('postgres')
    expect(pg.keyFile).toBe(join(resolve('.data'), 'data.key'))
  })

  it('loads demo data by default for SQLite only, and CHAYI_DEMO decides when set', () => {
    expect(readConfig({}).demo).toBe(true)
    expect(readConfig({ CHAYI_DEMO: '0' }).demo).toBe(false)
    expect(readConfig({ DATABASE_URL: 'postgres://localhost/x' }).demo).toBe(false)
    expect(readConfig({ DATABASE_URL: 'postgres://localhost/x', CHAYI_DEMO: '1' }).demo).toBe(true)
    // A published demo password has no place in production unless asked for.
    expect(readConfig({ NODE_ENV: 'production' }).demo).toBe(false)
  })

  it('reads the flags and overrides', () => {
    const c = readConfig({ PORT: '8080', HOST: '127.0.0.1', CHAYI_TRUST_PROXY: '1', CHAYI_SECURE_COOKIES: 'true', LOG_LEVEL: 'debug', CHAYI_SESSION_IDLE_MINUTES: '30' })
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', trustProxy: true, logLevel: 'debug' })
    expect(c.api).toMatchObject({ secureCookies: true, sessionIdleMinutes: 30 })
  })

  it('refuses values it cannot use, saying which', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/)
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError)
    expect(() => readConfig({ CHAYI_DEMO: 'maybe' })).toThrow(/CHAYI_DEMO/)
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
    expect(() => readConfig({ CHAYI_CORS_ORIGINS: 'kiosk.example.org/path' })).toThrow(/CHAYI_CORS_ORIGINS/)
  })

  it('reads the origins of apps hosted apart from the API', () => {
    const c = readConfig({ CHAYI_CORS_ORIGINS: 'https://kiosk.example.org, https://care.example.org', CHAYI_CROSS_SITE_COOKIES: '1' })
    expect(c.api.corsOrigins).toEqual(['https://kiosk.example.org', 'https://care.example.org'])
    expect(c.api.crossSiteCookies).toBe(true)
    expect(readConfig({}).api.corsOrigins).toEqual([])
  })
})

describe('createRuntime', () => {
  it('refuses to start in production without CHAYI_DATA_KEY, and leaves nothing behind', async () => {
    const dir = fresh()
    const env = { NODE_ENV: 'production', DATABASE_URL: `file:${join(dir, 'chayi.db')}`, LOG_LEVEL: 'silent' }
    await expect(createRuntime(env)).rejects.toThrow(/CHAYI_DATA_KEY is required when NODE_ENV=production/)
    await expect(createRuntime(env)).rejects.toBeInstanceOf(ConfigError)
    expect(existsSync(join(dir, 'chayi.db'))).toBe(false)
    expect(existsSync(join(dir, 'data.key'))).toBe(false)
  })

  it('starts in production with CHAYI_DATA_KEY', async () => {
    const dir = fresh()
    const rt = await createRuntime({ NODE_ENV: 'production', DATABASE_URL: `file:${join(dir, 'chayi.db')}`, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' })
    expect(rt.dataKeySource).toBe('env')
    expect(existsSync(join(dir, 'data.key'))).toBe(false)
    await rt.close()
  })

  it('generates the data key into the data folder with mode 0600 and reuses it', async () => {
    const dir = fresh()
    const env = { DATABASE_URL: `file:${join(dir, 'db', 'chayi.db')}`, LOG_LEVEL: 'silent' }
    const first = await createRuntime(env)
    const keyFile = join(dir, 'db', 'data.key')
    expect(first.dataKeySource).toBe('generated')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)
    const sealed = first.deps.cipher.encrypt('身份证 510104199001011234')
    await first.close()

    const second = await createRuntime(env)
    expect(second.dataKeySource).toBe('file')
    expect(second.deps.cipher.decrypt(sealed)).toBe('身份证 510104199001011234')
    await second.close()
  })

  it('rejects a malformed key clearly', async () => {
    const dir = fresh()
    await expect(createRuntime({ DATABASE_URL: `file:${join(dir, 'chayi.db')}`, CHAYI_DATA_KEY: 'too-short', LOG_LEVEL: 'silent' })).rejects.toThrow(/32 bytes/)
  })

  it('migrates the database and applies config overrides to the API config', async () => {
    const dir = fresh()
    const rt = await createRuntime({ DATABASE_URL: `file:${join(dir, 'chayi.db')}`, CHAYI_DATA_KEY: TEST_DATA_KEY, CHAYI_SECURE_COOKIES: '1', LOG_LEVEL: 'silent' })
    expect(rt.deps.config.secureCookies).toBe(true)
    expect(await rt.deps.db.selectFrom('teams').select('id').execute()).toEqual([])
    await rt.close()
    await rt.close() // closing twice is harmless
  })
})
