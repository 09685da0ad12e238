import type { Device, Role, Team, User } from '@chayi/domain'
import { fakeId, makeDevice, makeTeam, makeUser } from './factories.js'

/** Credentials of the mock's accounts (dev mode and tests). */
export const MOCK_PASSWORD = 'chayi-mock-pw'
export const MOCK_PIN = '2468'
export const MOCK_PAIRING_CODE = '12345678'

export interface MockUser {
  user: User
  password: string
  /** Kiosk PIN, when set. */
  pin?: string
  /** After an admin's password reset: /me says so, and the account cannot unlock a kiosk, until it sets its own. */
  mustChangePassword?: boolean
}

export interface MockState {
  team: Team
  users: MockUser[]
  /** The user id of the one browser session the mock keeps (cookies are not modelled). */
  signedIn: string | null
  devices: { device: Device; token: string }[]
  /** Unused pairing codes → the name the device will get. */
  pairingCodes: Map<string, string>
  staffSessions: Map<string, { userId: string; deviceId: string; expiresAt: string }>
  pinFailures: Map<string, number>
  now: () => Date
  /** Adds a paired device and returns it with its token. */
  addDevice(name?: string): { device: Device; token: string }
  /** The mock account with this username. */
  user(username: string): MockUser
}

const ACCOUNTS: { username: string; displayName: string; roles: Role[]; pin?: string }[] = [
  { username: 'admin', displayName: '周文华', roles: ['admin', 'leader'] },
  { username: 'volunteer', displayName: '王秀兰', roles: ['volunteer'] },
  { username: 'leader', displayName: '李建国', roles: ['leader', 'volunteer'], pin: MOCK_PIN },
  { username: 'counter', displayName: '张明', roles: ['counter_staff'], pin: MOCK_PIN },
  { username: 'care', displayName: '刘芳', roles: ['care_staff'] },
  { username: 'aid', displayName: '扎西', roles: ['aid_worker'] },
]

/** A team with one account per role (password MOCK_PASSWORD), a pairing code, and no sessions. */
export function createMockState(over: Partial<Pick<MockState, 'now' | 'signedIn'>> = {}): MockState {
  const team = makeTeam()
  const state: MockState = {
    team,
    users: ACCOUNTS.map((a, i) => ({
      user: makeUser({ id: fakeId(100 + i), teamId: team.id, username: a.username, phone: `1390000${(100 + i).toString().padStart(4, '0')}`, displayName: a.displayName, roles: a.roles }),
      password: MOCK_PASSWORD,
      pin: a.pin,
    })),
    signedIn: null,
    devices: [],
    pairingCodes: new Map([[MOCK_PAIRING_CODE, '茶馆柜台平板']]),
    staffSessions: new Map(),
    pinFailures: new Map(),
    now: () => new Date(),
    addDevice(name = '茶馆柜台平板') {
      const d = { device: makeDevice({ teamId: team.id, name }), token: `device-token-${state.devices.length + 1}` }
      state.devices.push(d)
      return d
    },
    user(username) {
      const u = state.users.find((x) => x.user.username === username)
      if (!u) throw new Error(`no mock user ${username}`)
      return u
    },
    ...over,
  }
  return state
}

/** What a dev-mode mock keeps across page reloads (accounts are rebuilt the same way each time). */
interface Snapshot {
  signedIn: string | null
  devices: MockState['devices']
  pairingCodes: [string, string][]
  staffSessions: [string, { userId: string; deviceId: string; expiresAt: string }][]
}

export function saveMockState(state: MockState, storage: Pick<Storage, 'setItem'>, key = 'chayi.mock') {
  const snap: Snapshot = { signedIn: state.signedIn, devices: state.devices, pairingCodes: [...state.pairingCodes], staffSessions: [...state.staffSessions] }
  storage.setItem(key, JSON.stringify(snap))
}

/** Restores what saveMockState kept, so a reload in dev mode keeps you signed in and your tablet paired. */
export function restoreMockState(state: MockState, storage: Pick<Storage, 'getItem'>, key = 'chayi.mock'): MockState {
  const raw = storage.getItem(key)
  if (!raw) return state
  const snap = JSON.parse(raw) as Snapshot
  state.signedIn = snap.signedIn
  state.devices.splice(0, state.devices.length, ...snap.devices)
  state.pairingCodes = new Map(snap.pairingCodes)
  state.staffSessions = new Map(snap.staffSessions)
  return state
}
