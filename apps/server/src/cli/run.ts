import { ApiError } from '@chayi/api'
import { ConfigError } from '../bootstrap.js'
import { createAdminCommand } from './create-admin.js'
import { migrateCommand } from './migrate.js'
import { seedDemoCommand } from './seed-demo.js'
import { CliFailure, UsageError, type CliIo, type Env } from './shared.js'
import { verifyCommand } from './verify.js'

export type { CliIo } from './shared.js'

export const HELP = `chayi — 茶义 command line

Usage: chayi <command> [options]

Commands:
  migrate                 bring the database schema up to date
  seed-demo               load the demo team and one account per role (only into an empty database)
  create-admin            create an administrator account
      --team <code>           team code, e.g. xingfu (required)
      --username <u>          3–40 lowercase letters, digits, _ . - (required)
      --password <p>          at least 8 characters (required; or set CHAYI_ADMIN_PASSWORD
                              to keep it out of the shell history)
      --name <display name>   shown in the apps (default: the username)
      --role <role>           admin (default) or district_admin
      --team-name <name>      create the team if it does not exist, with:
      --community <c>           the community it serves (required with --team-name)
      --district <d>            its subdistrict / district (optional)
  verify [--team <code>]  recompute the audit chain of one team (or all teams) and compare it with
                          the stored head; exit code 1 when any chain is broken
  help                    this text

Environment:
  DATABASE_URL    file:./.data/chayi.db (default, embedded SQLite) or postgres://user:pass@host/db
  CHAYI_DATA_KEY  field-encryption key (required with NODE_ENV=production)
  LOG_LEVEL       log level for messages on stderr (default warn)

Exit codes: 0 done, 1 failed (or a broken chain), 2 wrong usage.`

/** Runs one CLI invocation and returns its exit code; never exits the process itself. */
export async function runCli(argv: string[], env: Env, io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP)
        return 0
      case 'migrate':
        if (rest.length) throw new UsageError('migrate takes no arguments')
        return await migrateCommand(env, io)
      case 'seed-demo':
        if (rest.length) throw new UsageError('seed-demo takes no arguments')
        return await seedDemoCommand(env, io)
      case 'create-admin':
        return await createAdminCommand(rest, env, io)
      case 'verify':
        return await verifyCommand(rest, env, io)
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (err) {
    const e = err as Error & { code?: string }
    if (err instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`chayi ${command}: ${e.message}`)
      io.err('Run "chayi help" for usage.')
      return 2
    }
    if (err instanceof CliFailure || err instanceof ConfigError || err instanceof ApiError) {
      io.err(`chayi ${command}: ${e.message}`)
      return 1
    }
    io.err(`chayi ${command} failed: ${e.stack ?? e.message}`)
    return 1
  }
}
