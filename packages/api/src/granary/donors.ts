import { isUniqueViolation, type GranaryDonorRow, type GranaryPlaceRow } from '@chayi/db'
import { ANONYMOUS_DONOR_LABEL, maskPhone, type Donor, type DonorInput, type DonorKind, type Place, type PlaceInput } from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { conflict, notFound } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import type { Db } from './stock.js'

// Donors (爱心人士, 爱心企业, 匿名) and storage places of the granary. A person's phone is sealed with
// the field cipher and found again by its keyed hash; it never enters the audit chain, nor does a name.

/** The name a donor goes by on receipts and in lists. */
export const donorDisplayName = (d: { kind: DonorKind; name: string | null }) => (d.kind === 'anonymous' || !d.name ? ANONYMOUS_DONOR_LABEL['zh-CN'] : d.name)

/** `whole`: the phone unsealed (care staff reading one donor); otherwise masked. */
export function toDonor(row: GranaryDonorRow, cipher: FieldCipher, phone: 'masked' | 'whole'): Donor {
  const plain = row.phoneEnc ? cipher.decrypt(row.phoneEnc) : null
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    displayName: donorDisplayName(row),
    phone: plain === null ? null : phone === 'whole' ? plain : maskPhone(plain),
    contact: row.contact,
    note: row.note,
    createdAt: row.createdAt,
  }
}

const phoneHash = (cipher: FieldCipher, phone: string) => cipher.lookupHash(`granary_donor_phone:${phone}`)

/** The team's donor who has this phone, if any. */
export async function donorByPhone(db: Db, cipher: FieldCipher, teamId: string, phone: string) {
  return db.selectFrom('granaryDonors').selectAll().where('teamId', '=', teamId).where('phoneHash', '=', phoneHash(cipher, phone)).executeTakeFirst()
}

/** Adds a donor; a person whose phone is already on file is a 409 `donor_exists`. */
export async function createDonor(w: WriteScope, cipher: FieldCipher, input: DonorInput): Promise<GranaryDonorRow> {
  const row: GranaryDonorRow = {
    id: newId(),
    teamId: w.teamId,
    kind: input.kind,
    name: input.kind === 'anonymous' ? null : input.name,
    phoneEnc: input.kind === 'person' ? cipher.encrypt(input.phone) : null,
    phoneHash: input.kind === 'person' ? phoneHash(cipher, input.phone) : null,
    contact: input.kind === 'enterprise' ? input.contact || null : null,
    note: input.note || null,
    createdBy: w.actor,
    createdAt: w.at,
  }
  if (input.kind === 'person' && (await donorByPhone(w.trx, cipher, w.teamId, input.phone))) {
    throw conflict('donor_exists', 'A donor with this phone number is already on file.')
  }
  try {
    await w.trx.insertInto('granaryDonors').values(row).execute()
  } catch (err) {
    // Two intakes of one new person raced; the unique phone hash let one in.
    if (isUniqueViolation(err)) throw conflict('donor_exists', 'A donor with this phone number is already on file.')
    throw err
  }
  await w.record({ kind: 'granary.donor_created', entity: 'granary_donor', entityId: row.id, payload: { kind: row.kind } })
  return row
}

export async function getDonorRow(db: Db, teamId: string, id: string) {
  const row = await db.selectFrom('granaryDonors').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Donor')
  return row
}

/** The team's donors, newest first, phones masked. */
export async function listDonors(db: Db, cipher: FieldCipher, teamId: string, f: { kind?: DonorKind | undefined; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('granaryDonors').selectAll().where('teamId', '=', teamId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('createdAt', '<', c.createdAt), eb.and([eb('createdAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: pageRows.map((r) => toDonor(r, cipher, 'masked')), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null }
}

// ---- places ----

export const toPlace = (r: GranaryPlaceRow): Place => ({ id: r.id, name: r.name, note: r.note, createdAt: r.createdAt })

/** The place an intake without one goes to, when a team has none yet. */
export const DEFAULT_PLACE_NAME = '茶义仓'

export async function createPlace(w: WriteScope, input: PlaceInput): Promise<Place> {
  const exists = await w.trx.selectFrom('granaryPlaces').select('id').where('teamId', '=', w.teamId).where('name', '=', input.name).executeTakeFirst()
  if (exists) throw conflict('place_exists', 'The team already has a storage place of this name.')
  const row: GranaryPlaceRow = { id: newId(), teamId: w.teamId, name: input.name, note: input.note || null, createdBy: w.actor, createdAt: w.at }
  try {
    await w.trx.insertInto('granaryPlaces').values(row).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('place_exists', 'The team already has a storage place of this name.')
    throw err
  }
  await w.record({ kind: 'granary.place_created', entity: 'granary_place', entityId: row.id, payload: { name: row.name } })
  return toPlace(row)
}

/** The team's first storage place, made (as 茶义仓) when it has none: a kiosk intake needs somewhere to go. */
export async function defaultPlace(w: WriteScope): Promise<GranaryPlaceRow> {
  const first = await w.trx.selectFrom('granaryPlaces').selectAll().where('teamId', '=', w.teamId).orderBy('createdAt').orderBy('id').limit(1).executeTakeFirst()
  if (first) return first
  const made = await createPlace(w, { name: DEFAULT_PLACE_NAME })
  return { ...made, teamId: w.teamId, createdBy: w.actor }
}

export async function listPlaces(db: Db, teamId: string): Promise<Place[]> {
  return (await db.selectFrom('granaryPlaces').selectAll().where('teamId', '=', teamId).orderBy('createdAt').orderBy('id').execute()).map(toPlace)
}
