import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { takeContractViolations } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { formatFen } from '@chayi/domain'
import { hoursSummary, pledgeSummary, worldOf, type ActivityWorld } from './mock-store'
import { seedDemo } from './mocks'
import { makeApp, mountApp, useMockApi } from './test-helpers'

// What a volunteer's service adds up to, against the demo world: star and hours on Me (the chart's
// table), my hours with a correction request, certificates and their public check page, the
// inbox, and the monthly pledge.
const mock = useMockApi()
let wrapper: VueWrapper | undefined
let w: ActivityWorld
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  w = seedDemo(mock.world.state)
  localStorage.clear()
  useToast().clear()
  mock.signInAs('volunteer')
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  mock.server.resetHandlers()
  expect(takeContractViolations()).toEqual([])
})
afterAll(() => mock.server.close())

const wang = () => w.volunteers.find((v) => v.realName === '王秀兰')!
const toasts = () => useToast().toasts.map((t) => t.message)
const fieldError = (wr: VueWrapper, name: string) => wr.find(`[name="${name}"]`).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()
const oneDecimal = (minutes: number) => (Math.round(minutes / 6) / 10).toFixed(1)

describe('me: star, hours and the chart', () => {
  it('shows the star level, approved and pending hours, hours to the next star, and the figures as a table', async () => {
    const s = hoursSummary(w, wang().id, new Date())
    expect(s.starLevel).toBe(1)
    wrapper = await mountApp(makeApp(), '/me')
    await flushPromises()
    const service = wrapper.find('.v-service')
    expect(service.find('.v-stars__icons').attributes('aria-label')).toBe('1 星（最高 5 星）')
    expect(service.findAll('.v-star--on')).toHaveLength(1)
    expect(service.find('.v-stat-approved').text()).toContain(oneDecimal(s.approvedMinutes))
    expect(service.find('.v-stat-pending').text()).toContain('2.5')
    expect(service.find('.v-next').text()).toBe(`再服务 ${s.hoursToNext!.toFixed(1)} 小时可升到 2 星`)
    expect(service.text()).toContain('一至五星需要的服务时长：100 / 300 / 600 / 1000 / 1500 小时')

    // No canvas in happy-dom: the chart shows its table; the same figures as the API's.
    const month = wrapper.find('.v-chart-month')
    expect(month.find('figcaption').text()).toBe('近 12 个月每月服务时长（小时）')
    const rows = month.findAll('tbody tr')
    expect(rows).toHaveLength(12)
    const last = s.byMonth.at(-1)!
    expect(rows.at(-1)!.find('td').text()).toBe(oneDecimal(last.minutes))
    expect(month.find('.c-chart__summary').text()).toMatch(/^近 12 个月共 [\d,.]+ 小时，最多的是 .+（[\d.]+ 小时）。$/)
    const project = wrapper.find('.v-chart-project')
    expect(project.find('thead').text()).toContain('服务项目')
    expect(project.text()).toContain('茶义仓')
    expect(project.text()).toContain('情系藏区')

    expect(wrapper.find('.v-link--hours').attributes('href')).toBe('/hours')
    expect(wrapper.find('.v-link--certs').attributes('href')).toBe('/certificates')
    expect(wrapper.find('.v-link--inbox .v-link__count').text()).toBe('2 条未读')
  })

  it('has no service figures for someone who is not a volunteer', async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/me')
    await flushPromises()
    expect(wrapper.find('.v-profile__none').exists()).toBe(true)
    expect(wrapper.find('.v-service').exists()).toBe(false)
    expect(wrapper.find('.v-pledge').exists()).toBe(false)
    expect(wrapper.find('.v-link--inbox').exists()).toBe(true)
  })
})

