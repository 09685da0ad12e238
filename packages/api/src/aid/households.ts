import type { Kysely } from 'kysely'
import { forUpdate, type AidHouseholdRow, type AidPlaceRow, type Database } from '@chayi/db'
import {
  checkHouseholdTransition,
  decimalToTenths,
  HOUSEHOLD_PLACE_LEVELS,
  maskIdNumber,
  maskName,
  NewAidHousehold,
  tenthsToDecimal,
  type AidHouseholdDetail,
  type AidHouseholdListItem,
  type AidHouseholdPatchParsed,
  type AidHouseholdStatus,
  type AidHouseholdType,
  type AidMaskedField,
  type AidStatusEntry,
  type HousingStructure,
  type PovertyCause,
} from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { forbidden, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import { nextTeamCounter } from '../counters.js'
import type { WriteScope } from '../write.js'
import { actorNames } from './actors.js'
import { differing, VersionConflict } from './conflict.js'
import { placeLines } from './lines.js'
import { insertMember, toAidMember } from './members.js'
import { currentPairing } from './pairings.js'
import { loadPlaces, placePath } from './places.js'

/** Who is looking: a leader or admin, or the household's assigned worker, may see masks and reveal. */
export interface AidViewer {
  userId: string | null
  leader: boolean
}

export const canRevealFor = (v: AidViewer, row: Pick<AidHouseholdRow, 'assignedWorkerId'>) => v.leader || (v.userId !== null && v.userId === row.assignedWorkerId)

export const HOUSEHOLD_COUNTER = 'aid_household'
export const formatHouseholdCode = (n: number) => `HH-${String(n).padStart(4, '0')}`

const tenthsOrNull = (v: string | null) => (v === null ? null : decimalToTenths(v))
const decimalOrNull = (t: number | null) => (t === null ? null : tenthsToDecimal(t))

/** A sealed value as the viewer sees it outside a reveal. */
export function maskedSealed(sealed: string | null, may: boolean, cipher: FieldCipher, mask: (plain: string) => string): AidMaskedField {
  if (!may) return { masked: null, hidden: 'role' }
  return { masked: sealed === null ? null : mask(cipher.decrypt(sealed)), hidden: null }
}

export const maskBankAccount = (v: string) => maskIdNumber(v, { start: 0, end: 4 })

async function heads(db: Kysely<Database>, ids: string[]): Promise<{ head: Map<string, string>; count: Map<string, number> }> {
  const head = new Map<string, string>()
  const count = new Map<string, number>()
  if (!ids.length) return { head, count }
  const rows = await db.selectFrom('aidMembers').select(['householdId', 'relation', 'name']).where('householdId', 'in', ids).orderBy('createdAt').orderBy('id').execute()
  for (const r of rows) {
    count.set(r.householdId, (count.get(r.householdId) ?? 0) + 1)
    if (r.relation === 'head' && !head.has(r.householdId)) head.set(r.householdId, r.name)
  }
  return { head, count }
}

function baseItem(row: AidHouseholdRow, places: Map<string, AidPlaceRow>) {
  return {
    id: row.id,
    code: row.code,
    placeId: row.placeId,
    placePath: placePath(places, row.placeId),
    householdType: row.householdType as AidHouseholdType,
    yearIdentified: row.yearIdentified,
    mainCause: row.mainCause as PovertyCause,
    secondaryCauses: JSON.parse(row.secondaryCauses) as PovertyCause[],
    status: row.status as AidHouseholdStatus,
    assignedWorkerId: row.assignedWorkerId,
    version: row.version,
    updatedAt: row.updatedAt,
  }
}

/** List items: nothing sealed, the head's name masked. */
export async function presentHouseholds(db: Kysely<Database>, teamId: string, rows: AidHouseholdRow[]): Promise<AidHouseholdListItem[]> {
  const places = await loadPlaces(db, teamId)
  const { head, count } = await heads(db, rows.map((r) => r.id))
  return rows.map((r) => {
    const name = head.get(r.id)
    return { ...baseItem(r, places), headNameMasked: name === undefined ? null : maskName(name), memberCount: count.get(r.id) ?? 0 }
  })
}

/** The plain (unsealed) values of a household's editable fields, as the API spells them. */
function plainFields(row: AidHouseholdRow) {
  return {
    placeId: row.placeId,
    householdType: row.householdType as AidHouseholdType,
    yearIdentified: row.yearIdentified,
    mainCause: row.mainCause as PovertyCause,
    secondaryCauses: JSON.parse(row.secondaryCauses) as PovertyCause[],
    landCultivatedMu: tenthsToDecimal(row.landCultivatedTenths),
    landForestMu: tenthsToDecimal(row.landForestTenths),
    landGrazingMu: tenthsToDecimal(row.landGrazingTenths),
    housingAreaM2: decimalOrNull(row.housingAreaTenths),
    housingStructure: row.housingStructure as HousingStructure,
    housingSafe: row.housingSafe === 1,
    safeWater: row.safeWater === 1,
    electricity: row.electricity === 1,
    marketDistanceKm: decimalOrNull(row.marketDistanceTenths),
    assignedWorkerId: row.assignedWorkerId,
  }
}

async function statusHistory(db: Kysely<Database>, householdId: string): Promise<AidStatusEntry[]> {
  const rows = await db.selectFrom('aidHouseholdStatus').selectAll().where('householdId', '=', householdId).orderBy('at').orderBy('id').execute()
  const names = await actorNames(db, rows.map((r) => r.by))
  return rows.map((r) => ({ id: r.id, from: r.fromStatus as AidHouseholdStatus | null, to: r.toStatus as AidHouseholdStatus, at: r.at, by: r.by, byName: names.get(r.by) ?? null, reason: r.reason }))
}

/** One household of the team with members, current pairing and history; sealed fields masked or hidden. */
export async function householdDetail(db: Kysely<Database>, cipher: FieldCipher, teamId: string, id: string, viewer: AidViewer): Promise<AidHouseholdDetail> {
  const row = await db.selectFrom('aidHouseholds').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!row) throw notFound('Household')
  const places = await loadPlaces(db, teamId)
  const may = canRevealFor(viewer, row)
  const members = await db.selectFrom('aidMembers').selectAll().where('householdId', '=', id).orderBy('createdAt').orderBy('id').execute()
  const head = members.find((m) => m.relation === 'head')
  return {
    ...baseItem(row, places),
    ...plainFields(row),
    headName: head?.name ?? null,
    memberCount: members.length,
    sensitive: { bankAccount: maskedSealed(row.bankAccountEnc, may, cipher, maskBankAccount) },
    canReveal: may,
    members: members.map((m) => toAidMember(m, may, cipher)),
    pairing: await currentPairing(db, cipher, teamId, id),
    statusHistory: await statusHistory(db, id),
    lines: await placeLines(db, teamId, row.placeId, places),
    createdAt: row.createdAt,
  }
}

