import { randomBytes } from 'node:crypto'
import type { GranaryDonationRow, GranaryDonorRow, GranaryLotRow } from '@chayi/db'
import {
  itemKeyOf,
  makeReceiptCode,
  type DonationInput,
  type Donation,
  type DonationReceipt,
  type DonationSummary,
  type DonorYearReceipt,
  type GranaryCategory,
  type Lot,
  type ValuationBasis,
} from '@chayi/domain'
import { nextTeamCounter } from '../counters.js'
import type { FieldCipher } from '../crypto.js'
import { notFound, unprocessable } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { chinaDay } from '../hours/time.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { createDonor, defaultPlace, donorByPhone, donorDisplayName, getDonorRow } from './donors.js'
import { insertMovement, lockItems, lotStates, requirePlace, type Db, type NewLine } from './stock.js'

// Donations (捐赠入库): each line becomes a lot with its value per unit frozen, the donation gets a
// receipt code and a gap-free receipt number, and one 'in' movement puts the lots into stock.

/** How far ahead of the server's clock an intake time may be (a tablet's clock drifts). */
const CLOCK_SKEW_MS = 10 * 60_000

/** `<TEAM>-J-<year>-<6 digits>` (J for 捐): gap-free per team and year. */
export function formatReceiptNumber(teamCode: string, year: number, n: number): string {
  return `${teamCode.toUpperCase()}-J-${year}-${String(n).padStart(6, '0')}`
}

/** Who gave, from the input: a known donor, a new or known person or enterprise, or nobody named. */
async function resolveDonor(w: WriteScope, cipher: FieldCipher, input: DonationInput): Promise<GranaryDonorRow | null> {
  if (input.donorId) {
    const row = await w.trx.selectFrom('granaryDonors').selectAll().where('teamId', '=', w.teamId).where('id', '=', input.donorId).executeTakeFirst()
    if (!row) throw unprocessable('unknown_donor', 'No such donor in the team.', [{ path: 'donorId', message: 'unknown donor' }])
    return row
  }
  if (input.donor && input.donor.kind !== 'anonymous') {
    // A person who gave before is the same donor, found by phone; the name on file is kept.
    if (input.donor.kind === 'person') {
      const known = await donorByPhone(w.trx, cipher, w.teamId, input.donor.phone)
      if (known) return known
    }
    return createDonor(w, cipher, input.donor)
  }
  return null
}

/**
 * Records goods handed in (care console or kiosk intake). All lines or none: a bad line is a 422
 * naming it and nothing is written. Returns the donation with its lots (photos left out).
 */
