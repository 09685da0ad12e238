import { dirname, join, resolve } from 'node:path'
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { pino, type DestinationStream, type Logger } from 'pino'
import { createDb, createEventBus, DEFAULT_DATABASE_URL, migrateToLatest, parseDatabaseUrl, type Dialect } from '@chayi/db'
import { createFieldCipher, defaultConfig, loadDataKey, systemClock, type ApiConfig, type Deps, type FieldCipher } from '@chayi/api'

type EnvVars = Record<string, string | undefined>

/** A configuration mistake: printed as a plain sentence, without a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export interface ServerConfig {
  databaseUrl: string
  dialect: Dialect
  port: number
  host: string
  /** Where the generated data key (and, for SQLite, the database) lives. */
  dataDir: string
  keyFile: string
  production: boolean
  demo: boolean
  trustProxy: boolean
  logLevel: string
  /** Folder holding apps/<name>/dist; undefined means "next to this server". */
  appsDir: string | undefined
  api: ApiConfig
}

const flag = (v: string | undefined): boolean | undefined => {
  if (v === undefined || v.trim() === '') return undefined
  if (/^(1|true|yes|on)$/i.test(v.trim())) return true
  if (/^(0|false|no|off)$/i.test(v.trim())) return false
  throw new ConfigError(`expected 1 or 0, got "${v}"`)
}

