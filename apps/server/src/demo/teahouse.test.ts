import { afterAll, beforeAll, expect, it } from 'vitest'
import { boardOf, verifyTeamChain } from '@chayi/api'
import { createTestDatabase, type TestDatabase } from '@chayi/db/testing'
import { createRuntime, type Runtime } from '../bootstrap.js'
import { seedDemo } from '../demo.js'
import { TEST_DATA_KEY } from '../test-helpers.js'

// The tea house's demo (SQLite; the demo as a whole is seeded on both dialects in demo.test.ts).
let t: TestDatabase
let rt: Runtime
beforeAll(async () => {
  t = await createTestDatabase('sqlite')
  rt = await createRuntime({ DATABASE_URL: t.url, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' })
  expect((await seedDemo(rt.deps)).created).toBe(true)
}, 240_000)
afterAll(async () => {
  await rt.close()
  await t.drop()
})

it('has a menu, 200+ charity-cup buyers at 500 fen, ~100 card holders served, a few cups waiting, closed shifts', async () => {
  const team = await t.db.selectFrom('teams').select(['id', 'code', 'name']).executeTakeFirstOrThrow()
  const board = await boardOf(t.db, team, new Date().toISOString())
  expect(board.customersGave).toBeGreaterThanOrEqual(200)
  expect(board.peopleServed).toBeGreaterThanOrEqual(90)
  expect(board.cupsWaiting).toBeGreaterThan(0)
  expect(board.cupsWaiting).toBeLessThan(20)
  expect(board.servedBeyondDonations).toBe(0)
  const menu = await t.db.selectFrom('teahouseMenuItems').select('name').where('teamId', '=', team.id).execute()
  expect(menu.length).toBeGreaterThanOrEqual(6)
  const prices = await t.db.selectFrom('teahouseCups').select('priceFen').distinct().execute()
  expect(prices.map((p) => Number(p.priceFen))).toEqual([500])
  const open = await t.db.selectFrom('teahouseShifts as s').leftJoin('teahouseShiftCloses as c', 'c.shiftId', 's.id').select('s.id').where('c.shiftId', 'is', null).execute()
  expect(open).toHaveLength(0)
  expect((await verifyTeamChain(t.db, team.id)).problem).toBeNull()
})
