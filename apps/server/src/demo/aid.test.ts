import { expect, it } from 'vitest'
import { verifyTeamChain } from '@chayi/api'
import { seedDemoAid } from './aid.js'
import { createAidDemoTeam, useDemoRuntime } from './test-helpers.js'

// The aid tracker's demo alone (SQLite), on a team with an aid worker and two partners.
const demo = useDemoRuntime()

it('seeds a county, 2 townships, 4 villages and 40 households with members and pairings', async () => {
  const { t, rt } = demo
  const deps = rt.deps
  const team = await createAidDemoTeam(deps, 'aid-demo', { partners: 2 })
  const r = await seedDemoAid(deps, team.id)
  expect(r).toMatchObject({ places: 7, households: 40, pairings: 40 })
  const levels = await t.db.selectFrom('aidPlaces').select('level').where('teamId', '=', team.id).execute()
  expect(levels.filter((p) => p.level === 'village')).toHaveLength(4)
  const households = await t.db.selectFrom('aidHouseholds').select(['code', 'assignedWorkerId']).where('teamId', '=', team.id).orderBy('code').execute()
  expect(households.map((h) => h.code)).toEqual(Array.from({ length: 40 }, (_, i) => `HH-${String(i + 1).padStart(4, '0')}`))
  expect(households.every((h) => h.assignedWorkerId)).toBe(true)
  const members = await t.db.selectFrom('aidMembers').select('name').where('teamId', '=', team.id).execute()
  expect(members.length).toBe(r.members)
  expect(members.some((m) => /[\u0f00-\u0fff]/.test(m.name))).toBe(true)
  const current = await t.db.selectFrom('aidPairings').select('id').where('teamId', '=', team.id).where('endedAt', 'is', null).execute()
  expect(current).toHaveLength(40)
  expect((await verifyTeamChain(t.db, team.id)).problem).toBeNull()
})