describe('pledge', () => {
  it('shows the monthly amount and the year’s total, changes it and stops it', async () => {
    const total = () => formatFen(pledgeSummary(w, wang().id, new Date()).yearTotalFen, 'zh-CN')
    const before = pledgeSummary(w, wang().id, new Date()).yearTotalFen
    wrapper = await mountApp(makeApp(), '/me')
    await flushPromises()
    const card = () => wrapper!.find('.v-pledge')
    expect(card().find('.v-pledge__monthly').text()).toContain('¥20.00')
    const year = card().find('.v-pledge__year').text()
    expect(year).toContain(`${new Date().getFullYear()} 年累计`)
    expect(year).toContain(total())
    expect(card().text()).toContain('少抽一包烟，少打一盘麻将')

    await card().find('.v-pledge__change').trigger('click')
    const dialog = () => wrapper!.find('dialog')
    expect((dialog().find('input[name="monthlyYuan"]').element as HTMLInputElement).value).toBe('20')
    await dialog().find('input[name="monthlyYuan"]').setValue('0.5')
    await wrapper.find('form#v-pledge-form').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'monthlyYuan')).toBe('请输入 1 到 10000 元之间的金额，最多两位小数')

    await dialog().find('input[name="monthlyYuan"]').setValue('30')
    await wrapper.find('form#v-pledge-form').trigger('submit')
    await flushPromises()
    expect(toasts()).toContain('已改为每月认捐 ¥30.00，谢谢您！')
    expect(card().find('.v-pledge__monthly').text()).toContain('¥30.00')
    const mine = w.pledges.filter((p) => p.volunteerId === wang().id)
    expect(mine.filter((p) => p.toMonth === null).map((p) => p.monthlyFen)).toEqual([3000])
    // This month counts at the new amount: the year's total went up by 10 yuan.
    expect(pledgeSummary(w, wang().id, new Date()).yearTotalFen - before).toBe(1000)
    expect(card().find('.v-pledge__year').text()).toContain(total())

    await card().find('.v-pledge__stop').trigger('click')
    await wrapper.findAll('dialog').at(1)!.find('.v-pledge__stop-confirm').trigger('click')
    await flushPromises()
    expect(toasts()).toContain('已停止认捐。')
    expect(card().find('.v-pledge__monthly').text()).toContain('未认捐')
    expect(card().find('.v-pledge__change').text()).toBe('我要认捐')
    expect(w.pledges.some((p) => p.volunteerId === wang().id && p.toMonth === null)).toBe(false)
  })
})

describe('my hours', () => {
  it('lists entries with status and source, and sends a correction request for an approved one', async () => {
    wrapper = await mountApp(makeApp(), '/hours')
    await flushPromises()
    const entries = wrapper.findAll('.v-entry')
    expect(entries.length).toBe(w.hours.filter((h) => h.volunteerId === wang().id).length)
    const statuses = new Set(entries.map((e) => e.find('.v-entry__status').text()))
    expect([...statuses].sort()).toEqual(['待审核', '已冲正', '已审核', '未通过'].sort())
    const sources = new Set(entries.map((e) => e.find('.v-entry__source').text()))
    expect([...sources].sort()).toEqual(['冲正', '更正', '签到记录', '补录'].sort())
    const rejected = entries.find((e) => e.find('.v-entry__status').text() === '未通过')!
    expect(rejected.text()).toContain('审核意见：当天活动记录中没有这位志愿者')
    // Only approved, not reversed entries can be questioned.
    expect(entries.find((e) => e.find('.v-entry__status').text() === '待审核')!.find('.v-entry__ask').exists()).toBe(false)
    expect(entries.find((e) => e.find('.v-entry__status').text() === '已冲正')!.find('.v-entry__ask').exists()).toBe(false)

    const target = entries.find((e) => e.find('.v-entry__ask').exists())!
    const title = target.find('.v-entry__title').text()
    await target.find('.v-entry__ask').trigger('click')
    const dialog = wrapper.find('dialog')
    expect(dialog.text()).toContain(title)
    await dialog.find('input[name="minutes"]').setValue('200')
    await wrapper.find('form#v-correction').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'reason')).toBe('请写明原因')

    await dialog.find('input[name="reason"]').setValue('签退时忘了扫码，实际多服务了 20 分钟')
    await wrapper.find('form#v-correction').trigger('submit')
    await flushPromises()
    expect(toasts()).toContain('更正申请已提交，等待队长审核。')
    const asked = wrapper.findAll('.v-entry').find((e) => e.find('.v-entry__correction').exists())!
    expect(asked.find('.v-entry__correction').text()).toBe('已申请更正为 3.3 小时，等待队长审核')
    expect(asked.find('.v-entry__ask').exists()).toBe(false)
    expect(w.hours.find((h) => h.correctionRequest)!.correctionRequest).toMatchObject({ minutes: 200, status: 'open', reason: '签退时忘了扫码，实际多服务了 20 分钟' })
  })

  it('filters by status', async () => {
    wrapper = await mountApp(makeApp(), '/hours')
    await flushPromises()
    await wrapper.find('select[name="status"]').setValue('pending')
    await flushPromises()
    expect(wrapper.findAll('.v-entry').map((e) => e.find('.v-entry__status').text())).toEqual(['待审核'])
  })
})

