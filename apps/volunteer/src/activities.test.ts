import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, http, takeContractViolations } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { issueCheckInCode, type ActivityWorld } from './mock-store'
import { seedDemo } from './mocks'
import { makeApp, mountApp, useMockApi } from './test-helpers'

// The volunteer's side of activities against the demo world of mock-store.ts: browse and filter,
// sign up (enrolled or waitlisted), withdraw (the first waiting person moves up), and check in
// and out by the six-digit code or a scanned token — every refusal in its own words.
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

// The last of that title: past activities may have the same one.
const byTitle = (title: string) => w.activities.findLast((a) => a.title === title)!
const wang = () => w.volunteers.find((v) => v.realName === '王秀兰')!
const toasts = () => useToast().toasts.map((t) => t.message)
const cards = (wr: VueWrapper) => wr.findAll('.v-act')
const LIVE = '茶义仓：今日值班'
const STORY = '孝亲敬老评书：《三国》选段'
const FULL = '空巢老人上门探访（锦江苑片区）'
const GRANARY = '茶义仓物资整理与发放'

async function open(title: string) {
  const made = makeApp()
  wrapper = await mountApp(made, `/activities/${byTitle(title).id}`)
  await flushPromises()
  return made
}

describe('home: upcoming activities', () => {
  it('lists what is coming, with project, time, place, seats, insurance and my status', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    await flushPromises()
    const titles = cards(wrapper).map((c) => c.find('.v-act__title').text())
    expect(titles[0]).toBe(LIVE) // soonest first: the one under way now
    expect(titles).toContain(FULL)
    expect(titles).not.toContain('空巢不空心：重阳节慰问') // cancelled
    expect(titles).toHaveLength(9)
    expect(wrapper.find('.v-home__count').text()).toBe('共 9 场活动')

    const full = cards(wrapper).find((c) => c.text().includes(FULL))!
    expect(full.text()).toContain('空巢不空心')
    expect(full.text()).toContain('锦江苑小区 3 栋楼下集合')
    expect(full.find('.v-act__seats').text()).toBe('名额已满，候补 2 人')
    expect(full.find('.v-act__insured').text()).toBe('已安排意外保险')
    expect(full.find('.v-act__when').text()).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}$/)
    const granary = cards(wrapper).find((c) => c.text().includes(GRANARY))!
    expect(granary.find('.v-act__seats').text()).toBe('还剩 3 个名额（共 8 个）')
    expect(granary.find('.v-mine').text()).toBe('已报名')
    expect(granary.find('a').attributes('href')).toBe(`/activities/${byTitle(GRANARY).id}`)
    // The check-in button is on home.
    expect(wrapper.find('.v-home__checkin').attributes('href')).toBe('/check-in')
    expect(wrapper.find('.v-home__unread').text()).toBe('您有 2 条新消息，去看看')
  })

  it('filters by project and by day, and keeps the filter in the address', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    await wrapper.find('select[name="project"]').setValue('empty_nest')
    await flushPromises()
    expect(cards(wrapper).map((c) => c.find('.v-act__title').text())).toEqual([FULL])
    expect(made.router.currentRoute.value.query).toEqual({ project: 'empty_nest' })

    await wrapper.find('select[name="project"]').setValue('')
    const day = new Date(Date.parse(byTitle(GRANARY).startsAt) + 8 * 3_600_000).toISOString().slice(0, 10)
    await wrapper.find('input[name="date"]').setValue(day)
    await flushPromises()
    expect(cards(wrapper).map((c) => c.find('.v-act__title').text())).toEqual([GRANARY])
    expect(made.router.currentRoute.value.query).toEqual({ date: day })

    await wrapper.find('select[name="project"]').setValue('tibetan_area_aid')
    await flushPromises()
    expect(cards(wrapper)).toHaveLength(0)
    expect(wrapper.find('.c-empty').text()).toContain('没有符合条件的活动')
    await wrapper.find('.v-filters__clear').trigger('click')
    await flushPromises()
    expect(cards(wrapper).map((c) => c.find('.v-act__title').text())).toEqual(['情系藏区：冬衣打包寄送'])

    // Back on home later, the filter is still there.
    wrapper.unmount()
    wrapper = await mountApp(makeApp(), '/?project=hand_in_hand')
    await flushPromises()
    expect((wrapper.find('select[name="project"]').element as HTMLSelectElement).value).toBe('hand_in_hand')
    expect(cards(wrapper).map((c) => c.find('.v-act__title').text())).toEqual(['手牵手心相连：义剪服务'])
  })
})

