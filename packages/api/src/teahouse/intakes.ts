import type { DonationInput, Intake, IntakeRequest } from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { loadDonation, recordDonation } from '../granary/donations.js'
import type { WriteScope } from '../write.js'
import { AlreadyStored, idTaken, seqTaken, type Db } from './common.js'

// Goods handed in at the counter (茶义仓 intake): each becomes a granary donation through the
// granary's own intake, in the same transaction, and a tea-house row keyed by the tablet's id.

async function toIntake(db: Db, teamId: string, r: { id: string; donationId: string; receivedAt: string }): Promise<Intake> {
  const d = (await loadDonation(db, teamId, r.donationId, { photos: false }))!
  return { id: r.id, donationId: d.id, receiptCode: d.receiptCode, receivedAt: r.receivedAt, items: d.lotCount, units: d.totalQuantity, totalValueFen: d.totalValueFen }
}

/** The stored intake for a client id from this device (a resend), if any. */
export async function storedIntake(db: Db, teamId: string, deviceId: string, id: string): Promise<Intake | undefined> {
  const r = await db.selectFrom('teahouseIntakes').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r) return undefined
  if (r.teamId !== teamId || r.deviceId !== deviceId) throw idTaken()
  return toIntake(db, teamId, r)
}

export const intakeSeqUsed = async (db: Db, deviceId: string, seq: number) =>
  !!(await db.selectFrom('teahouseIntakes').select('id').where('deviceId', '=', deviceId).where('deviceSeq', '=', seq).executeTakeFirst())

export async function recordIntake(w: WriteScope, cipher: FieldCipher, deviceId: string, staffUserId: string | null, req: IntakeRequest): Promise<Intake> {
  if (await storedIntake(w.trx, w.teamId, deviceId, req.id)) throw new AlreadyStored()
  if (await intakeSeqUsed(w.trx, deviceId, req.deviceSeq)) throw seqTaken('intake')
  const input: DonationInput = {
    ...(req.donor && req.donor.kind !== 'anonymous' ? { donor: req.donor } : { anonymous: true }),
    receivedAt: req.receivedAt,
    items: req.items,
    ...(req.note ? { note: req.note } : {}),
  }
  const donation = await recordDonation(w, cipher, input)
  const row = { id: req.id, teamId: w.teamId, deviceId, deviceSeq: req.deviceSeq, donationId: donation.id, receivedAt: donation.receivedAt, staffUserId, storedAt: w.at }
  await w.trx.insertInto('teahouseIntakes').values(row).execute()
  await w.record({ kind: 'teahouse.intake_recorded', entity: 'teahouse_intake', entityId: row.id, payload: { deviceId, deviceSeq: req.deviceSeq, donationId: donation.id } })
  return { id: row.id, donationId: donation.id, receiptCode: donation.receiptCode, receivedAt: donation.receivedAt, items: donation.lotCount, units: donation.totalQuantity, totalValueFen: donation.totalValueFen }
}
