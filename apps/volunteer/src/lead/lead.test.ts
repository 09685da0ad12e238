import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { TEST_API } from '@chayi/shell/testing'
import { takeContractViolations } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { worldOf } from '../mock-store'
import { makeApp, mountApp, useMockApi } from '../test-helpers'
import { mockCheckInCode, seedLeadDemo } from './mocks'

const mock = useMockApi()
let wrapper: VueWrapper | undefined
let demo: ReturnType<typeof seedLeadDemo>
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
  useToast().clear()
  demo = seedLeadDemo(mock.world.state)
  mock.signInAs('leader')
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.useRealTimers()
  mock.server.resetHandlers()
  expect(takeContractViolations()).toEqual([])
})
afterAll(() => mock.server.close())

const world = () => worldOf(mock.world.state)
const toasts = () => useToast().toasts.map((t) => t.message)
const fieldError = (w: VueWrapper, selector: string) => w.find(selector).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()
/** The table row (or stacked card) of one person. */
const rowOf = (w: VueWrapper, name: string) => w.findAll('tbody tr').find((r) => r.text().includes(name)) as DOMWrapper<HTMLTableRowElement>
async function submit(w: VueWrapper, form: string) {
  await w.find(`form#${form}`).trigger('submit')
  await flushPromises()
}

describe('my activities (/lead)', () => {
  it('lists upcoming and past activities with seats, waitlist and the queues waiting', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/lead')
    expect(made.router.currentRoute.value.name).toBe('lead')
    expect(wrapper.findAll('nav a').map((a) => a.text())).toContain('带队')
    expect(wrapper.find('.v-queue--hours').text()).toContain('待审核时长')
    expect(wrapper.find('.v-queue--hours .v-queue__count').text()).toBe('3')
    expect(wrapper.find('.v-queue--joins .v-queue__count').text()).toBe('0')

    const tabs = wrapper.findAll('[role="tab"]').map((t) => t.text())
    expect(tabs).toEqual(['即将开始 (3)', '已结束 (2)'])
    const upcoming = wrapper.findAll('.v-activity')
    expect(upcoming.map((a) => a.find('.v-activity__title').text())).toEqual(['空巢老人上门探访', '茶义仓周六物资分装', '情系藏区冬衣打包'])
    expect(upcoming[0]!.text()).toContain('进行中')
    expect(upcoming[1]!.find('.v-activity__enrolled').text()).toBe('已报名 6/6')
    expect(upcoming[1]!.find('.v-activity__waitlist').text()).toBe('候补 2 人')
    expect(upcoming[1]!.text()).toContain('茶义仓')
    expect(upcoming[2]!.text()).toContain('已取消')

    await wrapper.findAll('[role="tab"]')[1]!.trigger('click')
    expect(wrapper.findAll('.v-activity .v-activity__title').map((a) => a.text())).toEqual(['孝亲敬老评书会', '友邻学院：教老人用手机'])
  })

  it('is not for volunteers', async () => {
    mock.signInAs('volunteer')
    const made = makeApp()
    wrapper = await mountApp(made, '/lead/approvals')
    expect(made.router.currentRoute.value.name).not.toBe('lead-approvals')
    expect(wrapper.findAll('nav a').map((a) => a.text())).not.toContain('带队')
  })
})

