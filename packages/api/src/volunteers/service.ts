import { forUpdate, isUniqueViolation, type VolunteerRow } from '@chayi/db'
import {
  ageBandOf,
  ageOn,
  formatVolunteerNumber,
  maskIdNumber,
  maskPhone,
  registrationAgeCheck,
  type Affiliation,
  type EmergencyContact,
  type GuardianConsent,
  type IdType,
  type JoinDecision,
  type VolunteerProfileChange,
  type VolunteerProfile,
  type VolunteerRegistration,
} from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { badRequest, conflict, notFound, unprocessable } from '../errors.js'
import { nextTeamCounter } from '../counters.js'
import { notify } from '../notifications/notify.js'
import { newId } from '../ids.js'
import { createUser } from '../identity/service.js'
import type { WriteScope } from '../write.js'

/** Who is looking: the volunteer themself sees their own contacts; the team sees masked data only. */
export type ProfileView = 'own' | 'team'

const normaliseIdNumber = (idType: IdType, idNumber: string) => `${idType}:${idNumber.trim().toUpperCase()}`

export function toProfile(row: VolunteerRow, cipher: FieldCipher, view: ProfileView, now: Date): VolunteerProfile {
  let ageBand: VolunteerProfile['ageBand'] = null
  try {
    ageBand = ageBandOf(ageOn(row.birthDate, now))
  } catch {
    // a clock set before the birth date: no band rather than a failed read
  }
  const idNumber = cipher.decrypt(row.idNumberEnc)
  const profile: VolunteerProfile = {
    id: row.id,
    teamId: row.teamId,
    userId: row.userId,
    realName: row.realName,
    phone: view === 'own' ? row.phone : maskPhone(row.phone),
    idType: row.idType as IdType,
    idNumberMasked: maskIdNumber(idNumber),
    gender: row.gender as VolunteerProfile['gender'],
    birthDate: row.birthDate,
    ageBand,
    affiliations: JSON.parse(row.affiliations) as Affiliation[],
    skills: JSON.parse(row.skills) as string[],
    availability: row.availability,
    status: row.status,
    volunteerNumber: row.volunteerNumber,
    registeredAt: row.createdAt,
    joinedAt: row.status === 'active' ? row.decidedAt : null,
    decisionNote: row.decisionNote,
  }
  if (view === 'own') {
    profile.emergencyContact = JSON.parse(cipher.decrypt(row.emergencyContactEnc)) as EmergencyContact
    if (row.guardianEnc) profile.guardian = JSON.parse(cipher.decrypt(row.guardianEnc)) as GuardianConsent
  }
  return profile
}

/**
 * A member of the public asks to join a team: an account without roles (login = phone) and a
 * pending volunteer. The chain gets ids and status only; personal data stays in sealed columns.
 */
export async function registerVolunteer(w: WriteScope, cipher: FieldCipher, input: VolunteerRegistration, now: Date, opts: { passwordHash?: string; existingUserId?: string } = {}): Promise<VolunteerRow> {
  const age = registrationAgeCheck(input, now)
  if (!age.ok) {
    const issues = [{ path: age.path, message: age.message }]
    if (age.code === 'birth_date_in_future') throw badRequest('invalid_request', 'The body is not valid.', issues)
    throw unprocessable(age.code, age.message, issues)
  }
  const idNumberHash = cipher.lookupHash(normaliseIdNumber(input.idType, input.idNumber))
  const alreadyRegistered = () => conflict('already_registered', 'This ID number is already registered with the team.')
  const dup = await w.trx.selectFrom('volunteers').select('id').where('teamId', '=', w.teamId).where('idNumberHash', '=', idNumberHash).executeTakeFirst()
  if (dup) throw alreadyRegistered()

  // An account the team already made (e.g. a leader who also serves) or a new one with no role yet.
  const user = opts.existingUserId
    ? { id: opts.existingUserId }
    : await createUser(w, { teamId: w.teamId, phone: input.phone, displayName: input.realName, password: input.password, passwordHash: opts.passwordHash, roles: [], private: true })
  const row: VolunteerRow = {
    id: newId(),
    teamId: w.teamId,
    userId: user.id,
    realName: input.realName,
    phone: input.phone,
    idType: input.idType,
    idNumberEnc: cipher.encrypt(input.idNumber.toUpperCase()),
    idNumberHash,
    gender: input.gender,
    birthDate: input.birthDate,
    affiliations: JSON.stringify(input.affiliations),
    skills: JSON.stringify(input.skills),
    availability: input.availability,
    emergencyContactEnc: cipher.encrypt(JSON.stringify(input.emergencyContact)),
    guardianEnc: input.guardian ? cipher.encrypt(JSON.stringify(input.guardian)) : null,
    status: 'pending',
    volunteerNumber: null,
    createdAt: w.at,
    decidedAt: null,
    decidedBy: null,
    decisionNote: null,
  }
  try {
    await w.trx.insertInto('volunteers').values(row).execute()
  } catch (err) {
    // Two registrations with one ID number raced past the check above.
    if (isUniqueViolation(err)) throw alreadyRegistered()
    throw err
  }
  await w.record({ kind: 'volunteers.volunteer_registered', entity: 'volunteer', entityId: row.id, payload: { userId: user.id, status: row.status } })
  return row
}

const VOLUNTEER_NUMBER = 'volunteer_number'


