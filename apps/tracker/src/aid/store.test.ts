import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { createTestingPinia } from '@pinia/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { bindShellContext, createShellContext, useSessionStore } from '@chayi/shell'
import { TEST_API, useMockApi } from '@chayi/shell/testing'
import { trackerApp } from '../app'
import { aidHandlers, aidOf, editBySomeoneElse } from '../mocks/aid'
import { setChange } from './drafts'
import { useAidStore } from './store'

// The aid store alone (§4.8): a testing pinia bound to a real shell context, the outbox over
// fake-indexeddb and the mock aid API (its bodies checked against the domain schemas).
const mock = useMockApi((state) => aidHandlers(state))
const net = { online: true }
let n = 0

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  mock.signInAs('aid')
  globalThis.indexedDB = new IDBFactory()
  net.online = true
})
afterEach(() => mock.server.resetHandlers())
afterAll(() => mock.server.close())

async function store() {
  const ctx = createShellContext({ ...trackerApp, apiBase: TEST_API }, { notify: () => undefined, outbox: { dbName: `tracker-store-${++n}`, persist: false, online: () => net.online, backoff: () => 60_000 } })
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
  bindShellContext(pinia, ctx)
  await useSessionStore(pinia).ready()
  return { ctx, aid: useAidStore(pinia) }
}

describe('useAidStore', () => {
  it('keeps the list and the assigned households, the worker’s first', async () => {
    const { aid } = await store()
    expect(await aid.refresh()).toBe(true)
    expect(aid.items.map((h) => h.code)).toEqual(['DW-0001', 'DW-0002', 'DW-0003', 'DW-0004', 'DW-0005', 'DW-0006'])
    expect(Object.keys(aid.households)).toHaveLength(4)
    expect(aid.households[aid.items[0]!.id]!.incomeYears).toHaveLength(4)
    net.online = false
    aidOf(mock.world.state).offline = true
    expect(await aid.refresh()).toBe(false)
    expect(aid.reachable).toBe(false)
    expect(aid.items).toHaveLength(6)
  })

  it('turns a draft into a PATCH on the version seen and a POST under the draft’s id', async () => {
    const { ctx, aid } = await store()
    await aid.refresh()
    const id = aid.items[1]!.id
    net.online = false
    let d = (await aid.draftFor(id))!
    d = setChange({ ...d, notes: '走访' }, 'safeWater', false)
    d.income = { wages: '100.5', business: '', property: '', transfers: '', costs: '20', memberCount: '' }
    expect(aid.draftNet(d)).toBe(8050)
    const { visitId, patchId } = await aid.saveVisit(d, new Date('2026-05-01T02:00:00Z'))
    const queued = await ctx.outbox!.list()
    expect(queued.map((r) => [r.id, r.method, r.path, r.body])).toEqual([
      [patchId, 'PATCH', `/api/v1/aid/households/${id}`, { baseVersion: 3, safeWater: false }],
      [visitId, 'POST', '/api/v1/aid/visits', expect.objectContaining({ id: d.id, visitedAt: '2026-05-01T02:00:00.000Z', notes: '走访', income: { wagesFen: 10050, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 2000 } })],
    ])
    // The kept copy shows the queued change, on the version it will make.
    expect(aid.visible(id)).toMatchObject({ safeWater: false, version: 4 })
    expect(aid.queuedVisits(id).map((v) => v.id)).toEqual([d.id])
  })

  it('resolves a conflict with only the kept values on the server’s version', async () => {
    const { ctx, aid } = await store()
    await aid.refresh()
    const id = aid.items[0]!.id
    let d = (await aid.draftFor(id))!
    d = setChange(setChange(d, 'safeWater', false), 'electricity', false)
    editBySomeoneElse(aidOf(mock.world.state), id, { safeWater: true, electricity: true, housingStructure: 'brick_wood' })
    editBySomeoneElse(aidOf(mock.world.state), id, { electricity: false })
    await aid.saveVisit(d)
    await ctx.outbox!.flush()
    expect(aid.conflicts).toHaveLength(1)
    const c = (await aid.conflict(aid.conflicts[0]!.recordId))!
    // electricity: both now say "no" — not asked. safeWater: only the worker changed it.
    expect(c).toMatchObject({ baseVersion: 3, currentVersion: 5, fields: [{ field: 'safeWater', mine: false, theirs: true, onlyMine: true }] })
    await aid.resolve(c, { safeWater: 'mine' })
    await ctx.outbox!.flush()
    expect(await ctx.outbox!.list()).toEqual([])
    expect(aidOf(mock.world.state).households[0]!.detail).toMatchObject({ safeWater: false, electricity: false, housingStructure: 'brick_wood', version: 6 })
  })
})
