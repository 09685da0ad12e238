// @vitest-environment happy-dom
import { defineStore } from 'pinia'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { useI18n } from 'vue-i18n'
import { RouterLink, useRoute } from 'vue-router'
import { mountWithShell, type Messages } from './mount.js'

const useCounter = defineStore('counter', { state: () => ({ n: 41 }) })

const Probe = defineComponent({
  props: { who: { type: String, required: true } },
  setup(props) {
    const { t } = useI18n()
    const route = useRoute()
    const counter = useCounter()
    return () =>
      h('div', [
        h('p', { class: 'greet' }, t('demo.hello', { who: props.who })),
        h('p', { class: 'ui' }, t('ui.close')),
        h('p', { class: 'route' }, route.fullPath),
        h('p', { class: 'count' }, String(counter.n + 1)),
        h(RouterLink, { to: '/about' }, () => 'about'),
      ])
  },
})

const messages: Messages[] = [
  { 'zh-CN': { ui: { close: '关闭' } }, en: { ui: { close: 'Close' } } },
  { 'zh-CN': { demo: { hello: '你好，{who}' } }, en: { demo: { hello: 'Hello, {who}' } } },
]

describe('mountWithShell', () => {
  it('mounts with router (at the given route), pinia and i18n in Chinese by default', async () => {
    const { wrapper, router } = await mountWithShell(Probe, {
      props: { who: '王阿姨' },
      route: '/home?tab=1',
      routes: [
        { path: '/home', component: Probe },
        { path: '/about', name: 'about', component: Probe },
      ],
      messages,
    })
    expect(wrapper.find('.greet').text()).toBe('你好，王阿姨')
    expect(wrapper.find('.ui').text()).toBe('关闭')
    expect(wrapper.find('.route').text()).toBe('/home?tab=1')
    expect(wrapper.find('.count').text()).toBe('42')
    expect(wrapper.find('a').attributes('href')).toBe('/about')
    await router.push('/about')
    expect(wrapper.find('.route').text()).toBe('/about')
  })

  it('switches language', async () => {
    const { wrapper, i18n } = await mountWithShell(Probe, { props: { who: 'Ann' }, locale: 'en', messages })
    expect(wrapper.find('.greet').text()).toBe('Hello, Ann')
    i18n.global.locale.value = 'zh-CN'
    await wrapper.vm.$nextTick()
    expect(wrapper.find('.greet').text()).toBe('你好，Ann')
  })
})
