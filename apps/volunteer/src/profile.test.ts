import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { takeContractViolations } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import type { ActivityWorld } from './mock-store'
import { mockAccessLog, seedDemo } from './mocks'
import { makeApp, mountApp, useMockApi } from './test-helpers'

// A volunteer's own record: editing the details, leaving the team, applying again (after a
// rejection or after leaving), and a leader seeing a whole ID number with a reason.
const mock = useMockApi()
let wrapper: VueWrapper | undefined
let w: ActivityWorld
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  w = seedDemo(mock.world.state)
  localStorage.clear()
  useToast().clear()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  mock.server.resetHandlers()
  mock.server.events.removeAllListeners()
  expect(takeContractViolations()).toEqual([])
})
afterAll(() => mock.server.close())

const wang = () => w.volunteers.find((v) => v.realName === '王秀兰')!
const li = () => w.volunteers.find((v) => v.realName === '李建国')!
const toasts = () => useToast().toasts.map((t) => t.message)
const input = (wr: VueWrapper, name: string) => wr.find(`input[name="${name}"]`).element as HTMLInputElement
const fieldError = (wr: VueWrapper, name: string) => wr.find(`[name="${name}"]`).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()
/** The writes the screens sent, with their Idempotency-Key and body. */
function recordWrites() {
  const seen: { method: string; path: string; key: string | null; body: unknown }[] = []
  mock.server.events.on('request:start', async ({ request }) => {
    if (request.method === 'GET') return
    const text = await request.clone().text()
    seen.push({ method: request.method, path: new URL(request.url).pathname, key: request.headers.get('idempotency-key'), body: text ? JSON.parse(text) : undefined })
  })
  return seen
}

describe('edit my details', () => {
  it('changes skills and the emergency contact: a bad phone shows beside its field, then it saves and goes back to Me', async () => {
    mock.signInAs('volunteer')
    const writes = recordWrites()
    const made = makeApp()
    wrapper = await mountApp(made, '/me')
    await flushPromises()
    expect(wrapper.find('.v-profile__skills').text()).toContain('量血压')
    expect(wrapper.find('.v-profile__contact').text()).toBe('家属（子女）13900001111')
    await wrapper.find('.v-profile__edit').trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('me-edit'))
    await vi.waitFor(() => expect(wrapper!.find('form#v-edit-profile').exists()).toBe(true))

    // The saved details fill the registration form's controls.
    expect(input(wrapper, 'skills').value).toBe('量血压，手工编织')
    expect(wrapper.findAll('.v-tags li').map((li) => li.text())).toEqual(['量血压', '手工编织'])
    expect(input(wrapper, 'availability').value).toBe('周末上午')
    expect(input(wrapper, 'aff-resident').checked).toBe(true)
    expect(input(wrapper, 'emergencyContact.phone').value).toBe('13900001111')

    await wrapper.find('input[name="skills"]').setValue('量血压, 理发、 量血压')
    expect(wrapper.findAll('.v-tags li').map((li) => li.text())).toEqual(['量血压', '理发'])
    await wrapper.find('input[name="emergencyContact.name"]').setValue('王小明')
    await wrapper.find('input[name="emergencyContact.phone"]').setValue('139 1234')
    await wrapper.find('form#v-edit-profile').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'emergencyContact.phone')).toBe('请填写正确的 11 位手机号')
    expect(fieldError(wrapper, 'skills')).toBeUndefined()
    expect(made.router.currentRoute.value.name).toBe('me-edit')
    expect(wang().skills).toEqual(['量血压', '手工编织'])

    await wrapper.find('input[name="emergencyContact.phone"]').setValue('139 8765 4321')
    await wrapper.find('form#v-edit-profile').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('me'))
    expect(toasts()).toContain('您的资料已保存。')
    expect(wang().skills).toEqual(['量血压', '理发'])
    expect(wang().emergencyContact).toEqual({ name: '王小明', phone: '13987654321', relation: '子女' })
    expect(wang().availability).toBe('周末上午')

    // Only what changed was sent, each try with an Idempotency-Key (a new one for the new body).
    const patches = writes.filter((x) => x.method === 'PATCH')
    expect(patches).toHaveLength(2)
    expect(patches.map((x) => Object.keys(x.body as object).sort())).toEqual([
      ['emergencyContact', 'skills'],
      ['emergencyContact', 'skills'],
    ])
    expect(patches[0]!.key).toMatch(/^[\w-]{8,}$/)
    expect(patches[1]!.key).not.toBe(patches[0]!.key)

    await flushPromises()
    expect(wrapper.find('.v-profile__skills').text()).toContain('理发')
    expect(wrapper.find('.v-profile__contact').text()).toBe('王小明（子女）13987654321')
  })

  it('needs at least one affiliation, and says so beside the checkboxes', async () => {
    mock.signInAs('volunteer')
    wrapper = await mountApp(makeApp(), '/me/edit')
    await vi.waitFor(() => expect(wrapper!.find('form#v-edit-profile').exists()).toBe(true))
    await wrapper.find('input[name="aff-resident"]').setValue(false)
    await wrapper.find('form#v-edit-profile').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'aff-resident')).toBe('请至少选择一个身份')
    expect(wang().affiliations).toEqual([{ kind: 'resident' }])
  })
})

