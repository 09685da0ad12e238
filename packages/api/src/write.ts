import type { Context } from 'hono'
import type { Transaction } from 'kysely'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Database } from '@chayi/db'
import { canonicalJson, type LedgerEvent } from '@chayi/domain'
import { actorOf, type Deps, type Env } from './context.js'
import { sha256Hex } from './crypto.js'
import { ApiError, badRequest, conflict, unauthenticated } from './errors.js'
import { appendEvent, type NewEvent } from './ledger/chain.js'

export interface WriteScope<T extends string | null = string> {
  trx: Transaction<Database>
  /** The caller's team; null only in a write that creates the team (see transact). */
  teamId: T
  actor: string
  at: string
  /** Records what happened in a team's audit chain (the caller's team unless named), in this transaction. */
  record(e: Omit<NewEvent, 'teamId' | 'actor' | 'at'> & { teamId?: string }): Promise<LedgerEvent>
}

export interface WriteResult<B> {
  status: ContentfulStatusCode
  body: B
}

interface Idempotency {
  key: string
  method: string
  path: string
  requestHash: string
}

/**
 * Every write goes through here, from HTTP or the CLI: one transaction holding the change, its
 * audit events and (with an idempotency key) the stored response. Live-update events go out only
 * after the commit, so no one sees a change that was rolled back.
 */
export async function transact<B, T extends string | null = string>(
  deps: Deps,
  /** `teamId: null` only for writes that create the team they record into (each event then names it). */
  who: { teamId: T; actor: string },
  fn: (w: WriteScope<T>) => Promise<WriteResult<B>>,
  idem?: Idempotency,
): Promise<WriteResult<B> & { replayed: boolean }> {
  const { teamId, actor } = who
  if (idem && !teamId) throw new Error('an idempotent write needs a team')
  const replay = async (q: Transaction<Database> | Deps['db']): Promise<WriteResult<B> | null> => {
    if (!idem || !teamId) return null
    const prior = await q.selectFrom('idempotencyKeys').selectAll().where('teamId', '=', teamId).where('key', '=', idem.key).executeTakeFirst()
    if (!prior) return null
    if (prior.requestHash !== idem.requestHash) {
      throw conflict('idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
    }
    return { status: prior.statusCode as ContentfulStatusCode, body: JSON.parse(prior.responseBody) as B }
  }

  const events: LedgerEvent[] = []
  let replayed = false
  let result: WriteResult<B>
  try {
    result = await deps.db.transaction().execute(async (trx) => {
      const prior = await replay(trx)
      if (prior) {
        replayed = true
        return prior
      }
      const at = deps.clock.now().toISOString()
      const r = await fn({
        trx,
        teamId,
        actor,
        at,
        async record(e) {
          const team = e.teamId ?? teamId
          if (!team) throw new Error(`event ${e.kind} names no team`)
          const ev = await appendEvent(trx, { actor, at, ...e, teamId: team })
          events.push(ev)
          return ev
        },
      })
      if (idem && teamId) {
        await trx
          .insertInto('idempotencyKeys')
          .values({ teamId, key: idem.key, actor, method: idem.method, path: idem.path, requestHash: idem.requestHash, statusCode: r.status, responseBody: JSON.stringify(r.body), createdAt: at })
          .execute()
      }
      return r
    })
  } catch (err) {
    // Requests with one key raced: the loser's transaction rolled back whole (on the key itself, or
    // on whatever the winner wrote first); if the winner committed under this key, this is a retry.
    if (idem && !(err instanceof ApiError && err.code === 'idempotency_key_reused')) {
      const prior = await replay(deps.db)
      if (prior) return { ...prior, replayed: true }
    }
    throw err
  }
  for (const e of events) {
    await deps.bus
      .publish(`ledger:${e.teamId}`, { seq: e.seq, hash: e.hash, kind: e.kind, entity: e.entity, at: e.at })
      .catch((err: unknown) => deps.logger.warn({ err }, 'event bus publish failed'))
  }
  return { ...result, replayed }
}

const KEY = /^[A-Za-z0-9_-]{8,100}$/

/**
 * `transact` for a route: the caller's team and actor, and the Idempotency-Key header. A retry with
 * the same key and body gets the first response back; the same key with another body is a 409.
 */
export async function write<B>(
  c: Context<Env>,
  body: unknown,
  fn: (w: WriteScope) => Promise<WriteResult<B>>,
  opts: { requireKey?: boolean; as?: { teamId: string; actor: string } } = {},
): Promise<WriteResult<B>> {
  const principal = c.get('principal')
  const who = opts.as ?? (principal ? { teamId: principal.teamId, actor: actorOf(principal) } : null)
  if (!who) throw unauthenticated()
  const key = c.req.header('idempotency-key')
  if (key !== undefined && !KEY.test(key)) throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 8–100 letters, digits, - or _ (a client UUID).')
  if (opts.requireKey && !key) throw badRequest('idempotency_key_required', 'This write must carry an Idempotency-Key header.')
  const idem = key
    ? { key, method: c.req.method, path: c.req.path, requestHash: sha256Hex(`${c.req.method} ${c.req.path}\n${canonicalJson(body ?? null)}`) }
    : undefined
  const r = await transact(c.get('deps'), who, fn, idem)
  if (r.replayed) c.header('Idempotent-Replayed', 'true')
  return { status: r.status, body: r.body }
}
