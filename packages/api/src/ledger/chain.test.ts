import { afterAll, beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { transact } from '../write.js'
import { verifyTeamChain } from './chain.js'

describeEachDialect('audit chain', (ctx, dialect) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
  })
  afterAll(() => api.close())

  async function teamWithEvents(n: number) {
    const team = await api.makeTeam()
    for (let i = 0; i < n; i++) {
      await transact(api.deps, { teamId: team.id, actor: 'system' }, async (w) => {
        await w.record({ kind: 'test.thing_done', entity: 'thing', entityId: `thing-${i}`, payload: { i, note: '测试', amountFen: 500 * i } })
        return { status: 201, body: null }
      })
    }
    return team
  }

  it('appends events with consecutive seqs, each pointing at the previous hash', async () => {
    const team = await teamWithEvents(5)
    const rows = await api.deps.db.selectFrom('ledgerEvents').selectAll().where('teamId', '=', team.id).orderBy('seq').execute()
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6])
    expect(rows[0]!.kind).toBe('identity.team_created')
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash)
    expect(await verifyTeamChain(api.deps.db, team.id)).toMatchObject({ events: 6, problem: null })
    const head = await api.call('GET', `/api/v1/public/ledger/head?team=${team.code}`)
    expect(head.json).toEqual({ team: team.code, seq: 6, hash: rows[5]!.hash })
  })

  it('leaves nothing behind when the write fails after recording', async () => {
    const team = await teamWithEvents(1)
    await expect(
      transact(api.deps, { teamId: team.id, actor: 'system' }, async (w) => {
        await w.record({ kind: 'test.thing_done', entity: 'thing', entityId: 'doomed', payload: {} })
        throw new Error('rule broken')
      }),
    ).rejects.toThrow('rule broken')
    const r = await verifyTeamChain(api.deps.db, team.id)
    expect(r).toMatchObject({ events: 2, problem: null })
  })

  it('catches an edited payload at its seq', async () => {
    const team = await teamWithEvents(5)
    await sql`update ledger_events set payload = ${'{"amountFen":1,"i":2,"note":"测试"}'} where team_id = ${team.id} and seq = 4`.execute(api.deps.db)
    const r = await verifyTeamChain(api.deps.db, team.id)
    expect(r.problem).toMatchObject({ seq: 4, problem: 'hash_mismatch' })
  })

  it('catches an edited field outside the payload (the actor)', async () => {
    const team = await teamWithEvents(3)
    await sql`update ledger_events set actor = ${'user:someone-else'} where team_id = ${team.id} and seq = 2`.execute(api.deps.db)
    expect((await verifyTeamChain(api.deps.db, team.id)).problem).toMatchObject({ seq: 2, problem: 'hash_mismatch' })
  })

  it('catches a deleted event in the middle', async () => {
    const team = await teamWithEvents(5)
    await sql`delete from ledger_events where team_id = ${team.id} and seq = 3`.execute(api.deps.db)
    expect((await verifyTeamChain(api.deps.db, team.id)).problem).toMatchObject({ seq: 3, problem: 'gap' })
  })

  it('catches a deleted last event through the chain head', async () => {
    const team = await teamWithEvents(5)
    await sql`delete from ledger_events where team_id = ${team.id} and seq = 6`.execute(api.deps.db)
    expect((await verifyTeamChain(api.deps.db, team.id)).problem).toMatchObject({ problem: 'head_mismatch' })
  })

  it('catches two events swapped in order', async () => {
    const team = await teamWithEvents(5)
    await api.deps.db.transaction().execute(async (trx) => {
      await sql`update ledger_events set seq = -1 where team_id = ${team.id} and seq = 3`.execute(trx)
      await sql`update ledger_events set seq = 3 where team_id = ${team.id} and seq = 4`.execute(trx)
      await sql`update ledger_events set seq = 4 where team_id = ${team.id} and seq = -1`.execute(trx)
    })
    const p = (await verifyTeamChain(api.deps.db, team.id)).problem
    expect(p?.seq).toBe(3)
    expect(['prev_hash_mismatch', 'hash_mismatch']).toContain(p?.problem)
  })

  it(`keeps one unbroken chain under 50 concurrent writers [${dialect}]`, async () => {
    const team = await teamWithEvents(0)
    const writers = Array.from({ length: 50 }, (_, i) =>
      transact(api.deps, { teamId: team.id, actor: `user:writer-${i}` }, async (w) => {
        const e = await w.record({ kind: 'test.thing_done', entity: 'thing', entityId: `w${i}`, payload: { i } })
        return { status: 201, body: e.seq }
      }),
    )
    const results = await Promise.all(writers)
    const seqs = results.map((r) => r.body).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 2))
    expect(await verifyTeamChain(api.deps.db, team.id)).toMatchObject({ events: 51, problem: null })
  }, 60_000)

  it('keeps teams on separate chains', async () => {
    const a = await teamWithEvents(2)
    const b = await teamWithEvents(3)
    expect((await verifyTeamChain(api.deps.db, a.id)).events).toBe(3)
    expect((await verifyTeamChain(api.deps.db, b.id)).events).toBe(4)
  })

  it('tells subscribers about each committed event, and nothing about rolled-back ones', async () => {
    const team = await teamWithEvents(0)
    const got: unknown[] = []
    // The team's own creation event may still be on its way over NOTIFY; watch only the test's events.
    const off = api.deps.bus.subscribe(`ledger:${team.id}`, (m) => (m as { kind: string }).kind === 'test.thing_done' && got.push(m))
    await transact(api.deps, { teamId: team.id, actor: 'system' }, async (w) => {
      await w.record({ kind: 'test.thing_done', entity: 'thing', entityId: 'seen', payload: {} })
      return { status: 201, body: null }
    })
    await transact(api.deps, { teamId: team.id, actor: 'system' }, async (w) => {
      await w.record({ kind: 'test.thing_done', entity: 'thing', entityId: 'unseen', payload: {} })
      throw new Error('no')
    }).catch(() => undefined)
    await new Promise((r) => setTimeout(r, 200))
    off()
    expect(got).toEqual([expect.objectContaining({ seq: 2, kind: 'test.thing_done', entity: 'thing' })])
  })
})
