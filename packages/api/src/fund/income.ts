import { randomBytes } from 'node:crypto'
import type { FundEntryRow, FundIncomeRow } from '@chayi/db'
import { ANONYMOUS_FUND_DONOR_LABEL, formatFundReceiptNumber, makeReceiptCode, maskPhone, type FundChannel, type FundIncome, type FundIncomeInput } from '@chayi/domain'
import { nextTeamCounter } from '../counters.js'
import type { FieldCipher } from '../crypto.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { chinaDay } from '../hours/time.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { lockFund, postEntry, type Db } from './ledger.js'

// Income of the welfare fund (收入): each gift gets a receipt code, a gap-free receipt number and
// one 'income' entry in the ledger. A person's phone is sealed; names and phones never enter the
// audit chain.

/** How far ahead of the server's clock a receipt time may be (a device's clock drifts). */
const CLOCK_SKEW_MS = 10 * 60_000

export const fundDonorName = (r: { donorKind: string; donorName: string | null }) => (r.donorKind === 'anonymous' || !r.donorName ? ANONYMOUS_FUND_DONOR_LABEL['zh-CN'] : r.donorName)

/** `whole`: the phone unsealed (recorders reading one income); otherwise masked. */
function toIncome(r: FundIncomeRow, entry: Pick<FundEntryRow, 'id'>, reversalId: string | null, cipher: FieldCipher, phone: 'masked' | 'whole'): FundIncome {
  const plain = r.donorPhoneEnc ? cipher.decrypt(r.donorPhoneEnc) : null
  return {
    id: r.id,
    entryId: entry.id,
    receiptCode: r.receiptCode,
    receiptNumber: r.receiptNumber,
    donorKind: r.donorKind,
    donorName: fundDonorName(r),
    donorPhone: plain === null ? null : phone === 'whole' ? plain : maskPhone(plain),
    partnerId: r.partnerId,
    amountFen: Number(r.amountFen),
    channel: r.channel as FundChannel,
    receivedAt: r.receivedAt,
    note: r.note,
    pledgeVolunteerId: r.pledgeVolunteerId,
    pledgeMonth: r.pledgeMonth,
    reversed: reversalId !== null,
    reversalEntryId: reversalId,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }
}

async function present(db: Db, cipher: FieldCipher, rows: FundIncomeRow[], phone: 'masked' | 'whole'): Promise<FundIncome[]> {
  if (!rows.length) return []
  const entries = await db.selectFrom('fundEntries').select(['id', 'incomeId']).where('kind', '=', 'income').where('incomeId', 'in', rows.map((r) => r.id)).execute()
  const entryOf = new Map(entries.map((e) => [e.incomeId!, e]))
  const reversals = entries.length ? await db.selectFrom('fundEntries').select(['id', 'reverses']).where('reverses', 'in', entries.map((e) => e.id)).execute() : []
  const reversalOf = new Map(reversals.map((r) => [r.reverses!, r.id]))
  return rows.map((r) => {
    const entry = entryOf.get(r.id)!
    return toIncome(r, entry, reversalOf.get(entry.id) ?? null, cipher, phone)
  })
}

/** Is this month of the volunteer's pledge already paid in (by income not reversed)? */
async function pledgeMonthPaid(db: Db, volunteerId: string, month: string): Promise<boolean> {
  const rows = await db
    .selectFrom('fundIncome as i')
    .innerJoin('fundEntries as e', (j) => j.onRef('e.incomeId', '=', 'i.id').on('e.kind', '=', 'income'))
    .select('e.id')
    .where('i.pledgeVolunteerId', '=', volunteerId)
    .where('i.pledgeMonth', '=', month)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('fundEntries as r').select('r.id').whereRef('r.reverses', '=', 'e.id'))))
    .execute()
  return rows.length > 0
}

/**
 * Records money received. A partner must be the team's; a pledge payment names an active pledge
 * of a team volunteer covering that month, paid once (a reversed payment can be recorded again).
 */
