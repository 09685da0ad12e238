import { randomBytes } from 'node:crypto'
import type { TestDatabase } from '@chayi/db/testing'
import { hashPassword, randomToken, sha256Hex } from '../crypto.js'
import { newId } from '../ids.js'
import { createTestApi, testClock } from '../testing.js'

// Test helpers for activities: an API whose sessions outlive the clock jumps the tests make, and
// active volunteers made straight in the database (scrypt for 40 sign-ups would take seconds).

export type TestApi = Awaited<ReturnType<typeof createTestApi>> & { clock: ReturnType<typeof testClock> }

/** 2026-12-01 08:00 UTC = 16:00 in China. */
export const T0 = new Date('2026-12-01T08:00:00.000Z')
export const MIN = 60_000
export const HOUR = 60 * MIN

export async function activitiesApi(t: TestDatabase): Promise<TestApi> {
  const clock = testClock(T0)
  const api = await createTestApi(t, { clock, config: { sessionIdleMinutes: 60 * 24 * 400, sessionMaxHours: 24 * 400 } })
  return { ...api, clock }
}

let hash: Promise<string> | undefined
let seq = 0

export interface TestVolunteer {
  id: string
  userId: string
  cookie: string
  phone: string
}

/** A volunteer of the team (active unless told), with a signed-in session cookie. */
export async function makeVolunteer(
  api: TestApi,
  teamId: string,
  over: { birthDate?: string; skills?: string[]; status?: 'pending' | 'active' | 'rejected' | 'left'; realName?: string } = {},
): Promise<TestVolunteer> {
  hash ??= hashPassword('long enough pw')
  const db = api.deps.db
  const at = api.clock.now().toISOString()
  const userId = newId()
  const phone = `15${String(Date.now() % 1e5).padStart(5, '0')}${String(++seq % 1e4).padStart(4, '0')}`
  const status = over.status ?? 'active'
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values({ id: userId, teamId, username: null, phone, displayName: over.realName ?? '李志愿', passwordHash: await hash!, pinHash: null, status: 'active', createdAt: at }).execute()
    if (status === 'active') await trx.insertInto('userRoles').values({ userId, role: 'volunteer' }).execute()
    await trx
      .insertInto('volunteers')
      .values({
        id: newId(),
        teamId,
        userId,
        realName: over.realName ?? '李志愿',
        phone,
        idType: 'passport',
        idNumberEnc: api.deps.cipher.encrypt(`E${seq}`),
        idNumberHash: randomBytes(16).toString('hex'),
        gender: 'female',
        birthDate: over.birthDate ?? '1990-06-15',
        affiliations: JSON.stringify([{ kind: 'resident' }]),
        skills: JSON.stringify(over.skills ?? ['tea']),
        availability: '',
        emergencyContactEnc: api.deps.cipher.encrypt(JSON.stringify({ name: '李大明', phone: '13698765432', relation: '父亲' })),
        guardianEnc: null,
        status,
        volunteerNumber: status === 'active' ? `V-${userId}` : null,
        createdAt: at,
        decidedAt: status === 'pending' ? null : at,
        decidedBy: status === 'pending' ? null : 'system',
        decisionNote: null,
      })
      .execute()
  })
  const v = await db.selectFrom('volunteers').select('id').where('userId', '=', userId).executeTakeFirstOrThrow()
  const token = randomToken(32)
  const far = new Date(api.clock.now().getTime() + 400 * 24 * HOUR).toISOString()
  await db
    .insertInto('sessions')
    .values({ id: sha256Hex(token), userId, teamId, createdAt: at, lastSeenAt: at, idleExpiresAt: far, absoluteExpiresAt: far, endedAt: null, address: null, userAgent: null })
    .execute()
  return { id: v.id, userId, cookie: `chayi_session=${token}`, phone }
}

/** A signed-in person with roles (no volunteer row). */
export async function makeStaff(api: TestApi, teamId: string, roles: ('leader' | 'admin' | 'volunteer' | 'care_staff')[] = ['leader']) {
  const user = await api.makeUser(teamId, roles)
  return { user, cookie: await api.signIn(user.username!) }
}

/** A valid activity body starting `inHours` from the test clock, lasting `hours`. */
export function activityBody(api: TestApi, over: Record<string, unknown> = {}, inHours = 48, hours = 3) {
  const start = new Date(api.clock.now().getTime() + inHours * HOUR)
  return {
    title: '茶义仓 周末值守',
    project: 'granary',
    description: '整理义仓物资，登记捐赠',
    place: '三圣街道 幸福社区 茶馆',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + hours * HOUR).toISOString(),
    capacity: 10,
    ...over,
  }
}

/** Publishes an activity as `cookie` (a leader) and returns its id. */
export async function publish(api: TestApi, cookie: string, over: Record<string, unknown> = {}, inHours = 48, hours = 3): Promise<string> {
  const r = await api.call('POST', '/api/v1/activities', { cookie, body: activityBody(api, over, inHours, hours) })
  if (r.status !== 201) throw new Error(`publish failed: ${r.status} ${r.text}`)
  return r.json.id as string
}

/** Row counts of the tables an activity write touches: compare before and after a refused request. */
export async function footprint(api: TestApi) {
  const db = api.deps.db
  const n = async (t: 'activities' | 'enrollments' | 'attendance' | 'hourEntries' | 'ledgerEvents' | 'notifications' | 'notificationOutbox') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  return {
    activities: await n('activities'),
    enrollments: await n('enrollments'),
    attendance: await n('attendance'),
    hourEntries: await n('hourEntries'),
    ledgerEvents: await n('ledgerEvents'),
    notifications: await n('notifications'),
    outbox: await n('notificationOutbox'),
  }
}

/** The notifications a person has, oldest first. */
export async function inbox(api: TestApi, userId: string) {
  const rows = await api.deps.db.selectFrom('notifications').selectAll().where('userId', '=', userId).orderBy('createdAt').orderBy('id').execute()
  return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, string | number> }))
}
