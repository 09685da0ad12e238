import { describe, expect, it } from 'vitest'
import { trackerTest, until } from '../test-kit'
import { editBySomeoneElse } from '../mocks/aid'

const kit = trackerTest()

describe('the home screen', () => {
  it('shows the worker’s households and the open monitoring cases, overdue ones marked first', async () => {
    await kit.start('/')
    await until(() => expect(kit.$$('[data-test="home-household"]').length).toBe(4))
    expect(kit.$('[data-test="home-household"]')!.textContent).toContain('DW-0001')
    await until(() => expect(kit.$$('[data-test="home-case"]').length).toBe(2))
    const [first, second] = kit.$$('[data-test="home-case"]')
    expect(first!.dataset.overdue).toBe('true')
    expect(first!.textContent).toContain('DW-0004')
    expect(first!.textContent).toContain('已逾期')
    expect(second!.dataset.overdue).toBe('false')
  })

  it('counts what waits to be sent and leads to a conflict waiting', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    await kit.setOnline(false)
    const h = kit.world().households[0]!
    await kit.go(`/households/${h.detail.id}/visit`, '[data-test="visit-form"]')
    await kit.press('[data-test="change-safeWater-no"]')
    await kit.press('[data-test="visit-save"]')
    await until(() => expect(kit.app.router.currentRoute.value.name).toBe('household'))
    await kit.go('/', '[data-test="sync-unsent"]')
    expect(kit.$('[data-test="sync-network"]')!.dataset.online).toBe('false')
    await until(() => expect(kit.$('[data-test="sync-unsent"]')!.dataset.count).toBe('2'))

    editBySomeoneElse(kit.world(), h.detail.id, { safeWater: true, electricity: false })
    await kit.setOnline(true)
    await until(() => expect(kit.$('[data-test="sync-conflicts"]')?.dataset.count).toBe('1'))
    expect(kit.$('[data-test="sync-conflicts"]')!.textContent).toContain('1 处修改冲突待处理')
    await kit.press('[data-test="sync-conflict-open"]')
    await until(() => expect(kit.$('[data-test="conflict-field-safeWater"]')).not.toBeNull())
  })
})
