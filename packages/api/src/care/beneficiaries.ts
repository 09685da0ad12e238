import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, type BeneficiaryRow, type BeneficiaryStatusChangeRow, type Database } from '@chayi/db'
import {
  ageOn,
  BeneficiaryFieldList,
  consentScopeOf,
  ELDERLY_KINDS,
  ELDERLY_MIN_AGE,
  idNumberMatchesBirthDate,
  maskIdNumber,
  maskName,
  maskPhone,
  NewBeneficiary,
  type Beneficiary,
  type BeneficiaryChangeParsed,
  type BeneficiaryContact,
  type BeneficiaryDetail,
  type BeneficiaryField,
  type BeneficiaryKind,
  type BeneficiaryStatus,
  type BeneficiaryStatusEntry,
  type ConsentScope,
  type DisabilityRecord,
  type Gender,
  type LivingSituation,
  type MaskedField,
  type RevealedBeneficiaryFields,
} from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { badRequest, conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { endActiveCard } from './cards.js'
import { activeScopes, checkGivenAt, insertConsent } from './consents.js'

/** `staff`: care staff and admins; `masked`: a leader, who may list the register but needs no details. */
export type BeneficiaryView = 'staff' | 'masked'

const STARS = '******'

const seal = (cipher: FieldCipher, v: string | null | undefined) => (v === null || v === undefined ? null : cipher.encrypt(v))
const open = (cipher: FieldCipher, v: string | null) => (v === null ? null : cipher.decrypt(v))
const normaliseIdNumber = (id: string) => id.trim().toUpperCase()

/** The input key of each sealed field that needs consent, and where its problems are reported. */
const SENSITIVE_INPUT = [
  { field: 'id_number', key: 'idNumber' },
  { field: 'disability', key: 'disability' },
  { field: 'health_notes', key: 'healthNotes' },
  { field: 'income', key: 'monthlyIncomeFen' },
] as const satisfies readonly { field: BeneficiaryField; key: string }[]

function ageOf(birthDate: string, now: Date): number | null {
  try {
    return ageOn(birthDate, now)
  } catch {
    return null // a birth date after the clock: no age rather than a failed read
  }
}

function maskedField(field: BeneficiaryField, sealed: string | null, scopes: Set<ConsentScope>, view: BeneficiaryView, cipher: FieldCipher, mask: (plain: string) => string): MaskedField {
  const scope = consentScopeOf(field)
  if (scope && !scopes.has(scope)) return { masked: null, hidden: 'no_consent' }
  if (view === 'masked') return { masked: null, hidden: 'role' }
  return { masked: sealed === null ? null : mask(cipher.decrypt(sealed)), hidden: null }
}

/** A beneficiary row as a caller with this view sees it: masks only, never a whole sealed value. */
export function toBeneficiary(row: BeneficiaryRow, cipher: FieldCipher, view: BeneficiaryView, scopes: Set<ConsentScope>, card: { id: string; number: string } | null, now: Date): Beneficiary {
  const staff = view === 'staff'
  const phone = open(cipher, row.phoneEnc)
  const contact = staff && row.emergencyContactEnc ? (JSON.parse(cipher.decrypt(row.emergencyContactEnc)) as BeneficiaryContact) : null
  return {
    id: row.id,
    teamId: row.teamId,
    view,
    kinds: JSON.parse(row.kinds) as BeneficiaryKind[],
    name: staff ? row.name : maskName(row.name),
    gender: row.gender as Gender,
    birthDate: staff ? row.birthDate : null,
    age: ageOf(row.birthDate, now),
    community: row.community,
    livingSituation: row.livingSituation as LivingSituation,
    phoneMasked: phone === null ? null : maskPhone(phone),
    addressMasked: row.addressEnc === null ? null : `${row.community}${STARS}`,
    emergencyContact: contact && { name: maskName(contact.name), relation: contact.relation, phoneMasked: maskPhone(contact.phone) },
    sensitive: {
      idNumber: maskedField('id_number', row.idNumberEnc, scopes, view, cipher, (v) => maskIdNumber(v)),
      disability: maskedField('disability', row.disabilityEnc, scopes, view, cipher, (v) => {
        const d = JSON.parse(v) as DisabilityRecord
        return d.certificateNumber ? maskIdNumber(d.certificateNumber) : STARS
      }),
      healthNotes: maskedField('health_notes', row.healthNotesEnc, scopes, view, cipher, () => STARS),
      income: maskedField('income', row.incomeEnc, scopes, view, cipher, () => STARS),
    },
    consentScopes: [...scopes].sort(),
    status: row.status,
    statusChangedAt: row.statusChangedAt,
    card,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** Rows as the API shows them, with each one's consent scopes and active card loaded in two queries. */
export async function presentBeneficiaries(db: Kysely<Database>, cipher: FieldCipher, teamId: string, rows: BeneficiaryRow[], view: BeneficiaryView, now: Date): Promise<Beneficiary[]> {
  const ids = rows.map((r) => r.id)
  const scopes = await activeScopes(db, teamId, ids)
  const cards = new Map<string, { id: string; number: string }>()
  if (ids.length) {
    const active = await db.selectFrom('careCards').select(['id', 'number', 'beneficiaryId']).where('teamId', '=', teamId).where('beneficiaryId', 'in', ids).where('status', '=', 'active').execute()
    for (const c of active) cards.set(c.beneficiaryId, { id: c.id, number: c.number })
  }
  return rows.map((r) => toBeneficiary(r, cipher, view, scopes.get(r.id) ?? new Set(), cards.get(r.id) ?? null, now))
}

export async function statusHistory(db: Kysely<Database>, beneficiaryId: string): Promise<BeneficiaryStatusEntry[]> {
  const rows = await db.selectFrom('beneficiaryStatusChanges').selectAll().where('beneficiaryId', '=', beneficiaryId).orderBy('at').orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, from: r.fromStatus as BeneficiaryStatus | null, to: r.toStatus as BeneficiaryStatus, reason: r.reason, actor: r.actor, at: r.at }))
}