describe('publishing and changing an activity', () => {
  it('publishes, with the API’s field errors beside the fields first', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/lead/activities/new')
    expect(wrapper.find('h2').text()).toBe('发布活动')
    expect(wrapper.find('textarea[name="note"]').exists()).toBe(false) // only when editing
    await wrapper.find('input[name="title"]').setValue('社区义剪')
    await wrapper.find('select[name="project"]').setValue('hand_in_hand')
    await wrapper.find('input[name="place"]').setValue('幸福社区广场')
    await wrapper.find('input[name="startsAt"]').setValue('2030-06-01T10:00')
    await wrapper.find('input[name="endsAt"]').setValue('2030-06-01T09:00')
    await wrapper.find('input[name="capacity"]').setValue('0')
    await wrapper.find('input[name="skill"]').setValue('理发, 急救证')
    await wrapper.find('.v-skills__button').trigger('click')
    expect(wrapper.findAll('.v-skill').map((s) => s.text())).toEqual(['理发×', '急救证×'])
    await submit(wrapper, 'v-activity-form')
    expect(fieldError(wrapper, 'input[name="endsAt"]')).toBe('请填写结束时间，要晚于开始时间')
    expect(fieldError(wrapper, 'input[name="capacity"]')).toBe('名额要在 1 到 1000 之间')
    expect(fieldError(wrapper, 'input[name="title"]')).toBeUndefined()
    expect(world().activities).toHaveLength(5)

    await wrapper.find('input[name="endsAt"]').setValue('2030-06-01T12:00')
    await wrapper.find('input[name="capacity"]').setValue('12')
    await wrapper.find('input[name="insurance"]').setValue(true)
    await submit(wrapper, 'v-activity-form')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('lead-activity'))
    const made6 = world().activities.at(-1)!
    expect(made6).toMatchObject({ title: '社区义剪', project: 'hand_in_hand', capacity: 12, insurance: true, requiredSkills: ['理发', '急救证'], createdBy: mock.world.state.user('leader').user.id })
    expect(Date.parse(made6.endsAt) - Date.parse(made6.startsAt)).toBe(2 * 3_600_000)
    expect(made.router.currentRoute.value.params.id).toBe(made6.id)
    expect(toasts()).toContain('已发布“社区义剪”')
  })

  it('edits with a note to the people signed up; refuses fewer places than are taken', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, `/lead/activities/${demo.ids.upcoming}/edit`)
    expect(wrapper.find('h2').text()).toBe('修改活动')
    expect((wrapper.find('input[name="title"]').element as HTMLInputElement).value).toBe('茶义仓周六物资分装')
    await wrapper.find('input[name="capacity"]').setValue('3')
    await submit(wrapper, 'v-activity-form')
    expect(fieldError(wrapper, 'input[name="capacity"]')).toBe('已有 6 人报名，名额不能少于这个数')

    let sent: unknown
    mock.server.events.on('request:start', async ({ request }) => {
      if (request.method === 'PATCH') sent = await request.clone().json()
    })
    await wrapper.find('input[name="capacity"]').setValue('8')
    await wrapper.find('input[name="place"]').setValue('幸福社区茶义仓（3 栋 2 楼）')
    await wrapper.find('textarea[name="note"]').setValue('改到二楼了，请提前十分钟到')
    await submit(wrapper, 'v-activity-form')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('lead-activity'))
    mock.server.events.removeAllListeners()
    // Only what changed, and the note.
    expect(sent).toEqual({ place: '幸福社区茶义仓（3 栋 2 楼）', capacity: 8, note: '改到二楼了，请提前十分钟到' })
    expect(toasts()).toContain('已保存，已通知报名的人')
    const a = world().activities.find((x) => x.id === demo.ids.upcoming)!
    expect(a).toMatchObject({ capacity: 8, enrolledCount: 8, waitlistCount: 0 })
    // 王秀兰 (the volunteer account) hears of it, with the note.
    const told = world().notifications.filter((n) => n.userId === mock.world.state.user('volunteer').user.id && n.kind === 'activity_changed')
    expect(told.map((n) => n.params.note)).toEqual(['改到二楼了，请提前十分钟到'])
    await flushPromises()
    expect(wrapper.find('.v-roster__enrolled').text()).toContain('冯德华') // promoted from the waitlist
  })

  it('cancels with a reason (asked in a dialog)', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, `/lead/activities/${demo.ids.upcoming}/edit`)
    await wrapper.find('.v-cancel-activity').trigger('click')
    await flushPromises()
    expect(wrapper.find('.c-dialog__title').text()).toBe('取消“茶义仓周六物资分装”')
    expect(wrapper.find('form#v-cancel-form').text()).toContain('已报名和候补的 8 人会收到通知')
    await submit(wrapper, 'v-cancel-form')
    expect(fieldError(wrapper, 'textarea[name="reason"]')).toBe('请写明取消的原因')
    expect(world().activities.find((x) => x.id === demo.ids.upcoming)!.status).toBe('published')

    await wrapper.find('textarea[name="reason"]').setValue('粮油还没到货，改期再通知')
    await submit(wrapper, 'v-cancel-form')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('lead'))
    expect(world().activities.find((x) => x.id === demo.ids.upcoming)).toMatchObject({ status: 'cancelled', cancelReason: '粮油还没到货，改期再通知' })
    expect(toasts()).toContain('活动已取消，已通知报名的人')
    expect(world().notifications.filter((n) => n.kind === 'activity_cancelled').map((n) => n.params.reason)).toEqual(['粮油还没到货，改期再通知'])
  })
})

