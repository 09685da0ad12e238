import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TEAM, seedDemo } from '../demo.js'
import { withRuntime, type CliIo, type Env } from './shared.js'

export async function seedDemoCommand(env: Env, io: CliIo): Promise<number> {
  return withRuntime(env, io, { migrate: true }, async (rt) => {
    const r = await seedDemo(rt.deps)
    if (!r.created) {
      io.out('the database already has teams: demo data not loaded (it only goes into an empty database)')
      return 0
    }
    io.out(`demo data loaded: team ${DEMO_TEAM.code} (${DEMO_TEAM.name}), ${DEMO_ACCOUNTS.length} accounts, password ${DEMO_PASSWORD}`)
    for (const a of DEMO_ACCOUNTS) io.out(`  ${a.username.padEnd(10)} ${a.role.padEnd(15)} ${a.displayName}`)
    return 0
  })
}
