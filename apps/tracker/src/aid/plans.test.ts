import { describe, expect, it } from 'vitest'
import type { AidHomeCheck, AidMeasureStatusChange, AidMonitoringDecisionInput, NewAidDelivery, NewAidMeasure, NewAidNeed } from '@chayi/domain'
import { trackerTest, until } from '../test-kit'
import { exitCheckOf, MOCK_PARTNER } from '../mocks/aid'
import * as cache from './cache'
import { deliveryBody, deliveryProblems } from './delivery'

const kit = trackerTest()
/** A 1×1 PNG, as the signature pad and the photo downscaler would give (happy-dom draws nothing). */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

async function openHousehold(n = 0) {
  const h = kit.world().households[n]!
  await kit.go(`/households/${h.detail.id}`, '[data-test="plan"]')
  return h
}

describe('the household plan (一户一策)', () => {
  it('adds a measure and moves one on offline; both go once when the network is back', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const h = await openHousehold(0)
    await until(() => expect(kit.$$('[data-test="measure"]').length).toBe(2))
    const [inProgress] = kit.world().measures.filter((m) => m.householdId === h.detail.id)
    await kit.setOnline(false)

    await kit.press('[data-test="measure-add"]')
    await kit.type('[data-test="measure-content"]', '安排户主到合作社务工')
    await kit.type('[data-test="measure-amount"]', '1200.5')
    await kit.press('[data-test="measure-save"]')
    await until(() => expect(kit.$('[data-test="measure-queued"]')).not.toBeNull())
    await kit.press('[data-test="measure"] [data-test="measure-move-done"]')
    await until(() => expect(kit.$('[data-test="measure"]')!.dataset.status).toBe('done'))

    const queued = await kit.queued()
    expect(queued.map((r) => [r.method, r.path])).toEqual([
      ['POST', `/api/v1/aid/households/${h.detail.id}/measures`],
      ['POST', `/api/v1/aid/measures/${inProgress!.id}/status`],
    ])
    expect(queued[0]!.body as NewAidMeasure).toEqual({ kind: 'employment', content: '安排户主到合作社务工', amountFen: 120_050 })
    expect(queued[1]!.body as AidMeasureStatusChange).toEqual({ status: 'done' })
    expect(kit.sent).toEqual([])

    await kit.setOnline(true)
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.map((s) => [s.path, s.key])).toEqual([
      [`/api/v1/aid/households/${h.detail.id}/measures`, queued[0]!.id],
      [`/api/v1/aid/measures/${inProgress!.id}/status`, queued[1]!.id],
    ])
    const server = kit.world().measures.filter((m) => m.householdId === h.detail.id)
    expect(server.map((m) => [m.content, m.status])).toContainEqual(['安排户主到合作社务工', 'planned'])
    expect(server.find((m) => m.id === inProgress!.id)!.status).toBe('done')
    await until(() => expect(kit.$$('[data-test="measure"]').length).toBe(3))
  })

  it('asks a reason before cancelling a measure', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    await openHousehold(0)
    await until(() => expect(kit.$$('[data-test="measure"]').length).toBe(2))
    await kit.press('[data-test="measure"] [data-test="measure-move-cancelled"]')
    expect(await kit.queued()).toEqual([])
    await kit.type('[data-test="measure-cancel-reason"]', '户主已外出务工')
    await kit.press('[data-test="measure-cancel-submit"]')
    await until(async () => expect(kit.sent.map((s) => s.body)).toEqual([{ status: 'cancelled', reason: '户主已外出务工' }]))
  })
})

describe('needs', () => {
  it('posts a need with no network, shows it waiting, then sends it once', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const h = await openHousehold(0)
    await until(() => expect(kit.$$('[data-test="need"]').length).toBe(2))
    const pledged = kit.$$('[data-test="need"]').find((n) => n.dataset.status === 'pledged')!
    expect(pledged.textContent).toContain(MOCK_PARTNER.name)
    expect(pledged.querySelector('[data-test="need-deliver"]')).not.toBeNull()

    await kit.setOnline(false)
    await kit.press('[data-test="need-post"]')
    await kit.type('[data-test="need-description"]', '孙女上学需要冬季校服')
    await kit.type('[data-test="need-estimated"]', '300')
    await kit.press('[data-test="need-submit"]')
    await until(() => expect(kit.$('[data-test="need-queued"]')?.textContent).toContain('孙女上学需要冬季校服'))
    const [rec] = await kit.queued()
    expect(rec!.path).toBe(`/api/v1/aid/households/${h.detail.id}/needs`)
    expect(rec!.body as NewAidNeed).toEqual({ kind: 'school_aid', description: '孙女上学需要冬季校服', estimatedFen: 30_000 })

    await kit.setOnline(true)
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.filter((s) => s.path.endsWith('/needs'))).toHaveLength(1)
    expect(kit.world().needs.map((n) => n.need.description)).toContain('孙女上学需要冬季校服')
    await until(() => expect(kit.$$('[data-test="need"]').length).toBe(3))
  })
})