describe('leaving the team', () => {
  it('asks first (records and hours stay), then the volunteer has left: the role goes and the status page offers to apply again', async () => {
    mock.signInAs('volunteer')
    const writes = recordWrites()
    const made = makeApp()
    wrapper = await mountApp(made, '/me')
    await flushPromises()
    const before = w.hours.filter((h) => h.volunteerId === wang().id).length
    await wrapper.find('.v-leave__open').trigger('click')
    const form = wrapper.find('form#v-leave-form')
    const dialog = form.element.closest('dialog')!
    expect(dialog.textContent).toContain('确定退出服务队吗？')
    expect(dialog.textContent).toContain('您的志愿者编号、服务记录和服务时长都会保留')
    // A plain volunteer is told the portal closes to them, and where "apply again" will be.
    expect(dialog.querySelector('.v-leave__portal')?.textContent).toContain('志愿者门户只显示您的申请状态')
    await form.find('input[name="reason"]').setValue('搬家到外地')
    await form.trigger('submit')
    await flushPromises()

    expect(wang().status).toBe('left')
    expect(wang().volunteerNumber).toBe('XINGFU-000001')
    expect(w.hours.filter((h) => h.volunteerId === wang().id)).toHaveLength(before)
    expect(mock.world.state.user('volunteer').user.roles).toEqual([])
    const leave = writes.find((x) => x.path.endsWith('/volunteers/me/leave'))!
    expect(leave.body).toEqual({ reason: '搬家到外地' })
    expect(leave.key).toBeTruthy()
    expect(toasts()).toContain('您已退出服务队。感谢您的付出！')

    // Not the shell's no-access page: the public status page, with the way back.
    await vi.waitFor(() => expect(made.router.currentRoute.value.name).toBe('membership'))
    await vi.waitFor(() => expect(wrapper!.find('.v-membership--left').exists()).toBe(true))
    expect(wrapper.find('.v-status-page__status').text()).toBe('已退出')
    expect(wrapper.find('.v-membership--left').text()).toContain('您已退出服务队。')
    expect(wrapper.find('.v-status-page__signout').exists()).toBe(true)

    await wrapper.find('.v-reapply').trigger('click')
    await flushPromises()
    expect(wang().status).toBe('pending')
    expect(wrapper.find('.v-membership--pending').text()).toContain('正在等待队长审核')
    expect(toasts()).toContain('已重新提交申请，请等待队长审核。')
  })

  it('keeps a leader on Me, showing that they left and the way back', async () => {
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/me')
    await flushPromises()
    await wrapper.find('.v-leave__open').trigger('click')
    expect(wrapper.find('form#v-leave-form').element.closest('dialog')!.querySelector('.v-leave__portal')).toBeNull()
    await wrapper.find('form#v-leave-form').trigger('submit')
    await flushPromises()
    expect(li().status).toBe('left')
    expect(mock.world.state.user('leader').user.roles).toEqual(['leader'])
    expect(made.router.currentRoute.value.name).toBe('me')
    expect(wrapper.find('.v-profile__status').text()).toBe('已退出')
    expect(wrapper.find('.v-membership--left').exists()).toBe(true)
    expect(wrapper.find('.v-reapply').exists()).toBe(true)
    expect(wrapper.find('.v-leave__open').exists()).toBe(false)
    expect(wrapper.find('.v-service').exists()).toBe(false)
  })
})