describe('certificates', () => {
  it('issues one for a period, then shows a printable page with the number and a QR code of its check URL', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/certificates')
    await flushPromises()
    expect(wrapper.findAll('.v-cert')).toHaveLength(1) // the demo's earlier one
    const year = new Date().getFullYear() - 1
    await wrapper.find('input[name="from"]').setValue(`${year - 1}-01-01`)
    await wrapper.find('form#v-cert-form').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('certificate'))
    await flushPromises()
    const cert = w.certificates.at(-1)!
    expect(toasts()).toContain(`已开具证明 ${cert.number}`)
    const doc = wrapper.find('.v-doc')
    expect(doc.find('.v-doc__title').text()).toBe('志愿服务证明')
    expect(doc.find('.v-doc__number').text()).toBe(`编号：${cert.number}`)
    expect(doc.find('.v-doc__name').text()).toBe('王秀兰')
    expect(doc.text()).toContain('居民身份证')
    expect(doc.text()).toContain(wang().idNumberMasked)
    expect(doc.text()).toContain(wang().volunteerNumber!)
    expect(doc.find('.v-doc__hours').text()).toBe(`${oneDecimal(cert.approvedMinutes)} 小时`)
    expect(doc.findAll('tbody tr').length).toBe(cert.content.length)
    expect(doc.find('tfoot').text()).toContain(oneDecimal(cert.approvedMinutes))
    expect(doc.find('.v-doc__issuer').text()).toContain('三圣街道幸福社区志愿服务队')
    expect(doc.find('.v-doc__issuer').text()).toContain('李建国') // person in charge
    expect(doc.find('.v-doc__issuer').text()).toContain('王秀兰') // handler: the one who asked
    expect(doc.find('.v-doc__issuer').text()).toContain('028-8456 1234')
    await vi.waitFor(() => expect(doc.find('svg[role="img"]').exists()).toBe(true))
    expect(doc.find('svg[role="img"]').attributes('data-value')).toBe(cert.checkUrl)
    expect(cert.checkUrl).toMatch(new RegExp(`/volunteer/verify/${cert.number}$`))
    expect(document.documentElement.classList.contains('v-print-certificate')).toBe(true)

    const print = vi.fn()
    window.print = print
    await wrapper.find('.v-print').trigger('click')
    expect(print).toHaveBeenCalledOnce()
    wrapper.unmount()
    wrapper = undefined
    expect(document.documentElement.classList.contains('v-print-certificate')).toBe(false)
  })

  it('says when the period has no approved hours, and checks the dates first', async () => {
    wrapper = await mountApp(makeApp(), '/certificates')
    await flushPromises()
    await wrapper.find('input[name="from"]').setValue('2001-03-01')
    await wrapper.find('input[name="to"]').setValue('2001-01-01')
    await wrapper.find('form#v-cert-form').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'to')).toBe('结束日期不能早于开始日期')
    await wrapper.find('input[name="to"]').setValue('2001-12-31')
    await wrapper.find('form#v-cert-form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('.c-form__summary').text()).toContain('这段时间内没有已审核的服务时长')
  })
})

