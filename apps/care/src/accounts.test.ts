import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { fakeId, makeUser } from '@chayi/testing'
import { http, MOCK_PASSWORD } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { PAGE_SIZE } from './config'
import { makeApp, mountApp, useMockApiHooks } from './test-helpers'

let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const names = (w: VueWrapper) => w.findAll('.care-accounts tbody tr').map((tr) => tr.find('td').text())
const fieldError = (w: VueWrapper, name: string) => w.find(`input[name="${name}"]`).element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()

async function openCreate(w: VueWrapper) {
  await w.find('.care-create').trigger('click')
  await flushPromises()
  expect(w.find('dialog form#care-create-account').exists()).toBe(true)
}
async function fill(w: VueWrapper, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await w.find(`dialog input[name="${name}"]`).setValue(value)
}
async function submit(w: VueWrapper) {
  await w.find('form#care-create-account').trigger('submit')
  await flushPromises()
}

describe('accounts', () => {
  it("lists the team's accounts with their roles in the current language", async () => {
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, '/accounts')
    // Staff first: the volunteer 王秀兰 (only the volunteer role) is under 全部.
    expect(names(wrapper)).toEqual(['周文华', '李建国', '张明', '刘芳', '扎西'])
    await wrapper.find('input[name="kind"][value="all"]').setValue(true)
    await flushPromises()
    expect(names(wrapper)).toEqual(['周文华', '王秀兰', '李建国', '张明', '刘芳', '扎西'])
    const leader = wrapper.findAll('.care-accounts tbody tr')[2]!
    expect(leader.findAll('.care-roles .c-badge').map((b) => b.text())).toEqual(['队长/带头人', '志愿者'])
    expect(leader.text()).toContain('正常')
    expect(wrapper.find('.c-table__footer').exists()).toBe(false) // everything fits on one page

    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(leader.findAll('.care-roles .c-badge').map((b) => b.text())).toEqual(['Team leader', 'Volunteer'])
    expect(wrapper.find('.care-accounts thead').text()).toContain('Roles')
  })

  it('pages with the cursor: "load more" appends the next page', async () => {
    const teamId = mock.world.state.team.id
    for (let i = 0; i < 25; i++) mock.world.state.users.push({ user: makeUser({ id: fakeId(500 + i), teamId, username: `extra${i}`, displayName: `队员${i}`, roles: ['care_staff'] }), password: MOCK_PASSWORD })
    const seen: string[] = []
    mock.server.events.on('request:start', ({ request }) => void (request.url.includes('/users') && seen.push(new URL(request.url).search)))
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/accounts')
    expect(names(wrapper)).toHaveLength(PAGE_SIZE)
    const more = wrapper.find('.c-table__footer button')
    expect(more.text()).toBe('加载更多')
    await more.trigger('click')
    await flushPromises()
    expect(names(wrapper)).toHaveLength(30)
    expect(names(wrapper).slice(-2)).toEqual(['队员23', '队员24'])
    expect(new Set(names(wrapper)).size).toBe(30) // no row twice
    expect(wrapper.find('.c-table__footer').exists()).toBe(false)
    expect(seen).toEqual([`?limit=${PAGE_SIZE}&kind=staff`, `?limit=${PAGE_SIZE}&kind=staff&cursor=${fakeId(514)}`])
    mock.server.events.removeAllListeners()
  })

  it('lets a leader see the accounts but not create one', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/accounts')
    expect(names(wrapper)).toHaveLength(5)
    expect(wrapper.find('.care-create').exists()).toBe(false)
  })
})