/** One beneficiary of the team with its status history, for care staff. */
export async function beneficiaryDetail(db: Kysely<Database>, cipher: FieldCipher, teamId: string, id: string, now: Date): Promise<BeneficiaryDetail> {
  const row = await db.selectFrom('beneficiaries').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!row) throw notFound('Beneficiary')
  const [b] = await presentBeneficiaries(db, cipher, teamId, [row], 'staff', now)
  return { ...b!, statusHistory: await statusHistory(db, id) }
}

/** Birth date not after today, and the elderly kinds only for people of 60 or more. */
function checkAgeRules(kinds: readonly BeneficiaryKind[], birthDate: string, at: string): void {
  const age = ageOf(birthDate, new Date(at))
  if (age === null) throw badRequest('invalid_request', 'The body is not valid.', [{ path: 'birthDate', message: 'is in the future' }])
  if (age < ELDERLY_MIN_AGE && kinds.some((k) => (ELDERLY_KINDS as readonly string[]).includes(k))) {
    throw unprocessable('not_elderly', `The elderly kinds are for people aged ${ELDERLY_MIN_AGE} or more.`, [{ path: 'kinds', message: `this person is ${age}` }])
  }
}

/** A new sensitive value needs an active consent covering it (erasing one never does). */
function checkConsent(values: Partial<Record<(typeof SENSITIVE_INPUT)[number]['key'], unknown>>, scopes: ReadonlySet<ConsentScope>): void {
  const issues = SENSITIVE_INPUT.filter(({ field, key }) => values[key] !== undefined && values[key] !== null && !scopes.has(consentScopeOf(field)!)).map(({ field, key }) => ({
    path: key,
    message: `no active consent covers "${consentScopeOf(field)}"`,
  }))
  if (issues.length) throw unprocessable('no_consent', 'Sensitive information can only be stored under a consent that covers it.', issues)
}

const alreadyRegistered = () => conflict('already_registered', 'A beneficiary with this ID number is already in the register.')

async function checkIdNumberFree(w: WriteScope, hash: string, exceptId?: string): Promise<void> {
  let q = w.trx.selectFrom('beneficiaries').select('id').where('teamId', '=', w.teamId).where('idNumberHash', '=', hash)
  if (exceptId) q = q.where('id', '!=', exceptId)
  if (await q.executeTakeFirst()) throw alreadyRegistered()
}

async function insertStatusChange(w: WriteScope, beneficiaryId: string, from: BeneficiaryStatus | null, to: BeneficiaryStatus, reason: string): Promise<BeneficiaryStatusChangeRow> {
  const row: BeneficiaryStatusChangeRow = { id: newId(), teamId: w.teamId, beneficiaryId, fromStatus: from, toStatus: to, reason, actor: w.actor, at: w.at }
  await w.trx.insertInto('beneficiaryStatusChanges').values(row).execute()
  return row
}

/**
 * Puts a person on the team's register, active. With `consent`, the consent is recorded in the
 * same write and may cover the sensitive fields given; any sensitive field it does not cover is
 * a 422 and nothing is written. The chain gets ids, codes and field names, never values.
 * Takes the schema's input and parses it again (a no-op after the route), so seeders and the CLI
 * can pass plain objects; a malformed one throws the ZodError.
 */