/** A leader approves (number + `volunteer` role) or rejects a pending registration, once. */
export async function decideVolunteer(w: WriteScope, id: string, decision: JoinDecision): Promise<VolunteerRow> {
  // Lock the volunteer first, then the counter, then (in record) the chain head: one order for all.
  const row = await forUpdate(w.trx, w.trx.selectFrom('volunteers').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Volunteer')
  if (row.status !== 'pending') throw conflict('already_decided', `This registration was already decided (${row.status}).`)
  const note = decision.note?.trim() || null
  let next: VolunteerRow
  if (decision.approve) {
    const team = await w.trx.selectFrom('teams').select('code').where('id', '=', w.teamId).executeTakeFirstOrThrow()
    // Someone who left and came back keeps the number they had.
    const volunteerNumber = row.volunteerNumber ?? formatVolunteerNumber(team.code, await nextTeamCounter(w, VOLUNTEER_NUMBER))
    next = { ...row, status: 'active', volunteerNumber, decidedAt: w.at, decidedBy: w.actor, decisionNote: note }
  } else {
    next = { ...row, status: 'rejected', decidedAt: w.at, decidedBy: w.actor, decisionNote: note }
  }
  const done = await w.trx
    .updateTable('volunteers')
    .set({ status: next.status, volunteerNumber: next.volunteerNumber, decidedAt: next.decidedAt, decidedBy: next.decidedBy, decisionNote: next.decisionNote })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw conflict('already_decided', 'This registration was already decided.')
  if (decision.approve) {
    await w.trx.insertInto('userRoles').values({ userId: row.userId, role: 'volunteer' }).onConflict((oc) => oc.columns(['userId', 'role']).doNothing()).execute()
    await w.record({ kind: 'volunteers.volunteer_approved', entity: 'volunteer', entityId: id, payload: { userId: row.userId, status: next.status, volunteerNumber: next.volunteerNumber, rolesGranted: ['volunteer'] } })
    await notify(w, { userIds: [row.userId], kind: 'volunteer_approved', params: { number: next.volunteerNumber! } })
  } else {
    // The note may say why about a person; it stays in the row, not in the permanent chain.
    await w.record({ kind: 'volunteers.volunteer_rejected', entity: 'volunteer', entityId: id, payload: { userId: row.userId, status: next.status } })
    await notify(w, { userIds: [row.userId], kind: 'volunteer_rejected', params: note ? { note } : {} })
  }
  return next
}

/** The volunteer changes their own affiliations, skills, availability or emergency contact. */
export async function updateOwnProfile(w: WriteScope, cipher: FieldCipher, row: VolunteerRow, change: VolunteerProfileChange): Promise<VolunteerRow> {
  const set: Partial<VolunteerRow> = {}
  if (change.affiliations) set.affiliations = JSON.stringify(change.affiliations)
  if (change.skills) set.skills = JSON.stringify(change.skills)
  if (change.availability !== undefined) set.availability = change.availability
  if (change.emergencyContact) set.emergencyContactEnc = cipher.encrypt(JSON.stringify(change.emergencyContact))
  await w.trx.updateTable('volunteers').set(set).where('id', '=', row.id).execute()
  // Which fields changed, never their values (contacts are personal).
  await w.record({ kind: 'volunteers.profile_updated', entity: 'volunteer', entityId: row.id, payload: { fields: Object.keys(change).sort() } })
  return { ...row, ...set }
}

/** Leaving the team: the record, number and hours stay; the volunteer role goes. */
export async function leaveTeam(w: WriteScope, row: VolunteerRow): Promise<VolunteerRow> {
  if (row.status !== 'active') throw conflict('not_active', `Only an active volunteer can leave (this one is ${row.status}).`)
  const done = await w.trx.updateTable('volunteers').set({ status: 'left' }).where('id', '=', row.id).where('status', '=', 'active').executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw conflict('not_active', 'This volunteer is no longer active.')
  await w.trx.deleteFrom('userRoles').where('userId', '=', row.userId).where('role', '=', 'volunteer').execute()
  await w.record({ kind: 'volunteers.volunteer_left', entity: 'volunteer', entityId: row.id, payload: { userId: row.userId, status: 'left', rolesRemoved: ['volunteer'] } })
  return { ...row, status: 'left' }
}

/** Asking again after a rejection, or coming back after leaving: pending until a leader decides. */
export async function reapply(w: WriteScope, row: VolunteerRow): Promise<VolunteerRow> {
  if (row.status !== 'rejected' && row.status !== 'left') throw conflict('cannot_reapply', `Only a rejected or departed volunteer can apply again (this one is ${row.status}).`)
  const next = { ...row, status: 'pending' as const, decidedAt: null, decidedBy: null, decisionNote: null }
  const done = await w.trx
    .updateTable('volunteers')
    .set({ status: 'pending', decidedAt: null, decidedBy: null, decisionNote: null })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw conflict('cannot_reapply', 'This registration changed meanwhile.')
  await w.record({ kind: 'volunteers.volunteer_reapplied', entity: 'volunteer', entityId: row.id, payload: { userId: row.userId, status: 'pending', previous: row.status } })
  return next
}

/**
 * A leader or admin sees a whole ID number (e.g. to file insurance), saying why; the access log
 * keeps who, whom, when and why, and the chain records that it happened (without the number).
 */
export async function revealIdNumber(w: WriteScope, cipher: FieldCipher, id: string, reason: string): Promise<{ idType: IdType; idNumber: string }> {
  const row = await w.trx.selectFrom('volunteers').select(['id', 'idType', 'idNumberEnc']).where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!row) throw notFound('Volunteer')
  const logId = newId()
  await w.trx.insertInto('accessLog').values({ id: logId, teamId: w.teamId, actor: w.actor, entity: 'volunteer', entityId: id, field: 'id_number', reason, at: w.at }).execute()
  await w.record({ kind: 'volunteers.id_number_revealed', entity: 'volunteer', entityId: id, payload: { accessLogId: logId } })
  return { idType: row.idType as IdType, idNumber: cipher.decrypt(row.idNumberEnc) }
}