describe('public check page', () => {
  it('shows a valid certificate to anyone, with the name masked', async () => {
    mock.world.state.signedIn = null
    const cert = w.certificates[0]!
    const made = makeApp()
    wrapper = await mountApp(made, `/verify/${cert.number}`)
    await flushPromises()
    expect(made.router.currentRoute.value.name).toBe('verify') // no sign-in asked
    expect(wrapper.find('.c-topbar h1').text()).toBe('证明核验')
    expect(wrapper.find('nav').exists()).toBe(false) // outside the app frame
    expect(wrapper.find('.v-verdict').text()).toBe('证明有效')
    expect(wrapper.find('.v-verify__name').text()).toBe('王**')
    expect(wrapper.find('.v-verify__hours').text()).toBe(`${oneDecimal(cert.approvedMinutes)} 小时`)
    expect(wrapper.text()).toContain('三圣街道幸福社区志愿服务队')
    expect(wrapper.text()).not.toContain(cert.idNumberMasked)
  })

  it('says revoked, or that there is no such certificate', async () => {
    const cert = w.certificates[0]!
    cert.revokedAt = new Date().toISOString()
    cert.revokeReason = '时长有误，已重新开具'
    wrapper = await mountApp(makeApp(), `/verify/${cert.number}`)
    await flushPromises()
    expect(wrapper.find('.v-verdict--bad').text()).toBe('证明已作废')
    wrapper.unmount()
    const made = makeApp()
    wrapper = await mountApp(made, '/verify/XF-1999-99999')
    await flushPromises()
    expect(wrapper.find('.v-verdict--bad').text()).toBe('查无此证明')
    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.find('.v-verdict--bad').text()).toBe('No such certificate')
  })
})

describe('inbox', () => {
  it('words each message from its kind and facts, marks unread ones, and marks them all read', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/inbox')
    await flushPromises()
    expect(wrapper.find('.v-count').text()).toBe('2 条未读')
    const notes = wrapper.findAll('.v-note')
    expect(notes).toHaveLength(5)
    const unread = notes.filter((n) => n.classes().includes('v-note--unread'))
    expect(unread).toHaveLength(2)
    expect(unread[0]!.find('.v-note__flag').text()).toBe('未读')
    expect(unread[0]!.find('.v-note__text').text()).toMatch(/^「空巢不空心：重阳节慰问」（.+ \d{2}:\d{2}）已取消：天气预报有大雨，改期另行通知。$/)
    expect(unread[1]!.find('.v-note__text').text()).toMatch(/^提醒：「茶义仓：今日值班」将于 .+ 开始，地点：幸福社区茶馆后院仓库。$/)
    expect(notes.at(-1)!.find('.v-note__text').text()).toBe(`欢迎加入！您的志愿者编号是 ${wang().volunteerNumber}。`)
    expect(wrapper.text()).not.toMatch(/\{\w+\}/)

    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.findAll('.v-note__text').at(-1)!.text()).toBe(`Welcome! Your volunteer number is ${wang().volunteerNumber}.`)
    made.i18n.global.locale.value = 'zh-CN'
    await flushPromises()

    await wrapper.find('.v-markall').trigger('click')
    await flushPromises()
    expect(wrapper.find('.v-count').text()).toBe('0 条未读')
    expect(wrapper.findAll('.v-note--unread')).toHaveLength(0)
    expect(toasts()).toContain('已全部标为已读')
    expect(worldOf(mock.world.state).notifications.filter((n) => n.userId === wang().userId && !n.readAt)).toHaveLength(0)
  })

  it('marks one read when opened and goes to its activity', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/inbox')
    await flushPromises()
    await wrapper.findAll('.v-note--unread')[1]!.find('button').trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('activity'))
    expect(w.notifications.filter((n) => n.userId === wang().userId && !n.readAt)).toHaveLength(1)
  })
})
