import { randomBytes } from 'node:crypto'
import type { ActivityRow, HourEntryRow, VolunteerRow } from '@chayi/db'
import type { ServiceProject } from '@chayi/domain'
import { newId } from '../ids.js'
import type { createTestApi } from '../testing.js'
import { residentId } from '../volunteers/fixtures.js'

// Test helpers for the hours ledger: volunteers, activities and attendance-based entries are
// inserted directly (the activities context writes them in the real flow).

type TestApi = Awaited<ReturnType<typeof createTestApi>>

let seq = 0

/** A team with a leader, signed in. */
export async function teamWithLeader(api: TestApi, code = `t${randomBytes(3).toString('hex')}`) {
  const team = await api.makeTeam(code)
  const leaderUser = await api.makeUser(team.id, ['leader'])
  const leader = await api.signIn(leaderUser.username!)
  return { team, leaderUser, leader }
}

/** An active (by default) volunteer of the team with an account, signed in. */
export async function addVolunteer(
  api: TestApi,
  team: { id: string; code: string },
  over: { realName?: string; status?: VolunteerRow['status']; volunteerNumber?: string | null } = {},
) {
  const user = await api.makeUser(team.id, over.status === 'pending' ? [] : ['volunteer'])
  const idNumber = residentId('1988-03-09', ++seq % 1000)
  const status = over.status ?? 'active'
  const row: VolunteerRow = {
    id: newId(),
    teamId: team.id,
    userId: user.id,
    realName: over.realName ?? '李志愿',
    phone: `137${String(++seq).padStart(8, '0')}`,
    idType: 'resident_id',
    idNumberEnc: api.deps.cipher.encrypt(idNumber),
    idNumberHash: api.deps.cipher.lookupHash(`resident_id:${idNumber}:${seq}`),
    gender: 'female',
    birthDate: '1988-03-09',
    affiliations: JSON.stringify([{ kind: 'resident' }]),
    skills: '[]',
    availability: '',
    emergencyContactEnc: api.deps.cipher.encrypt(JSON.stringify({ name: '李大', phone: '13600000000', relation: '兄' })),
    guardianEnc: null,
    status,
    volunteerNumber: over.volunteerNumber !== undefined ? over.volunteerNumber : status === 'active' ? `${team.code.toUpperCase()}-${String(seq).padStart(6, '0')}` : null,
    createdAt: '2026-01-01T00:00:00.000Z',
    decidedAt: status === 'pending' ? null : '2026-01-02T00:00:00.000Z',
    decidedBy: status === 'pending' ? null : 'system',
    decisionNote: null,
  }
  await api.deps.db.insertInto('volunteers').values(row).execute()
  const cookie = await api.signIn(user.username!)
  return { id: row.id, userId: user.id, cookie, idNumber, realName: row.realName }
}

/** An activity row (a random check-in secret, as the activities context makes). */
export async function insertActivity(
  api: TestApi,
  teamId: string,
  over: { startsAt?: string; endsAt?: string; project?: ServiceProject; title?: string; status?: ActivityRow['status'] } = {},
) {
  const row: ActivityRow = {
    id: newId(),
    teamId,
    project: over.project ?? 'granary',
    title: over.title ?? '茶义仓整理',
    description: '',
    place: '幸福社区茶馆',
    startsAt: over.startsAt ?? '2026-11-20T01:00:00.000Z',
    endsAt: over.endsAt ?? '2026-11-20T04:00:00.000Z',
    capacity: 20,
    minAge: null,
    requiredSkills: '[]',
    insurance: 0,
    status: over.status ?? 'published',
    cancelReason: over.status === 'cancelled' ? '下雨' : null,
    checkInSecret: randomBytes(32).toString('hex'),
    remindedAt: null,
    createdBy: 'system',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  }
  await api.deps.db.insertInto('activities').values(row).execute()
  return row
}

/**
 * What check-out writes: an attendance row and its pending 'attendance' entry. `status` lets a
 * test start from an already approved entry.
 */
export async function insertAttendanceEntry(
  api: TestApi,
  a: { teamId: string; activity: ActivityRow; volunteerId: string; minutes: number; status?: HourEntryRow['status']; serviceDate?: string; createdAt?: string },
) {
  const attendanceId = newId()
  const checkIn = a.activity.startsAt
  const checkOut = new Date(Date.parse(checkIn) + a.minutes * 60_000).toISOString()
  await api.deps.db
    .insertInto('attendance')
    .values({ id: attendanceId, teamId: a.teamId, activityId: a.activity.id, volunteerId: a.volunteerId, checkInAt: checkIn, checkOutAt: checkOut, checkedInBy: 'volunteer', proxyReason: null, closedBy: 'volunteer' })
    .execute()
  const status = a.status ?? 'pending'
  const row: HourEntryRow = {
    id: newId(),
    teamId: a.teamId,
    volunteerId: a.volunteerId,
    activityId: a.activity.id,
    attendanceId,
    project: a.activity.project,
    serviceDate: a.serviceDate ?? new Date(Date.parse(a.activity.startsAt) + 8 * 3600_000).toISOString().slice(0, 10),
    minutes: a.minutes,
    source: 'attendance',
    reason: null,
    status,
    reverses: null,
    createdBy: `volunteer:${a.volunteerId}`,
    createdAt: a.createdAt ?? checkOut,
    decidedBy: status === 'pending' ? null : 'system',
    decidedAt: status === 'pending' ? null : checkOut,
    decisionNote: null,
  }
  await api.deps.db.insertInto('hourEntries').values(row).execute()
  return row
}

/** Row counts of the tables this context writes, to show that a refused request wrote nothing. */
export async function counts(api: TestApi) {
  const n = async (t: 'hourEntries' | 'hourCorrections' | 'certificates' | 'pledges' | 'notifications' | 'notificationOutbox' | 'ledgerEvents' | 'volunteerSettings' | 'teamCounters') =>
    Number((await api.deps.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return {
    hourEntries: await n('hourEntries'),
    hourCorrections: await n('hourCorrections'),
    certificates: await n('certificates'),
    pledges: await n('pledges'),
    notifications: await n('notifications'),
    outbox: await n('notificationOutbox'),
    events: await n('ledgerEvents'),
    settings: await n('volunteerSettings'),
    counters: await n('teamCounters'),
  }
}
