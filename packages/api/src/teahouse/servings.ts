import { teahouseDay, type CardCheck, type CareCardLookup, type CupKind, type Serving, type ServingRequest } from '@chayi/domain'
import { lookupCard } from '../care/cards.js'
import { nextTeamCounter } from '../counters.js'
import { ApiError, unprocessable } from '../errors.js'
import type { WriteScope } from '../write.js'
import { AlreadyStored, idTaken, parseJsonArray, seqTaken, type Db } from './common.js'
import { CUP_POOL_LOCK } from './sales.js'
import { getTeahouseSettings } from './settings.js'

// Serving a charity cup (送茶) to a care-card holder: the oldest waiting cup is consumed (first in,
// first out). Online, the counter is told no when the card cannot be used, the day's limit is
// reached or no cup waits; an offline claim is always kept (the cup was handed over) and flagged.
// Only the card number and the cup kinds ever go back to the tablet.

type Flag = Serving['flags'][number]

/** Waiting cups: bought, sale not reversed, not served. */
const waitingCups = (db: Db, teamId: string) =>
  db
    .selectFrom('teahouseCups as c')
    .leftJoin('teahouseServings as v', 'v.cupId', 'c.id')
    .leftJoin('teahouseSaleReversals as r', 'r.saleId', 'c.saleId')
    .where('c.teamId', '=', teamId)
    .where('v.id', 'is', null)
    .where('r.saleId', 'is', null)

export async function cupsWaiting(db: Db, teamId: string): Promise<number> {
  return Number((await waitingCups(db, teamId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
}

async function servedOn(db: Db, cardId: string, day: string): Promise<number> {
  const r = await db.selectFrom('teahouseServings').select((eb) => eb.fn.countAll<number>().as('n')).where('cardId', '=', cardId).where('servedDay', '=', day).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** A scanned card as the counter sees it before serving: kinds, masked name, whether a cup is due. */
export async function checkCard(db: Db, teamId: string, code: string, now: string): Promise<CardCheck> {
  const card = await lookupCard(db, teamId, code)
  const { dailyCupLimit } = await getTeahouseSettings(db, teamId)
  const servedToday = await servedOn(db, card.cardId, teahouseDay(now))
  return {
    cardNumber: card.number,
    kinds: card.kinds,
    displayName: card.displayName,
    usable: card.usable,
    servedToday,
    dailyLimit: dailyCupLimit,
    canServe: card.usable && servedToday < dailyCupLimit,
    cupsWaiting: await cupsWaiting(db, teamId),
  }
}

type ServingRow = { id: string; servedAt: string; cardNumber: string | null; kinds: string; cupId: string | null; claim: number; flags: string }

async function toServing(db: Db, r: ServingRow): Promise<Serving> {
  const cup = r.cupId ? await db.selectFrom('teahouseCups').select(['serial', 'token', 'boughtAt']).where('id', '=', r.cupId).executeTakeFirstOrThrow() : null
  return {
    id: r.id,
    servedAt: r.servedAt,
    cardNumber: r.cardNumber,
    kinds: parseJsonArray<CupKind>(r.kinds),
    cup: cup && { serial: cup.serial, token: cup.token, boughtAt: cup.boughtAt },
    claim: Number(r.claim) === 1,
    flags: parseJsonArray<Flag>(r.flags),
  }
}

/** The stored serving for a client id from this device (a resend), if any. */
export async function storedServing(db: Db, teamId: string, deviceId: string, id: string): Promise<Serving | undefined> {
  const r = await db.selectFrom('teahouseServings').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r) return undefined
  if (r.teamId !== teamId || r.deviceId !== deviceId) throw idTaken()
  return toServing(db, r)
}

export const servingSeqUsed = async (db: Db, deviceId: string, seq: number) =>
  !!(await db.selectFrom('teahouseServings').select('id').where('deviceId', '=', deviceId).where('deviceSeq', '=', seq).executeTakeFirst())

/**
 * Serves (or, for an offline claim, records having served) one cup to a card holder, consuming the
 * oldest waiting cup. Servings of a team queue on one lock, so no cup is taken twice.
 */
export async function recordServing(w: WriteScope, deviceId: string, staffUserId: string | null, req: ServingRequest): Promise<Serving> {
  await nextTeamCounter(w, CUP_POOL_LOCK)
  if (await storedServing(w.trx, w.teamId, deviceId, req.id)) throw new AlreadyStored()
  if (await servingSeqUsed(w.trx, deviceId, req.deviceSeq)) throw seqTaken('serving')

  const servedAt = new Date(req.servedAt).toISOString()
  const day = teahouseDay(servedAt)
  const flags: Flag[] = []
  let card: CareCardLookup | null = null
  try {
    card = await lookupCard(w.trx, w.teamId, req.cardCode)
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404) || !req.claim) throw err
  }
  if (!card?.usable) {
    if (!req.claim) throw unprocessable('card_not_usable', `This card cannot be used (${card?.status === 'active' ? 'its holder is not active' : `the card is ${card?.status}`}).`)
    flags.push('card_not_usable')
  }
  if (card) {
    const { dailyCupLimit } = await getTeahouseSettings(w.trx, w.teamId)
    if ((await servedOn(w.trx, card.cardId, day)) >= dailyCupLimit) {
      if (!req.claim) throw unprocessable('daily_limit_reached', `This card has had its ${dailyCupLimit} cup(s) today.`)
      flags.push('over_daily_limit')
    }
  }
  const cup = await waitingCups(w.trx, w.teamId).select(['c.id']).orderBy('c.boughtAt').orderBy('c.serialNo').limit(1).executeTakeFirst()
  if (!cup) {
    if (!req.claim) throw unprocessable('no_cup_waiting', 'No charity cup is waiting to be served.')
    flags.push('beyond_donations')
  }
  const beneficiaryId = card ? (await w.trx.selectFrom('careCards').select('beneficiaryId').where('id', '=', card.cardId).executeTakeFirstOrThrow()).beneficiaryId : null
  const order: Flag[] = ['beyond_donations', 'over_daily_limit', 'card_not_usable']
  const row = {
    id: req.id,
    teamId: w.teamId,
    deviceId,
    deviceSeq: req.deviceSeq,
    cardId: card?.cardId ?? null,
    beneficiaryId,
    cardNumber: card?.number ?? null,
    kinds: JSON.stringify(card?.kinds ?? []),
    cupId: cup?.id ?? null,
    claim: req.claim ? 1 : 0,
    flags: JSON.stringify(order.filter((f) => flags.includes(f))),
    servedDay: day,
    servedAt,
    servedBy: staffUserId,
    receivedAt: w.at,
  }
  await w.trx.insertInto('teahouseServings').values(row).execute()
  await w.record({
    kind: 'teahouse.cup_served',
    entity: 'teahouse_serving',
    entityId: row.id,
    payload: { deviceId, deviceSeq: req.deviceSeq, cardId: row.cardId, cupId: row.cupId, claim: req.claim, flags: JSON.parse(row.flags) as Flag[], servedDay: day },
  })
  return toServing(w.trx, row)
}