async function checkPlace(w: WriteScope, placeId: string, path: string): Promise<void> {
  const place = await w.trx.selectFrom('aidPlaces').select(['level']).where('id', '=', placeId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!place || !HOUSEHOLD_PLACE_LEVELS.includes(place.level)) {
    throw unprocessable('bad_place', 'A household lives in a village or village group of this team.', [{ path, message: 'not a village or group of this team' }])
  }
}

async function checkWorker(w: WriteScope, userId: string | null, path: string): Promise<void> {
  if (userId === null) return
  const user = await w.trx.selectFrom('users').select('id').where('id', '=', userId).where('teamId', '=', w.teamId).where('status', '=', 'active').executeTakeFirst()
  if (!user) throw unprocessable('bad_worker', 'The assigned worker must be an active user of this team.', [{ path, message: 'no such active user in this team' }])
}

async function insertStatus(w: WriteScope, householdId: string, from: AidHouseholdStatus | null, to: AidHouseholdStatus, reason: string): Promise<string> {
  const id = newId()
  await w.trx.insertInto('aidHouseholdStatus').values({ id, teamId: w.teamId, householdId, fromStatus: from, toStatus: to, at: w.at, by: w.actor, reason }).execute()
  return id
}

/**
 * Records a household (建档立卡) with its next gap-free code, status `identified`, and any members
 * given. Parses its input again, so seeders can pass plain objects. The chain gets ids and codes.
 */
