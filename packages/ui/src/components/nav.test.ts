import { afterEach, describe, expect, it } from 'vitest'
import { h, nextTick } from 'vue'
import { mountUi } from '../internal/mount'
import type { NavItem } from '../types'
import CAppFrame from './CAppFrame.vue'
import CSideNav from './CSideNav.vue'
import CStat from './CStat.vue'
import CTabBar from './CTabBar.vue'
import CTopBar from './CTopBar.vue'

const items: NavItem[] = [
  { key: 'home', label: '首页', icon: 'home', href: '/volunteer/' },
  { key: 'activities', label: '活动', icon: 'calendar', href: '/volunteer/activities', badge: 3 },
  { key: 'me', label: '我的', icon: 'user', href: '/volunteer/me' },
]

describe('navigation', () => {
  it('CTabBar marks the active item with aria-current and speaks badges', () => {
    const w = mountUi(CTabBar, { props: { items, active: 'activities' } })
    expect(w.find('nav').attributes('aria-label')).toBe('主导航')
    const links = w.findAll('a')
    expect(links.map((a) => a.attributes('aria-current'))).toEqual([undefined, 'page', undefined])
    expect(links[1]!.text()).toContain('3 项')
    expect(links[1]!.attributes('href')).toBe('/volunteer/activities')
  })

  it('CSideNav collapses to icons but keeps every label for screen readers', async () => {
    const w = mountUi(CSideNav, { props: { groups: [{ label: '登记', items }], active: 'home' } })
    const toggle = w.find('.c-sidenav__toggle')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(w.find(`#${toggle.attributes('aria-controls')}`).exists()).toBe(true)
    await toggle.trigger('click')
    expect(w.emitted('update:collapsed')).toEqual([[true]])
    await w.setProps({ collapsed: true })
    expect(w.find('.c-sidenav__toggle').attributes('aria-expanded')).toBe('false')
    expect(w.findAll('a').map((a) => a.text())).toEqual([expect.stringContaining('首页'), expect.stringContaining('活动'), '我的'])
    expect(w.findAll('a')[0]!.attributes('title')).toBe('首页')
  })

  it('CTopBar has a labelled back button', async () => {
    const w = mountUi(CTopBar, { props: { title: '活动详情', back: true } })
    expect(w.find('h1').text()).toBe('活动详情')
    const back = w.find('button')
    expect(back.attributes('aria-label')).toBe('返回')
    await back.trigger('click')
    expect(w.emitted('back')).toHaveLength(1)
  })

  it('CAppFrame puts the nav at the bottom on phones and at the side on desktops', () => {
    const slots = { top: '<header>top</header>', nav: '<nav class="n">nav</nav>', default: '<p>content</p>' }
    const phone = mountUi(CAppFrame, { props: { layout: 'phone' }, slots })
    expect(phone.find('.c-frame__bottom .n').exists()).toBe(true)
    expect(phone.find('.c-frame__side').exists()).toBe(false)
    expect(phone.find('main').text()).toBe('content')
    const skip = phone.find('.c-frame__skip')
    expect(skip.attributes('href')).toBe(`#${phone.find('main').attributes('id')}`)

    const desktop = mountUi(CAppFrame, { props: { layout: 'desktop' }, slots })
    expect(desktop.find('.c-frame__side .n').exists()).toBe(true)
    expect(desktop.find('[aria-live]').exists()).toBe(true) // the toast host
  })

  it('CStat formats the number for the locale and words the trend', () => {
    const w = mountUi(CStat, {
      props: { label: '公益基金', value: 600000, unit: '元', trend: { direction: 'up', text: '本月 +3,200' } },
    })
    expect(w.find('.c-stat__number').text()).toBe('600,000')
    expect(w.find('dt').text()).toBe('公益基金')
    expect(w.find('.c-stat__trend').text()).toContain('上升')
  })
})

