import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AidHouseholdPatch, NewAidVisit } from '@chayi/domain'
import { trackerTest, until } from '../test-kit'
import * as cache from './cache'

const kit = trackerTest()

async function openVisit(n = 0) {
  const h = kit.world().households[n]!
  await kit.go(`/households/${h.detail.id}`, '[data-test="visit-start"]')
  await kit.press('[data-test="visit-start"]')
  await until(() => expect(kit.$('[data-test="visit-form"]')).not.toBeNull())
  return h
}

describe('field visits', () => {
  it('keeps the draft on the phone as the worker types, through a reload with no network', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const h = await openVisit(1)
    await kit.type('[data-test="visit-notes"]', '屋顶漏雨，需要危房改造')
    await kit.press('[data-test="checklist-food"]')
    await kit.press('[data-test="income-start"]')
    await kit.type('[data-test="income-wages"]', '1200')
    await until(async () => expect((await cache.readDraft(h.detail.id))?.notes).toBe('屋顶漏雨，需要危房改造'))

    await kit.setOnline(false)
    await kit.start(`/households/${h.detail.id}/visit`, { fresh: false })
    await until(() => expect(kit.$<HTMLTextAreaElement>('[data-test="visit-notes"]')?.value).toBe('屋顶漏雨，需要危房改造'))
    expect(kit.$('[data-test="checklist-food"]')!.getAttribute('aria-pressed')).toBe('true')
    expect(kit.$<HTMLInputElement>('[data-test="income-wages"]')!.value).toBe('1200')
    const draft = (await cache.readDraft(h.detail.id))!
    expect(draft).toMatchObject({ v: 1, householdId: h.detail.id, baseVersion: 3 })
    expect(kit.text()).toContain('草稿已保存在本机')
  })

  afterEach(() => vi.useRealTimers())
  /** Only the clock's date moves: timers, IndexedDB and the network mocks run as usual. */
  const visitOn = (iso: string) => vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) })

  it('shows the net and per-capita income live against the line of the visit\'s year', async () => {
    visitOn('2026-06-01T04:00:00.000Z')
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    await openVisit(1) // 2 people; last figures are 2025's, the visit is in 2026: line ¥7,800 (dibao ¥6,000)
    await kit.press('[data-test="income-start"]')
    expect(kit.text()).toContain('2026 年监测线 ¥7,800，低保标准 ¥6,000')
    expect(kit.$<HTMLInputElement>('[data-test="income-transfers"]')!.value).toBe('9500')
    // 0 + 3800 + 0 + 9500 − 1300 = 12000 → 6000 per person: under the monitoring line, above dibao.
    expect(kit.$('[data-test="income-net"]')!.textContent).toBe('¥12,000')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).toContain('¥6,000')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).toContain('低于监测线')
    await kit.type('[data-test="income-wages"]', '4000.5')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).toContain('¥8,000.25')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).toContain('高于监测线')
    await kit.type('[data-test="income-memberCount"]', '3')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).toContain('¥5,333.5')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).toContain('低于低保标准')
  })

  it('compares with nothing when the team set no line for the visit\'s year (never an older year\'s)', async () => {
    visitOn('2027-02-01T04:00:00.000Z')
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    await openVisit(1)
    await kit.press('[data-test="income-start"]')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).toContain('¥6,000')
    expect(kit.$('[data-test="income-per-capita"]')!.className).toBe('')
    expect(kit.$('[data-test="income-per-capita"]')!.textContent).not.toContain('监测线')
    expect(kit.text()).toContain('2027 年尚未设定监测线')
  })

  it('puts the household change (on the version seen) and the visit into the outbox; offline, then sent once each', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    await kit.setOnline(false)
    const h = await openVisit(1)
    await kit.type('[data-test="visit-notes"]', '新房已建好，搬入')
    for (const item of ['food', 'clothing', 'schooling', 'medical', 'housing', 'water']) await kit.press(`[data-test="checklist-${item}"]`)
    await kit.press('[data-test="change-housingSafe-yes"]')
    await kit.type('[data-test="change-housingAreaM2"]', '92.5')
    await kit.press('[data-test="income-start"]')
    await kit.type('[data-test="income-business"]', '4000')
    await kit.press('[data-test="visit-save"]')
    await until(() => expect(kit.app.router.currentRoute.value.name).toBe('household'))

    const queued = await kit.queued()
    expect(queued.map((r) => [r.method, r.path])).toEqual([
      ['PATCH', `/api/v1/aid/households/${h.detail.id}`],
      ['POST', '/api/v1/aid/visits'],
    ])
    expect(queued[0]!.body as AidHouseholdPatch).toEqual({ baseVersion: 3, housingSafe: true, housingAreaM2: '92.5' })
    const visit = queued[1]!.body as NewAidVisit
    expect(visit).toMatchObject({ householdId: h.detail.id, notes: '新房已建好，搬入', checklist: { food: true, water: true }, income: { businessFen: 400_000, transfersFen: 950_000, costsFen: 130_000 } })
    expect(queued[1]!.id).toBe(visit.id) // the draft's id is the visit's id and its Idempotency-Key
    expect(await cache.readDraft(h.detail.id)).toBeNull()
    // The household shows the queued change and the visit waiting.
    await until(() => expect(kit.$('[data-test="visit-queued"]')).not.toBeNull())
    expect(kit.$('[data-test="household-facts"] [data-field="housingSafe"]')!.textContent).toBe('是')
    expect(kit.sent).toEqual([])

    await kit.setOnline(true)
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.map((s) => [s.method, s.path, s.key])).toEqual([
      ['PATCH', `/api/v1/aid/households/${h.detail.id}`, queued[0]!.id],
      ['POST', '/api/v1/aid/visits', visit.id],
    ])
    const server = kit.world().households[1]!
    expect(server.detail).toMatchObject({ housingSafe: true, housingAreaM2: '92.5', version: 4 })
    expect(server.visits.map((v) => v.id)).toEqual([visit.id])
  })

  it('sends two households’ visits recorded offline, after a reload, exactly once', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    await kit.setOnline(false)
    for (const n of [0, 2]) {
      await openVisit(n)
      await kit.type('[data-test="visit-notes"]', `visit ${n}`)
      await kit.press('[data-test="visit-save"]')
      await until(() => expect(kit.app.router.currentRoute.value.name).toBe('household'))
    }
    await kit.start('/', { fresh: false }) // reload, still offline
    await until(async () => expect((await kit.queued()).length).toBe(2))
    await kit.setOnline(true)
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.filter((s) => s.path === '/api/v1/aid/visits')).toHaveLength(2)
    expect(kit.world().households[0]!.visits.map((v) => v.notes)).toContain('visit 0')
    expect(kit.world().households[2]!.visits.map((v) => v.notes)).toEqual(['visit 2'])
  })
})
