import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { useToast } from '@chayi/ui'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { registerStoreOf } from './mocks'

let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const store = () => registerStoreOf(mock.world.state)
const names = (w: VueWrapper) => w.findAll('.care-register tbody tr').map((tr) => tr.find('.care-register__name').text())
const fieldError = (w: VueWrapper, selector: string) => w.find(selector).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()
const fact = (w: VueWrapper, field: string) => w.find(`.care-fact[data-field="${field}"]`)
const settle = async () => {
  await flushPromises()
  await vi.waitFor(() => undefined)
  await flushPromises()
}

describe('the register list', () => {
  it('lists beneficiaries with kind badges, status and masked phones, and filters by kind, status and name', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/register')
    expect(names(wrapper)).toEqual(['张桂兰', '王德明', '刘小军', '陈秀英', '赵淑芬', '孙文博', '周玉珍', '吴国强'])
    const first = wrapper.findAll('.care-register tbody tr')[0]!
    expect(first.findAll('.care-badges .c-badge').map((b) => b.text())).toEqual(['老年人', '残疾人'])
    expect(first.text()).toContain('137****1234')
    expect(first.text()).not.toContain('13740001234')
    expect(first.text()).toContain('在册')
    expect(wrapper.find('.care-register-new').exists()).toBe(true)

    await wrapper.find('select[name="kind"]').setValue('disabled')
    await flushPromises()
    expect(names(wrapper)).toEqual(['张桂兰', '刘小军', '孙文博', '吴国强'])
    await wrapper.find('select[name="status"]').setValue('paused')
    await flushPromises()
    expect(names(wrapper)).toEqual([])
    expect(wrapper.text()).toContain('没有符合条件的关爱对象。')
    await wrapper.find('select[name="kind"]').setValue('')
    await flushPromises()
    expect(names(wrapper)).toEqual(['周玉珍'])

    await wrapper.find('select[name="status"]').setValue('')
    await wrapper.find('input[name="q"]').setValue('王')
    await wrapper.find('form.care-search').trigger('submit')
    await flushPromises()
    expect(names(wrapper)).toEqual(['王德明'])
  })
})

describe('registering someone', () => {
  it('opens sensitive inputs only under a consent, shows field errors from the API, then registers', async () => {
    mock.signInAs('care')
    const made = makeApp()
    wrapper = await mountApp(made, '/register/new')
    const w = wrapper
    await w.find('input[name="kind-elderly"]').setValue(true)
    await w.find('input[name="name"]').setValue('黄玉梅')
    await w.find('select[name="gender"]').setValue('female')
    await w.find('input[name="birthDate"]').setValue('1950-07-01')
    await w.find('select[name="livingSituation"]').setValue('alone')
    await w.find('input[name="community"]').setValue('幸福社区')
    await w.find('input[name="phone"]').setValue('12345')

    // No consent yet: the sensitive inputs are off.
    expect(w.find('input[name="idNumber"]').attributes('disabled')).toBeDefined()
    expect(w.find('textarea[name="healthNotes"]').attributes('disabled')).toBeDefined()
    await w.find('input[name="consent-health"]').setValue(true)
    expect(w.find('textarea[name="healthNotes"]').attributes('disabled')).toBeUndefined()
    expect(w.find('input[name="idNumber"]').attributes('disabled')).toBeDefined()
    await w.find('textarea[name="healthNotes"]').setValue('腿脚不便')

    await w.find('form#care-register-form').trigger('submit')
    await flushPromises()
    expect(fieldError(w, 'input[name="phone"]')).toBe('请填写 11 位手机号，或带区号的固定电话（如 028-85551234）')
    expect(fieldError(w, 'input[name="name"]')).toBeUndefined()
    expect(store().people).toHaveLength(8)

    await w.find('input[name="phone"]').setValue('139 1234 5678')
    await w.find('form#care-register-form').trigger('submit')
    await settle()
    const made1 = store().people.at(-1)!
    expect(made1).toMatchObject({ name: '黄玉梅', kinds: ['elderly'], phone: '13912345678', healthNotes: '腿脚不便', idNumber: null })
    expect(store().consents.filter((c) => c.beneficiaryId === made1.id).map((c) => c.scope)).toEqual([['health']])
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('register-detail'), { timeout: 5000 })
    expect(useToast().toasts.map((t) => t.message)).toContain('已登记：黄玉梅')
  })
})