describe('roster', () => {
  it('shows enrolled and waitlisted people with their attendance, and checks someone in for them', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, `/lead/activities/${demo.ids.ongoing}`)
    expect(wrapper.find('h2').text()).toBe('空巢老人上门探访')
    expect(wrapper.find('.v-roster__enrolled caption').text()).toBe('已报名 (5)')
    expect(wrapper.find('.v-roster__stats').text()).toContain('5/8')
    expect(rowOf(wrapper, '陈小明').text()).toContain('XINGFU-000102')
    expect(rowOf(wrapper, '陈小明').text()).toContain('139****5678')
    expect(rowOf(wrapper, '赵桂芳').text()).toContain('队长代签')
    expect(rowOf(wrapper, '赵桂芳').text()).toContain('老人机不能扫码')
    expect(rowOf(wrapper, '郑晓燕').find('[data-label="签退"]').text()).toMatch(/\d\d:\d\d/)
    expect(rowOf(wrapper, '卓玛').find('[data-label="签到"]').text()).toBe('未签到')
    expect(wrapper.find('.v-show-qr').attributes('href')).toBe(`/lead/activities/${demo.ids.ongoing}/qr`)

    await rowOf(wrapper, '卓玛').find('.v-proxy-in').trigger('click')
    await flushPromises()
    expect(wrapper.find('.c-dialog__title').text()).toBe('为 卓玛 代签到')
    await submit(wrapper, 'v-proxy-form')
    expect(fieldError(wrapper, 'input[name="reason"]')).toBe('请写明代签的原因')
    await wrapper.find('input[name="reason"]').setValue('手机没电了')
    await submit(wrapper, 'v-proxy-form')
    expect(toasts()).toContain('已为 卓玛 签到')
    const row = rowOf(wrapper, '卓玛')
    expect(row.find('[data-label="签到"]').text()).toMatch(/\d\d:\d\d.*队长代签.*手机没电了/)
    expect(world().attendance.find((x) => x.volunteerId === demo.volunteers[8])).toMatchObject({ proxyReason: '手机没电了', checkOutAt: null })
    expect(wrapper.find('.v-roster__stats').text()).toContain('4') // checked in: 陈小明, 赵桂芳, 郑晓燕, 卓玛

    // …and out again, which records the pending hours.
    await row.find('.v-proxy-out').trigger('click')
    await flushPromises()
    await wrapper.find('input[name="reason"]').setValue('提前回家照顾老人')
    await submit(wrapper, 'v-proxy-form')
    expect(toasts()).toContain('已为 卓玛 签退')
    expect(world().attendance.find((x) => x.volunteerId === demo.volunteers[8])).toMatchObject({ closedBy: 'proxy', proxyReason: '手机没电了 / 提前回家照顾老人' })
  })

  it('lists the waitlist in order', async () => {
    wrapper = await mountApp(makeApp(), `/lead/activities/${demo.ids.upcoming}`)
    const wait = wrapper.find('.v-roster__waitlist')
    expect(wait.find('caption').text()).toBe('候补 (2)')
    expect(wait.findAll('tbody tr').map((r) => r.text())).toEqual([expect.stringMatching(/^第 1 位郑晓燕/), expect.stringMatching(/^第 2 位冯德华/)])
    // Not started yet: nobody can be checked in for them before check-in opens (an hour before the start).
    expect(wrapper.findAll('.v-proxy-in')).toHaveLength(0)
  })
})

