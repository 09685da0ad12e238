import type { Role } from '@chayi/domain'
import { createTeam, createUser, transact, type Deps } from '@chayi/api'
import { seedDemoVolunteers } from './demo/volunteers.js'
import { seedDemoActivities } from './demo/activities.js'
import { seedDemoCare } from './demo/care.js'
import { seedDemoFund } from './demo/fund.js'
import { seedDemoTeahouse } from './demo/teahouse.js'
import { seedDemoReports } from './demo/reports.js'
import { seedDemoAid } from './demo/aid.js'
import { seedDemoAidIncomes } from './demo/aid-incomes.js'
import { seedDemoAidPlans } from './demo/aid-plans.js'
import { seedDemoAidVisits } from './demo/aid-visits.js'

/** The seed's team (every person in the demo is fictional). */
export const DEMO_TEAM = {
  code: 'xingfu',
  name: '三圣街道幸福社区志愿服务队',
  community: '幸福社区',
  district: '成都市锦江区三圣街道',
} as const

/** One shared, published password: demo data is for trying Chayi out, never for real records. */
export const DEMO_PASSWORD = 'chayi-demo-2026'
/** The kiosk PIN of the demo accounts that may work the tea-house counter. */
export const DEMO_PIN = '1234'

export interface DemoAccount {
  username: string
  role: Role
  displayName: string
  /** Set for accounts that unlock the kiosk. */
  pin?: string
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '林慧敏' },
  { username: 'leader', role: 'leader', displayName: '张国强', pin: DEMO_PIN },
  { username: 'care', role: 'care_staff', displayName: '周雅琴' },
  { username: 'aid', role: 'aid_worker', displayName: '扎西顿珠' },
  { username: 'counter', role: 'counter_staff', displayName: '陈小梅', pin: DEMO_PIN },
  { username: 'volunteer', role: 'volunteer', displayName: '李明轩' },
  { username: 'district', role: 'district_admin', displayName: '赵立新' },
]

export interface SeedResult {
  /** False when the database already had teams, so nothing was written. */
  created: boolean
  teamId: string | null
}

/**
 * Loads the demo team and one account per role, through the same audited writes as the API
 * (actor `system`), so the demo's audit chain verifies like any other. Runs only on a database
 * with no teams; a second run, or a second instance racing this one, changes nothing.
 */
export async function seedDemo(deps: Deps): Promise<SeedResult> {
  const anyTeam = async () => !!(await deps.db.selectFrom('teams').select('id').limit(1).executeTakeFirst())
  if (await anyTeam()) return { created: false, teamId: null }
  try {
    const r = await transact(deps, { teamId: null, actor: 'system' }, async (w) => {
      // Checked again inside the transaction: another process may have seeded meanwhile.
      if (await w.trx.selectFrom('teams').select('id').limit(1).executeTakeFirst()) return { status: 200, body: null }
      const team = await createTeam(w, DEMO_TEAM)
      for (const a of DEMO_ACCOUNTS) {
        await createUser(w, { teamId: team.id, username: a.username, displayName: a.displayName, password: DEMO_PASSWORD, roles: [a.role], pin: a.pin ?? null })
      }
      return { status: 201, body: team.id }
    })
    if (r.body === null) return { created: false, teamId: null }
    await seedDemoData(deps, r.body)
    return { created: true, teamId: r.body }
  } catch (err) {
    // Lost a race with another process seeding the same database (a unique violation on
    // PostgreSQL, a busy snapshot on SQLite): our transaction rolled back and theirs stands.
    if (await anyTeam().catch(() => false)) return { created: false, teamId: null }
    throw err
  }
}

/**
 * The team's life after its accounts exist: 800+ volunteers (then activities, hours and the rest
 * as each context lands). Only the process that created the team runs this.
 */
async function seedDemoData(deps: Deps, teamId: string): Promise<void> {
  await seedDemoVolunteers(deps, teamId, { password: DEMO_PASSWORD })
  await seedDemoActivities(deps, teamId)
  await seedDemoCare(deps, teamId)
  await seedDemoFund(deps, teamId)
  await seedDemoTeahouse(deps, teamId)
  await seedDemoReports(deps, teamId)
  await seedDemoAid(deps, teamId)
  await seedDemoAidIncomes(deps, teamId)
  await seedDemoAidPlans(deps, teamId)
  await seedDemoAidVisits(deps, teamId)
}

/** The demo accounts that exist in this database (so a banner does not promise missing ones). */
export async function presentDemoAccounts(deps: Deps): Promise<DemoAccount[]> {
  const rows = await deps.db
    .selectFrom('users')
    .innerJoin('teams', 'teams.id', 'users.teamId')
    .select('users.username')
    .where('teams.code', '=', DEMO_TEAM.code)
    .where(
      'users.username',
      'in',
      DEMO_ACCOUNTS.map((a) => a.username),
    )
    .execute()
  const present = new Set(rows.map((r) => r.username))
  return DEMO_ACCOUNTS.filter((a) => present.has(a.username))
}
