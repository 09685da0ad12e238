import type { Kysely, Transaction } from 'kysely'
import { forUpdate, type Database, type LedgerEventRow } from '@chayi/db'
import { canonicalJson, createChainVerifier, eventHash, GENESIS_HASH, type ChainProblem, type LedgerEvent } from '@chayi/domain'

export interface NewEvent {
  teamId: string
  actor: string
  kind: string
  entity: string
  entityId: string
  payload: unknown
  at: string
}

/** Starts a team's chain; call in the transaction that creates the team. */
export async function startChain(trx: Transaction<Database>, teamId: string, at: string): Promise<void> {
  await trx.insertInto('chainHeads').values({ teamId, seq: 0, hash: GENESIS_HASH, updatedAt: at }).execute()
}

/**
 * Appends one hash-chained event in the caller's transaction. The chain head row is locked first,
 * so concurrent writers of one team queue up behind each other: no two events share a seq
 * (the primary key would refuse it anyway) and none is skipped.
 */
export async function appendEvent(trx: Transaction<Database>, e: NewEvent): Promise<LedgerEvent> {
  if (!trx.isTransaction) throw new Error('appendEvent must run inside the transaction of the write it records')
  const head = await forUpdate(trx, trx.selectFrom('chainHeads').selectAll().where('teamId', '=', e.teamId)).executeTakeFirst()
  if (!head) throw new Error(`team ${e.teamId} has no ledger chain`)
  // Round-trip the payload through canonical JSON so what we hash is exactly what we store.
  const payload = JSON.parse(canonicalJson(e.payload ?? null)) as unknown
  const unhashed = { seq: head.seq + 1, teamId: e.teamId, at: e.at, actor: e.actor, kind: e.kind, entity: e.entity, entityId: e.entityId, payload, prevHash: head.hash }
  const event: LedgerEvent = { ...unhashed, hash: eventHash(unhashed) }
  await trx
    .insertInto('ledgerEvents')
    .values({ ...event, payload: canonicalJson(payload) })
    .execute()
  await trx.updateTable('chainHeads').set({ seq: event.seq, hash: event.hash, updatedAt: e.at }).where('teamId', '=', e.teamId).execute()
  return event
}

export function rowToEvent(r: LedgerEventRow): LedgerEvent {
  return { ...r, payload: JSON.parse(r.payload) as unknown }
}

export async function chainHead(db: Kysely<Database>, teamId: string): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('chainHeads').select(['seq', 'hash']).where('teamId', '=', teamId).executeTakeFirst()
}

/**
 * Recomputes a team's whole chain from the database, a page at a time, in one read-only snapshot
 * (the server may be appending meanwhile). Returns the head it checked against and the first
 * problem, or null.
 */
export async function verifyTeamChain(
  db: Kysely<Database>,
  teamId: string,
): Promise<{ events: number; head: { seq: number; hash: string }; problem: ChainProblem | null }> {
  if (!db.isTransaction) {
    return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute((trx) => verifyTeamChain(trx, teamId))
  }
  const head = (await chainHead(db, teamId)) ?? { seq: 0, hash: GENESIS_HASH }
  const verifier = createChainVerifier()
  let count = 0
  let after = 0
  for (;;) {
    const rows = await db.selectFrom('ledgerEvents').selectAll().where('teamId', '=', teamId).where('seq', '>', after).orderBy('seq').limit(1000).execute()
    for (const r of rows) {
      count++
      if (!verifier.push(rowToEvent(r))) return { events: count, head, problem: verifier.finish() }
    }
    if (rows.length < 1000) break
    after = rows[rows.length - 1]!.seq
  }
  return { events: count, head, problem: verifier.finish(head) }
}
