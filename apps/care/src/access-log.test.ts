import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { PAGE_SIZE } from './config'
import { makeApp, mountApp, useMockApiHooks } from './test-helpers'

let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const lines = (w: VueWrapper) => w.findAll('.care-access-log tbody tr')

describe('access log', () => {
  it('lists reveals newest first, translated, and pages with the cursor', async () => {
    const seen: string[] = []
    mock.server.events.on('request:start', ({ request }) => void (request.url.includes('/access-log') && seen.push(new URL(request.url).search)))
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, '/access-log')
    expect(wrapper.find('main').text()).toContain('敏感信息')
    expect(lines(wrapper)).toHaveLength(PAGE_SIZE)
    const first = lines(wrapper)[0]!.findAll('td').map((td) => td.text())
    expect(first[2]).toBe('关爱对象 · 身份证号')
    expect(first[3]).toMatch(/^…[0-9a-f]{8}$/)
    expect(first[4]).toBe('核对残疾补贴申请')
    await wrapper.find('.c-table__footer button').trigger('click')
    await flushPromises()
    expect(lines(wrapper)).toHaveLength(26)
    expect(seen).toHaveLength(2)
    expect(seen[1]).toMatch(/cursor=/)
    expect(wrapper.find('.c-table__footer').exists()).toBe(false)

    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(lines(wrapper)[1]!.findAll('td')[2]!.text()).toBe('Volunteer · ID number')
    expect(wrapper.find('.care-access-log thead').text()).toContain('Reason')
    mock.server.events.removeAllListeners()
  })

  it('is for administrators only: the nav hides it and the route refuses a leader', async () => {
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    expect(wrapper.text()).not.toContain('访问记录')
    await made.router.push('/access-log')
    expect(made.router.currentRoute.value.name).toBe('no-access')
  })
})