export async function recordDonation(w: WriteScope, cipher: FieldCipher, input: DonationInput): Promise<Donation> {
  // One spelling of every instant (milliseconds, Z), so stored times compare as strings.
  const receivedAt = new Date(input.receivedAt).toISOString()
  if (Date.parse(receivedAt) > Date.parse(w.at) + CLOCK_SKEW_MS) {
    throw unprocessable('received_in_future', 'The intake time is in the future.', [{ path: 'receivedAt', message: 'after now' }])
  }
  const receivedDay = chinaDay(receivedAt)
  const expired = input.items.flatMap((it, i) => (it.expiresOn && it.expiresOn < receivedDay ? [{ path: `items.${i}.expiresOn`, message: `expired before it was received (${receivedDay})` }] : []))
  if (expired.length) throw unprocessable('expired_at_intake', 'Goods past their expiry date are not taken into the granary.', expired)
  const place = input.placeId ? await requirePlace(w.trx, w.teamId, input.placeId) : await defaultPlace(w)
  const donor = await resolveDonor(w, cipher, input)

  const keys = input.items.map((it) => itemKeyOf(it.category, it.description, it.unit))
  for (const [i, it] of input.items.entries()) {
    await w.trx
      .insertInto('granaryItems')
      .values({ teamId: w.teamId, itemKey: keys[i]!, category: it.category, description: it.description, unit: it.unit, createdAt: w.at })
      .onConflict((oc) => oc.columns(['teamId', 'itemKey']).doNothing())
      .execute()
  }
  // Intake takes the item locks like every other change of stock, so ledger order is real order.
  await lockItems(w, keys)

  const team = await w.trx.selectFrom('teams').select('code').where('id', '=', w.teamId).executeTakeFirstOrThrow()
  const year = Number(chinaDay(w.at).slice(0, 4))
  const donation: GranaryDonationRow = {
    id: newId(),
    teamId: w.teamId,
    receiptCode: makeReceiptCode(randomBytes(8)),
    receiptNumber: formatReceiptNumber(team.code, year, await nextTeamCounter(w, `granary_receipt_${year}`)),
    donorId: donor?.id ?? null,
    donorKind: donor?.kind ?? 'anonymous',
    placeId: place.id,
    receivedAt,
    note: input.note || null,
    createdBy: w.actor,
    createdAt: w.at,
  }
  await w.trx.insertInto('granaryDonations').values(donation).execute()
  const lots: GranaryLotRow[] = input.items.map((it, i) => ({
    id: newId(),
    teamId: w.teamId,
    donationId: donation.id,
    lineNo: i + 1,
    itemKey: keys[i]!,
    category: it.category,
    description: it.description,
    unit: it.unit,
    quantity: it.quantity,
    unitValueFen: it.unitValueFen,
    valuationBasis: it.valuationBasis,
    expiresOn: it.expiresOn ?? null,
    photo: it.photo ?? null,
    placeId: place.id,
    receivedAt,
    createdAt: w.at,
  }))
  await w.trx.insertInto('granaryLots').values(lots).execute()
  const lines: NewLine[] = lots.map((l) => ({ lotId: l.id, itemKey: l.itemKey, quantity: l.quantity, unitValueFen: l.unitValueFen }))
  const movementId = await insertMovement(w, { kind: 'in', donationId: donation.id, occurredAt: receivedAt }, lines)
  // Ids, codes and numbers only: no donor name or phone, no free text.
  await w.record({
    kind: 'granary.donation_recorded',
    entity: 'granary_donation',
    entityId: donation.id,
    payload: {
      receiptCode: donation.receiptCode,
      receiptNumber: donation.receiptNumber,
      donorId: donation.donorId,
      donorKind: donation.donorKind,
      placeId: place.id,
      movementId,
      lots: lots.map((l) => ({ lotId: l.id, itemKey: l.itemKey, quantity: l.quantity, unitValueFen: l.unitValueFen })),
      totalValueFen: lots.reduce((s, l) => s + l.quantity * l.unitValueFen, 0),
    },
  })
  return (await loadDonation(w.trx, w.teamId, donation.id, { photos: false }))!
}

// ---- reading ----

type DonationJoined = GranaryDonationRow & { donorName: string | null; placeName: string }

const donationsQuery = (db: Db) =>
  db
    .selectFrom('granaryDonations as d')
    .innerJoin('granaryPlaces as p', 'p.id', 'd.placeId')
    .leftJoin('granaryDonors as dn', 'dn.id', 'd.donorId')
    .selectAll('d')
    .select(['dn.name as donorName', 'p.name as placeName'])

function toLot(l: GranaryLotRow, onHand: number, withPhoto: boolean): Lot {
  const unitValueFen = Number(l.unitValueFen)
  const lot: Lot = {
    id: l.id,
    donationId: l.donationId,
    lineNo: Number(l.lineNo),
    itemKey: l.itemKey,
    category: l.category as GranaryCategory,
    description: l.description,
    unit: l.unit,
    quantity: Number(l.quantity),
    unitValueFen,
    valueFen: Number(l.quantity) * unitValueFen,
    valuationBasis: l.valuationBasis as ValuationBasis,
    expiresOn: l.expiresOn,
    placeId: l.placeId,
    receivedAt: l.receivedAt,
    onHand,
    hasPhoto: l.photo !== null,
  }
  if (withPhoto && l.photo) lot.photo = l.photo
  return lot
}

async function summarise(db: Db, teamId: string, rows: DonationJoined[], withLots: { photos: boolean } | null): Promise<(DonationSummary & { lots?: Lot[] })[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const lots = await db.selectFrom('granaryLots').selectAll().where('donationId', 'in', ids).orderBy('donationId').orderBy('lineNo').execute()
  const ins = await db.selectFrom('granaryMovements').select(['id', 'donationId']).where('kind', '=', 'in').where('donationId', 'in', ids).execute()
  const inOf = new Map(ins.map((m) => [m.donationId!, m.id]))
  const reversed = new Set((await db.selectFrom('granaryMovements').select('reverses').where('reverses', 'in', ins.map((m) => m.id)).execute()).map((r) => r.reverses))
  const onHand = withLots ? new Map((await lotStates(db, teamId, { lotIds: lots.map((l) => l.id) })).map((l) => [l.id, l.balance])) : new Map<string, number>()
  return rows.map((r) => {
    const mine = lots.filter((l) => l.donationId === r.id)
    const summary: DonationSummary & { lots?: Lot[] } = {
      id: r.id,
      receiptCode: r.receiptCode,
      receiptNumber: r.receiptNumber,
      donorId: r.donorId,
      donorKind: r.donorKind,
      donorName: donorDisplayName({ kind: r.donorKind, name: r.donorName }),
      placeId: r.placeId,
      placeName: r.placeName,
      receivedAt: r.receivedAt,
      note: r.note,
      movementId: inOf.get(r.id)!,
      lotCount: mine.length,
      totalQuantity: mine.reduce((s, l) => s + Number(l.quantity), 0),
      totalValueFen: mine.reduce((s, l) => s + Number(l.quantity) * Number(l.unitValueFen), 0),
      reversed: reversed.has(inOf.get(r.id) ?? ''),
      createdBy: r.createdBy,
      createdAt: r.createdAt,
    }
    if (withLots) summary.lots = mine.map((l) => toLot(l, onHand.get(l.id) ?? 0, withLots.photos))
    return summary
  })
}