export async function createBeneficiary(w: WriteScope, cipher: FieldCipher, raw: NewBeneficiary): Promise<BeneficiaryRow> {
  const input = NewBeneficiary.parse(raw)
  checkAgeRules(input.kinds, input.birthDate, w.at)
  if (input.consent) checkGivenAt(input.consent, w.at, 'consent.givenAt')
  checkConsent(input, new Set(input.consent?.scope ?? []))
  const idNumberHash = input.idNumber ? cipher.lookupHash(normaliseIdNumber(input.idNumber)) : null
  if (idNumberHash) await checkIdNumberFree(w, idNumberHash)

  const row: BeneficiaryRow = {
    id: newId(),
    teamId: w.teamId,
    kinds: JSON.stringify(input.kinds),
    name: input.name,
    gender: input.gender,
    birthDate: input.birthDate,
    community: input.community,
    livingSituation: input.livingSituation,
    addressEnc: seal(cipher, input.address),
    phoneEnc: seal(cipher, input.phone),
    emergencyContactEnc: input.emergencyContact ? cipher.encrypt(JSON.stringify(input.emergencyContact)) : null,
    idNumberEnc: seal(cipher, input.idNumber && normaliseIdNumber(input.idNumber)),
    idNumberHash,
    disabilityEnc: input.disability ? cipher.encrypt(JSON.stringify(input.disability)) : null,
    healthNotesEnc: seal(cipher, input.healthNotes),
    incomeEnc: input.monthlyIncomeFen === undefined ? null : cipher.encrypt(String(input.monthlyIncomeFen)),
    status: 'active',
    statusChangedAt: w.at,
    createdAt: w.at,
    createdBy: w.actor,
    updatedAt: w.at,
  }
  try {
    await w.trx.insertInto('beneficiaries').values(row).execute()
  } catch (err) {
    // Two registrations of one ID number raced past the check above.
    if (isUniqueViolation(err)) throw alreadyRegistered()
    throw err
  }
  const history = await insertStatusChange(w, row.id, null, 'active', 'registered')
  await w.record({
    kind: 'care.beneficiary_registered',
    entity: 'beneficiary',
    entityId: row.id,
    payload: { kinds: input.kinds, status: row.status, statusChangeId: history.id, sealed: sealedFieldsOf(row) },
  })
  if (input.consent) await insertConsent(w, cipher, row.id, input.consent)
  return row
}

/** Which sealed fields hold a value: their codes only. */
function sealedFieldsOf(row: BeneficiaryRow): BeneficiaryField[] {
  const has: Record<BeneficiaryField, boolean> = {
    phone: row.phoneEnc !== null,
    address: row.addressEnc !== null,
    emergency_contact: row.emergencyContactEnc !== null,
    id_number: row.idNumberEnc !== null,
    disability: row.disabilityEnc !== null,
    health_notes: row.healthNotesEnc !== null,
    income: row.incomeEnc !== null,
  }
  return BeneficiaryFieldList.codes.filter((f) => has[f])
}

async function lockBeneficiary(w: WriteScope, id: string): Promise<BeneficiaryRow> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('beneficiaries').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Beneficiary')
  return row
}

/**
 * Changes plain fields and replaces or erases sealed ones. Storing a sensitive value needs an
 * active consent covering it; the ID number must still match the birth date.
 */
export async function updateBeneficiary(w: WriteScope, cipher: FieldCipher, id: string, change: BeneficiaryChangeParsed): Promise<BeneficiaryRow> {
  const row = await lockBeneficiary(w, id)
  const kinds = change.kinds ?? (JSON.parse(row.kinds) as BeneficiaryKind[])
  const birthDate = change.birthDate ?? row.birthDate
  checkAgeRules(kinds, birthDate, w.at)
  const idNumber = change.idNumber === undefined ? open(cipher, row.idNumberEnc) : change.idNumber
  if (idNumber && (change.idNumber || change.birthDate) && !idNumberMatchesBirthDate(idNumber, birthDate)) {
    throw badRequest('invalid_request', 'The body is not valid.', [{ path: 'birthDate', message: 'does not match the birth date in the ID number' }])
  }
  checkConsent(change, (await activeScopes(w.trx, w.teamId, [id])).get(id) ?? new Set())

  const set: Partial<BeneficiaryRow> = { updatedAt: w.at }
  if (change.kinds) set.kinds = JSON.stringify(change.kinds)
  if (change.name !== undefined) set.name = change.name
  if (change.gender !== undefined) set.gender = change.gender
  if (change.birthDate !== undefined) set.birthDate = change.birthDate
  if (change.community !== undefined) set.community = change.community
  if (change.livingSituation !== undefined) set.livingSituation = change.livingSituation
  if (change.address !== undefined) set.addressEnc = seal(cipher, change.address)
  if (change.phone !== undefined) set.phoneEnc = seal(cipher, change.phone)
  if (change.emergencyContact !== undefined) set.emergencyContactEnc = change.emergencyContact && cipher.encrypt(JSON.stringify(change.emergencyContact))
  if (change.idNumber !== undefined) {
    const plain = change.idNumber && normaliseIdNumber(change.idNumber)
    set.idNumberEnc = seal(cipher, plain)
    set.idNumberHash = plain ? cipher.lookupHash(plain) : null
    if (set.idNumberHash) await checkIdNumberFree(w, set.idNumberHash, id)
  }
  if (change.disability !== undefined) set.disabilityEnc = change.disability && cipher.encrypt(JSON.stringify(change.disability))
  if (change.healthNotes !== undefined) set.healthNotesEnc = seal(cipher, change.healthNotes)
  if (change.monthlyIncomeFen !== undefined) set.incomeEnc = change.monthlyIncomeFen === null ? null : cipher.encrypt(String(change.monthlyIncomeFen))
  try {
    await w.trx.updateTable('beneficiaries').set(set).where('id', '=', id).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyRegistered()
    throw err
  }
  // Which fields changed, and which sealed ones were erased: names only, never values.
  const fields = Object.keys(change).sort()
  const erased = fields.filter((k) => (change as Record<string, unknown>)[k] === null)
  await w.record({ kind: 'care.beneficiary_updated', entity: 'beneficiary', entityId: id, payload: { fields, erased } })
  return { ...row, ...set }
}

