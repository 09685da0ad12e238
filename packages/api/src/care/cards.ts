import type { Kysely } from 'kysely'
import { forUpdate, type CareCardRow, type Database } from '@chayi/db'
import {
  careCardPath,
  cupKindsOf,
  formatCareCardNumber,
  maskName,
  parseCareCardCode,
  type BeneficiaryKind,
  type CareCard,
  type CareCardLookup,
  type PrintableCareCard,
} from '@chayi/domain'
import { nextTeamCounter } from '../counters.js'
import { randomToken } from '../crypto.js'
import type { Context } from 'hono'
import type { Deps, Env } from '../context.js'
import { ApiError, conflict, notFound, unprocessable } from '../errors.js'
import { checkFailureLimit, recordAttempt } from '../identity/attempts.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

// 关爱卡: a numbered card with a QR code that a tea-house counter scans to serve charity cups.

const CARD_NUMBER = 'care_card_number'

export function toCareCard(row: CareCardRow): CareCard {
  return {
    id: row.id,
    beneficiaryId: row.beneficiaryId,
    number: row.number,
    status: row.status,
    issuedAt: row.issuedAt,
    issuedBy: row.issuedBy,
    endedAt: row.endedAt,
    endedBy: row.endedBy,
    endReason: row.endReason,
    replacedBy: row.replacedBy,
  }
}

/** Ends the beneficiary's active card, if any (the caller holds the beneficiary's lock). */
export async function endActiveCard(w: WriteScope, beneficiaryId: string, as: 'replaced' | 'revoked', reason: string, replacedBy: string | null = null): Promise<CareCardRow | null> {
  const card = await forUpdate(
    w.trx,
    w.trx.selectFrom('careCards').selectAll().where('teamId', '=', w.teamId).where('beneficiaryId', '=', beneficiaryId).where('status', '=', 'active'),
  ).executeTakeFirst()
  if (!card) return null
  const ended = { status: as, endedAt: w.at, endedBy: w.actor, endReason: reason, replacedBy }
  await w.trx.updateTable('careCards').set(ended).where('id', '=', card.id).where('status', '=', 'active').execute()
  await w.record({ kind: as === 'replaced' ? 'care.card_replaced' : 'care.card_revoked', entity: 'care_card', entityId: card.id, payload: { beneficiaryId, number: card.number, replacedBy } })
  return { ...card, ...ended }
}

/**
 * Issues the beneficiary a care card with the team's next card number and a random QR token.
 * An active card is replaced (kept, marked replaced, pointing at the new one): one active card each.
 */
export async function issueCard(w: WriteScope, beneficiaryId: string, opts: { reason?: string } = {}): Promise<CareCardRow> {
  // Lock the beneficiary first: every write on its cards does, so two issues queue here.
  const b = await forUpdate(w.trx, w.trx.selectFrom('beneficiaries').select(['id', 'status']).where('id', '=', beneficiaryId).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!b) throw notFound('Beneficiary')
  if (b.status !== 'active') throw unprocessable('beneficiary_not_active', `A card is issued to an active beneficiary only (this one is ${b.status}).`)
  const team = await w.trx.selectFrom('teams').select('code').where('id', '=', w.teamId).executeTakeFirstOrThrow()
  // The number before the chain is touched: counter, then chain head, as in every other write.
  const number = formatCareCardNumber(team.code, await nextTeamCounter(w, CARD_NUMBER))
  const id = newId()
  const replaced = await endActiveCard(w, beneficiaryId, 'replaced', opts.reason ?? 'replaced', id)
  const row: CareCardRow = {
    id,
    teamId: w.teamId,
    beneficiaryId,
    number,
    token: randomToken(24),
    status: 'active',
    issuedAt: w.at,
    issuedBy: w.actor,
    endedAt: null,
    endedBy: null,
    endReason: null,
    replacedBy: null,
  }
  await w.trx.insertInto('careCards').values(row).execute()
  await w.record({ kind: 'care.card_issued', entity: 'care_card', entityId: id, payload: { beneficiaryId, number: row.number, replaces: replaced?.id ?? null } })
  return row
}

/** Revokes an active card (lost and not replaced, misuse…); the card stays on record. */
export async function revokeCard(w: WriteScope, cardId: string, reason: string): Promise<CareCardRow> {
  const found = await w.trx.selectFrom('careCards').select('beneficiaryId').where('id', '=', cardId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!found) throw notFound('Care card')
  await forUpdate(w.trx, w.trx.selectFrom('beneficiaries').select('id').where('id', '=', found.beneficiaryId)).executeTakeFirst()
  const card = await w.trx.selectFrom('careCards').selectAll().where('id', '=', cardId).executeTakeFirstOrThrow()
  if (card.status !== 'active') throw conflict('card_not_active', `This card is already ${card.status}.`)
  const ended = await endActiveCard(w, card.beneficiaryId, 'revoked', reason)
  return ended ?? card
}

