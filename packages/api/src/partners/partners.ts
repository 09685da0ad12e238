import type { Kysely } from 'kysely'
import { isUniqueViolation, type Database, type PartnerIntentionRow, type PartnerRow } from '@chayi/db'
import { maskPhone, type AidIntention, type AidIntentionInput, type AidIntentionKind, type AidIntentionStatus, type Partner, type PartnerInput, type PartnerKind, type PartnerPatch } from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { chinaDay } from '../hours/time.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

// Partners (爱心企业/爱心人士/社会组织): who they are, their aid intentions (帮扶意向), and the granary
// donors that are theirs. A contact phone is sealed; names and phones never enter the audit chain.

export type Db = Kysely<Database>

async function presentPartners(db: Db, cipher: FieldCipher, rows: PartnerRow[], phone: 'masked' | 'whole'): Promise<Partner[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const links = await db.selectFrom('partnerGranaryDonors').select(['partnerId', 'donorId']).where('partnerId', 'in', ids).orderBy('createdAt').orderBy('donorId').execute()
  const open = await db
    .selectFrom('partnerIntentions')
    .select(['partnerId'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partnerId', 'in', ids)
    .where('status', '=', 'open')
    .groupBy('partnerId')
    .execute()
  return rows.map((r) => {
    const plain = r.contactPhoneEnc ? cipher.decrypt(r.contactPhoneEnc) : null
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      contactName: r.contactName,
      contactPhone: plain === null ? null : phone === 'whole' ? plain : maskPhone(plain),
      industry: r.industry,
      note: r.note,
      granaryDonorIds: links.filter((l) => l.partnerId === r.id).map((l) => l.donorId),
      openIntentionCount: Number(open.find((o) => o.partnerId === r.id)?.n ?? 0),
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }
  })
}

export async function getPartnerRow(db: Db, teamId: string, id: string): Promise<PartnerRow> {
  const row = await db.selectFrom('partners').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Partner')
  return row
}

/** Enterprises and organisations go by their name: two of one kind and name are one partner. */
async function assertNameFree(w: WriteScope, kind: PartnerKind, name: string, except?: string) {
  if (kind === 'individual') return
  let q = w.trx.selectFrom('partners').select('id').where('teamId', '=', w.teamId).where('kind', '=', kind).where('name', '=', name)
  if (except) q = q.where('id', '!=', except)
  if (await q.executeTakeFirst()) throw conflict('partner_exists', 'The team already has a partner of this kind and name.')
}

/** Adds a partner; an enterprise or organisation whose name is already on file is a 409 `partner_exists`. */
export async function createPartner(w: WriteScope, cipher: FieldCipher, input: PartnerInput): Promise<Partner> {
  await assertNameFree(w, input.kind, input.name)
  const row: PartnerRow = {
    id: newId(),
    teamId: w.teamId,
    name: input.name,
    kind: input.kind,
    contactName: input.contactName ?? null,
    contactPhoneEnc: input.contactPhone ? cipher.encrypt(input.contactPhone) : null,
    industry: input.industry ?? null,
    note: input.note || null,
    createdBy: w.actor,
    createdAt: w.at,
    updatedAt: w.at,
  }
  await w.trx.insertInto('partners').values(row).execute()
  await w.record({ kind: 'partners.partner_created', entity: 'partner', entityId: row.id, payload: { kind: row.kind, hasContactPhone: row.contactPhoneEnc !== null } })
  return (await presentPartners(w.trx, cipher, [row], 'whole'))[0]!
}

/** Changes a partner's details (not money: an edit in place, recorded by field name). */
export async function updatePartner(w: WriteScope, cipher: FieldCipher, id: string, patch: PartnerPatch): Promise<Partner> {
  const row = await getPartnerRow(w.trx, w.teamId, id)
  const next: PartnerRow = {
    ...row,
    name: patch.name ?? row.name,
    kind: patch.kind ?? row.kind,
    contactName: patch.contactName !== undefined ? patch.contactName : row.contactName,
    contactPhoneEnc: patch.contactPhone !== undefined ? (patch.contactPhone === null ? null : cipher.encrypt(patch.contactPhone)) : row.contactPhoneEnc,
    industry: patch.industry !== undefined ? patch.industry : row.industry,
    note: patch.note !== undefined ? patch.note || null : row.note,
    updatedAt: w.at,
  }
  if (next.name !== row.name || next.kind !== row.kind) await assertNameFree(w, next.kind, next.name, row.id)
  const fields = (Object.keys(patch) as (keyof PartnerPatch)[]).filter((k) => patch[k] !== undefined).sort()
  await w.trx
    .updateTable('partners')
    .set({ name: next.name, kind: next.kind, contactName: next.contactName, contactPhoneEnc: next.contactPhoneEnc, industry: next.industry, note: next.note, updatedAt: next.updatedAt })
    .where('id', '=', row.id)
    .execute()
  await w.record({ kind: 'partners.partner_updated', entity: 'partner', entityId: row.id, payload: { fields, kind: next.kind } })
  return (await presentPartners(w.trx, cipher, [next], 'whole'))[0]!
}

export async function getPartner(db: Db, cipher: FieldCipher, teamId: string, id: string, phone: 'masked' | 'whole'): Promise<Partner> {
  return (await presentPartners(db, cipher, [await getPartnerRow(db, teamId, id)], phone))[0]!
}

/** The team's partners, newest first, phones masked. */
export async function listPartners(db: Db, cipher: FieldCipher, teamId: string, f: { kind?: PartnerKind | undefined; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('partners').selectAll().where('teamId', '=', teamId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('createdAt', '<', c.createdAt), eb.and([eb('createdAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await presentPartners(db, cipher, pageRows, 'masked'), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null }
}

// ---- aid intentions ----

const toIntention = (r: PartnerIntentionRow, partnerName: string): AidIntention => ({
  id: r.id,
  partnerId: r.partnerId,
  partnerName,
  kind: r.kind as AidIntentionKind,
  description: r.description,
  amountFen: r.amountFen === null ? null : Number(r.amountFen),
  quantity: r.quantity === null ? null : Number(r.quantity),
  validUntil: r.validUntil,
  status: r.status,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  closedBy: r.closedBy,
  closedAt: r.closedAt,
  closeNote: r.closeNote,
})

/** Records what a partner intends to give; open until fulfilled or withdrawn. */
export async function addIntention(w: WriteScope, partnerId: string, input: AidIntentionInput): Promise<AidIntention> {
  const partner = await getPartnerRow(w.trx, w.teamId, partnerId)
  if (input.validUntil && input.validUntil < chinaDay(w.at)) {
    throw unprocessable('valid_until_past', 'An intention cannot end before today.', [{ path: 'validUntil', message: `before ${chinaDay(w.at)}` }])
  }
  const row: PartnerIntentionRow = {
    id: newId(),
    teamId: w.teamId,
    partnerId: partner.id,
    kind: input.kind,
    description: input.description,
    amountFen: input.amountFen ?? null,
    quantity: input.quantity ?? null,
    validUntil: input.validUntil ?? null,
    status: 'open',
    createdBy: w.actor,
    createdAt: w.at,
    closedBy: null,
    closedAt: null,
    closeNote: null,
  }
  await w.trx.insertInto('partnerIntentions').values(row).execute()
  await w.record({ kind: 'partners.intention_added', entity: 'partner_intention', entityId: row.id, payload: { partnerId: partner.id, kind: row.kind, amountFen: row.amountFen, quantity: row.quantity } })
  return toIntention(row, partner.name)
}

/** Closes an open intention as fulfilled or withdrawn, once (409 `intention_closed`). */
export async function closeIntention(w: WriteScope, partnerId: string, intentionId: string, status: 'fulfilled' | 'withdrawn', note?: string): Promise<AidIntention> {
  const partner = await getPartnerRow(w.trx, w.teamId, partnerId)
  const row = await w.trx.selectFrom('partnerIntentions').selectAll().where('partnerId', '=', partner.id).where('id', '=', intentionId).executeTakeFirst()
  if (!row) throw notFound('Intention')
  const done = await w.trx
    .updateTable('partnerIntentions')
    .set({ status, closedBy: w.actor, closedAt: w.at, closeNote: note?.trim() || null })
    .where('id', '=', row.id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw conflict('intention_closed', `This intention is already ${row.status === 'open' ? 'closed' : row.status}.`)
  await w.record({ kind: 'partners.intention_closed', entity: 'partner_intention', entityId: row.id, payload: { partnerId: partner.id, status } })
  const after = await w.trx.selectFrom('partnerIntentions').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  return toIntention(after, partner.name)
}

/** Intentions, newest first: of one partner, or of the whole team. */
export async function listIntentions(
  db: Db,
  teamId: string,
  f: { partnerId?: string | undefined; status?: AidIntentionStatus | undefined; kind?: AidIntentionKind | undefined; limit: number; cursor?: string | undefined },
) {
  if (f.partnerId) await getPartnerRow(db, teamId, f.partnerId)
  let q = db
    .selectFrom('partnerIntentions as i')
    .innerJoin('partners as p', 'p.id', 'i.partnerId')
    .selectAll('i')
    .select('p.name as partnerName')
    .where('i.teamId', '=', teamId)
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.limit + 1)
  if (f.partnerId) q = q.where('i.partnerId', '=', f.partnerId)
  if (f.status) q = q.where('i.status', '=', f.status)
  if (f.kind) q = q.where('i.kind', '=', f.kind)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('i.createdAt', '<', c.createdAt), eb.and([eb('i.createdAt', '=', c.createdAt), eb('i.id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: pageRows.map(({ partnerName, ...r }) => toIntention(r, partnerName)), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null }
}

// ---- granary donors ----

/** Links a granary donor of the team to the partner; a donor belongs to one partner (409 `donor_linked`). */
export async function linkGranaryDonor(w: WriteScope, cipher: FieldCipher, partnerId: string, donorId: string): Promise<Partner> {
  const partner = await getPartnerRow(w.trx, w.teamId, partnerId)
  const donor = await w.trx.selectFrom('granaryDonors').select('id').where('teamId', '=', w.teamId).where('id', '=', donorId).executeTakeFirst()
  if (!donor) throw unprocessable('unknown_donor', 'No such granary donor in the team.', [{ path: 'donorId', message: 'unknown donor' }])
  const existing = await w.trx.selectFrom('partnerGranaryDonors').select('partnerId').where('donorId', '=', donor.id).executeTakeFirst()
  if (existing) throw conflict('donor_linked', existing.partnerId === partner.id ? 'This donor is already linked to the partner.' : 'This donor is linked to another partner.')
  try {
    await w.trx.insertInto('partnerGranaryDonors').values({ teamId: w.teamId, partnerId: partner.id, donorId: donor.id, createdBy: w.actor, createdAt: w.at }).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('donor_linked', 'This donor is already linked to a partner.')
    throw err
  }
  await w.record({ kind: 'partners.granary_donor_linked', entity: 'partner', entityId: partner.id, payload: { donorId: donor.id } })
  return (await presentPartners(w.trx, cipher, [partner], 'whole'))[0]!
}