describe('creating an account', () => {
  it("shows the server's field errors beside the right fields", async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/accounts')
    await openCreate(wrapper)
    await fill(wrapper, { username: 'Bad Name', displayName: '新队员', password: 'short' })
    await submit(wrapper)
    // The server decides which fields are wrong; the words are in the reader's language.
    expect(fieldError(wrapper, 'username')).toBe('用户名只能用 3–40 位小写字母、数字或 _ . -')
    expect(fieldError(wrapper, 'password')).toBe('密码至少 8 位')
    expect(fieldError(wrapper, 'displayName')).toBeUndefined()
    expect(fieldError(wrapper, 'phone')).toBeUndefined()
    expect(mock.world.state.users).toHaveLength(6)

    // Fixing them clears them; a login that is taken goes beside the username too.
    await fill(wrapper, { username: 'volunteer', password: 'long enough pw' })
    await submit(wrapper)
    expect(fieldError(wrapper, 'username')).toBe('这个用户名或手机号已经注册过了')
    expect(fieldError(wrapper, 'password')).toBeUndefined()

    // No role ticked: the roles group gets the error.
    await fill(wrapper, { username: 'new.one' })
    await wrapper.find('input[name="role-volunteer"]').setValue(false)
    await submit(wrapper)
    expect(wrapper.find('dialog .care-roles').element.closest('.c-field')?.querySelector('.c-field__error')?.textContent?.trim()).toBe('请至少选择一个角色')

    // Neither username nor phone: the server's rule, said as such.
    await fill(wrapper, { username: '' })
    await wrapper.find('input[name="role-volunteer"]').setValue(true)
    await submit(wrapper)
    expect(fieldError(wrapper, 'username')).toBe('请填写用户名或手机号')
    expect(mock.world.state.users).toHaveLength(6)
  })

  it('creates an account with an Idempotency-Key, and the new account appears in the list', async () => {
    const keys: (string | null)[] = []
    mock.server.events.on('request:start', ({ request }) => void (request.method === 'POST' && request.url.endsWith('/users') && keys.push(request.headers.get('idempotency-key'))))
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/accounts')
    await openCreate(wrapper)
    await fill(wrapper, { username: 'chen.jing', phone: '139 0000 9999', displayName: '陈静', password: 'first-password' })
    await wrapper.find('input[name="role-care_staff"]').setValue(true)
    await submit(wrapper)
    await vi.waitFor(() => expect(wrapper!.find('dialog form').exists()).toBe(false))

    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    const created = mock.world.state.users.at(-1)!
    expect(created.user).toMatchObject({ username: 'chen.jing', phone: '13900009999', displayName: '陈静', roles: ['care_staff', 'volunteer'] })
    expect(created.password).toBe('first-password')
    expect(names(wrapper)[0]).toBe('陈静')
    expect(wrapper.findAll('.care-accounts tbody tr')[0]!.findAll('.c-badge').map((b) => b.text())).toEqual(['关爱中心工作人员', '志愿者', '正常'])
    expect(useToast().toasts.map((t) => t.message)).toContain('已创建账号：陈静')

    // A fresh form next time.
    await openCreate(wrapper)
    expect((wrapper.find('dialog input[name="username"]').element as HTMLInputElement).value).toBe('')
    mock.server.events.removeAllListeners()
  })

  it('sends the same key again when the same form is retried after a network error', async () => {
    const keys: string[] = []
    let first = true
    mock.server.use(
      http.post('*/api/v1/users', ({ request }) => {
        keys.push(request.headers.get('idempotency-key') ?? '')
        if (first) {
          first = false
          return Response.error()
        }
      }),
    )
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, '/accounts')
    await openCreate(wrapper)
    await fill(wrapper, { username: 'retry.me', displayName: '重试', password: 'first-password' })
    await submit(wrapper)
    expect(made.notices.at(-1)?.kind).toBe('warning') // could not reach the server
    await submit(wrapper)
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    expect(mock.world.state.users.filter((u) => u.user.username === 'retry.me')).toHaveLength(1)
  })
})

const row = (w: VueWrapper, name: string) => w.findAll('.care-accounts tbody tr').find((tr) => tr.find('td').text() === name)!

