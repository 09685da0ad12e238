import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { uiMessages } from '@chayi/ui'
import { makeApp, mountApp, useMockApi } from '../test-helpers.js'
import { createShellI18n, LOCALE_STORAGE_KEY, mergeMessages, messageKeys, missingKeys, setLocale } from './i18n.js'
import { shellMessages } from './messages.js'

const mock = useMockApi()
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mock.server.close())
beforeEach(() => {
  localStorage.clear()
  document.documentElement.removeAttribute('lang')
})

describe('messages', () => {
  it('has the same keys in zh-CN and en (shell, and shell merged with ui)', () => {
    expect(missingKeys(shellMessages)).toEqual({ 'zh-CN': [], en: [] })
    expect(missingKeys(mergeMessages(uiMessages, shellMessages))).toEqual({ 'zh-CN': [], en: [] })
    expect(messageKeys(shellMessages['zh-CN']).length).toBeGreaterThan(50)
  })

  it('reports a key that one language lacks', () => {
    expect(missingKeys({ 'zh-CN': { a: { b: '乙', c: '丙' } }, en: { a: { b: 'B' }, d: 'D' } })).toEqual({ 'zh-CN': ['d'], en: ['a.c'] })
  })

  it('merges trees deeply, later ones winning', () => {
    expect(mergeMessages({ 'zh-CN': { a: { b: '1', c: '2' } } }, { 'zh-CN': { a: { c: '3' } }, en: { x: 'y' } })).toEqual({ 'zh-CN': { a: { b: '1', c: '3' } }, en: { x: 'y' } })
  })
})

describe('language', () => {
  it('starts in Chinese and sets <html lang>', () => {
    const { i18n } = makeApp()
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(i18n.global.t('shell.signIn.title')).toBe('登录')
    expect(i18n.global.t('ui.close')).toBe('关闭')
    expect(i18n.global.t('test.nav.home')).toBe('首页')
    expect(document.title).toBe('关爱中心台')
  })

  it('remembers English for a fresh app instance (a reload)', () => {
    const first = makeApp()
    setLocale(first.i18n, 'en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(document.title).toBe('Care-centre console')

    const second = makeApp()
    expect(second.i18n.global.locale.value).toBe('en')
    expect(second.i18n.global.t('shell.signIn.title')).toBe('Sign in')
  })

  it('ignores a stored value that is not a locale', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    expect(createShellI18n([shellMessages]).global.locale.value).toBe('zh-CN')
  })

  it('switches with the language switch on screen', async () => {
    const made = makeApp()
    const wrapper = await mountApp(made, '/sign-in')
    expect(wrapper.find('h1').text()).toBe('关爱中心台')
    await wrapper.find('button[lang="en"]').trigger('click')
    expect(wrapper.find('h1').text()).toBe('Care-centre console')
    expect(wrapper.find('.c-card__title').text()).toBe('Sign in')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    wrapper.unmount()
  })
})