/** One donation with its lots and what each lot holds now; undefined when not in the team. */
export async function loadDonation(db: Db, teamId: string, id: string, opts: { photos: boolean } = { photos: true }): Promise<Donation | undefined> {
  const row = await donationsQuery(db).where('d.teamId', '=', teamId).where('d.id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return (await summarise(db, teamId, [row], opts))[0] as Donation
}

/** The team's donations, newest recorded first. */
export async function listDonations(db: Db, teamId: string, f: { donorId?: string | undefined; limit: number; cursor?: string | undefined }) {
  let q = donationsQuery(db).where('d.teamId', '=', teamId).orderBy('d.createdAt', 'desc').orderBy('d.id', 'desc').limit(f.limit + 1)
  if (f.donorId) q = q.where('d.donorId', '=', f.donorId)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('d.createdAt', '<', c.createdAt), eb.and([eb('d.createdAt', '=', c.createdAt), eb('d.id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: (await summarise(db, teamId, pageRows, null)) as DonationSummary[], nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null }
}

// ---- receipts (捐赠凭证) ----

async function receiptTeam(db: Db, teamId: string) {
  return db.selectFrom('teams').select(['code', 'name', 'community']).where('id', '=', teamId).executeTakeFirstOrThrow()
}

function receiptOf(d: Donation): Omit<DonationReceipt, 'team'> {
  return {
    donationId: d.id,
    receiptCode: d.receiptCode,
    receiptNumber: d.receiptNumber,
    donorKind: d.donorKind,
    donorName: d.donorName,
    receivedAt: d.receivedAt,
    date: chinaDay(d.receivedAt),
    lines: d.lots.map((l) => ({ category: l.category, description: l.description, quantity: l.quantity, unit: l.unit, unitValueFen: l.unitValueFen, valueFen: l.valueFen, valuationBasis: l.valuationBasis })),
    totalQuantity: d.totalQuantity,
    totalValueFen: d.totalValueFen,
    reversed: d.reversed,
  }
}

/** The receipt of one donation: code, number, donor, lines with their frozen values, total, date, team. */
export async function donationReceipt(db: Db, teamId: string, donationId: string): Promise<DonationReceipt> {
  const d = await loadDonation(db, teamId, donationId, { photos: false })
  if (!d) throw notFound('Donation')
  return { ...receiptOf(d), team: await receiptTeam(db, teamId) }
}

/**
 * A donor's receipts for a calendar year (China time of intake): every donation not reversed,
 * oldest first, with the year's totals.
 */
export async function donorYearReceipt(db: Db, teamId: string, donorId: string, year: number): Promise<DonorYearReceipt> {
  const donor = await getDonorRow(db, teamId, donorId)
  // Instants of the China-time year: [year-01-01T00:00+08:00, (year+1)-01-01T00:00+08:00).
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString()
  const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000).toISOString()
  const rows = await donationsQuery(db)
    .where('d.teamId', '=', teamId)
    .where('d.donorId', '=', donorId)
    .where('d.receivedAt', '>=', from)
    .where('d.receivedAt', '<', to)
    .orderBy('d.receivedAt')
    .orderBy('d.id')
    .execute()
  const donations = ((await summarise(db, teamId, rows, { photos: false })) as Donation[]).filter((d) => !d.reversed)
  return {
    donorId: donor.id,
    donorKind: donor.kind,
    donorName: donorDisplayName(donor),
    year,
    team: await receiptTeam(db, teamId),
    donations: donations.map((d) => {
      const { donorKind: _k, donorName: _n, ...rest } = receiptOf(d)
      return rest
    }),
    donationCount: donations.length,
    totalQuantity: donations.reduce((s, d) => s + d.totalQuantity, 0),
    totalValueFen: donations.reduce((s, d) => s + d.totalValueFen, 0),
  }
}