const positiveInt = (name: string, v: string | undefined, fallback: number, min = 1): number => {
  if (v === undefined || v.trim() === '') return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be a whole number ≥ ${min}, got "${v}"`)
  return n
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** Reads and checks the environment; throws ConfigError on anything it cannot use. */
export function readConfig(env: EnvVars = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
  let parsed: ReturnType<typeof parseDatabaseUrl>
  try {
    parsed = parseDatabaseUrl(databaseUrl)
  } catch (err) {
    throw new ConfigError((err as Error).message)
  }
  const dataDir = parsed.dialect === 'sqlite' && parsed.file !== ':memory:' ? dirname(parsed.file) : resolve('.data')
  const production = env.NODE_ENV === 'production'
  const port = positiveInt('PORT', env.PORT, 3000, 0)
  if (port > 65535) throw new ConfigError(`PORT must be at most 65535, got ${port}`)

  let demo: boolean | undefined
  let trustProxy: boolean | undefined
  let secureCookies: boolean | undefined
  let crossSiteCookies: boolean | undefined
  try {
    crossSiteCookies = flag(env.CHAYI_CROSS_SITE_COOKIES)
    demo = flag(env.CHAYI_DEMO)
    trustProxy = flag(env.CHAYI_TRUST_PROXY)
    secureCookies = flag(env.CHAYI_SECURE_COOKIES)
  } catch (err) {
    throw new ConfigError(`CHAYI_DEMO, CHAYI_TRUST_PROXY, CHAYI_SECURE_COOKIES and CHAYI_CROSS_SITE_COOKIES take 1 or 0: ${(err as Error).message}`)
  }
  const corsOrigins = (env.CHAYI_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
  for (const o of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(o)) throw new ConfigError(`CHAYI_CORS_ORIGINS takes origins like https://kiosk.example.org, got "${o}"`)
  }

  const logLevel = env.LOG_LEVEL?.trim() || 'info'
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`)

  return {
    databaseUrl,
    dialect: parsed.dialect,
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir,
    keyFile: join(dataDir, 'data.key'),
    production,
    // Demo accounts share a published password: on by default only for a local embedded database,
    // never by default in production, and always switchable with CHAYI_DEMO=1/0.
    demo: demo ?? (parsed.dialect === 'sqlite' && !production),
    trustProxy: trustProxy ?? false,
    logLevel,
    appsDir: env.CHAYI_APPS_DIR?.trim() ? resolve(env.CHAYI_APPS_DIR.trim()) : undefined,
    api: {
      ...defaultConfig,
      secureCookies: secureCookies ?? defaultConfig.secureCookies,
      crossSiteCookies: crossSiteCookies ?? defaultConfig.crossSiteCookies,
      corsOrigins,
      sessionIdleMinutes: positiveInt('CHAYI_SESSION_IDLE_MINUTES', env.CHAYI_SESSION_IDLE_MINUTES, defaultConfig.sessionIdleMinutes),
      sessionMaxHours: positiveInt('CHAYI_SESSION_MAX_HOURS', env.CHAYI_SESSION_MAX_HOURS, defaultConfig.sessionMaxHours),
      maxBodyBytes: positiveInt('CHAYI_MAX_BODY_BYTES', env.CHAYI_MAX_BODY_BYTES, defaultConfig.maxBodyBytes),
    },
  }
}

const MISSING_KEY = [
  'CHAYI_DATA_KEY is required when NODE_ENV=production: it encrypts sensitive personal data, and a',
  'key made up on the spot would leave earlier records unreadable. Generate one once, keep it with',
  'your backups, and pass it in the environment, e.g.',
  '  CHAYI_DATA_KEY=$(node -e "console.log(require(\'node:crypto\').randomBytes(32).toString(\'hex\'))")',
].join('\n')

function resolveCipher(config: ServerConfig, env: EnvVars): { cipher: FieldCipher; source: 'env' | 'file' | 'generated' } {
  const envKey = env.CHAYI_DATA_KEY?.trim() || undefined
  if (!envKey && config.production) throw new ConfigError(MISSING_KEY)
  try {
    const { key, source } = loadDataKey({ envKey, keyFile: config.keyFile, production: config.production })
    return { cipher: createFieldCipher(key), source }
  } catch (err) {
    throw new ConfigError(`data key: ${(err as Error).message}`)
  }
}

/**
 * A cipher that loads the key on first use. The CLI uses it: `chayi verify` or `migrate` must work
 * on a production database without the key, while anything that encrypts still refuses without it.
 */
function lazyCipher(load: () => FieldCipher): FieldCipher {
  let c: FieldCipher | undefined
  const get = () => (c ??= load())
  return {
    encrypt: (p) => get().encrypt(p),
    decrypt: (s) => get().decrypt(s),
    lookupHash: (v) => get().lookupHash(v),
  }
}

/** The client address for rate limits and sessions: the proxy's word only when told to trust it. */
export function clientAddressResolver(trustProxy: boolean): (c: Context) => string {
  return (c) => {
    if (trustProxy) {
      const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
      if (first) return first.slice(0, 100)
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown'
    } catch {
      // No socket: a request made in-process (app.request in tests, or a future worker).
      return 'local'
    }
  }
}

export interface Runtime {
  config: ServerConfig
  deps: Deps
  dialect: Dialect
  /** Where the data key came from; 'lazy' until a lazily loaded key has been used. */
  dataKeySource: 'env' | 'file' | 'generated' | 'lazy'
  close(): Promise<void>
}

export interface RuntimeOptions {
  /** Run pending migrations before returning (default true). */
  migrate?: boolean
  /** 'eager' (server, default) refuses to start without a usable key; 'lazy' (CLI) waits until one is needed. */
  dataKey?: 'eager' | 'lazy'
  /** Where log lines go (default stdout); the CLI sends them to stderr. */
  logDestination?: DestinationStream
  /** Log level when LOG_LEVEL is not set. */
  defaultLogLevel?: string
  logger?: Logger
}

/** Reads the environment and builds everything the API needs: database, bus, cipher, logger. */
export async function createRuntime(env: EnvVars = process.env, opts: RuntimeOptions = {}): Promise<Runtime> {
  const config = readConfig(opts.defaultLogLevel && !env.LOG_LEVEL ? { ...env, LOG_LEVEL: opts.defaultLogLevel } : env)
  // The key is settled before the database is touched, so a refused start leaves nothing behind.
  let dataKeySource: Runtime['dataKeySource'] = 'lazy'
  let cipher: FieldCipher
  if (opts.dataKey === 'lazy') {
    cipher = lazyCipher(() => resolveCipher(config, env).cipher)
  } else {
    const r = resolveCipher(config, env)
    cipher = r.cipher
    dataKeySource = r.source
  }

  const logger = opts.logger ?? pino({ level: config.logLevel, base: { app: 'chayi' } }, opts.logDestination)
  const db = createDb(config.databaseUrl)
  let bus: Deps['bus'] | undefined
  try {
    if (opts.migrate ?? true) await migrateToLatest(db)
    bus = await createEventBus(db, config.databaseUrl)
  } catch (err) {
    await db.destroy().catch(() => undefined)
    throw err
  }

  const deps: Deps = {
    db,
    bus,
    cipher,
    logger,
    clock: systemClock,
    config: config.api,
    clientAddress: clientAddressResolver(config.trustProxy),
  }
  let closing: Promise<void> | undefined
  return {
    config,
    deps,
    dialect: config.dialect,
    dataKeySource,
    close() {
      closing ??= (async () => {
        await deps.bus.close().catch((err: unknown) => logger.warn({ err }, 'closing the event bus failed'))
        await db.destroy()
      })()
      return closing
    },
  }
}