export async function recordIncome(w: WriteScope, cipher: FieldCipher, input: FundIncomeInput): Promise<FundIncome> {
  // One spelling of every instant (milliseconds, Z), so stored times compare as strings.
  const receivedAt = new Date(input.receivedAt).toISOString()
  if (Date.parse(receivedAt) > Date.parse(w.at) + CLOCK_SKEW_MS) {
    throw unprocessable('received_in_future', 'The time the money was received is in the future.', [{ path: 'receivedAt', message: 'after now' }])
  }
  if (input.partnerId) {
    const partner = await w.trx.selectFrom('partners').select('id').where('teamId', '=', w.teamId).where('id', '=', input.partnerId).executeTakeFirst()
    if (!partner) throw unprocessable('unknown_partner', 'No such partner in the team.', [{ path: 'partnerId', message: 'unknown partner' }])
  }
  if (input.pledgeVolunteerId && input.pledgeMonth) {
    const month = input.pledgeMonth
    const v = await w.trx.selectFrom('volunteers').select('id').where('teamId', '=', w.teamId).where('id', '=', input.pledgeVolunteerId).executeTakeFirst()
    if (!v) throw unprocessable('unknown_volunteer', 'No such volunteer in the team.', [{ path: 'pledgeVolunteerId', message: 'unknown volunteer' }])
    const pledge = await w.trx
      .selectFrom('pledges')
      .select('id')
      .where('volunteerId', '=', v.id)
      .where('fromMonth', '<=', month)
      .where((eb) => eb.or([eb('toMonth', 'is', null), eb('toMonth', '>=', month)]))
      .executeTakeFirst()
    if (!pledge) throw unprocessable('no_pledge_for_month', `The volunteer had no pledge running in ${month}.`, [{ path: 'pledgeMonth', message: 'no pledge covers this month' }])
  }
  const seq = await lockFund(w)
  // Under the fund lock: of two racing payments of one month, the second sees the first.
  if (input.pledgeVolunteerId && input.pledgeMonth && (await pledgeMonthPaid(w.trx, input.pledgeVolunteerId, input.pledgeMonth))) {
    throw conflict('pledge_month_paid', `The pledge for ${input.pledgeMonth} is already paid in; reverse that income first to record it again.`)
  }
  const team = await w.trx.selectFrom('teams').select('code').where('id', '=', w.teamId).executeTakeFirstOrThrow()
  const year = Number(chinaDay(w.at).slice(0, 4))
  const donor = input.donor
  const row: FundIncomeRow = {
    id: newId(),
    teamId: w.teamId,
    receiptCode: makeReceiptCode(randomBytes(8)),
    receiptNumber: formatFundReceiptNumber(team.code, year, await nextTeamCounter(w, `fund_receipt_${year}`)),
    donorKind: donor.kind,
    donorName: donor.kind === 'anonymous' ? null : donor.name,
    donorPhoneEnc: donor.kind === 'person' && donor.phone ? cipher.encrypt(donor.phone) : null,
    partnerId: input.partnerId ?? null,
    amountFen: input.amountFen,
    channel: input.channel,
    receivedAt,
    note: input.note || null,
    pledgeVolunteerId: input.pledgeVolunteerId ?? null,
    pledgeMonth: input.pledgeMonth ?? null,
    createdBy: w.actor,
    createdAt: w.at,
  }
  await w.trx.insertInto('fundIncome').values(row).execute()
  const entry = await postEntry(w, seq, { kind: 'income', amountFen: row.amountFen, incomeId: row.id, occurredAt: receivedAt })
  // Ids, codes and amounts only: no donor name or phone, no free text.
  await w.record({
    kind: 'fund.income_recorded',
    entity: 'fund_income',
    entityId: row.id,
    payload: {
      receiptCode: row.receiptCode,
      receiptNumber: row.receiptNumber,
      donorKind: row.donorKind,
      partnerId: row.partnerId,
      amountFen: row.amountFen,
      channel: row.channel,
      entryId: entry.id,
      seq,
      pledgeVolunteerId: row.pledgeVolunteerId,
      pledgeMonth: row.pledgeMonth,
    },
  })
  return toIncome(row, entry, null, cipher, 'whole')
}

/** One income of the team; the phone whole or masked. */
export async function getIncome(db: Db, cipher: FieldCipher, teamId: string, id: string, phone: 'masked' | 'whole'): Promise<FundIncome> {
  const row = await db.selectFrom('fundIncome').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Income')
  return (await present(db, cipher, [row], phone))[0]!
}

/** The team's income, newest recorded first, phones masked. */
export async function listIncome(
  db: Db,
  cipher: FieldCipher,
  teamId: string,
  f: { partnerId?: string | undefined; channel?: FundChannel | undefined; limit: number; cursor?: string | undefined },
) {
  let q = db.selectFrom('fundIncome').selectAll().where('teamId', '=', teamId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.partnerId) q = q.where('partnerId', '=', f.partnerId)
  if (f.channel) q = q.where('channel', '=', f.channel)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('createdAt', '<', c.createdAt), eb.and([eb('createdAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await present(db, cipher, pageRows, 'masked'), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null }
}