describe('check-in QR display', () => {
  it('shows the code beside the QR and a new one after refreshInSeconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], shouldAdvanceTime: true })
    // 10 s into a 30 s window, inside the ongoing activity.
    const ongoing = world().activities.find((a) => a.id === demo.ids.ongoing)!
    const t0 = Math.floor((Date.parse(ongoing.startsAt) + 75 * 60_000) / 30_000) * 30_000 + 10_000
    vi.setSystemTime(t0)
    const first = mockCheckInCode(demo.ids.ongoing, new Date(t0), TEST_API)
    const second = mockCheckInCode(demo.ids.ongoing, new Date(t0 + 20_000), TEST_API)
    expect(first.refreshInSeconds).toBe(20)
    expect(second.code).not.toBe(first.code)

    const made = makeApp()
    wrapper = await mountApp(made, `/lead/activities/${demo.ids.ongoing}/qr`)
    await vi.waitFor(() => expect(wrapper!.find('.v-qr__digits').exists()).toBe(true))
    expect(wrapper.find('nav').exists()).toBe(false) // full screen, outside the frame
    expect(wrapper.find('.v-qr__title').text()).toBe('空巢老人上门探访')
    expect(wrapper.find('.v-qr__digits [aria-hidden="true"]').text()).toBe(`${first.code.slice(0, 3)} ${first.code.slice(3)}`)
    expect(wrapper.find('.v-qr__left').text()).toBe('20 秒后换新码')
    await vi.waitFor(() => expect(wrapper!.find('.c-qr svg').attributes('data-value')).toBe(first.url))
    const live = wrapper.find('[aria-live="polite"]')
    expect(live.text()).toBe(`签到码已更新：${first.code.split('').join(' ')}`)

    await vi.advanceTimersByTimeAsync(5_000)
    expect(wrapper.find('.v-qr__left').text()).toBe('15 秒后换新码')
    expect(live.text()).toBe(`签到码已更新：${first.code.split('').join(' ')}`) // not every second

    await vi.advanceTimersByTimeAsync(15_500)
    await flushPromises()
    await vi.waitFor(() => expect(wrapper!.find('.v-qr__digits [aria-hidden="true"]').text()).toBe(`${second.code.slice(0, 3)} ${second.code.slice(3)}`))
    expect(wrapper.find('.v-qr__left').text()).toBe('30 秒后换新码')
    expect(live.text()).toBe(`签到码已更新：${second.code.split('').join(' ')}`)
  })

  it('says when check-in opens for an activity not started yet', async () => {
    wrapper = await mountApp(makeApp(), `/lead/activities/${demo.ids.upcoming}/qr`)
    await vi.waitFor(() => expect(wrapper!.find('.v-qr__closed').exists()).toBe(true))
    expect(wrapper.find('.v-qr__closed').text()).toContain('签到从活动开始前 1 小时开放')
  })
})

