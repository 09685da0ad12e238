import { previousQuarter, quarterOf } from '@chayi/domain'
import { publishDisclosure, transact, type Deps } from '@chayi/api'

// The public disclosure (季度公开披露) of the last quarter that has ended, published by the leader,
// so the public endpoint and the console's list of versions have something to show.

export async function seedDemoReports(deps: Deps, teamId: string): Promise<void> {
  const leader = await deps.db.selectFrom('users').select('id').where('teamId', '=', teamId).where('username', '=', 'leader').executeTakeFirstOrThrow()
  const month = new Date(deps.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7)
  const quarter = previousQuarter(quarterOf(month))
  await transact(deps, { teamId, actor: `user:${leader.id}` }, async (w) => ({ status: 201, body: await publishDisclosure(w, quarter) }))
}