describe('a beneficiary page', () => {
  it('asks for a reason before revealing a field, shows the value and says it is logged; closing forgets it', async () => {
    mock.signInAs('care')
    const person = store().people[0]!
    wrapper = await mountApp(makeApp(), `/register/${person.id}`)
    await settle()
    const w = wrapper
    expect(fact(w, 'id_number').text()).toContain('510***********')
    expect(w.text()).not.toContain(person.idNumber!)

    await fact(w, 'id_number').find('.care-reveal').trigger('click')
    await flushPromises()
    expect(w.find('.c-dialog__panel').text()).toContain('查看身份证号码')
    await w.find('form#care-reveal-form').trigger('submit')
    await flushPromises()
    expect(fieldError(w, 'input[name="revealReason"]')).toBe('请填写原因（至少 2 个字）')
    expect(store().accessLog).toHaveLength(0)

    await w.find('input[name="revealReason"]').setValue('核对残疾补贴申请')
    await w.find('form#care-reveal-form').trigger('submit')
    await flushPromises()
    expect(w.find('.care-reveal-value').text()).toBe(person.idNumber)
    expect(w.find('.care-reveal-logged').text()).toContain('已记入访问日志')
    expect(store().accessLog).toMatchObject([{ entityId: person.id, field: 'id_number', reason: '核对残疾补贴申请', actor: '刘芳' }])

    await w.find('.care-reveal-close').trigger('click')
    await flushPromises()
    expect(w.find('.care-reveal-value').exists()).toBe(false)
    expect(w.text()).not.toContain(person.idNumber!)
    // The next look asks again.
    await fact(w, 'id_number').find('.care-reveal').trigger('click')
    await flushPromises()
    expect(w.find('input[name="revealReason"]').exists()).toBe(true)
    expect(w.find('.care-reveal-value').exists()).toBe(false)
  })

  it('withdrawing the consent hides the sensitive fields', async () => {
    mock.signInAs('admin')
    const person = store().people[0]!
    wrapper = await mountApp(makeApp(), `/register/${person.id}`)
    await settle()
    const w = wrapper
    expect(w.findAll('.care-hidden')).toHaveLength(0)
    expect(fact(w, 'health_notes').find('.care-reveal').exists()).toBe(true)

    await w.find('.care-consent-withdraw').trigger('click')
    await flushPromises()
    expect(w.find('.c-dialog__panel').text()).toContain('撤回同意书？')
    await w.find('.c-dialog__panel input[name="reason"]').setValue('本人要求撤回')
    await w.find('form#care-reason-form').trigger('submit')
    await settle()

    for (const field of ['id_number', 'disability', 'health_notes', 'income']) {
      expect(fact(w, field).text()).toContain('未获同意，已隐藏')
      expect(fact(w, field).find('.care-reveal').exists()).toBe(false)
    }
    // Contact details need no consent: still there to be revealed.
    expect(fact(w, 'phone').find('.care-reveal').exists()).toBe(true)
    expect(w.find('.care-consent-item').attributes('data-status')).toBe('withdrawn')
    expect(w.find('.care-consent-item').text()).toContain('本人要求撤回')
    expect(store().consents.find((c) => c.beneficiaryId === person.id)?.status).toBe('withdrawn')
  })

  it('issues a care card, and the print view shows its number and QR code', async () => {
    mock.signInAs('care')
    const person = store().people[2]!
    const made = makeApp()
    wrapper = await mountApp(made, `/register/${person.id}`)
    await settle()
    const w = wrapper
    expect(w.find('.care-card-none').text()).toContain('还没有关爱卡。')
    await w.find('.care-card-issue').trigger('click')
    await settle()
    const card = store().cards.find((c) => c.beneficiaryId === person.id && c.status === 'active')!
    expect(card.number).toBe('SANSHENG-XINGFU-GA-000003')
    expect(w.find('.care-card-now__number').text()).toBe(card.number)
    expect(useToast().toasts.map((t) => t.message)).toContain(`已办理关爱卡：${card.number}`)

    await made.router.push(w.find('.care-card-print').attributes('href')!.replace(/^.*?(\/register)/, '$1'))
    await settle()
    await vi.waitFor(() => expect(w.find('.care-card__qr svg').exists()).toBe(true))
    expect(made.router.currentRoute.value.name).toBe('register-card-print')
    expect(w.find('.care-card__number').text()).toBe(card.number)
    expect(w.find('.care-card__name').text()).toBe('刘**')
    expect(w.find('.care-card__qr svg').attributes('data-value')).toMatch(new RegExp(`/kiosk/card/${card.token}$`))
    expect(w.find('.care-card__team').text()).toBe(mock.world.state.team.name)
    expect(w.find('.c-frame__side').exists()).toBe(false) // outside the console's frame
  })
})

describe('a team leader', () => {
  it('sees masked names and phones, and no way to reveal or register', async () => {
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/register')
    expect(names(wrapper)).toEqual(['张**', '王**', '刘**', '陈**', '赵**', '孙**', '周**', '吴**'])
    expect(wrapper.text()).toContain('137****1234')
    expect(wrapper.find('.care-register a').exists()).toBe(false)
    expect(wrapper.find('.care-register-new').exists()).toBe(false)
    expect(wrapper.find('.care-reveal').exists()).toBe(false)

    await made.router.push(`/register/${store().people[0]!.id}`)
    await flushPromises()
    expect(made.router.currentRoute.value.name).toBe('no-access')
    expect(wrapper.find('.care-reveal').exists()).toBe(false)
  })
})