describe('recording a delivery', () => {
  it('keeps the delivery as a versioned draft through a reload offline, then sends it once under its own id', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const h = kit.world().households[0]!
    const need = kit.world().needs.find((n) => n.need.householdId === h.detail.id && n.pledges.length)!
    await kit.go(`/needs/${need.need.id}/delivery`, '[data-test="delivery-form"]')
    // Prefilled from the pledge, the income credit from the need's kind (jobs → wages).
    expect(kit.$<HTMLInputElement>('[data-test="delivery-what"]')!.value).toBe(need.pledges[0]!.what)
    expect(kit.$<HTMLInputElement>('[data-test="delivery-value"]')!.value).toBe('3000')
    expect(kit.$('[data-test="delivery-credit-wagesFen"]')!.getAttribute('aria-checked')).toBe('true')
    expect(kit.$('[data-test="signature-pad"]')).not.toBeNull()

    await kit.setOnline(false)
    await kit.type('[data-test="delivery-confirmed-by"]', 'སྒྲོལ་མ་')
    await kit.type('[data-test="delivery-credit-amount"]', '3000')
    await until(async () => expect((await cache.readDeliveryDraft(need.need.id))?.confirmedBy).toBe('སྒྲོལ་མ་'))
    let draft = (await cache.readDeliveryDraft(need.need.id))!
    expect(draft).toMatchObject({ v: 1, needId: need.need.id, householdId: h.detail.id, pledgeId: need.pledges[0]!.id, partnerId: MOCK_PARTNER.id, method: 'signature', signature: null })
    expect(deliveryProblems(draft)).toEqual(['photos', 'signature'])
    // The photo and the signature as the canvas would make them (happy-dom has no canvas).
    await cache.writeDeliveryDraft({ ...draft, photos: [PNG], signature: PNG, updatedAt: new Date().toISOString() })

    await kit.start(`/needs/${need.need.id}/delivery`, { fresh: false }) // a reload, still offline
    await until(() => expect(kit.$<HTMLInputElement>('[data-test="delivery-confirmed-by"]')?.value).toBe('སྒྲོལ་མ་'))
    expect(kit.$('[data-test="signature-pad"]')!.dataset.signed).toBe('true')
    expect(kit.$$('[data-test="delivery-photos"] img')).toHaveLength(1)
    await kit.press('[data-test="delivery-save"]')
    await until(() => expect(kit.app.router.currentRoute.value.name).toBe('household'))
    await until(() => expect(kit.$('[data-test="delivery-queued"]')).not.toBeNull())

    draft = { ...draft, photos: [PNG], signature: PNG, credit: { component: 'wagesFen', amount: '3000' } }
    const queued = await kit.queued()
    expect(queued.map((r) => [r.method, r.path, r.id])).toEqual([['POST', `/api/v1/aid/needs/${need.need.id}/deliveries`, draft.id]])
    const body = queued[0]!.body as NewAidDelivery
    expect(body).toEqual(deliveryBody(draft))
    expect(body).toMatchObject({
      id: draft.id,
      pledgeId: need.pledges[0]!.id,
      partnerId: MOCK_PARTNER.id,
      valueFen: 300_000,
      photos: [PNG],
      confirmation: { confirmedBy: 'སྒྲོལ་མ་', method: 'signature', signature: PNG },
      incomeCredit: { component: 'wagesFen', amountFen: 300_000 },
    })
    expect(await cache.readDeliveryDraft(need.need.id)).toBeNull()

    await kit.setOnline(true)
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.filter((s) => s.path.endsWith('/deliveries')).map((s) => s.key)).toEqual([draft.id])
    expect(need.deliveries.map((d) => d.id)).toEqual([draft.id])

    // A resend of the same delivery (another key, same id) answers the stored one: nothing twice.
    await kit.app.context.outbox!.enqueue({ method: 'POST', path: `/api/v1/aid/needs/${need.need.id}/deliveries`, body })
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.filter((s) => s.path.endsWith('/deliveries'))).toHaveLength(2)
    expect(need.deliveries).toHaveLength(1)
  })

  it('a verbal confirmation carries no image; a need without a pledge has nothing to deliver', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const h = kit.world().households[0]!
    const open = kit.world().needs.find((n) => n.need.householdId === h.detail.id && !n.pledges.length)!
    await kit.go(`/needs/${open.need.id}/delivery`, '[data-test="delivery-no-pledge"]')
    const need = kit.world().needs.find((n) => n.need.householdId === h.detail.id && n.pledges.length)!
    await kit.go(`/needs/${need.need.id}/delivery`, '[data-test="delivery-form"]')
    await kit.press('[data-test="delivery-method-verbal"]')
    await until(async () => expect((await cache.readDeliveryDraft(need.need.id))?.method).toBe('verbal'))
    const draft = (await cache.readDeliveryDraft(need.need.id))!
    expect(deliveryProblems({ ...draft, photos: [PNG], confirmedBy: '卓玛' })).toEqual([])
    expect(deliveryBody({ ...draft, photos: [PNG], confirmedBy: '卓玛', signature: PNG }).confirmation).toEqual({ confirmedBy: '卓玛', method: 'verbal' })
  })
})

