import { expect, it } from 'vitest'
import { verifyTeamChain } from '@chayi/api'
import { seedDemoAid } from './aid.js'
import { seedDemoAidPlans } from './aid-plans.js'
import { createAidDemoTeam, useDemoRuntime } from './test-helpers.js'

// The aid plans demo on top of the aid demo (SQLite): measures, needs, pledges, deliveries, credits.
const demo = useDemoRuntime()

it('gives every household a plan, posts ~25 needs, and delivers ~15 with photos and confirmations', async () => {
  const { t, rt } = demo
  const deps = rt.deps
  const team = await createAidDemoTeam(deps, 'plans-demo', { partners: 2 })
  await seedDemoAid(deps, team.id)
  const r = await seedDemoAidPlans(deps, team.id)
  expect(r.needs).toBe(25)
  expect(r.deliveries).toBeGreaterThanOrEqual(12)
  expect(r.deliveries).toBeLessThanOrEqual(15)
  expect(r.pledges).toBeGreaterThan(r.deliveries)
  expect(r.credits).toBeGreaterThan(0)

  const measures = await t.db.selectFrom('aidMeasures').select(['householdId', 'status']).where('teamId', '=', team.id).execute()
  expect(measures).toHaveLength(r.measures)
  expect(new Set(measures.map((m) => m.householdId)).size).toBe(40)
  expect(new Set(measures.map((m) => m.status)).size).toBeGreaterThan(2)
  const needs = await t.db.selectFrom('aidNeeds').select(['kind', 'status']).where('teamId', '=', team.id).execute()
  expect(new Set(needs.map((n) => n.kind)).size).toBe(7)
  expect(needs.filter((n) => n.status === 'delivered')).toHaveLength(r.deliveries)
  const credits = await t.db.selectFrom('aidIncomes').select(['wagesFen', 'businessFen']).where('teamId', '=', team.id).where('source', '=', 'partner_credit').execute()
  expect(credits).toHaveLength(r.credits)
  expect(credits.some((c) => Number(c.wagesFen) > 0) && credits.some((c) => Number(c.businessFen) > 0)).toBe(true)
  const deliveries = await t.db.selectFrom('aidDeliveries').select(['deliveredOn', 'photoCount']).where('teamId', '=', team.id).execute()
  const today = new Date(deps.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  expect(deliveries.every((d) => d.deliveredOn <= today && d.photoCount >= 1)).toBe(true)
  // The photos are drawn pictures (240×160 PNGs), not blank placeholders.
  const stored = await t.db.selectFrom('aidDeliveries').select('photos').where('teamId', '=', team.id).executeTakeFirstOrThrow()
  const png = Buffer.from((JSON.parse(stored.photos) as string[])[0]!.split(',')[1]!, 'base64')
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([240, 160])
  expect((await verifyTeamChain(t.db, team.id)).problem).toBeNull()
}, 60_000)
