import { sql } from 'kysely'
import type { Deps } from '../context.js'
import { ApiError } from '../errors.js'
import { newId } from '../ids.js'

// Failed sign-ins, pairings and PIN unlocks are counted per account key and per client address,
// in the database, so every API instance enforces the same limits.

const tooMany = (message: string, retryAfterSeconds: number) =>
  new ApiError(429, 'too_many_attempts', message, undefined, { 'Retry-After': String(retryAfterSeconds) })

/** Refuses with 429 when an account or an address has failed too often inside the window. */
export async function checkAttempts(deps: Deps, accountKey: string, address: string): Promise<void> {
  const { config } = deps
  const since = new Date(deps.clock.now().getTime() - config.signInWindowMinutes * 60_000).toISOString()
  // Failures before the account's last success do not count against it.
  const lastOk = await deps.db.selectFrom('signInAttempts').select(sql<string | null>`max(at)`.as('at')).where('accountKey', '=', accountKey).where('succeeded', '=', 1).executeTakeFirst()
  const accountSince = lastOk?.at && lastOk.at > since ? lastOk.at : since
  const failures = async (col: 'accountKey' | 'address', value: string, after: string) =>
    Number((await deps.db.selectFrom('signInAttempts').select(sql<number>`count(*)`.as('n')).where(col, '=', value).where('succeeded', '=', 0).where('at', '>', after).executeTakeFirst())?.n ?? 0)
  const retry = config.signInWindowMinutes * 60
  if ((await failures('accountKey', accountKey, accountSince)) >= config.signInMaxFailuresPerAccount) {
    throw tooMany('Too many failed sign-ins for this account. Wait a while and try again.', retry)
  }
  if ((await failures('address', address, since)) >= config.signInMaxFailuresPerAddress) {
    throw tooMany('Too many failed attempts from this network address. Wait a while and try again.', retry)
  }
}

/**
 * Refuses with 429 once `accountKey` has failed `max` times inside the sign-in window, whatever
 * succeeded in between (for lookups where a success proves nothing, e.g. guessing card numbers).
 */
export async function checkFailureLimit(deps: Deps, accountKey: string, max: number, message: string): Promise<void> {
  const since = new Date(deps.clock.now().getTime() - deps.config.signInWindowMinutes * 60_000).toISOString()
  const row = await deps.db.selectFrom('signInAttempts').select(sql<number>`count(*)`.as('n')).where('accountKey', '=', accountKey).where('succeeded', '=', 0).where('at', '>', since).executeTakeFirst()
  if (Number(row?.n ?? 0) >= max) throw tooMany(message, deps.config.signInWindowMinutes * 60)
}

export async function recordAttempt(deps: Deps, accountKey: string, address: string, succeeded: boolean) {
  await deps.db.insertInto('signInAttempts').values({ id: newId(), accountKey, address, at: deps.clock.now().toISOString(), succeeded: succeeded ? 1 : 0 }).execute()
}