describe('a delivered need', () => {
  it('offers 登记送达 only while a delivery is still to record: not while one waits to go, nor once delivered (it shows the delivery)', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const h = await openHousehold(0)
    const need = kit.world().needs.find((n) => n.need.householdId === h.detail.id && n.pledges.length)!
    const row = () => kit.$$('[data-test="need"]').find((el) => el.querySelector('[data-test="need-pledges"]'))!
    await until(() => expect(row().dataset.status).toBe('pledged'))
    expect(row().querySelector('[data-test="need-deliver"]')!.textContent).toContain('登记送达')

    // Recorded offline: waiting in the outbox, it is not offered a second time.
    await kit.setOnline(false)
    const body: NewAidDelivery = {
      id: '01930000-0000-7000-8a1d-00000000d001',
      pledgeId: need.pledges[0]!.id,
      partnerId: MOCK_PARTNER.id,
      what: need.pledges[0]!.what,
      valueFen: 300_000,
      deliveredOn: '2026-03-02',
      photos: [PNG],
      confirmation: { confirmedBy: '卓玛', method: 'verbal' },
    }
    await kit.app.context.outbox!.enqueue({ method: 'POST', path: `/api/v1/aid/needs/${need.need.id}/deliveries`, body, id: body.id })
    await until(() => expect(row().querySelector('[data-test="delivery-queued"]')).not.toBeNull())
    expect(row().querySelector('[data-test="need-deliver"]')).toBeNull()

    // Sent: the need is delivered and shows its delivery, with nothing more to record.
    await kit.setOnline(true)
    await until(async () => expect(await kit.queued()).toEqual([]))
    await until(() => expect(row().dataset.status).toBe('delivered'))
    expect(row().querySelector('[data-test="need-deliver"]')).toBeNull()
    expect(row().querySelector('[data-test="delivery"]')!.textContent).toContain('卓玛')
    expect(kit.$$('[data-test="need-deliver"]')).toEqual([])

    // Opened by its address (an old link): no new draft, the delivery instead of a form.
    await kit.go(`/needs/${need.need.id}/delivery`, '[data-test="delivery-already"]')
    expect(kit.$('[data-test="delivery-form"]')).toBeNull()
    expect(kit.$('[data-test="delivery-already"]')!.textContent).toContain('已经送达')
    expect(kit.$('[data-test="delivery"]')!.textContent).toContain('卓玛')
    expect(await cache.readDeliveryDraft(need.need.id)).toBeNull()
  })
})

