import type { AidMemberRow } from '@chayi/db'
import {
  maskIdNumber,
  NewAidMember,
  type AidMember,
  type AidMemberPatchParsed,
  type EducationLevel,
  type Gender,
  type HealthStatus,
  type HouseholdRelation,
  type InsuranceKind,
  type LabourCapacity,
  type SchoolingStatus,
} from '@chayi/domain'
import { forUpdate } from '@chayi/db'
import type { FieldCipher } from '../crypto.js'
import { notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { differing, VersionConflict } from './conflict.js'
import { lockHousehold, maskedSealed, touchHousehold } from './households.js'

const STARS = '******'

/** A member as a caller sees it: names in full (any script), sealed fields masked or hidden. */
export function toAidMember(row: AidMemberRow, may: boolean, cipher: FieldCipher): AidMember {
  return {
    id: row.id,
    householdId: row.householdId,
    ...plainFields(row),
    sensitive: {
      disabilityCertificate: maskedSealed(row.disabilityCertificateEnc, may, cipher, (v) => maskIdNumber(v)),
      healthNotes: maskedSealed(row.healthNotesEnc, may, cipher, () => STARS),
    },
    version: row.version,
    updatedAt: row.updatedAt,
  }
}

function plainFields(row: AidMemberRow) {
  return {
    relation: row.relation as HouseholdRelation,
    name: row.name,
    gender: row.gender as Gender,
    birthDate: row.birthDate,
    ethnicity: row.ethnicity,
    education: row.education as EducationLevel,
    schooling: row.schooling as SchoolingStatus,
    healthStatus: row.healthStatus as HealthStatus,
    labourCapacity: row.labourCapacity as LabourCapacity,
    monthsAway: row.monthsAway,
    insurance: JSON.parse(row.insurance) as InsuranceKind[],
  }
}

async function checkOneHead(w: WriteScope, householdId: string, exceptId: string | null, path: string): Promise<void> {
  let q = w.trx.selectFrom('aidMembers').select('id').where('householdId', '=', householdId).where('relation', '=', 'head')
  if (exceptId) q = q.where('id', '!=', exceptId)
  if (await q.executeTakeFirst()) throw unprocessable('two_heads', 'This household already has a head.', [{ path, message: 'the household already has a head' }])
}

function checkBirthDate(birthDate: string, at: string, path: string): void {
  if (birthDate > at.slice(0, 10)) throw unprocessable('birth_date_in_future', 'A birth date cannot be in the future.', [{ path, message: 'is in the future' }])
}

/** Inserts a member (the household is locked or new in this write). Parses again for seeders. */
export async function insertMember(w: WriteScope, cipher: FieldCipher, householdId: string, raw: NewAidMember, path = ''): Promise<AidMemberRow> {
  const m = NewAidMember.parse(raw)
  const at = (f: string) => (path ? `${path}.${f}` : f)
  checkBirthDate(m.birthDate, w.at, at('birthDate'))
  if (m.relation === 'head') await checkOneHead(w, householdId, null, at('relation'))
  const row: AidMemberRow = {
    id: newId(),
    teamId: w.teamId,
    householdId,
    relation: m.relation,
    name: m.name,
    gender: m.gender,
    birthDate: m.birthDate,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    healthStatus: m.healthStatus,
    disabilityCertificateEnc: m.disabilityCertificate === undefined ? null : cipher.encrypt(m.disabilityCertificate),
    healthNotesEnc: m.healthNotes === undefined ? null : cipher.encrypt(m.healthNotes),
    labourCapacity: m.labourCapacity,
    monthsAway: m.monthsAway,
    insurance: JSON.stringify(m.insurance),
    version: 1,
    createdAt: w.at,
    createdBy: w.actor,
    updatedAt: w.at,
  }
  await w.trx.insertInto('aidMembers').values(row).execute()
  const sealed = [row.disabilityCertificateEnc && 'disability_certificate', row.healthNotesEnc && 'health_notes'].filter(Boolean)
  await w.record({ kind: 'aid.member_added', entity: 'aid_member', entityId: row.id, payload: { householdId, relation: row.relation, sealed } })
  return row
}

/** Adds a member to an existing household (its version goes up too). */
export async function addMember(w: WriteScope, cipher: FieldCipher, householdId: string, raw: NewAidMember): Promise<AidMemberRow> {
  const household = await lockHousehold(w, householdId)
  const row = await insertMember(w, cipher, householdId, raw)
  await touchHousehold(w, household)
  return row
}

/** Changes a member on top of `baseVersion`; a stale base is a VersionConflict (sealed values masked). */
export async function updateMember(w: WriteScope, cipher: FieldCipher, id: string, change: AidMemberPatchParsed): Promise<AidMemberRow> {
  const found = await w.trx.selectFrom('aidMembers').select('householdId').where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!found) throw notFound('Member')
  // The household first, then the member: the same lock order as adding a member.
  const household = await lockHousehold(w, found.householdId)
  const row = await forUpdate(w.trx, w.trx.selectFrom('aidMembers').selectAll().where('id', '=', id)).executeTakeFirstOrThrow()
  const { baseVersion, ...fields } = change
  if (row.version !== baseVersion) {
    const disability = row.disabilityCertificateEnc === null ? null : cipher.decrypt(row.disabilityCertificateEnc)
    const notes = row.healthNotesEnc === null ? null : cipher.decrypt(row.healthNotesEnc)
    const plain: Record<string, unknown> = { ...plainFields(row), disabilityCertificate: disability, healthNotes: notes }
    const diff = differing(fields, (f) => plain[f])
    if ('disabilityCertificate' in diff && disability !== null) diff.disabilityCertificate = maskIdNumber(disability)
    if ('healthNotes' in diff && notes !== null) diff.healthNotes = STARS
    throw new VersionConflict(row.version, diff)
  }
  if (fields.birthDate !== undefined) checkBirthDate(fields.birthDate, w.at, 'birthDate')
  if (fields.relation === 'head' && row.relation !== 'head') await checkOneHead(w, row.householdId, id, 'relation')

  const set: Partial<AidMemberRow> = { version: row.version + 1, updatedAt: w.at }
  if (fields.relation !== undefined) set.relation = fields.relation
  if (fields.name !== undefined) set.name = fields.name
  if (fields.gender !== undefined) set.gender = fields.gender
  if (fields.birthDate !== undefined) set.birthDate = fields.birthDate
  if (fields.ethnicity !== undefined) set.ethnicity = fields.ethnicity
  if (fields.education !== undefined) set.education = fields.education
  if (fields.schooling !== undefined) set.schooling = fields.schooling
  if (fields.healthStatus !== undefined) set.healthStatus = fields.healthStatus
  if (fields.labourCapacity !== undefined) set.labourCapacity = fields.labourCapacity
  if (fields.monthsAway !== undefined) set.monthsAway = fields.monthsAway
  if (fields.insurance !== undefined) set.insurance = JSON.stringify(fields.insurance)
  if (fields.disabilityCertificate !== undefined) set.disabilityCertificateEnc = fields.disabilityCertificate === null ? null : cipher.encrypt(fields.disabilityCertificate)
  if (fields.healthNotes !== undefined) set.healthNotesEnc = fields.healthNotes === null ? null : cipher.encrypt(fields.healthNotes)
  await w.trx.updateTable('aidMembers').set(set).where('id', '=', id).execute()
  await touchHousehold(w, household)
  await w.record({ kind: 'aid.member_updated', entity: 'aid_member', entityId: id, payload: { householdId: row.householdId, fields: Object.keys(fields).sort(), version: set.version } })
  return { ...row, ...set }
}
