import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database, EventBus } from '@chayi/db'
import type { Role } from '@chayi/domain'
import type { FieldCipher } from './crypto.js'
import type { NotificationSender } from './notifications/dispatch.js'

export interface ApiConfig {
  /** Minutes without a request after which a session ends. */
  sessionIdleMinutes: number
  /** Hours after sign-in after which a session ends whatever happens. */
  sessionMaxHours: number
  /** Set the Secure flag on cookies (HTTPS deployments). */
  secureCookies: boolean
  /** Failed sign-ins allowed per account, and per client address, inside the window. */
  signInMaxFailuresPerAccount: number
  signInMaxFailuresPerAddress: number
  signInWindowMinutes: number
  /** Largest JSON body accepted, in bytes. */
  maxBodyBytes: number
  pairingCodeMinutes: number
  /**
   * Origins of apps hosted apart from the API that may call it with credentials (CORS). When an
   * app lives on another site, the session cookie must also be SameSite=None (needs HTTPS).
   */
  corsOrigins: string[]
  crossSiteCookies: boolean
}

export const defaultConfig: ApiConfig = {
  sessionIdleMinutes: 120,
  sessionMaxHours: 12,
  secureCookies: false,
  signInMaxFailuresPerAccount: 5,
  signInMaxFailuresPerAddress: 20,
  signInWindowMinutes: 15,
  // The largest contract body: an aid delivery with 4 photos and a signature, each up to 200 kB
  // decoded (≈ 273 kB as base64) — about 1.4 MB. 2 MiB leaves room without inviting abuse.
  maxBodyBytes: 2 * 1024 * 1024,
  pairingCodeMinutes: 15,
  corsOrigins: [],
  crossSiteCookies: false,
}

export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

export interface Deps {
  db: Kysely<Database>
  bus: EventBus
  cipher: FieldCipher
  logger: Logger
  clock: Clock
  config: ApiConfig
  /** How to learn the caller's network address (the server knows its socket; tests do not). */
  clientAddress: (c: Context) => string
  /** Where the notification outbox sends (one sender per channel); default: the log sender. */
  senders?: NotificationSender[]
}

export type Principal =
  | { kind: 'user'; userId: string; teamId: string; roles: Role[]; sessionId: string }
  /** A paired kiosk; `staff` is the person who unlocked it with a PIN, whose roles it then has. */
  | { kind: 'device'; deviceId: string; teamId: string; roles: Role[]; staff: { userId: string; sessionId: string; expiresAt: string } | null }

export type Env = {
  Variables: {
    deps: Deps
    principal: Principal | null
    requestId: string
  }
}

export const actorOf = (p: Principal) => (p.kind === 'user' ? `user:${p.userId}` : `device:${p.deviceId}`)
export const nowIso = (deps: Deps) => deps.clock.now().toISOString()