export async function createHousehold(w: WriteScope, cipher: FieldCipher, raw: NewAidHousehold): Promise<AidHouseholdRow> {
  const input = NewAidHousehold.parse(raw)
  await checkPlace(w, input.placeId, 'placeId')
  await checkWorker(w, input.assignedWorkerId, 'assignedWorkerId')
  if (input.members.filter((m) => m.relation === 'head').length > 1) {
    throw unprocessable('two_heads', 'A household has one head.', [{ path: 'members', message: 'more than one member is the head' }])
  }
  const code = formatHouseholdCode(await nextTeamCounter(w, HOUSEHOLD_COUNTER))
  const row: AidHouseholdRow = {
    id: newId(),
    teamId: w.teamId,
    code,
    placeId: input.placeId,
    householdType: input.householdType,
    yearIdentified: input.yearIdentified,
    mainCause: input.mainCause,
    secondaryCauses: JSON.stringify(input.secondaryCauses),
    landCultivatedTenths: decimalToTenths(input.landCultivatedMu),
    landForestTenths: decimalToTenths(input.landForestMu),
    landGrazingTenths: decimalToTenths(input.landGrazingMu),
    housingAreaTenths: tenthsOrNull(input.housingAreaM2),
    housingStructure: input.housingStructure,
    housingSafe: input.housingSafe ? 1 : 0,
    safeWater: input.safeWater ? 1 : 0,
    electricity: input.electricity ? 1 : 0,
    marketDistanceTenths: tenthsOrNull(input.marketDistanceKm),
    bankAccountEnc: input.bankAccount === undefined ? null : cipher.encrypt(input.bankAccount),
    status: 'identified',
    assignedWorkerId: input.assignedWorkerId,
    version: 1,
    createdAt: w.at,
    createdBy: w.actor,
    updatedAt: w.at,
  }
  await w.trx.insertInto('aidHouseholds').values(row).execute()
  const statusId = await insertStatus(w, row.id, null, 'identified', 'identified')
  await w.record({ kind: 'aid.household_created', entity: 'aid_household', entityId: row.id, payload: { code, placeId: row.placeId, mainCause: row.mainCause, statusId, sealed: row.bankAccountEnc ? ['bank_account'] : [] } })
  for (const [i, m] of input.members.entries()) await insertMember(w, cipher, row.id, m, `members.${i}`)
  return row
}

export async function lockHousehold(w: WriteScope, id: string): Promise<AidHouseholdRow> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('aidHouseholds').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Household')
  return row
}

/** Bumps a household's version (a member, pairing or status change is a change of the household too). */
export async function touchHousehold(w: WriteScope, row: AidHouseholdRow, set: Partial<AidHouseholdRow> = {}): Promise<AidHouseholdRow> {
  const next = { ...set, version: row.version + 1, updatedAt: w.at }
  await w.trx.updateTable('aidHouseholds').set(next).where('id', '=', row.id).execute()
  return { ...row, ...next }
}

/**
 * Changes a household on top of `baseVersion`. A stale base is a VersionConflict carrying the
 * current values of the fields this change sets differently (the bank account masked); nothing is written.
 */
