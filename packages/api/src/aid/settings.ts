import type { Kysely } from 'kysely'
import type { Database } from '@chayi/db'
import { AID_DEFAULT_SETTINGS, type AidSettings } from '@chayi/domain'
import type { WriteScope } from '../write.js'

/** A team's exit settings, or the defaults (6 months stable, 5 days' notice, 12 months' monitoring). */
export async function aidSettings(db: Kysely<Database>, teamId: string): Promise<AidSettings> {
  const row = await db.selectFrom('aidSettings').select(['stableMonths', 'noticeDays', 'monitoringMonths']).where('teamId', '=', teamId).executeTakeFirst()
  return row ?? AID_DEFAULT_SETTINGS
}

/** Leaders set them; the change is in the audit chain with the values before and after. */
export async function saveAidSettings(w: WriteScope, input: AidSettings): Promise<AidSettings> {
  const before = await aidSettings(w.trx, w.teamId)
  const row = { teamId: w.teamId, ...input, updatedAt: w.at, updatedBy: w.actor }
  await w.trx
    .insertInto('aidSettings')
    .values(row)
    .onConflict((oc) => oc.column('teamId').doUpdateSet({ stableMonths: input.stableMonths, noticeDays: input.noticeDays, monitoringMonths: input.monitoringMonths, updatedAt: w.at, updatedBy: w.actor }))
    .execute()
  await w.record({ kind: 'aid.settings_changed', entity: 'aid_settings', entityId: w.teamId, payload: { before, after: input } })
  return input
}
