import type { Kysely } from 'kysely'
import { forUpdate, type BeneficiaryConsentRow, type Database } from '@chayi/db'
import { maskName, type BeneficiaryConsent, type BeneficiaryConsentInput, type ConsentScope } from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { badRequest, conflict, notFound } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

/**
 * The consent shown to care staff. The signer's name is masked: the whole name is kept sealed as
 * evidence, and a response may be stored in plain text with an idempotency key.
 */
export function toConsent(row: BeneficiaryConsentRow, cipher: FieldCipher): BeneficiaryConsent {
  return {
    id: row.id,
    beneficiaryId: row.beneficiaryId,
    scope: JSON.parse(row.scope) as ConsentScope[],
    version: row.version,
    givenBy: { kind: row.givenByKind, name: row.givenByNameEnc ? maskName(cipher.decrypt(row.givenByNameEnc)) : null },
    givenAt: row.givenAt,
    recordedAt: row.recordedAt,
    recordedBy: row.recordedBy,
    status: row.withdrawnAt ? 'withdrawn' : 'active',
    withdrawnAt: row.withdrawnAt,
    withdrawnBy: row.withdrawnBy,
    withdrawReason: row.withdrawReason,
  }
}

/** The scopes covered by some not-withdrawn consent, per beneficiary (every id in the map). */
export async function activeScopes(db: Kysely<Database>, teamId: string, beneficiaryIds: readonly string[]): Promise<Map<string, Set<ConsentScope>>> {
  const out = new Map<string, Set<ConsentScope>>(beneficiaryIds.map((id) => [id, new Set<ConsentScope>()]))
  if (beneficiaryIds.length === 0) return out
  const rows = await db
    .selectFrom('beneficiaryConsents')
    .select(['beneficiaryId', 'scope'])
    .where('teamId', '=', teamId)
    .where('beneficiaryId', 'in', [...beneficiaryIds])
    .where('withdrawnAt', 'is', null)
    .execute()
  for (const r of rows) for (const s of JSON.parse(r.scope) as ConsentScope[]) out.get(r.beneficiaryId)?.add(s)
  return out
}

/** A consent cannot have been given after the moment it is recorded. */
export function checkGivenAt(input: BeneficiaryConsentInput, at: string, path = 'givenAt'): void {
  if (input.givenAt > at) throw badRequest('invalid_request', 'The body is not valid.', [{ path, message: 'is in the future' }])
}

/** Records a consent for a beneficiary already in this transaction's team (the caller checked). */
export async function insertConsent(w: WriteScope, cipher: FieldCipher, beneficiaryId: string, input: BeneficiaryConsentInput): Promise<BeneficiaryConsentRow> {
  const row: BeneficiaryConsentRow = {
    id: newId(),
    teamId: w.teamId,
    beneficiaryId,
    scope: JSON.stringify(input.scope),
    version: input.version,
    givenByKind: input.givenBy.kind,
    givenByNameEnc: input.givenBy.name ? cipher.encrypt(input.givenBy.name) : null,
    givenAt: input.givenAt,
    recordedAt: w.at,
    recordedBy: w.actor,
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawReason: null,
  }
  await w.trx.insertInto('beneficiaryConsents').values(row).execute()
  await w.record({ kind: 'care.consent_given', entity: 'beneficiary_consent', entityId: row.id, payload: { beneficiaryId, scope: input.scope, version: input.version, givenBy: input.givenBy.kind } })
  return row
}

/** Care staff record a signed consent form for a beneficiary of the team. */
export async function giveConsent(w: WriteScope, cipher: FieldCipher, beneficiaryId: string, input: BeneficiaryConsentInput): Promise<BeneficiaryConsentRow> {
  const b = await forUpdate(w.trx, w.trx.selectFrom('beneficiaries').select('id').where('id', '=', beneficiaryId).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!b) throw notFound('Beneficiary')
  checkGivenAt(input, w.at)
  return insertConsent(w, cipher, beneficiaryId, input)
}

/**
 * Withdrawing a consent: from now on the fields it alone covered are hidden, refused when stored
 * and refused when revealed. The sealed values stay (erasing them is a separate, explicit change).
 */
export async function withdrawConsent(w: WriteScope, consentId: string, reason: string): Promise<BeneficiaryConsentRow> {
  const found = await w.trx.selectFrom('beneficiaryConsents').select('beneficiaryId').where('id', '=', consentId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!found) throw notFound('Consent')
  // Lock the beneficiary first, like every other write on it, so a reveal never sees half of this.
  await forUpdate(w.trx, w.trx.selectFrom('beneficiaries').select('id').where('id', '=', found.beneficiaryId)).executeTakeFirst()
  const row = await w.trx.selectFrom('beneficiaryConsents').selectAll().where('id', '=', consentId).executeTakeFirstOrThrow()
  if (row.withdrawnAt) throw conflict('already_withdrawn', 'This consent was already withdrawn.')
  const done = await w.trx
    .updateTable('beneficiaryConsents')
    .set({ withdrawnAt: w.at, withdrawnBy: w.actor, withdrawReason: reason })
    .where('id', '=', consentId)
    .where('withdrawnAt', 'is', null)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw conflict('already_withdrawn', 'This consent was already withdrawn.')
  // The reason may speak about the person; it stays in the row, not in the permanent chain.
  await w.record({ kind: 'care.consent_withdrawn', entity: 'beneficiary_consent', entityId: consentId, payload: { beneficiaryId: row.beneficiaryId, scope: JSON.parse(row.scope) as ConsentScope[] } })
  return { ...row, withdrawnAt: w.at, withdrawnBy: w.actor, withdrawReason: reason }
}