export async function updateHousehold(w: WriteScope, cipher: FieldCipher, id: string, change: AidHouseholdPatchParsed): Promise<AidHouseholdRow> {
  const row = await lockHousehold(w, id)
  const { baseVersion, ...fields } = change
  if (row.version !== baseVersion) {
    const plain: Record<string, unknown> = { ...plainFields(row), bankAccount: row.bankAccountEnc === null ? null : cipher.decrypt(row.bankAccountEnc) }
    const diff = differing(fields, (f) => plain[f])
    if ('bankAccount' in diff) diff.bankAccount = diff.bankAccount === null ? null : maskBankAccount(diff.bankAccount as string)
    throw new VersionConflict(row.version, diff)
  }
  if (fields.placeId !== undefined) await checkPlace(w, fields.placeId, 'placeId')
  if (fields.assignedWorkerId !== undefined) await checkWorker(w, fields.assignedWorkerId, 'assignedWorkerId')
  const main = fields.mainCause ?? row.mainCause
  const secondary = fields.secondaryCauses ?? (JSON.parse(row.secondaryCauses) as string[])
  if (secondary.includes(main)) throw unprocessable('cause_repeated', 'A secondary cause must not repeat the main cause.', [{ path: 'secondaryCauses', message: 'repeats the main cause' }])

  const set: Partial<AidHouseholdRow> = {}
  if (fields.placeId !== undefined) set.placeId = fields.placeId
  if (fields.householdType !== undefined) set.householdType = fields.householdType
  if (fields.yearIdentified !== undefined) set.yearIdentified = fields.yearIdentified
  if (fields.mainCause !== undefined) set.mainCause = fields.mainCause
  if (fields.secondaryCauses !== undefined) set.secondaryCauses = JSON.stringify(fields.secondaryCauses)
  if (fields.landCultivatedMu !== undefined) set.landCultivatedTenths = decimalToTenths(fields.landCultivatedMu)
  if (fields.landForestMu !== undefined) set.landForestTenths = decimalToTenths(fields.landForestMu)
  if (fields.landGrazingMu !== undefined) set.landGrazingTenths = decimalToTenths(fields.landGrazingMu)
  if (fields.housingAreaM2 !== undefined) set.housingAreaTenths = tenthsOrNull(fields.housingAreaM2)
  if (fields.housingStructure !== undefined) set.housingStructure = fields.housingStructure
  if (fields.housingSafe !== undefined) set.housingSafe = fields.housingSafe ? 1 : 0
  if (fields.safeWater !== undefined) set.safeWater = fields.safeWater ? 1 : 0
  if (fields.electricity !== undefined) set.electricity = fields.electricity ? 1 : 0
  if (fields.marketDistanceKm !== undefined) set.marketDistanceTenths = tenthsOrNull(fields.marketDistanceKm)
  if (fields.assignedWorkerId !== undefined) set.assignedWorkerId = fields.assignedWorkerId
  if (fields.bankAccount !== undefined) set.bankAccountEnc = fields.bankAccount === null ? null : cipher.encrypt(fields.bankAccount)
  const next = await touchHousehold(w, row, set)
  const names = Object.keys(fields).sort()
  await w.record({ kind: 'aid.household_updated', entity: 'aid_household', entityId: id, payload: { fields: names, version: next.version } })
  return next
}

/** Moves a household along the state machine (domain `checkHouseholdTransition`), with a reason kept in its history. */
export async function changeHouseholdStatus(w: WriteScope, id: string, to: AidHouseholdStatus, reason: string, callerIsLeader: boolean): Promise<AidHouseholdRow> {
  const row = await lockHousehold(w, id)
  const from = row.status as AidHouseholdStatus
  const check = checkHouseholdTransition(from, to, callerIsLeader)
  if (!check.ok) {
    if (check.reason === 'needs_leader') throw forbidden('Only a leader or an admin may approve this step.')
    throw unprocessable('transition_not_allowed', `A household cannot move from ${from} to ${to}.`, [{ path: 'status', message: `not allowed from ${from}` }])
  }
  const statusId = await insertStatus(w, id, from, to, reason)
  const next = await touchHousehold(w, row, { status: to })
  await w.record({ kind: 'aid.household_status_changed', entity: 'aid_household', entityId: id, payload: { from, to, statusId } })
  return next
}

