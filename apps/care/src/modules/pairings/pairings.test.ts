import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { addDays } from '@chayi/domain'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { chinaToday } from './dates'
import { MOCK_VOLUNTEERS, pairingsStoreOf } from './mocks'

let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const settle = async () => {
  await flushPromises()
  await vi.waitFor(() => undefined)
  await flushPromises()
}
const rowTexts = (w: VueWrapper) => w.findAll('.care-pairings tbody tr').map((tr) => tr.text())
const store = () => pairingsStoreOf(mock.world.state)

describe('the pairings list', () => {
  it('lists active pairings with frequency, last visit and next due, the overdue one first and marked', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/pairings')
    await settle()
    const rows = rowTexts(wrapper)
    expect(rows).toHaveLength(3)
    const today = chinaToday()
    // 王秀兰 visits 王德明 weekly; last visit 12 days ago → due 5 days ago.
    expect(rows[0]).toContain('王秀兰')
    expect(rows[0]).toContain('王德明')
    expect(rows[0]).toContain('每周')
    expect(rows[0]).toContain(addDays(today, -12))
    expect(rows[0]).toContain(addDays(today, -5))
    const overdue = wrapper.findAll('.care-pairings tbody tr')[0]!.find('.care-pairings__overdue')
    expect(overdue.exists()).toBe(true)
    expect(overdue.text()).toBe('逾期 5 天')
    expect(wrapper.findAll('.care-pairings__overdue')).toHaveLength(1)
    expect(rows.some((r) => r.includes('尚未探访'))).toBe(true)

    await wrapper.find('input[name="overdue"]').setValue(true)
    await settle()
    expect(rowTexts(wrapper)).toHaveLength(1)
    await wrapper.find('input[name="overdue"]').setValue(false)
    await wrapper.find('select[name="status"]').setValue('ended')
    await settle()
    expect(rowTexts(wrapper)).toHaveLength(1)
    expect(rowTexts(wrapper)[0]).toContain('已结束')
  })

  it('shows a leader masked elder names', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/pairings')
    await settle()
    const text = rowTexts(wrapper).join('\n')
    expect(text).toContain('王**')
    expect(text).not.toContain('王德明')
  })
})

describe('making and ending pairings', () => {
  it('pairs a volunteer with an empty-nest elder, refuses a duplicate beside the field, and ends a pairing', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/pairings')
    await settle()
    await wrapper.find('.care-pairings-new').trigger('click')
    await settle()
    const dialog = () => document.body.querySelector('#care-pairing-form')!.closest('dialog, [role="dialog"]') ?? document.body
    const volunteerSelect = document.body.querySelector<HTMLSelectElement>('select[name="volunteerId"]')!
    const elderSelect = document.body.querySelector<HTMLSelectElement>('select[name="beneficiaryId"]')!
    // Elders: the empty-nest ones and the elderly, active only (周玉珍 is paused), nobody only disabled.
    const elderNames = [...elderSelect.options].map((o) => o.text).filter(Boolean)
    expect(elderNames.some((n) => n.startsWith('王德明'))).toBe(true)
    expect(elderNames.some((n) => n.startsWith('赵淑芬'))).toBe(true)
    expect(elderNames.some((n) => n.startsWith('刘小军'))).toBe(false)
    expect(elderNames.some((n) => n.startsWith('周玉珍'))).toBe(false)

    // 王秀兰 is already paired with 王德明: the API's 409 shows beside the elder.
    volunteerSelect.value = MOCK_VOLUNTEERS[0]!.id
    volunteerSelect.dispatchEvent(new Event('change'))
    elderSelect.value = '01900000-0000-7000-8b00-000000000002'
    elderSelect.dispatchEvent(new Event('change'))
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('.care-pairing-create')!.click()
    await settle()
    expect(dialog().textContent).toContain('这位志愿者已经与这位老人结对')
    const before = store().pairings.length

    // 刘洋 with 王德明 (their old pairing ended): allowed.
    volunteerSelect.value = MOCK_VOLUNTEERS[3]!.id
    volunteerSelect.dispatchEvent(new Event('change'))
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('.care-pairing-create')!.click()
    await settle()
    expect(store().pairings).toHaveLength(before + 1)
    expect(store().pairings.at(-1)).toMatchObject({ volunteerId: MOCK_VOLUNTEERS[3]!.id, frequencyDays: 7, status: 'active' })
    expect(document.body.textContent).toContain('已建立结对：刘洋 — 王德明')
    expect(rowTexts(wrapper)).toHaveLength(4)

    // End it, with a reason.
    const row = wrapper.findAll('.care-pairings tbody tr').find((tr) => tr.text().includes('刘洋'))!
    await row.find('.care-pairings__end').trigger('click')
    await settle()
    const reason = document.body.querySelector<HTMLInputElement>('#care-pairing-end-form input[name="reason"]')!
    reason.value = '老人住进养老院'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('.care-reason-submit')!.click()
    await settle()
    expect(store().pairings.at(-1)).toMatchObject({ status: 'ended', endReason: '老人住进养老院' })
    expect(rowTexts(wrapper)).toHaveLength(3)
  })
})

describe('follow-ups', () => {
  it('lists open follow-ups with the concern and closes one with an outcome', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/pairings')
    await settle()
    const tab = wrapper.findAll('[role="tab"]').find((t) => t.text().startsWith('待跟进'))!
    expect(tab.text()).toBe('待跟进（1）')
    await tab.trigger('click')
    await settle()
    const row = wrapper.find('.care-follow-ups tbody tr')
    expect(row.text()).toContain('王德明')
    expect(row.text()).toContain('王秀兰')
    expect(row.text()).toContain('降压药快吃完了')
    await row.find('.care-follow-ups__close').trigger('click')
    await settle()
    // Empty outcome: our own message, nothing sent.
    document.body.querySelector<HTMLButtonElement>('.care-follow-up-submit')!.click()
    await settle()
    expect(document.body.textContent).toContain('请填写处理结果')
    expect(store().followUps[0]!.status).toBe('open')
    const outcome = document.body.querySelector<HTMLInputElement>('#care-follow-up-form input[name="outcome"]')!
    outcome.value = '社区医生已上门，药已配送'
    outcome.dispatchEvent(new Event('input'))
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('.care-follow-up-submit')!.click()
    await settle()
    expect(store().followUps[0]).toMatchObject({ status: 'closed', outcome: '社区医生已上门，药已配送' })
    expect(wrapper.find('.care-follow-ups tbody tr').exists() ? wrapper.find('.care-follow-ups').text() : '').not.toContain('降压药')
    expect(document.body.textContent).toContain('已关闭跟进事项')
  })

  it('works in English too', async () => {
    mock.signInAs('care')
    const made = makeApp()
    made.i18n.global.locale.value = 'en'
    wrapper = await mountApp(made, '/pairings')
    await settle()
    expect(wrapper.find('.care-page__title').text()).toBe('Empty Nest, Full Heart · Pairings')
    expect(wrapper.find('.care-pairings__overdue').text()).toBe('Overdue 5 d')
  })
})
