import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { Id, VersionConflictBody, type Role } from '@chayi/domain'
import type { Env } from '../context.js'
import { unauthenticated } from '../errors.js'
import { json } from '../openapi.js'
import type { AidViewer } from './households.js'

// Who may use the aid routes, and the pieces every aid route file declares the same way.

/** Aid workers, leaders and admins read and write aid records; everyone else is refused. */
export const AID = { roles: ['aid_worker', 'leader', 'admin'] } as const satisfies { roles: readonly Role[] }
/** Leaders and admins approve (exit) and see every household's sealed fields. */
export const AID_LEADERS = { roles: ['leader', 'admin'] } as const satisfies { roles: readonly Role[] }
export const LEADERS: readonly Role[] = AID_LEADERS.roles
export const idParam = { params: z.object({ id: Id }) }
export const TAGS = ['aid']
export const conflictResponse = { 409: json(VersionConflictBody, 'Changed since baseVersion: the current values of the differing fields') }

/** The caller as the aid routes see them: team, user (null for a device) and whether a leader. */
export function viewerOf(c: Context<Env>): AidViewer & { teamId: string } {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return { teamId: p.teamId, userId: p.kind === 'user' ? p.userId : null, leader: p.roles.some((r) => LEADERS.includes(r)) }
}
