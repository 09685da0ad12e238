import type { Kysely } from 'kysely'
import { isUniqueViolation, type AidPairingRow, type Database } from '@chayi/db'
import { maskPhone, type AidPairing, type NewAidPairing } from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { lockHousehold, touchHousehold } from './households.js'

function toAidPairing(row: AidPairingRow, partnerName: string, cipher: FieldCipher): AidPairing {
  return {
    id: row.id,
    householdId: row.householdId,
    partnerId: row.partnerId,
    partnerName,
    responsibleName: row.responsibleName,
    responsiblePhoneMasked: row.responsiblePhoneEnc === null ? null : maskPhone(cipher.decrypt(row.responsiblePhoneEnc)),
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    endReason: row.endReason,
  }
}

/** A household's pairings, newest first (the current one, if any, leads). */
export async function pairingHistory(db: Kysely<Database>, cipher: FieldCipher, teamId: string, householdId: string): Promise<AidPairing[]> {
  const rows = await db
    .selectFrom('aidPairings')
    .innerJoin('partners', 'partners.id', 'aidPairings.partnerId')
    .selectAll('aidPairings')
    .select('partners.name as partnerName')
    .where('aidPairings.teamId', '=', teamId)
    .where('aidPairings.householdId', '=', householdId)
    .orderBy('aidPairings.startedAt', 'desc')
    .orderBy('aidPairings.id', 'desc')
    .execute()
  return rows.map(({ partnerName, ...r }) => toAidPairing(r, partnerName, cipher))
}

export async function currentPairing(db: Kysely<Database>, cipher: FieldCipher, teamId: string, householdId: string): Promise<AidPairing | null> {
  const all = await pairingHistory(db, cipher, teamId, householdId)
  return all.find((p) => p.endedAt === null) ?? null
}

/**
 * Pairs a household with a partner (结对帮扶). The current pairing is ended, never edited, and the
 * new one inserted in the same write, so the history keeps every partner the household has had.
 */
export async function pairHousehold(w: WriteScope, cipher: FieldCipher, householdId: string, input: NewAidPairing): Promise<AidPairing> {
  const household = await lockHousehold(w, householdId)
  const partner = await w.trx.selectFrom('partners').select(['id', 'name']).where('id', '=', input.partnerId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!partner) throw unprocessable('unknown_partner', 'The partner is not one of this team’s partners.', [{ path: 'partnerId', message: 'no such partner in this team' }])
  const current = await w.trx.selectFrom('aidPairings').selectAll().where('householdId', '=', householdId).where('endedAt', 'is', null).executeTakeFirst()
  if (current) {
    await w.trx
      .updateTable('aidPairings')
      .set({ endedAt: w.at, endedBy: w.actor, endReason: input.endReason ?? 'replaced' })
      .where('id', '=', current.id)
      .where('endedAt', 'is', null)
      .execute()
  }
  const row: AidPairingRow = {
    id: newId(),
    teamId: w.teamId,
    householdId,
    partnerId: partner.id,
    responsibleName: input.responsibleName,
    responsiblePhoneEnc: input.responsiblePhone === undefined ? null : cipher.encrypt(input.responsiblePhone),
    startedAt: w.at,
    startedBy: w.actor,
    endedAt: null,
    endedBy: null,
    endReason: null,
  }
  try {
    await w.trx.insertInto('aidPairings').values(row).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('pairing_changed', 'The household’s pairing changed at the same moment; try again.')
    throw err
  }
  await touchHousehold(w, household)
  await w.record({ kind: 'aid.household_paired', entity: 'aid_household', entityId: householdId, payload: { pairingId: row.id, partnerId: partner.id, endedPairingId: current?.id ?? null } })
  return toAidPairing(row, partner.name, cipher)
}

export async function checkHousehold(db: Kysely<Database>, teamId: string, id: string): Promise<void> {
  const found = await db.selectFrom('aidHouseholds').select('id').where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!found) throw notFound('Household')
}
