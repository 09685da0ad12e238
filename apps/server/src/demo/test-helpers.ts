import { afterAll, beforeAll } from 'vitest'
import { createPartner, createTeam, createUser, transact } from '@chayi/api'
import { createTestDatabase, type TestDatabase } from '@chayi/db/testing'
import { createRuntime, type Runtime } from '../bootstrap.js'
import { TEST_DATA_KEY } from '../test-helpers.js'

/** A SQLite database and a runtime on it for one demo test file (made before all, dropped after). */
export function useDemoRuntime(): { readonly t: TestDatabase; readonly rt: Runtime } {
  let t: TestDatabase | undefined
  let rt: Runtime | undefined
  beforeAll(async () => {
    t = await createTestDatabase('sqlite')
    rt = await createRuntime({ DATABASE_URL: t.url, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' })
  }, 60_000)
  afterAll(async () => {
    await rt?.close()
    await t?.drop()
  })
  return {
    get t() {
      if (!t) throw new Error('the demo database is made in beforeAll')
      return t
    },
    get rt() {
      if (!rt) throw new Error('the demo runtime is made in beforeAll')
      return rt
    },
  }
}

const demoPartners = [
  { name: '示例茶业公司', kind: 'enterprise', contactName: '王经理' },
  { name: '示例建筑公司', kind: 'enterprise' },
] as const

/** The team the aid demos seed into: an aid worker (and a leader if asked), then the first `partners` demo partners. */
export async function createAidDemoTeam(deps: Runtime['deps'], code: string, opts: { partners: 1 | 2; leader?: boolean }) {
  const team = (await transact(deps, { teamId: null, actor: 'system' }, async (w) => ({ status: 201, body: await createTeam(w, { code, name: '示例队', community: '幸福社区' }) }))).body
  await transact(deps, { teamId: team.id, actor: 'system' }, async (w) => {
    await createUser(w, { teamId: team.id, username: 'aid', displayName: '扎西顿珠', password: 'chayi-demo-2026', roles: ['aid_worker'] })
    if (opts.leader) await createUser(w, { teamId: team.id, username: 'lead', displayName: '王队长', password: 'chayi-demo-2026', roles: ['leader'] })
    for (const p of demoPartners.slice(0, opts.partners)) await createPartner(w, deps.cipher, p)
    return { status: 201, body: null }
  })
  return team
}
