import type { Role, Team, User } from '@chayi/domain'
import { isUniqueViolation } from '@chayi/db'
import { conflict } from '../errors.js'
import { hashPassword } from '../crypto.js'
import { newId } from '../ids.js'
import { startChain } from '../ledger/chain.js'
import type { WriteScope } from '../write.js'
import { toUser } from './mappers.js'

export interface NewTeamInput {
  code: string
  name: string
  community: string
  district?: string | null
}

/** Creates a team with its own audit chain; the first event of the chain records the team itself. */
export async function createTeam(w: WriteScope<string | null>, input: NewTeamInput): Promise<Team> {
  const team: Team = { id: newId(), code: input.code, name: input.name, community: input.community, district: input.district ?? null, createdAt: w.at }
  const taken = await w.trx.selectFrom('teams').select('id').where('code', '=', input.code).executeTakeFirst()
  if (taken) throw conflict('team_code_taken', `A team with code "${input.code}" already exists.`)
  await w.trx.insertInto('teams').values(team).execute()
  await startChain(w.trx, team.id, w.at)
  await w.record({ teamId: team.id, kind: 'identity.team_created', entity: 'team', entityId: team.id, payload: { code: team.code, name: team.name, community: team.community, district: team.district } })
  return team
}

export interface NewUserInput {
  teamId: string
  username?: string | null
  phone?: string | null
  displayName: string
  password: string
  roles: Role[]
  /** Optional kiosk PIN (4–6 digits). */
  pin?: string | null
  /**
   * An already computed hash of `password` (from hashPassword): bulk loaders such as the demo's
   * 800 volunteers hash one shared password once instead of once per account.
   */
  passwordHash?: string
  /**
   * Self-registered members of the public: the chain (kept forever, never edited) then records the
   * account without the person's name.
   */
  private?: boolean
}

export async function createUser(w: WriteScope<string | null>, input: NewUserInput): Promise<User> {
  const row = {
    id: newId(),
    teamId: input.teamId,
    username: input.username ?? null,
    phone: input.phone ?? null,
    displayName: input.displayName,
    passwordHash: input.passwordHash ?? (await hashPassword(input.password)),
    pinHash: input.pin ? await hashPassword(input.pin) : null,
    status: 'active' as const,
    createdAt: w.at,
  }
  const roles = [...new Set(input.roles)].sort()
  try {
    await w.trx.insertInto('users').values(row).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('login_taken', 'That username or phone number is already registered.')
    throw err
  }
  if (roles.length) await w.trx.insertInto('userRoles').values(roles.map((role) => ({ userId: row.id, role }))).execute()
  // The chain records who got which roles; phone numbers stay out of it.
  await w.record({ teamId: input.teamId, kind: 'identity.user_created', entity: 'user', entityId: row.id, payload: input.private ? { username: row.username, roles } : { username: row.username, displayName: row.displayName, roles } })
  return toUser(row, roles)
}

/** Sets or replaces a person's kiosk PIN; the chain records that it changed, never the PIN. */
export async function setPin(w: WriteScope, userId: string, pin: string): Promise<void> {
  await w.trx.updateTable('users').set({ pinHash: await hashPassword(pin) }).where('id', '=', userId).execute()
  await w.record({ kind: 'identity.pin_set', entity: 'user', entityId: userId, payload: {} })
}