describe('CSideNav in a desktop frame at phone width', () => {
  const groups = [{ items }]
  const mountFrame = (locale: 'zh-CN' | 'en' = 'zh-CN') =>
    mountUi(CAppFrame, {
      locale,
      attachTo: document.body,
      props: { layout: 'desktop' },
      slots: {
        top: '<header class="top">top</header>',
        nav: () => h(CSideNav, { groups, collapsed: true }),
        default: '<p>content</p>',
      },
    })
  const setWidth = (width: number) => {
    // happy-dom's own API (not in the DOM types): resize the window, which media queries follow.
    (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height: 844 })
    window.dispatchEvent(new Event('resize'))
  }
  afterEach(() => setWidth(1024))

  it('stays a column beside the content at desktop width, with no menu button', () => {
    setWidth(1280)
    const w = mountFrame()
    expect(w.find('.c-sidenav__menu').exists()).toBe(false)
    const panel = w.find('.c-sidenav-panel')
    expect(panel.isVisible()).toBe(true)
    expect(panel.attributes('role')).toBeUndefined()
    expect(w.find('.c-sidenav--collapsed').exists()).toBe(true)
    expect(w.find('.c-sidenav__toggle').exists()).toBe(true)
    w.unmount()
  })

  it('waits behind a menu button that opens a drawer; Escape closes it and focus returns', async () => {
    setWidth(390)
    const w = mountFrame()
    const menu = w.find('.c-sidenav__menu')
    expect(menu.exists()).toBe(true)
    expect(menu.text()).toBe('主导航')
    expect(menu.attributes('aria-expanded')).toBe('false')
    const panel = w.find(`#${menu.attributes('aria-controls')}`)
    expect(panel.isVisible()).toBe(false)

    await menu.trigger('click')
    await nextTick()
    expect(menu.attributes('aria-expanded')).toBe('true')
    expect(panel.isVisible()).toBe(true)
    expect(panel.attributes('role')).toBe('dialog')
    expect(panel.attributes('aria-modal')).toBe('true')
    // In the drawer the nav shows its labels even when collapsed on the desktop, and no collapse button.
    expect(w.find('.c-sidenav--collapsed').exists()).toBe(false)
    expect(w.find('.c-sidenav__toggle').exists()).toBe(false)
    expect(panel.element.contains(document.activeElement)).toBe(true)
    expect(w.find('.c-sidenav__backdrop').exists()).toBe(true)

    await panel.trigger('keydown', { key: 'Escape' })
    await nextTick()
    await nextTick()
    expect(menu.attributes('aria-expanded')).toBe('false')
    expect(panel.isVisible()).toBe(false)
    expect(document.activeElement).toBe(menu.element)
    w.unmount()
  })

  it('closes on a backdrop tap, on its close button and when a link in it is followed', async () => {
    setWidth(390)
    const w = mountFrame('en')
    const menu = w.find('.c-sidenav__menu')
    expect(menu.text()).toBe('Main navigation')
    await menu.trigger('click')
    await w.find('.c-sidenav__backdrop').trigger('click')
    expect(menu.attributes('aria-expanded')).toBe('false')
    expect(w.find('.c-sidenav__backdrop').exists()).toBe(false)

    await menu.trigger('click')
    const close = w.find('.c-sidenav__close')
    expect(close.text()).toBe('Close')
    await close.trigger('click')
    expect(menu.attributes('aria-expanded')).toBe('false')

    await menu.trigger('click')
    const link = w.find('.c-sidenav-panel a')
    link.element.addEventListener('click', (e) => e.preventDefault()) // stay on this page
    await link.trigger('click')
    expect(menu.attributes('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(w.find('main').element)
    w.unmount()
  })

  it('keeps Tab inside the open drawer', async () => {
    setWidth(390)
    const w = mountFrame()
    await w.find('.c-sidenav__menu').trigger('click')
    await nextTick()
    const panel = w.find('.c-sidenav-panel')
    const close = w.find('.c-sidenav__close').element as HTMLElement
    const last = w.findAll('.c-sidenav-panel a').at(-1)!.element as HTMLElement
    last.focus()
    await panel.trigger('keydown', { key: 'Tab' })
    expect(document.activeElement).toBe(close)
    await panel.trigger('keydown', { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(last)
    w.unmount()
  })

  it('follows the screen: a drawer when it narrows, the column again when it widens', async () => {
    setWidth(1280)
    const w = mountFrame()
    expect(w.find('.c-sidenav__menu').exists()).toBe(false)
    setWidth(390)
    await nextTick()
    expect(w.find('.c-sidenav-panel').isVisible()).toBe(false)
    await w.find('.c-sidenav__menu').trigger('click')
    expect(w.find('.c-sidenav__backdrop').exists()).toBe(true)
    setWidth(1280)
    await nextTick()
    expect(w.find('.c-sidenav__menu').exists()).toBe(false)
    expect(w.find('.c-sidenav__backdrop').exists()).toBe(false)
    expect(w.find('.c-sidenav-panel').isVisible()).toBe(true)
    expect(w.find('.c-sidenav--collapsed').exists()).toBe(true)
    w.unmount()
  })
})
