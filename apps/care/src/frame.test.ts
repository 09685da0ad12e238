import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeApp, mountApp, useMockApiHooks } from './test-helpers'

// The console on a phone held upright (390 px): the side nav waits behind a menu button and opens
// as a drawer over the screen; following a link in it, Escape or a tap beside it closes it.
let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})
const settle = async () => {
  for (let i = 0; i < 6; i++) await flushPromises()
}
const setWidth = (width: number) => {
  // happy-dom's own API (not in the DOM types): resize the window, which media queries follow.
  (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height: 844 })
  window.dispatchEvent(new Event('resize'))
}
afterEach(() => setWidth(1024))

describe('the console at phone width', () => {
  it('opens the nav as a drawer from the menu button and closes it on navigation', async () => {
    setWidth(390)
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/')
    await settle()
    const menu = wrapper.find('.c-sidenav__menu')
    expect(menu.exists()).toBe(true)
    expect(menu.text()).toBe('主导航')
    expect(menu.attributes('aria-expanded')).toBe('false')
    const drawer = wrapper.find(`#${menu.attributes('aria-controls')}`)
    expect(drawer.isVisible()).toBe(false)

    await menu.trigger('click')
    await settle()
    expect(menu.attributes('aria-expanded')).toBe('true')
    expect(drawer.isVisible()).toBe(true)
    expect(drawer.attributes('role')).toBe('dialog')
    // Focus is on the page one is on, in the drawer.
    expect(document.activeElement?.textContent).toContain('概览')
    expect(drawer.findAll('nav a').map((a) => a.text())).toContain('情系藏区')

    await drawer.findAll('nav a').find((a) => a.text() === '情系藏区')!.trigger('click')
    await vi.waitFor(() => expect(made.router.currentRoute.value.path).toBe('/aid'), { timeout: 5000 })
    await settle()
    expect(wrapper.find('.care-page__title').text()).toContain('情系藏区')
    expect(menu.attributes('aria-expanded')).toBe('false')
    expect(drawer.isVisible()).toBe(false)
    expect(wrapper.find('.c-sidenav__backdrop').exists()).toBe(false)

    await menu.trigger('click')
    await drawer.trigger('keydown', { key: 'Escape' })
    await settle()
    expect(menu.attributes('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(menu.element)
  })

  it('speaks English, and a tap beside the drawer closes it', async () => {
    setWidth(390)
    mock.signInAs('care')
    const made = makeApp()
    made.i18n.global.locale.value = 'en'
    wrapper = await mountApp(made, '/')
    await settle()
    const menu = wrapper.find('.c-sidenav__menu')
    expect(menu.text()).toBe('Main navigation')
    await menu.trigger('click')
    expect(wrapper.find('.c-sidenav__close').text()).toBe('Close')
    await wrapper.find('.c-sidenav__backdrop').trigger('click')
    expect(menu.attributes('aria-expanded')).toBe('false')
  })

  it('keeps the side nav beside the content on a desktop', async () => {
    setWidth(1280)
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/')
    await settle()
    expect(wrapper.find('.c-sidenav__menu').exists()).toBe(false)
    expect(wrapper.find('.c-sidenav-panel').isVisible()).toBe(true)
    expect(wrapper.find('.c-sidenav__toggle').exists()).toBe(true)
  })
})
