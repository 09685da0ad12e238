import type { AidRevealed, AidRevealRequest } from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { forbidden, notFound } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { canRevealFor, lockHousehold, type AidViewer } from './households.js'

/**
 * The assigned worker, a leader or an admin sees one whole sealed value, saying why: one
 * access-log line; the chain records the field and the log line, never the value.
 */
export async function revealAidField(w: WriteScope, cipher: FieldCipher, householdId: string, req: AidRevealRequest, viewer: AidViewer): Promise<AidRevealed> {
  const household = await lockHousehold(w, householdId)
  if (!canRevealFor(viewer, household)) throw forbidden('Only the assigned worker, a leader or an admin may see this.')
  let sealed: string | null
  let entity: string
  let entityId: string
  if (req.field === 'bank_account') {
    sealed = household.bankAccountEnc
    entity = 'aid_household'
    entityId = householdId
  } else {
    const member = await w.trx.selectFrom('aidMembers').selectAll().where('id', '=', req.memberId!).where('householdId', '=', householdId).executeTakeFirst()
    if (!member) throw notFound('Member')
    sealed = req.field === 'disability_certificate' ? member.disabilityCertificateEnc : member.healthNotesEnc
    entity = 'aid_member'
    entityId = member.id
  }
  const accessLogId = newId()
  await w.trx.insertInto('accessLog').values({ id: accessLogId, teamId: w.teamId, actor: w.actor, entity, entityId, field: req.field, reason: req.reason, at: w.at }).execute()
  await w.record({ kind: 'aid.field_revealed', entity, entityId, payload: { field: req.field, householdId, accessLogId } })
  return { field: req.field, memberId: req.memberId ?? null, value: sealed === null ? null : cipher.decrypt(sealed), accessLogId }
}