describe('approvals', () => {
  const pending = () => world().hours.filter((h) => h.status === 'pending')

  it('approves three entries at once and empties the queue', async () => {
    wrapper = await mountApp(makeApp(), '/lead/approvals')
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual(['待审核 3', '更正申请 1', '补录'])
    const rows = wrapper.findAll('.v-queue__table tbody tr')
    expect(rows).toHaveLength(3)
    const supplement = rowOf(wrapper, '杨洪')
    expect(supplement.find('[data-label="来源"]').text()).toContain('补录')
    expect(supplement.find('[data-label="来源"]').text()).toContain('忘记签到，现场有照片为证')
    expect(supplement.find('[data-label="时长"]').text()).toBe('1:30')
    expect(rowOf(wrapper, '孙建华').find('[data-label="时长"]').text()).toBe('1:45')
    expect(rowOf(wrapper, '孙建华').find('[data-label="活动"]').text()).toBe('孝亲敬老评书会')
    expect(wrapper.find('.v-approve-hours').attributes('disabled')).toBeDefined()

    await wrapper.find('input[name="select-all"]').setValue(true)
    expect(wrapper.find('.v-queue__count').text()).toBe('已选 3 条，共 5:15')
    await wrapper.find('.v-approve-hours').trigger('click')
    await flushPromises()
    expect(wrapper.find('.c-dialog__title').text()).toBe('通过 3 条时长（共 5:15）')
    await submit(wrapper, 'v-decision-form')
    expect(wrapper.findAll('.v-queue__table tbody tr')).toHaveLength(0)
    expect(wrapper.find('.v-queue-empty').text()).toContain('没有待审核的时长')
    expect(wrapper.findAll('[role="tab"]')[0]!.text()).toBe('待审核 0')
    expect(pending()).toHaveLength(0)
    expect(toasts()).toContain('已通过 3 条时长')
  })

  it('rejects with a note (which is required)', async () => {
    wrapper = await mountApp(makeApp(), '/lead/approvals')
    await rowOf(wrapper, '杨洪').find('input[type="checkbox"]').setValue(true)
    expect(wrapper.find('.v-queue__count').text()).toBe('已选 1 条，共 1:30')
    await wrapper.find('.v-reject-hours').trigger('click')
    await flushPromises()
    await submit(wrapper, 'v-decision-form')
    expect(fieldError(wrapper, 'textarea[name="note"]')).toBe('请写明原因，志愿者会看到')
    await wrapper.find('textarea[name="note"]').setValue('当天签到表上没有这位志愿者')
    await submit(wrapper, 'v-decision-form')
    expect(wrapper.findAll('.v-queue__table tbody tr')).toHaveLength(2)
    expect(world().hours.find((h) => h.volunteerName === '杨洪')).toMatchObject({ status: 'rejected', decisionNote: '当天签到表上没有这位志愿者' })
    expect(toasts()).toContain('已退回 1 条时长')
  })

  it('says when someone else decided an entry meanwhile (409 not_pending): nothing changes, the list refreshes', async () => {
    wrapper = await mountApp(makeApp(), '/lead/approvals')
    await wrapper.find('input[name="select-all"]').setValue(true)
    // Another leader approves 王秀兰's entry in the meantime.
    Object.assign(world().hours.find((h) => h.volunteerName === '王秀兰' && h.status === 'pending')!, { status: 'approved' })
    await wrapper.find('.v-approve-hours').trigger('click')
    await flushPromises()
    await submit(wrapper, 'v-decision-form')
    expect(toasts()).toContain('其中有记录已被别人处理过，这次没有改动任何记录。列表已刷新，请重新选择。')
    expect(pending().map((h) => h.volunteerName).sort()).toEqual(['孙建华', '杨洪'])
    expect(wrapper.findAll('.v-queue__table tbody tr')).toHaveLength(2)
    expect(wrapper.find('.v-queue__count').text()).toBe('已选 0 条，共 0:00')
  })

  it('adds hours afterwards (补录), capped at the activity’s length', async () => {
    wrapper = await mountApp(makeApp(), `/lead/approvals?tab=supplement&activity=${demo.ids.past}`)
    expect((wrapper.find('select[name="activityId"]').element as HTMLSelectElement).value).toBe(demo.ids.past)
    await vi.waitFor(() => expect(wrapper!.findAll('select[name="volunteerId"] option').length).toBe(6))
    expect(wrapper.find('input[name="minutes"]').element.closest('.c-field')?.textContent).toContain('最多 120 分钟（活动时长 2:00）')
    await wrapper.find('select[name="volunteerId"]').setValue(demo.volunteers[11])
    await wrapper.find('input[name="minutes"]').setValue('150')
    await wrapper.find('textarea[name="reason"]').setValue('在后台帮忙，没有签到')
    await submit(wrapper, 'v-supplement-form')
    expect(fieldError(wrapper, 'input[name="minutes"]')).toBe('连同已记录的时长，不能超过活动时长 2:00')
    expect(pending()).toHaveLength(3)

    await wrapper.find('input[name="minutes"]').setValue('110')
    await submit(wrapper, 'v-supplement-form')
    expect(fieldError(wrapper, 'input[name="minutes"]')).toBeUndefined()
    expect(toasts()).toContain('已为 黄淑珍 补录 1:50，等待审核')
    expect(world().hours.at(-1)).toMatchObject({ volunteerName: '黄淑珍', minutes: 110, source: 'supplement', reason: '在后台帮忙，没有签到', status: 'pending' })
    expect(wrapper.findAll('[role="tab"]')[0]!.text()).toBe('待审核 4')
  })

  it('accepts a correction request: the approved entry is reversed and the right figure recorded', async () => {
    wrapper = await mountApp(makeApp(), '/lead/approvals?tab=corrections')
    const card = wrapper.find('.v-correction')
    expect(card.find('.c-card__title').text()).toBe('王秀兰')
    expect(card.find('.v-correction__change').text()).toBe('原记录 2:00，申请改为 2:30')
    expect(card.text()).toContain('活动结束后留下来帮忙收拾了半小时')
    await card.find('.v-accept').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('.v-correction')).toHaveLength(0)
    expect(toasts()).toContain('已同意 王秀兰 的更正申请')
    const original = world().hours.find((h) => h.correctionRequest?.id)!
    expect(original).toMatchObject({ reversed: true, correctionRequest: { status: 'accepted' } })
    expect(world().hours.filter((h) => h.source === 'reversal' || h.source === 'correction').map((h) => [h.source, h.minutes, h.status])).toEqual([
      ['reversal', -120, 'approved'],
      ['correction', 150, 'approved'],
    ])
    // Nothing new to approve: both are approved at once.
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual(['待审核 3', '更正申请 0', '补录'])
  })
})