describe('activity page: sign up and withdraw', () => {
  it('shows every fact and signs me up while places remain', async () => {
    await open(STORY)
    const facts = wrapper!.find('.v-facts').text()
    expect(facts).toContain('幸福社区老年活动中心')
    expect(facts).toContain('孝亲敬老评书')
    expect(facts).toContain('共 6 个名额，已报名 0 人')
    expect(facts).toContain('还剩 6 个名额')
    expect(facts).toContain('年满 14 周岁')
    expect(facts).toContain('不需要特别技能')
    expect(facts).toContain('已安排意外保险')
    expect(wrapper!.find('.v-desc').text()).toContain('陪老人们听评书')

    await wrapper!.find('.v-signup').trigger('click')
    await flushPromises()
    expect(toasts()).toContain('报名成功，活动前一天会提醒您。')
    expect(wrapper!.find('.v-mine-card .v-mine').text()).toBe('已报名')
    expect(wrapper!.find('.v-facts__seats').text()).toContain('已报名 1 人')
    expect(w.enrollments.filter((e) => e.activityId === byTitle(STORY).id && e.volunteerId === wang().id).map((e) => e.status)).toEqual(['enrolled'])
    expect(w.notifications.at(-1)).toMatchObject({ userId: wang().userId, kind: 'enrolled' })
  })

  it('puts me on the waitlist of a full activity, with my place', async () => {
    await open(FULL)
    const button = wrapper!.find('.v-signup')
    expect(button.text()).toBe('名额已满，加入候补')
    await button.trigger('click')
    await flushPromises()
    expect(toasts()).toContain('名额已满，您是候补第 3 位。')
    expect(wrapper!.find('.v-mine-card .v-mine').text()).toBe('候补第 3 位')
    expect(wrapper!.find('.v-mine-card').text()).toContain('有人取消报名时')
    expect(wrapper!.find('.v-withdraw').text()).toBe('退出候补')
  })

  it('withdraws after asking, and the first person waiting gets the place', async () => {
    const a = byTitle(GRANARY)
    a.capacity = 5 // full: 王秀兰 and four more
    const waiting = w.volunteers.find((v) => v.realName === '孙玉梅')!
    w.enrollments.push({ id: 'e-wait', activityId: a.id, volunteerId: waiting.id, status: 'waitlisted', waitlistPosition: 1, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() })
    await open(GRANARY)
    expect(wrapper!.find('.v-facts__seats').text()).toContain('名额已满，候补 1 人')
    await wrapper!.find('.v-withdraw').trigger('click')
    await flushPromises()
    const dialog = wrapper!.find('dialog')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    expect(dialog.text()).toContain('您的名额会让给候补的第一位志愿者')
    await dialog.find('.v-withdraw-confirm').trigger('click')
    await flushPromises()
    expect(toasts()).toContain('已取消报名。')
    expect(wrapper!.find('.v-mine-card .v-mine').text()).toBe('已取消报名')
    expect(wrapper!.find('.v-signup').exists()).toBe(true) // may sign up again
    expect(w.enrollments.find((e) => e.id === 'e-wait')).toMatchObject({ status: 'enrolled', waitlistPosition: null })
    expect(w.notifications.at(-1)).toMatchObject({ userId: waiting.userId, kind: 'promoted' })
    expect(wrapper!.find('.v-facts__seats').text()).toContain('名额已满，候补 0 人')
  })

  it('says why a sign-up is refused, per reason', async () => {
    await open('手牵手心相连：义剪服务')
    await wrapper!.find('.v-signup').trigger('click')
    await flushPromises()
    expect(wrapper!.find('.v-refusal').text()).toBe('这个活动需要会：理发。如果您有这些技能，请联系队长更新您的资料。')
    expect(wrapper!.find('.v-refusal').attributes('role')).toBe('alert')
    wrapper!.unmount()

    byTitle(STORY).minAge = 70
    await open(STORY)
    expect(wrapper!.find('.v-facts').text()).toContain('年满 70 周岁')
    await wrapper!.find('.v-signup').trigger('click')
    await flushPromises()
    expect(wrapper!.find('.v-refusal').text()).toBe('这个活动要求年满 70 周岁，您的年龄还不够。')

    const others: [number, string, string][] = [
      [409, 'already_signed_up', '您已经报过名了。'],
      [422, 'activity_cancelled', '这个活动已取消，不能报名。'],
      [422, 'activity_started', '活动已经开始，不能再报名或取消报名。'],
      [403, 'not_a_volunteer', '队长审核通过、成为志愿者后才能报名。'],
      [422, 'something_new', '没能报名：The server said no.'],
    ]
    for (const [status, code, words] of others) {
      mock.server.use(http.post('*/api/v1/activities/:id/enrollment', () => fail(status, code, 'The server said no.')))
      await wrapper!.find('.v-signup').trigger('click')
      await flushPromises()
      expect(wrapper!.find('.v-refusal').text(), code).toBe(words)
    }
  })

  it('offers no sign-up for a cancelled activity and says why', async () => {
    await open('空巢不空心：重阳节慰问')
    expect(wrapper!.find('.v-notice').text()).toBe('这个活动已取消：天气预报有大雨，改期另行通知。')
    expect(wrapper!.find('.v-signup').exists()).toBe(false)
    expect(wrapper!.find('.v-withdraw').exists()).toBe(false)
  })

  it('speaks English', async () => {
    const made = await open(FULL)
    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper!.find('.v-signup').text()).toBe('Full: join the waitlist')
    expect(wrapper!.find('.v-facts').text()).toContain('Empty Nest, Full Heart')
    expect(wrapper!.find('.v-facts__seats').text()).toContain('Full, 2 on the waitlist')
  })
})