describe('exit', () => {
  it('shows the rule check with its reasons, and proposes an eligible household', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const checks = kit.world().households.map((h) => exitCheckOf(h, kit.world().cases))
    const notIdx = checks.findIndex((c) => !c.eligible)
    await openHousehold(notIdx)
    await until(() => expect(kit.$('[data-test="exit-verdict"]')).not.toBeNull())
    expect(kit.$('[data-test="exit-verdict"]')!.dataset.eligible).toBe('false')
    expect(kit.$$('[data-test="exit-reasons"] li').map((li) => li.dataset.reason)).toEqual(checks[notIdx]!.reasons)
    expect(kit.$('[data-test="exit-propose"]')).toBeNull()

    const okIdx = kit.world().households.findIndex((h, i) => checks[i]!.eligible && h.detail.status === 'assisted' && h.detail.assignedWorkerId === kit.world().households[0]!.detail.assignedWorkerId)
    expect(okIdx).toBeGreaterThanOrEqual(0)
    const h = await openHousehold(okIdx)
    await until(() => expect(kit.$('[data-test="exit-verdict"]')?.dataset.eligible).toBe('true'))
    expect(kit.$('[data-test="exit-stable-since"]')!.textContent).not.toBe('—')
    await kit.press('[data-test="exit-propose"]')
    await kit.type('[data-test="exit-reason"]', '收入连续稳定高于监测线，两不愁三保障均已落实')
    await kit.press('[data-test="exit-submit"]')
    await until(() => expect(kit.$('[data-test="household-status"]')!.textContent).toContain('拟退出'))
    expect(kit.sent.map((s) => [s.path, s.body])).toEqual([[`/api/v1/aid/households/${h.detail.id}/exit-proposal`, { reason: '收入连续稳定高于监测线，两不愁三保障均已落实' }]])
    expect(kit.$('[data-test="exit-current"]')).not.toBeNull()
  })

  it('names the reasons when the server finds the rule unmet (422 exit_rule_unmet)', async () => {
    await kit.start('/households')
    await until(() => expect(kit.$$('.tk-hh__kept').length).toBe(4))
    const okIdx = kit.world().households.findIndex((h) => exitCheckOf(h, kit.world().cases).eligible && h.detail.status === 'assisted' && h.detail.canReveal)
    const h = await openHousehold(okIdx)
    await until(() => expect(kit.$('[data-test="exit-verdict"]')?.dataset.eligible).toBe('true'))
    // Meanwhile another visit found the water unsafe: the phone's copy is out of date.
    const last = [...h.visits].sort((a, b) => (a.visitedAt < b.visitedAt ? 1 : -1))[0]!
    h.visits.push({ ...last, id: '01930000-0000-7000-8a1d-00000000ffff', visitedAt: new Date().toISOString(), checklist: { ...last.checklist, water: false } })
    await kit.press('[data-test="exit-propose"]')
    await kit.type('[data-test="exit-reason"]', '收入稳定')
    await kit.press('[data-test="exit-submit"]')
    await until(() => expect(kit.$('[data-test="exit-form"]')!.textContent).toContain('饮水安全有保障'))
    expect(kit.$('[data-test="exit-form"]')!.textContent).toContain('服务器核对后不符合退出条件')
    expect(h.detail.status).toBe('assisted')
  })
})

describe('a monitoring case', () => {
  it('opens from home, marks the overdue deadline, and records the home check then the decision offline, sent once in order', async () => {
    await kit.start('/')
    await until(() => expect(kit.$$('[data-test="home-case"]').length).toBe(2))
    const kase = kit.world().cases.find((c) => c.overdue)!
    await kit.press('[data-test="home-case"][data-overdue="true"] [data-test="home-case-open"]')
    await until(() => expect(kit.$('[data-test="case-facts"]')).not.toBeNull())
    expect(kit.app.router.currentRoute.value.fullPath).toBe(`/cases/${kase.id}`)
    expect(kit.$('[data-test="case-household"]')!.textContent).toBe(kase.householdCode)
    expect(kit.$('[data-test="case-home-check-due"]')!.dataset.overdue).toBe('true')
    expect(kit.$('[data-test="case-home-check-due"]')!.textContent).toContain('已逾期')
    expect(kit.$('[data-test="decision-check-first"]')).not.toBeNull()

    await kit.setOnline(false)
    for (const item of ['food', 'clothing', 'schooling', 'medical']) await kit.press(`[data-test="finding-${item}"]`)
    await kit.type('[data-test="home-check-note"]', '房屋受灾，已搬入亲戚家暂住')
    await kit.press('[data-test="home-check-save"]')
    await until(() => expect(kit.$('[data-test="decision-form"]')).not.toBeNull())
    await kit.press('[data-test="decision-assist"]')
    await kit.type('[data-test="decision-note"]', '纳入帮扶，申请危房改造')
    await kit.press('[data-test="decision-save"]')

    const queued = await kit.queued()
    expect(queued.map((r) => r.path)).toEqual([`/api/v1/aid/monitoring-cases/${kase.id}/home-check`, `/api/v1/aid/monitoring-cases/${kase.id}/decision`])
    expect(queued[0]!.body as AidHomeCheck).toEqual({ note: '房屋受灾，已搬入亲戚家暂住', findings: { food: true, clothing: true, schooling: true, medical: true, housing: false, water: false } })
    expect(queued[1]!.body as AidMonitoringDecisionInput).toEqual({ decision: 'assist', note: '纳入帮扶，申请危房改造' })

    await kit.setOnline(true)
    await until(async () => expect(await kit.queued()).toEqual([]))
    expect(kit.sent.map((s) => [s.path, s.key])).toEqual(queued.map((r) => [r.path, r.id]))
    const server = kit.world().cases.find((c) => c.id === kase.id)!
    expect(server).toMatchObject({ decision: 'assist', homeCheckFindings: { housing: false, food: true }, overdue: false })
  })
})
