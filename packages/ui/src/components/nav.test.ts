import { describe, expect, it } from 'vitest'
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
