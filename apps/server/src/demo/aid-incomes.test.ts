import { expect, it } from 'vitest'
import { aidIncomeYears, verifyTeamChain } from '@chayi/api'
import { seedDemoAid } from './aid.js'
import { seedDemoAidIncomes } from './aid-incomes.js'
import { createAidDemoTeam, useDemoRuntime } from './test-helpers.js'

// The aid tracker's income demo (SQLite): lines for four years with one village's own line, and
// three or four years of figures for every demo household, most climbing across the line.
const demo = useDemoRuntime()

it('seeds lines and several years of income for each demo household', async () => {
  const { t, rt } = demo
  const deps = rt.deps
  const team = await createAidDemoTeam(deps, 'aid-inc', { partners: 1 })
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