describe('administering an account', () => {
  it('edits roles in a dialog; the last administrator keeps the admin role', async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/accounts')
    await row(wrapper, '刘芳').find('.care-edit-roles').trigger('click')
    await flushPromises()
    expect(wrapper.find('dialog form#care-edit-roles').exists()).toBe(true)
    expect((wrapper.find('input[name="edit-role-care_staff"]').element as HTMLInputElement).checked).toBe(true)
    expect(wrapper.find('input[name="edit-role-district_admin"]').exists()).toBe(false)
    await wrapper.find('input[name="edit-role-leader"]').setValue(true)
    await wrapper.find('form#care-edit-roles').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper!.find('dialog form#care-edit-roles').exists()).toBe(false))
    expect(mock.world.state.user('care').user.roles).toEqual(['care_staff', 'leader'])
    expect(row(wrapper, '刘芳').findAll('.care-roles .c-badge').map((b) => b.text())).toEqual(['关爱中心工作人员', '队长/带头人'])
    expect(useToast().toasts.map((t) => t.message)).toContain('已更新角色：刘芳')

    // The only admin taking away their own admin role: the server's 409 shows beside the roles.
    await row(wrapper, '周文华').find('.care-edit-roles').trigger('click')
    await flushPromises()
    await wrapper.find('input[name="edit-role-admin"]').setValue(false)
    await wrapper.find('form#care-edit-roles').trigger('submit')
    await flushPromises()
    expect(wrapper.find('dialog .care-roles-grid').element.closest('.c-field')?.querySelector('.c-field__error')?.textContent).toContain('最后一位管理员')
    expect(mock.world.state.user('admin').user.roles).toEqual(['admin', 'leader'])
  })

  it('resets a password: confirm, then the temporary password once, with copy and a hand-over note', async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const keys: (string | null)[] = []
    mock.server.events.on('request:start', ({ request }) => void (request.url.includes('/password-reset') && keys.push(request.headers.get('idempotency-key'))))
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/accounts')
    expect(row(wrapper, '周文华').find('.care-reset').exists()).toBe(false) // not one's own
    await row(wrapper, '李建国').find('.care-reset').trigger('click')
    await flushPromises()
    expect(wrapper.find('dialog[open]').text()).toContain('一次性临时密码')
    expect(mock.world.state.user('leader').password).toBe(MOCK_PASSWORD) // nothing before confirming
    await wrapper.find('.care-reset-confirm').trigger('click')
    await flushPromises()
    const temp = wrapper.find('.care-temp__code').text()
    expect(temp).toMatch(/^[A-HJ-NP-Za-km-z2-9]{10}$/)
    expect(mock.world.state.user('leader').password).toBe(temp)
    expect(mock.world.state.user('leader').mustChangePassword).toBe(true) // the mock's /me now says so, as the API's does
    expect(wrapper.find('dialog[open]').text()).toContain('请当面交给本人')
    expect(keys).toEqual([null]) // a secret answer: never sent with an Idempotency-Key
    await wrapper.find('.care-copy').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(temp)
    await wrapper.find('.care-reset-done').trigger('click')
    await flushPromises()
    expect(wrapper.find('.care-temp__code').exists()).toBe(false)
    // Opening it again starts over: the password is not shown a second time.
    await row(wrapper, '李建国').find('.care-reset').trigger('click')
    await flushPromises()
    expect(wrapper.find('.care-temp__code').exists()).toBe(false)
    expect(wrapper.find('.care-reset-confirm').exists()).toBe(true)
    mock.server.events.removeAllListeners()
  })

  it("lists an account's sessions and ends them all", async () => {
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, '/accounts')
    await row(wrapper, '刘芳').find('.care-sessions-open').trigger('click')
    await flushPromises()
    const lines = wrapper.findAll('dialog[open] .care-sessions tbody tr')
    expect(lines).toHaveLength(1)
    expect(lines[0]!.text()).toContain('192.0.2.14')
    expect(lines[0]!.text()).toContain('微信 · iOS')
    await wrapper.find('.care-end-sessions').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('dialog[open] .care-sessions tbody tr')).toHaveLength(0)
    expect(wrapper.find('dialog[open]').text()).toContain('没有正在登录的设备')
    expect(useToast().toasts.map((t) => t.message)).toContain('已让“刘芳”退出 1 个登录')

    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(wrapper.find('.care-end-sessions').text()).toBe('Sign out everywhere')
  })

  it('shows no per-account actions to a leader', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/accounts')
    expect(wrapper.find('.care-edit-roles').exists()).toBe(false)
    expect(wrapper.find('.care-reset').exists()).toBe(false)
    expect(wrapper.find('.care-accounts thead').text()).not.toContain('操作')
  })
})