describe('check-in and check-out', () => {
  const typeCode = async (code: string) => {
    await wrapper!.find('input[name="code"]').setValue(code)
  }
  const result = () => wrapper!.find('.v-checkin__result').text()

  it('checks in and then out with the six-digit code on the activity page', async () => {
    await open(LIVE)
    const card = wrapper!.find('.v-checkin-card')
    expect(card.find('.v-checkin__in').classes()).toContain('c-button--primary')
    await typeCode('246810')
    await card.find('.v-checkin__in').trigger('click')
    await flushPromises()
    expect(result()).toMatch(/^签到成功：茶义仓：今日值班，\d{2}:\d{2}$/)
    expect(wrapper!.find('.v-checkin__live').attributes('aria-live')).toBe('polite')
    expect(wrapper!.find('.v-mine-card .v-mine').text()).toMatch(/^已签到（\d{2}:\d{2}）$/)
    // Checked in: check-out is now the likely step.
    expect(wrapper!.find('.v-checkin__out').classes()).toContain('c-button--primary')

    await typeCode('246810')
    await wrapper!.find('.v-checkin__out').trigger('click')
    await flushPromises()
    expect(result()).toMatch(/^签退成功：茶义仓：今日值班，\d{2}:\d{2}。服务时长等队长审核后计入。$/)
    expect(w.hours.at(-1)).toMatchObject({ volunteerId: wang().id, activityTitle: LIVE, source: 'attendance', status: 'pending' })
  })

  it('asks for six digits before sending anything', async () => {
    await open(LIVE)
    await typeCode('12345')
    await wrapper!.find('.v-checkin__in').trigger('click')
    await flushPromises()
    expect(wrapper!.find('input[name="code"]').element.closest('.c-field')!.querySelector('.c-field__error')!.textContent).toContain('请输入 6 位数字')
    expect(w.attendance.filter((a) => a.volunteerId === wang().id && a.activityId === byTitle(LIVE).id)).toHaveLength(0)
  })

  it('words every refusal of a typed code', async () => {
    const live = byTitle(LIVE)
    const now = new Date()
    const other = issueCheckInCode(w, byTitle(GRANARY).id, now)
    const expired = issueCheckInCode(w, live.id, now, { ttlSeconds: -5 })
    await open(LIVE)
    const cases: [string, 'in' | 'out', RegExp][] = [
      ['111111', 'in', /^签到码不正确/],
      [other.code, 'in', /^这个签到码属于另一场活动/],
      [expired.code, 'in', /^签到码已过期/],
      ['246810', 'out', /^您还没有签到，请先签到。$/],
      ['246810', 'in', /^签到成功/],
      ['246810', 'in', /^您已经签到过了。$/],
      ['246810', 'out', /^签退成功/],
      ['246810', 'out', /^您已经签退过了。$/],
    ]
    for (const [code, kind, words] of cases) {
      await typeCode(code)
      await wrapper!.find(kind === 'in' ? '.v-checkin__in' : '.v-checkin__out').trigger('click')
      await flushPromises()
      expect(result(), `${code} ${kind}`).toMatch(words)
      const refused = !/成功/.test(result())
      expect(wrapper!.find('.v-checkin__result').attributes('role'), code).toBe(refused ? 'alert' : undefined)
    }
  })

  it('sends the token of a page opened by the phone camera at once', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, `/check-in?t=${encodeURIComponent(`ci1.${byTitle(LIVE).id}.demo-token-for-the-mock`)}`)
    await vi.waitFor(() => expect(wrapper!.find('.v-checkin__result').exists()).toBe(true))
    expect(result()).toMatch(/^签到成功：茶义仓：今日值班/)
    expect(made.router.currentRoute.value.query).toEqual({}) // a reload does not send it again
    expect(w.attendance.filter((a) => a.volunteerId === wang().id && a.activityId === byTitle(LIVE).id)).toHaveLength(1)
    // The same QR scanned again: already in, and check-out is offered with it.
    wrapper.unmount()
    wrapper = await mountApp(makeApp(), `/check-in?t=${encodeURIComponent(`ci1.${byTitle(LIVE).id}.demo-token-for-the-mock`)}`)
    await vi.waitFor(() => expect(wrapper!.find('.v-checkin__result').exists()).toBe(true))
    expect(result()).toBe('您已经签到过了。')
    await wrapper.find('.v-checkin__offer-out').trigger('click')
    await flushPromises()
    expect(result()).toMatch(/^签退成功/)
  })

  it('words the refusals of a scanned token: not enrolled, outside the time, forged', async () => {
    const full = issueCheckInCode(w, byTitle(FULL).id, new Date())
    const tomorrow = issueCheckInCode(w, byTitle(GRANARY).id, new Date())
    const cases: [string, RegExp][] = [
      [full.token, /^您没有报名这场活动（或还在候补中），不能签到。$/],
      [tomorrow.token, /^现在不在签到时间内/],
      ['ci1.forged-token-0123456789', /^签到码不正确/],
    ]
    for (const [token, words] of cases) {
      wrapper = await mountApp(makeApp(), `/check-in?t=${encodeURIComponent(token)}`)
      await vi.waitFor(() => expect(wrapper!.find('.v-checkin__result').exists()).toBe(true))
      expect(result(), token).toMatch(words)
      wrapper.unmount()
      wrapper = undefined
    }
  })

  it('lets me type the code for an activity on now, chosen from mine', async () => {
    wrapper = await mountApp(makeApp(), '/check-in')
    await flushPromises()
    expect(wrapper.find('.v-scan__start').text()).toBe('打开摄像头扫码')
    // Only one of my activities is on now: no choice to make.
    expect(wrapper.find('select[name="activity"]').exists()).toBe(false)
    await typeCode('246810')
    await wrapper.find('.v-checkin__in').trigger('click')
    await flushPromises()
    expect(result()).toMatch(/^签到成功：茶义仓：今日值班/)
  })

  it('says so when the camera cannot be used', async () => {
    wrapper = await mountApp(makeApp(), '/check-in')
    await flushPromises()
    await wrapper.find('.v-scan__start').trigger('click')
    await flushPromises()
    // happy-dom has no camera (and no secure context): the typed code is offered instead.
    expect(wrapper.find('.v-problem').text()).toBe('这台手机上用不了摄像头扫码，请在下面输入数字签到码。')
  })
})
