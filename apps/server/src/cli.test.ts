import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS, type TestDatabase } from '@chayi/db/testing'
import { createRuntime } from './bootstrap.js'
import { runCli } from './cli.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js'
import { createServerApp } from './server.js'
import { captureIo, TEST_DATA_KEY, tempDir } from './test-helpers.js'

describe('chayi help and usage', () => {
  it('prints help with exit code 0', async () => {
    const io = captureIo()
    expect(await runCli(['help'], {}, io)).toBe(0)
    expect(io.text()).toMatch(/create-admin[\s\S]*verify/)
  })

  it('answers an unknown command or option with exit code 2', async () => {
    const io = captureIo()
    expect(await runCli(['frobnicate'], {}, io)).toBe(2)
    expect(io.stderr.join('\n')).toContain('unknown command "frobnicate"')
    expect(await runCli(['verify', '--colour'], {}, captureIo())).toBe(2)
  })

  it('does not create a database when asked to verify one that does not exist', async () => {
    const t = tempDir()
    const io = captureIo()
    expect(await runCli(['verify'], { DATABASE_URL: `file:${join(t.dir, 'typo.db')}` }, io)).toBe(1)
    expect(io.text()).toContain('no database at')
    t.remove()
  })
})

for (const dialect of DIALECTS) {
  describe(`chayi on ${dialect}`, () => {
    let t: TestDatabase
    let env: Record<string, string>
    const cli = async (...argv: string[]) => {
      const io = captureIo()
      const code = await runCli(argv, env, io)
      return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
    }
    const count = async (table: 'teams' | 'users' | 'ledgerEvents') =>
      Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
    const teamId = async (code: string) => (await t.db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

    beforeAll(async () => {
      t = await createTestDatabase(dialect, { migrate: false })
      env = { DATABASE_URL: t.url, CHAYI_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' }
    })
    afterAll(async () => {
      await t.drop()
    })

    it('migrate brings an empty database up to date, and a second run has nothing to do', async () => {
      const first = await cli('migrate')
      expect(first.code).toBe(0)
      expect(first.out).toContain('applied 2026_11_28_01_identity')
      expect(first.out).toContain('applied 2026_11_28_02_ledger')
      const second = await cli('migrate')
      expect(second.code).toBe(0)
      expect(second.out).toContain('up to date')
    })

    it('seed-demo loads the team and one account per role through the audit chain', async () => {
      const r = await cli('seed-demo')
      expect(r.code).toBe(0)
      expect(r.out).toContain('demo data loaded: team xingfu')
      const team = await t.db.selectFrom('teams').selectAll().executeTakeFirstOrThrow()
      expect(team).toMatchObject({ code: 'xingfu', name: '三圣街道幸福社区志愿服务队', community: '幸福社区', district: '成都市锦江区三圣街道' })
      const roles = await t.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id').select(['users.username', 'userRoles.role']).where('users.username', 'is not', null).orderBy('users.username').orderBy('userRoles.role').execute()
      // Each account's role; the demo leader also serves as a volunteer.
      const expected = [...DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role })), { username: 'leader', role: 'volunteer' }]
      expect(roles).toEqual(expected.sort((a, b) => a.username.localeCompare(b.username) || a.role.localeCompare(b.role)))
      // The team, then each account: one event apiece, all by `system`, chained from seq 1; then the
      // volunteers and their history, written as the demo leader.
      const events = await t.db.selectFrom('ledgerEvents').select(['seq', 'actor', 'kind']).where('teamId', '=', team.id).orderBy('seq').execute()
      expect(events.slice(0, 8).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
      expect(new Set(events.slice(0, 8).map((e) => e.actor))).toEqual(new Set(['system']))
      expect(events[0]!.kind).toBe('identity.team_created')
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
      expect(events.filter((e) => e.kind === 'volunteers.volunteer_registered').length).toBeGreaterThan(800)
      // The whole demo: 830 volunteers, a year of history, the register and the granary.
    }, 240_000)

    it('seeding twice changes nothing', async () => {
      const before = { users: await count('users'), events: await count('ledgerEvents') }
      const r = await cli('seed-demo')
      expect(r.code).toBe(0)
      expect(r.out).toContain('already has teams')
      expect(await count('teams')).toBe(1)
      expect(await count('users')).toBe(before.users)
      expect(await count('ledgerEvents')).toBe(before.events)
    })

    it('verify passes a whole chain and prints its head', async () => {
      const head = await t.db.selectFrom('chainHeads').select('hash').executeTakeFirstOrThrow()
      const r = await cli('verify')
      expect(r.code).toBe(0)
      const n = await count('ledgerEvents')
      expect(r.out).toBe(`xingfu: ok ${n} events, head ${head.hash}`)
      expect((await cli('verify', '--team', 'xingfu')).code).toBe(0)
      expect((await cli('verify', '--team', 'nowhere')).code).toBe(1)
    })

    it('verify finds a payload changed by hand in SQL and names its seq', async () => {
      const id = await teamId('xingfu')
      const original = (await t.db.selectFrom('ledgerEvents').select('payload').where('teamId', '=', id).where('seq', '=', 5).executeTakeFirstOrThrow()).payload
      const forged = original.replace(/"roles":\["[a-z_]+"\]/, '"roles":["admin"]')
      expect(forged).not.toBe(original)
      await sql`update ledger_events set payload = ${forged} where team_id = ${id} and seq = 5`.execute(t.db)

      const r = await cli('verify')
      expect(r.code).toBe(1)
      expect(r.out).toContain('xingfu: BROKEN at seq 5:')
      expect(r.err).toContain('1 of 1 chain(s) broken')

      await sql`update ledger_events set payload = ${original} where team_id = ${id} and seq = 5`.execute(t.db)
      expect((await cli('verify')).code).toBe(0)
    })

    it('verify catches the last event being deleted', async () => {
      const id = await teamId('xingfu')
      const last = await t.db.selectFrom('ledgerEvents').selectAll().where('teamId', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
      await sql`delete from ledger_events where team_id = ${id} and seq = ${last.seq}`.execute(t.db)

      const r = await cli('verify')
      expect(r.code).toBe(1)
      expect(r.out).toContain(`xingfu: BROKEN at seq ${last.seq}:`)

      await t.db.insertInto('ledgerEvents').values(last).execute()
      expect((await cli('verify')).code).toBe(0)
    })

    it('create-admin makes a new team and an administrator who can sign in through the API', async () => {
      const r = await cli('create-admin', '--team', 'heping', '--username', 'heping-admin', '--password', 'a long enough secret', '--name', '王和平', '--team-name', '和平社区志愿服务队', '--community', '和平社区', '--district', '成都市锦江区')
      expect(r.code, r.err).toBe(0)
      expect(r.out).toContain('created team heping')
      expect(r.out).toContain('created admin "heping-admin"')

      const rt = await createRuntime(env)
      try {
        const app = createServerApp(rt)
        const res = await app.request('/api/v1/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'heping-admin', password: 'a long enough secret' }),
        })
        expect(res.status).toBe(200)
        expect(res.headers.get('set-cookie')).toMatch(/chayi_session=/)
        const me = (await res.json()) as { user: { displayName: string; roles: string[] }; team: { code: string; district: string } }
        expect(me.user).toMatchObject({ displayName: '王和平', roles: ['admin'] })
        expect(me.team).toMatchObject({ code: 'heping', district: '成都市锦江区' })

        // The demo accounts sign in the same way.
        const demo = await app.request('/api/v1/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'volunteer', password: DEMO_PASSWORD }),
        })
        expect(demo.status).toBe(200)
      } finally {
        await rt.close()
      }

      // The new team has its own chain, recorded by `cli`, and it verifies.
      const events = await t.db.selectFrom('ledgerEvents').select(['seq', 'actor']).where('teamId', '=', await teamId('heping')).orderBy('seq').execute()
      expect(events).toEqual([
        { seq: 1, actor: 'cli' },
        { seq: 2, actor: 'cli' },
      ])
      const v = await cli('verify')
      expect(v.code).toBe(0)
      expect(v.out).toContain('heping: ok 2 events')
      expect(v.out).toMatch(/xingfu: ok \d{4,} events/)
    })

    it('create-admin adds to an existing team, with --role district_admin', async () => {
      const r = await cli('create-admin', '--team', 'xingfu', '--username', 'jinjiang', '--password', 'district secret 1', '--role', 'district_admin')
      expect(r.code, r.err).toBe(0)
      const user = await t.db.selectFrom('users').select(['id', 'teamId', 'displayName']).where('username', '=', 'jinjiang').executeTakeFirstOrThrow()
      expect(user.teamId).toBe(await teamId('xingfu'))
      expect(user.displayName).toBe('jinjiang')
      expect(await t.db.selectFrom('userRoles').select('role').where('userId', '=', user.id).execute()).toEqual([{ role: 'district_admin' }])
    })

    it('create-admin refuses bad input and leaves nothing behind', async () => {
      const users = await count('users')
      const teams = await count('teams')
      const events = await count('ledgerEvents')

      const short = await cli('create-admin', '--team', 'xingfu', '--username', 'shorty', '--password', 'short')
      expect(short.code).toBe(2)
      expect(short.err).toContain('--password')
      expect((await cli('create-admin', '--team', 'xingfu', '--username', 'demo-like', '--password', DEMO_PASSWORD)).code).toBe(2)
      expect((await cli('create-admin', '--team', 'xingfu', '--username', 'x', '--password', 'long enough pw')).code).toBe(2)
      expect((await cli('create-admin', '--team', 'xingfu', '--username', 'roley', '--password', 'long enough pw', '--role', 'volunteer')).code).toBe(2)

      const unknownTeam = await cli('create-admin', '--team', 'nowhere', '--username', 'someone', '--password', 'long enough pw')
      expect(unknownTeam.code).toBe(1)
      expect(unknownTeam.err).toContain('--team-name')

      // Taken username: the team this run would have created is rolled back with it.
      const taken = await cli('create-admin', '--team', 'newteam', '--username', 'admin', '--password', 'long enough pw', '--team-name', '新队', '--community', '新社区')
      expect(taken.code).toBe(1)
      expect(taken.err).toMatch(/already registered/)

      expect(await count('users')).toBe(users)
      expect(await count('teams')).toBe(teams)
      expect(await count('ledgerEvents')).toBe(events)
    })
  })
}
