import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTeam, createUser, createPartner, transact, verifyTeamChain } from '@chayi/api'
import { createTestDatabase, type TestDatabase } from '@chayi/db/testing'
import { createRuntime, type Runtime } from '../bootstrap.js'
import { TEST_DATA_KEY } from '../test-helpers.js'
import { seedDemoAid } from './aid.js'

// The aid tracker's demo alone (SQLite), on a team with an aid worker and two partners.
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

it('seeds a county, 2 townships, 4 villages and 40 households with members and pairings', async () => {
  const deps = rt.deps
  const team = (await transact(deps, { teamId: null, actor: 'system' }, async (w) => ({ status: 201, body: await createTeam(w, { code: 'aid-demo', name: '示例队', community: '幸福社区' }) }))).body
  await transact(deps, { teamId: team.id, actor: 'system' }, async (w) => {
    await createUser(w, { teamId: team.id, username: 'aid', displayName: '扎西顿珠', password: 'chayi-demo-2026', roles: ['aid_worker'] })
    await createPartner(w, deps.cipher, { name: '示例茶业公司', kind: 'enterprise', contactName: '王经理' })
    await createPartner(w, deps.cipher, { name: '示例建筑公司', kind: 'enterprise' })
    return { status: 201, body: null }
  })
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