/**
 * Pauses, ends or resumes a beneficiary, with a reason kept in the status history (the chain gets
 * the two statuses only). Leaving also revokes the active care card.
 */
export async function changeBeneficiaryStatus(w: WriteScope, id: string, to: BeneficiaryStatus, reason: string): Promise<BeneficiaryRow> {
  const row = await lockBeneficiary(w, id)
  if (row.status === to) throw conflict('status_unchanged', `This beneficiary is already ${to}.`)
  const history = await insertStatusChange(w, id, row.status, to, reason)
  await w.trx.updateTable('beneficiaries').set({ status: to, statusChangedAt: w.at, updatedAt: w.at }).where('id', '=', id).execute()
  await w.record({ kind: 'care.beneficiary_status_changed', entity: 'beneficiary', entityId: id, payload: { from: row.status, to, statusChangeId: history.id } })
  if (to === 'left') await endActiveCard(w, id, 'revoked', 'beneficiary_left')
  return { ...row, status: to, statusChangedAt: w.at, updatedAt: w.at }
}

/**
 * Care staff see whole values, saying why. Each field is one access-log line; the chain records
 * that it happened and which fields, never the values. A field whose consent is not active is a
 * 422 for the whole request, and nothing is logged.
 */
export async function revealBeneficiaryFields(w: WriteScope, cipher: FieldCipher, id: string, fields: readonly BeneficiaryField[], reason: string): Promise<RevealedBeneficiaryFields> {
  const row = await lockBeneficiary(w, id)
  const scopes = (await activeScopes(w.trx, w.teamId, [id])).get(id) ?? new Set()
  const refused = fields.flatMap((f, i) => {
    const scope = consentScopeOf(f)
    return scope && !scopes.has(scope) ? [{ path: `fields.${i}`, message: `no active consent covers "${scope}"` }] : []
  })
  if (refused.length) throw unprocessable('no_consent', 'These fields are hidden: no active consent covers them.', refused)

  const out: RevealedBeneficiaryFields = { beneficiaryId: id, accessLogIds: [] }
  for (const field of fields) {
    switch (field) {
      case 'phone':
        out.phone = open(cipher, row.phoneEnc)
        break
      case 'address':
        out.address = open(cipher, row.addressEnc)
        break
      case 'emergency_contact':
        out.emergencyContact = row.emergencyContactEnc ? (JSON.parse(cipher.decrypt(row.emergencyContactEnc)) as BeneficiaryContact) : null
        break
      case 'id_number':
        out.idNumber = open(cipher, row.idNumberEnc)
        break
      case 'disability':
        out.disability = row.disabilityEnc ? (JSON.parse(cipher.decrypt(row.disabilityEnc)) as DisabilityRecord) : null
        break
      case 'health_notes':
        out.healthNotes = open(cipher, row.healthNotesEnc)
        break
      case 'income':
        out.monthlyIncomeFen = row.incomeEnc === null ? null : Number(cipher.decrypt(row.incomeEnc))
        break
    }
    const logId = newId()
    await w.trx.insertInto('accessLog').values({ id: logId, teamId: w.teamId, actor: w.actor, entity: 'beneficiary', entityId: id, field, reason, at: w.at }).execute()
    out.accessLogIds.push(logId)
  }
  await w.record({ kind: 'care.beneficiary_fields_revealed', entity: 'beneficiary', entityId: id, payload: { fields: [...fields], accessLogIds: out.accessLogIds } })
  return out
}