describe('applying again', () => {
  it('shows a rejected person the leader’s note, and after "apply again" that they are waiting', async () => {
    // Refused: no volunteer role, so the portal itself turns them away …
    Object.assign(wang(), { status: 'rejected', volunteerNumber: null, joinedAt: null, decisionNote: '请补充紧急联系人的电话' })
    const user = mock.world.state.user('volunteer')
    user.user = { ...user.user, roles: [] }
    mock.signInAs('volunteer')
    let made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(made.router.currentRoute.value.name).toBe('no-access')
    wrapper.unmount()

    // … and the registration page leads to where they stand.
    made = makeApp()
    wrapper = await mountApp(made, '/register')
    expect(wrapper.find('.v-register__status').attributes('href')).toBe('/membership')
    await wrapper.find('.v-register__status').trigger('click')
    await flushPromises()
    expect(made.router.currentRoute.value.name).toBe('membership')
    await vi.waitFor(() => expect(wrapper!.find('.v-membership--rejected').exists()).toBe(true))
    const box = wrapper.find('.v-membership--rejected')
    expect(box.text()).toContain('您的申请未通过。')
    expect(box.find('.v-membership__note').text()).toBe('队长的说明：请补充紧急联系人的电话')

    await box.find('.v-reapply').trigger('click')
    await flushPromises()
    expect(wang().status).toBe('pending')
    expect(wang().decisionNote).toBeNull()
    expect(wrapper.find('.v-status-page__status').text()).toBe('待审核')
    expect(wrapper.find('.v-membership--pending').text()).toContain('您的申请已提交，正在等待队长审核。')
    expect(wrapper.find('.v-reapply').exists()).toBe(false)
  })

  it('asks someone signed out to sign in first, and comes back here after', async () => {
    const made = makeApp()
    wrapper = await mountApp(made, '/membership')
    expect(wrapper.find('.v-status-page__signed-out').exists()).toBe(true)
    expect(wrapper.find('.v-status-page__signed-out a').attributes('href')).toBe('/sign-in?redirect=/membership')
  })

  it('shows a pending volunteer on Me that they are waiting', async () => {
    Object.assign(li(), { status: 'pending', volunteerNumber: null })
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/me')
    await flushPromises()
    expect(wrapper.find('.v-profile__number').text()).toBe('待审核')
    expect(wrapper.find('.v-membership--pending').text()).toContain('正在等待队长审核')
    expect(wrapper.find('.v-reapply').exists()).toBe(false)
    expect(wrapper.find('.v-leave__open').exists()).toBe(false)
  })
})

describe('a whole ID number', () => {
  it('needs a reason, shows the number in the dialog with a note that it is logged, and forgets it on close', async () => {
    const zhao = w.volunteers.find((v) => v.realName === '赵丽')!
    Object.assign(zhao, { status: 'pending', volunteerNumber: null, joinedAt: null })
    const whole = w.idKeys[zhao.id]!.split(':')[1]!
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/join-requests')
    await flushPromises()
    const item = wrapper.findAll('.v-request').find((r) => r.text().includes('赵丽'))!
    expect(item.find('.v-request__masked').text()).toBe(zhao.idNumberMasked)
    expect(item.text()).not.toContain(whole)

    await item.find('.v-reveal').trigger('click')
    const dialog = () => wrapper!.find('form#v-reveal-form').exists() ? wrapper!.find('form#v-reveal-form').element.closest('dialog')! : wrapper!.find('.v-revealed').element.closest('dialog')!
    expect(dialog().querySelector('.c-dialog__title')?.textContent).toBe('查看 赵丽 的完整证件号码')
    expect(dialog().textContent).toContain('每次查看都会记入访问日志')
    await wrapper.find('form#v-reveal-form').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'reason')).toBe('请写明原因（至少 2 个字）')
    await wrapper.find('input[name="reason"]').setValue(' 保 ')
    await wrapper.find('form#v-reveal-form').trigger('submit')
    await flushPromises()
    expect(fieldError(wrapper, 'reason')).toBe('请写明原因（至少 2 个字）')
    expect(mockAccessLog(mock.world.state)).toEqual([])

    await wrapper.find('input[name="reason"]').setValue('办理活动意外保险')
    await wrapper.find('form#v-reveal-form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('.v-revealed__number').text()).toBe(whole)
    expect(wrapper.find('.v-revealed__type').text()).toBe('居民身份证')
    expect(dialog().querySelector('.v-logged')?.textContent).toContain('这次查看已记入访问日志')
    expect(mockAccessLog(mock.world.state)).toMatchObject([{ volunteerId: zhao.id, field: 'id_number', reason: '办理活动意外保险' }])
    // Only on screen: no store holds it.
    expect(JSON.stringify(made.pinia.state.value)).not.toContain(whole)

    await wrapper.find('.v-reveal__close').trigger('click')
    await flushPromises()
    expect(wrapper.find('.v-revealed').exists()).toBe(false)
    expect(document.body.textContent).not.toContain(whole)
    // Asking again starts over: a new reason, a new log line.
    await item.find('.v-reveal').trigger('click')
    expect(wrapper.find('.v-revealed').exists()).toBe(false)
    expect(input(wrapper, 'reason').value).toBe('')
  })
})