export async function listCards(db: Kysely<Database>, teamId: string, beneficiaryId: string): Promise<CareCard[]> {
  const b = await db.selectFrom('beneficiaries').select('id').where('id', '=', beneficiaryId).where('teamId', '=', teamId).executeTakeFirst()
  if (!b) throw notFound('Beneficiary')
  const rows = await db.selectFrom('careCards').selectAll().where('beneficiaryId', '=', beneficiaryId).orderBy('issuedAt', 'desc').orderBy('id', 'desc').execute()
  return rows.map(toCareCard)
}

/**
 * A scanned or typed card, as the counter may see it: number, cup kinds, a masked name, and
 * whether it can be used. A replaced or revoked card is found too (the counter says so); an
 * unknown one, or another team's, is 404.
 */
export async function lookupCard(db: Kysely<Database>, teamId: string, code: string): Promise<CareCardLookup> {
  const parsed = parseCareCardCode(code)
  let q = db
    .selectFrom('careCards')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'careCards.beneficiaryId')
    .select(['careCards.id', 'careCards.number', 'careCards.status', 'beneficiaries.kinds', 'beneficiaries.name', 'beneficiaries.status as beneficiaryStatus'])
    .where('careCards.teamId', '=', teamId)
  q = 'number' in parsed ? q.where('careCards.number', '=', parsed.number) : q.where('careCards.token', '=', parsed.token)
  const row = await q.executeTakeFirst()
  if (!row) throw notFound('Care card')
  const kinds = cupKindsOf(JSON.parse(row.kinds) as BeneficiaryKind[])
  return {
    cardId: row.id,
    number: row.number,
    status: row.status,
    kinds,
    displayName: maskName(row.name),
    beneficiaryStatus: row.beneficiaryStatus,
    usable: row.status === 'active' && row.beneficiaryStatus === 'active' && kinds.length > 0,
  }
}

/**
 * Unknown cards one tablet or person may look up inside the sign-in window before being made to
 * wait (429): card numbers run in sequence, so without a limit a device could walk them and
 * collect masked names and kinds.
 */
export const MAX_UNKNOWN_CARD_LOOKUPS = 20

/** Whom a lookup limit counts against: the tablet, or the signed-in person. */
export function whoOf(c: Context<Env>): string {
  const p = c.get('principal')
  return p?.kind === 'device' ? `device:${p.deviceId}` : `user:${p?.userId ?? 'anonymous'}`
}

/** `lookup` with the unknown-card limit for `who` (a device or a user id); a 404 counts against it. */
export async function limitedCardLookup<T>(deps: Deps, who: string, address: string, lookup: () => Promise<T>): Promise<T> {
  const key = `card-lookup:${who}`
  await checkFailureLimit(deps, key, MAX_UNKNOWN_CARD_LOOKUPS, 'Too many unknown cards looked up from here. Wait a while and try again.')
  try {
    return await lookup()
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) await recordAttempt(deps, key, address, false)
    throw err
  }
}

/** What goes on the printed card; `origin` is where the kiosk app is served. */
export async function printableCard(db: Kysely<Database>, teamId: string, cardId: string, origin: string): Promise<PrintableCareCard> {
  const row = await db
    .selectFrom('careCards')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'careCards.beneficiaryId')
    .innerJoin('teams', 'teams.id', 'careCards.teamId')
    .select(['careCards.id', 'careCards.number', 'careCards.status', 'careCards.token', 'careCards.issuedAt', 'beneficiaries.kinds', 'beneficiaries.name', 'teams.name as teamName', 'teams.community'])
    .where('careCards.id', '=', cardId)
    .where('careCards.teamId', '=', teamId)
    .executeTakeFirst()
  if (!row) throw notFound('Care card')
  return {
    cardId: row.id,
    number: row.number,
    status: row.status,
    qrUrl: `${origin}${careCardPath(row.token)}`,
    displayName: maskName(row.name),
    kinds: cupKindsOf(JSON.parse(row.kinds) as BeneficiaryKind[]),
    team: { name: row.teamName, community: row.community },
    issuedAt: row.issuedAt,
  }
}
