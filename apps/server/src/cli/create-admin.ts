import { parseArgs } from 'node:util'
import type { z } from 'zod'
import { Password, Team as TeamSchema, User as UserSchema, Username, type Team } from '@chayi/domain'
import { createTeam, createUser, transact } from '@chayi/api'
import { DEMO_PASSWORD } from '../demo.js'
import { CliFailure, UsageError, withRuntime, type CliIo, type Env } from './shared.js'

const ROLES = ['admin', 'district_admin'] as const
type AdminRole = (typeof ROLES)[number]

function check<T>(what: string, schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v)
  if (!r.success) throw new UsageError(`${what}: ${r.error.issues.map((i) => i.message).join('; ')}`)
  return r.data
}

/**
 * The first account of a deployment (or of a new team): an administrator made from the command
 * line, through the same audited write as the API, recorded with actor `cli`.
 */
export async function createAdminCommand(args: string[], env: Env, io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      team: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      'team-name': { type: 'string' },
      community: { type: 'string' },
      district: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (!values.team) throw new UsageError('--team <code> is required')
  if (!values.username) throw new UsageError('--username is required')
  const teamCode = check('--team', TeamSchema.shape.code, values.team)
  const username = check('--username', Username, values.username)
  // --password, or CHAYI_ADMIN_PASSWORD so that the password need not sit in the shell history.
  const rawPassword = values.password ?? env.CHAYI_ADMIN_PASSWORD
  if (!rawPassword) throw new UsageError('--password is required (or set CHAYI_ADMIN_PASSWORD)')
  const password = check('--password', Password, rawPassword)
  if (password === DEMO_PASSWORD) throw new UsageError('--password: that is the published demo password; choose another')
  const role = values.role as AdminRole
  if (!ROLES.includes(role)) throw new UsageError(`--role must be ${ROLES.join(' or ')}`)
  const displayName = check('--name', UserSchema.shape.displayName, (values.name ?? username).trim())
  const newTeam = values['team-name'] !== undefined
  if (!newTeam && (values.community !== undefined || values.district !== undefined)) {
    throw new UsageError('--community and --district describe a new team: give --team-name too')
  }
  if (newTeam && !values.community) throw new UsageError('--team-name needs --community')
  const teamInput = newTeam
    ? {
        code: teamCode,
        name: check('--team-name', TeamSchema.shape.name, values['team-name']!.trim()),
        community: check('--community', TeamSchema.shape.community, values.community!.trim()),
        district: values.district?.trim() ? check('--district', TeamSchema.shape.district, values.district.trim()) : null,
      }
    : null

  return withRuntime(env, io, { migrate: true }, async (rt) => {
    const r = await transact(rt.deps, { teamId: null, actor: 'cli' }, async (w) => {
      let team: Team | undefined = await w.trx.selectFrom('teams').selectAll().where('code', '=', teamCode).executeTakeFirst()
      const createdTeam = !team
      if (!team) {
        if (!teamInput) throw new CliFailure(`no team with code "${teamCode}": add --team-name and --community to create it`)
        team = await createTeam(w, teamInput)
      }
      const user = await createUser(w, { teamId: team.id, username, displayName, password, roles: [role] })
      return { status: 201, body: { team, user, createdTeam } }
    })
    const { team, user, createdTeam } = r.body
    if (createdTeam) io.out(`created team ${team.code} (${team.name}, ${team.community})`)
    else if (teamInput) io.out(`team ${team.code} already exists; --team-name, --community and --district were not used`)
    io.out(`created ${role} "${user.username}" (${user.displayName}) in team ${team.code}`)
    return 0
  })
}
