import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { mountUi } from '../internal/mount'
import CElderlyToggle from '../components/CElderlyToggle.vue'
import { ELDERLY_STORAGE_KEY, resetElderlyModeForTests, useElderlyMode } from './useElderlyMode'

const html = () => document.documentElement

beforeEach(() => {
  localStorage.clear()
  html().removeAttribute('data-elderly')
  resetElderlyModeForTests()
})

describe('useElderlyMode', () => {
  it('starts off, then sets the attribute and remembers the choice', () => {
    const { enabled, toggle, set } = useElderlyMode()
    expect(enabled.value).toBe(false)
    expect(html().hasAttribute('data-elderly')).toBe(false)

    toggle()
    expect(enabled.value).toBe(true)
    expect(html().getAttribute('data-elderly')).toBe('true')
    expect(localStorage.getItem(ELDERLY_STORAGE_KEY)).toBe('true')

    set(false)
    expect(html().hasAttribute('data-elderly')).toBe(false)
    expect(localStorage.getItem(ELDERLY_STORAGE_KEY)).toBe('false')
  })

  it('restores a stored choice on the next page load', () => {
    localStorage.setItem(ELDERLY_STORAGE_KEY, 'true')
    const { enabled } = useElderlyMode()
    expect(enabled.value).toBe(true)
    expect(html().getAttribute('data-elderly')).toBe('true')
  })

  it('keeps applying after the component that first asked has gone', async () => {
    const First = defineComponent({ setup: () => (useElderlyMode(), () => h('p')) })
    const w = mount(First)
    w.unmount()
    useElderlyMode().set(true)
    expect(document.documentElement.getAttribute('data-elderly')).toBe('true')
    useElderlyMode().set(false)
    expect(document.documentElement.hasAttribute('data-elderly')).toBe(false)
  })

  it('shares one state between callers', () => {
    const a = useElderlyMode()
    const b = useElderlyMode()
    a.set(true)
    expect(b.enabled.value).toBe(true)
  })

  it('CElderlyToggle is a labelled switch that flips the mode', async () => {
    const w = mountUi(CElderlyToggle)
    const button = w.find('button')
    expect(button.attributes('role')).toBe('switch')
    expect(button.attributes('aria-checked')).toBe('false')
    expect(button.text()).toContain('适老模式')
    await button.trigger('click')
    await nextTick()
    expect(button.attributes('aria-checked')).toBe('true')
    expect(html().getAttribute('data-elderly')).toBe('true')

    const en = mountUi(CElderlyToggle, { locale: 'en' })
    expect(en.text()).toContain('Elderly mode')
  })
})
