import { afterAll, beforeAll, expect, it } from 'vitest'
import { aidIncomeYears, createPartner, createTeam, createUser, transact, verifyTeamChain } from '@chayi/api'
import { createTestDatabase, type TestDatabase } from '@chayi/db/testing'
import { createRuntime, type Runtime } from '../bootstrap.js'
import { TEST_DATA_KEY } from '../test-helpers.js'
import { seedDemoAid } from './aid.js'
import { seedDemoAidIncomes } from './aid-incomes.js'

// The aid tracker's income demo (SQLite): lines for four years with one village's own line, and
// three or four years of figures for every demo household, most climbing across the line.
let t: TestDatabase
let rt: Runtime
beforeAll(async () => {
  t = await createTestDatabase('sqlite')
  rt = await createRuntime({ DATABASE_URL: t.url, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' })
}, 60_000)
afterAll(async () => {
  await rt.close()
  await t.drop()
})

it('seeds lines and several years of income for each demo household', async () => {
  const deps = rt.deps
  const team = (await transact(deps, { teamId: null, actor: 'system' }, async (w) => ({ status: 201, body: await createTeam(w, { code: 'aid-inc', name: '示例队', community: '幸福社区' }) }))).body
  await transact(deps, { teamId: team.id, actor: 'system' }, async (w) => {
    await createUser(w, { teamId: team.id, username: 'aid', displayName: '扎西顿珠', password: 'chayi-demo-2026', roles: ['aid_worker'] })
    await createPartner(w, deps.cipher, { name: '示例茶业公司', kind: 'enterprise', contactName: '王经理' })
    return { status: 201, body: null }
  })
  await seedDemoAid(deps, team.id)
  const r = await seedDemoAidIncomes(deps, team.id)
  expect(r.lines).toBe(5)
  expect(r.households).toBe(40)
  expect(r.incomes).toBeGreaterThanOrEqual(40 * 3)
  // Most households end above the line, but not all.
  expect(r.aboveLine).toBeGreaterThan(20)
  expect(r.aboveLine).toBeLessThan(40)

  const households = await t.db.selectFrom('aidHouseholds').select(['id', 'placeId']).where('teamId', '=', team.id).execute()
  const remote = await t.db.selectFrom('aidPlaces').select('id').where('name', '=', '岗坚村').executeTakeFirstOrThrow()
  const year = deps.clock.now().getUTCFullYear()
  let climbed = 0
  for (const h of households) {
    const ys = await aidIncomeYears(t.db, team.id, h.id)
    expect(ys.length).toBeGreaterThanOrEqual(3)
    expect(ys.every((y) => y.netFen === y.wagesFen + y.businessFen + y.propertyFen + y.transfersFen - y.costsFen && y.netFen > 0)).toBe(true)
    if (ys[0]!.aboveLine === false && ys.at(-1)!.aboveLine === true) climbed++
    const current = ys.find((y) => y.year === year)
    if (current) expect(current.monitoringFen).toBe(h.placeId === remote.id ? 810_000 : 780_000)
  }
  expect(climbed).toBeGreaterThan(10)
  expect((await verifyTeamChain(t.db, team.id)).problem).toBeNull()
}, 120_000)
