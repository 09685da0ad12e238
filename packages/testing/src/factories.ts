import { Device, KioskStaffMember, Me, StaffSession, Team, User, type Role } from '@chayi/domain'

/*
 * Data factories from the domain schemas: every result is parsed by its schema, so a factory can
 * never hand a test something the API would not send. Deterministic: ids and times come from a
 * counter (reset with resetFactories()), and everyone in them is fictional.
 */

let counter = 0

export function resetFactories() {
  counter = 0
}

function next(): number {
  return ++counter
}

/** A UUID-shaped (v7-looking) id that sorts by creation, like the server's. */
export function fakeId(n = next()): string {
  return `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
}

/** 2026-01-01T00:00:00Z plus `n` minutes. */
export function fakeTime(n = 0): string {
  return new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString()
}

const NAMES = ['王秀兰', '李建国', '张明', '刘芳', '陈静', '杨磊', '赵丽', '黄志强']

export const DEFAULT_TEAM_ID = fakeId(0)

export function makeTeam(over: Partial<Team> = {}): Team {
  return Team.parse({
    id: DEFAULT_TEAM_ID,
    code: 'sansheng-xingfu',
    name: '三圣街道幸福社区志愿服务队',
    community: '幸福社区',
    district: '锦江区',
    createdAt: fakeTime(0),
    ...over,
  })
}

export function makeUser(over: Partial<User> = {}): User {
  const n = next()
  return User.parse({
    id: fakeId(n),
    teamId: DEFAULT_TEAM_ID,
    username: `user${n}`,
    phone: `1380000${n.toString().padStart(4, '0')}`,
    displayName: NAMES[n % NAMES.length],
    roles: ['volunteer'] satisfies Role[],
    status: 'active',
    createdAt: fakeTime(n),
    ...over,
  })
}

export function makeDevice(over: Partial<Device> = {}): Device {
  const n = next()
  return Device.parse({
    id: fakeId(n),
    teamId: DEFAULT_TEAM_ID,
    name: '茶馆柜台平板',
    kind: 'kiosk',
    pairedAt: fakeTime(n),
    revokedAt: null,
    ...over,
  })
}

export function makeKioskStaff(over: Partial<KioskStaffMember> = {}): KioskStaffMember {
  const n = next()
  return KioskStaffMember.parse({ userId: fakeId(n), displayName: NAMES[n % NAMES.length], ...over })
}

export function makeStaffSession(over: Partial<StaffSession> = {}): StaffSession {
  const n = next()
  return StaffSession.parse({
    staff: { userId: fakeId(n), displayName: NAMES[n % NAMES.length], roles: ['counter_staff'] },
    token: `staff-token-${n}`,
    expiresAt: fakeTime(12 * 60 + n),
    ...over,
  })
}

type UserMe = Extract<Me, { kind: 'user' }>
type DeviceMe = Extract<Me, { kind: 'device' }>

export interface MakeUserMe {
  kind?: 'user'
  user?: Partial<User>
  team?: Partial<Team>
}
export interface MakeDeviceMe {
  kind: 'device'
  device?: Partial<Device>
  team?: Partial<Team>
  /** The unlocked staff member, or null (locked). Default: locked. */
  staff?: DeviceMe['staff']
}

/** `/api/v1/me`: a signed-in person (default) or a paired kiosk. The user and device join the team. */
export function makeMe(opts?: MakeUserMe): UserMe
export function makeMe(opts: MakeDeviceMe): DeviceMe
export function makeMe(opts: MakeUserMe | MakeDeviceMe = {}): Me {
  const team = makeTeam(opts.team)
  if (opts.kind === 'device') {
    return Me.parse({ kind: 'device', device: makeDevice({ teamId: team.id, ...opts.device }), team, staff: opts.staff ?? null })
  }
  const user = makeUser({ teamId: team.id, ...opts.user })
  return Me.parse({
    kind: 'user',
    user,
    team,
    session: { idleExpiresAt: fakeTime(60), absoluteExpiresAt: fakeTime(12 * 60) },
  })
}
