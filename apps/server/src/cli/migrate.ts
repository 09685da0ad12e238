import { migrateToLatest } from '@chayi/db'
import { withRuntime, type CliIo, type Env } from './shared.js'

export async function migrateCommand(env: Env, io: CliIo): Promise<number> {
  return withRuntime(env, io, { migrate: false }, async (rt) => {
    const results = await migrateToLatest(rt.deps.db)
    if (!results.length) io.out('database is up to date; no migration to run')
    for (const r of results) io.out(`applied ${r.migrationName}`)
    return 0
  })
}
