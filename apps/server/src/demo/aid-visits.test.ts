import { expect, it } from 'vitest'
import { aidExitCheck, verifyTeamChain } from '@chayi/api'
import { caseAlerts } from '@chayi/domain'
import { seedDemoAid } from './aid.js'
import { seedDemoAidIncomes } from './aid-incomes.js'
import { seedDemoAidVisits } from './aid-visits.js'
import { createAidDemoTeam, useDemoRuntime } from './test-helpers.js'

// The aid tracker's visit, exit and monitoring demo (SQLite), on top of the households and incomes.
const demo = useDemoRuntime()

it('seeds visits, a running exit notice, an ended one, two exited households and three monitoring cases', async () => {
  const { t, rt } = demo
  const deps = rt.deps
  const team = await createAidDemoTeam(deps, 'aid-vis', { partners: 1, leader: true })
  await seedDemoAid(deps, team.id)
  await seedDemoAidIncomes(deps, team.id)
  const r = await seedDemoAidVisits(deps, team.id)
  expect(r).toMatchObject({ assisted: 37, notices: 1, endedNotices: 1, exited: 2, cases: { overdue: 1, open: 1, closed: 1 } })
  expect(r.visits).toBeGreaterThan(60)
  expect(r.incomeUpdates).toBeGreaterThan(3)
  expect(r.photos).toBeGreaterThan(5)

  const db = t.db
  const now = deps.clock.now().toISOString()
  const byStatus = await db.selectFrom('aidHouseholds').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('teamId', '=', team.id).groupBy('status').execute()
  expect(Object.fromEntries(byStatus.map((s) => [s.status, Number(s.n)]))).toEqual({ identified: 3, assisted: 35, exit_proposed: 2, monitored: 2 })
  const visited = await db.selectFrom('aidVisits').select('householdId').distinct().where('teamId', '=', team.id).execute()
  expect(visited.length).toBeGreaterThan(30)

  const cases = await db.selectFrom('aidMonitoringCases').selectAll().where('teamId', '=', team.id).execute()
  expect(cases.filter((c) => caseAlerts(c, now).homeCheckOverdue)).toHaveLength(1)
  expect(cases.filter((c) => c.decidedAt === null)).toHaveLength(2)

  const notices = await db.selectFrom('aidExits').selectAll().where('teamId', '=', team.id).where('state', '=', 'notice').orderBy('noticeEndsOn').execute()
  const today = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10)
  expect(notices.map((n) => n.noticeEndsOn! > today)).toEqual([false, true]) // one ended (awaiting confirmation), one running
  const monitored = await db.selectFrom('aidHouseholds').selectAll().where('teamId', '=', team.id).where('status', '=', 'monitored').execute()
  for (const h of monitored) {
    const history = await db.selectFrom('aidHouseholdStatus').select('toStatus').where('householdId', '=', h.id).orderBy('at').orderBy('id').execute()
    expect(history.map((s) => s.toStatus)).toEqual(['identified', 'assisted', 'exit_proposed', 'exited', 'monitored'])
  }
  // No household without labour is ever a candidate.
  const assisted = await db.selectFrom('aidHouseholds').selectAll().where('teamId', '=', team.id).where('status', '=', 'assisted').execute()
  const members = await db.selectFrom('aidMembers').select(['householdId', 'labourCapacity']).where('teamId', '=', team.id).execute()
  for (const h of assisted) {
    const idle = members.filter((m) => m.householdId === h.id).every((m) => m.labourCapacity === 'lost' || m.labourCapacity === 'none')
    if (idle) expect((await aidExitCheck(db, team.id, h, now, true)).eligible).toBe(false)
  }
  expect((await verifyTeamChain(db, team.id)).problem).toBeNull()
}, 180_000)
