import type { Kysely } from 'kysely'
import type { Database, DeviceRow, UserRow } from '@chayi/db'
import type { Device, Role, Team, User } from '@chayi/domain'
import { notFound } from '../errors.js'

export function toUser(u: Pick<UserRow, 'id' | 'teamId' | 'username' | 'phone' | 'displayName' | 'status' | 'createdAt'>, roles: Role[]): User {
  return { id: u.id, teamId: u.teamId, username: u.username, phone: u.phone, displayName: u.displayName, roles, status: u.status, createdAt: u.createdAt }
}

export function toDevice(d: DeviceRow): Device {
  return { id: d.id, teamId: d.teamId, name: d.name, kind: 'kiosk', pairedAt: d.pairedAt, revokedAt: d.revokedAt }
}

export async function loadTeam(db: Kysely<Database>, teamId: string): Promise<Team> {
  const t = await db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst()
  if (!t) throw notFound('Team')
  return t
}

export async function loadUser(db: Kysely<Database>, userId: string): Promise<User> {
  const u = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
  if (!u) throw notFound('User')
  const roles = await db.selectFrom('userRoles').select('role').where('userId', '=', userId).orderBy('role').execute()
  return toUser(u, roles.map((r) => r.role as Role))
}
