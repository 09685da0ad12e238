import { describe, expect, it } from 'vitest'
import { trackerTest, until } from '../test-kit'
import { editBySomeoneElse } from '../mocks/aid'

const kit = trackerTest()

/** The worker changes three fields at a visit, offline; meanwhile another worker changes two of them on the server. */
async function conflictingEdit() {
  await kit.start('/households')
  await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
  await kit.setOnline(false)
  const h = kit.world().households[1]!
  await kit.go(`/households/${h.detail.id}`, '[data-test="visit-start"]')
  await kit.press('[data-test="visit-start"]')
  await until(() => expect(kit.$('[data-test="visit-form"]')).not.toBeNull())
  await kit.press('[data-test="change-housingSafe-yes"]') // was false
  await kit.press('[data-test="change-electricity-no"]') // was true
  await kit.type('[data-test="change-housingAreaM2"]', '90')
  await kit.press('[data-test="visit-save"]')
  await until(() => expect(kit.app.router.currentRoute.value.name).toBe('household'))
  // Someone else, on the server: housing judged still unsafe after an inspection, a new area measured, electricity untouched.
  editBySomeoneElse(kit.world(), h.detail.id, { housingSafe: false, housingAreaM2: '88', safeWater: false })
  await kit.setOnline(true)
  await until(async () => expect((await kit.queued()).map((r) => r.status)).toEqual(['failed', 'pending']))
  return h
}

describe('the conflict screen', () => {
  it('keeps the refused change and shows both versions of each differing field', async () => {
    const h = await conflictingEdit()
    const [refused] = await kit.queued()
    expect(refused!.lastError).toMatchObject({ status: 409, code: 'version_conflict' })
    // The visit waits behind it: nothing is sent out of order or dropped.
    expect(kit.world().households[1]!.visits).toEqual([])

    await until(() => expect(kit.$('[data-test="household-conflict"]')).not.toBeNull())
    await kit.press('[data-test="household-conflict"] a, [data-test="household-conflict"] button')
    await until(() => expect(kit.$('[data-test="conflict-field-housingSafe"]')).not.toBeNull())
    expect(kit.app.router.currentRoute.value.path).toBe(`/conflicts/${refused!.id}`)
    expect(kit.$('[data-test="conflict-household"]')!.textContent).toContain('ཚེ་རིང་དབང་མོ་')
    // Every field where the worker's value and the server's differ is shown with both.
    const pair = (f: string) => [kit.$(`[data-test="conflict-field-${f}"] [data-test="conflict-mine-value"]`)!.textContent, kit.$(`[data-test="conflict-field-${f}"] [data-test="conflict-theirs-value"]`)!.textContent]
    expect(pair('housingSafe')).toEqual(['是', '否'])
    expect(pair('housingAreaM2')).toEqual(['90', '88'])
    expect(pair('electricity')).toEqual(['否', '是'])
    // Only the worker changed these two (the server still has what they saw): theirs is preselected, with a note.
    expect(kit.$('[data-test="conflict-housingSafe-mine"]')!.getAttribute('aria-checked')).toBe('true')
    expect(kit.$('[data-test="conflict-electricity-mine"]')!.getAttribute('aria-checked')).toBe('true')
    expect(kit.$$('[data-test="conflict-only-mine"]')).toHaveLength(2)
    // The area both changed: nothing chosen for it yet, so nothing can be sent.
    expect(kit.$('[data-test="conflict-field-housingAreaM2"] [data-test="conflict-only-mine"]')).toBeNull()
    expect(kit.$('[data-test="conflict-housingAreaM2-mine"]')!.getAttribute('aria-checked')).toBe('false')
    expect(kit.$<HTMLButtonElement>('[data-test="conflict-send"]')!.disabled).toBe(true)
    expect(h.detail.id).toBeTruthy()
  })

  it('sends only the chosen own values on the server’s version, then the visit goes', async () => {
    const h = await conflictingEdit()
    const [refused] = await kit.queued()
    await kit.go(`/conflicts/${refused!.id}`, '[data-test="conflict-field-housingSafe"]')
    kit.sent.length = 0
    await kit.press('[data-test="conflict-housingSafe-mine"]')
    await kit.press('[data-test="conflict-housingAreaM2-theirs"]')
    await kit.press('[data-test="conflict-electricity-mine"]')
    await kit.press('[data-test="conflict-send"]')
    await until(async () => expect(await kit.queued()).toEqual([]))
    const patch = kit.sent.find((s) => s.method === 'PATCH')!
    expect(patch.body).toEqual({ baseVersion: 4, housingSafe: true, electricity: false })
    expect(patch.key).not.toBe(refused!.id)
    expect(kit.world().households[1]!.detail).toMatchObject({ housingSafe: true, electricity: false, housingAreaM2: '88', safeWater: false, version: 5 })
    expect(kit.world().households[1]!.visits).toHaveLength(1)
    expect(kit.app.router.currentRoute.value.path).toBe(`/households/${h.detail.id}`)
  })

  it('keeping all of the server’s values sends nothing and lets the queue go on', async () => {
    await conflictingEdit()
    const [refused] = await kit.queued()
    await kit.go(`/conflicts/${refused!.id}`, '[data-test="conflict-field-housingSafe"]')
    kit.sent.length = 0
    for (const f of ['housingSafe', 'housingAreaM2', 'electricity']) await kit.press(`[data-test="conflict-${f}-theirs"]`)
    expect(kit.$('[data-test="conflict-send"]')!.textContent).toContain('全部用服务器上的')
    await kit.press('[data-test="conflict-send"]')
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.map((s) => s.method)).toEqual(['POST'])
    expect(kit.world().households[1]!.detail).toMatchObject({ housingSafe: false, electricity: true, housingAreaM2: '88', version: 4 })
  })
})

describe('the outbox panel in the top bar', () => {
  it('sends a conflicting change to the conflict screen and offers no way to give it up there', async () => {
    await conflictingEdit()
    const [refused] = await kit.queued()
    await until(() => expect(kit.$('.shell-outbox')?.textContent).toContain('1 条发送失败'))
    await kit.press('.shell-outbox')
    await until(() => expect(kit.$(`dialog [data-record="${refused!.id}"]`)).not.toBeNull())
    const entry = kit.$(`dialog [data-record="${refused!.id}"]`)!
    const actions = [...entry.querySelectorAll('.shell-outbox__actions a, .shell-outbox__actions button')].map((b) => b.textContent?.trim())
    expect(actions).toEqual(['去处理'])
    expect(kit.$('dialog')!.textContent).not.toContain('放弃这条')
    expect(entry.textContent).toContain('请到冲突页面对照两个版本')
    // Named in the worker's words, not as a request path.
    expect(entry.textContent).toContain('帮扶户资料修改（与他人修改冲突）')
    expect(entry.textContent).not.toContain('/api/v1/')

    await kit.press(`dialog [data-record="${refused!.id}"] .shell-outbox__resolve`)
    await until(() => expect(kit.$('[data-test="conflict-field-housingSafe"]')).not.toBeNull())
    expect(kit.app.router.currentRoute.value.path).toBe(`/conflicts/${refused!.id}`)
    expect(kit.$('dialog')?.hasAttribute('open') ?? false).toBe(false)
    // Still there, both versions to compare: nothing was lost on the way.
    expect((await kit.queued()).map((r) => r.status)).toEqual(['failed', 'pending'])
  })
})
