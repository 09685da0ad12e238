import { parseArgs } from 'node:util'
import { verifyTeamChain } from '@chayi/api'
import { CliFailure, requireExistingDatabase, withRuntime, type CliIo, type Env } from './shared.js'

/**
 * Recomputes every hash of each team's audit chain from the database and compares the end with
 * the stored head (so events cut off the end are caught too). Exit 1 when any chain is broken.
 */
export async function verifyCommand(args: string[], env: Env, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { team: { type: 'string' } }, strict: true, allowPositionals: false })
  requireExistingDatabase(env)
  return withRuntime(env, io, { migrate: false }, async (rt) => {
    let q = rt.deps.db.selectFrom('teams').select(['id', 'code']).orderBy('code')
    if (values.team !== undefined) q = q.where('code', '=', values.team)
    const teams = await q.execute()
    if (values.team !== undefined && !teams.length) throw new CliFailure(`no team with code "${values.team}"`)
    if (!teams.length) {
      io.out('no teams yet: nothing to verify')
      return 0
    }
    let broken = 0
    for (const t of teams) {
      const { events, problem, head } = await verifyTeamChain(rt.deps.db, t.id)
      if (problem) {
        broken++
        io.out(`${t.code}: BROKEN at seq ${problem.seq}: ${problem.message}`)
      } else {
        io.out(`${t.code}: ok ${events} events, head ${head.hash}`)
      }
    }
    if (broken) io.err(`${broken} of ${teams.length} chain(s) broken: history was changed outside Chayi`)
    return broken ? 1 : 0
  })
}
