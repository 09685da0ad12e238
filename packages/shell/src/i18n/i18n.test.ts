import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { uiMessages, uiMessageSources } from '@chayi/ui'
import { makeApp, mountApp, useMockApi } from '../test-helpers.js'
import { en } from './en.js'
import { createShellI18n, loadAllLocales, loadLocale, LOCALE_STORAGE_KEY, mergeMessages, messageKeys, missingKeys, setLocale } from './i18n.js'
import { shellMessages } from './messages.js'
import { pageMessages } from './pages.js'
import { shellMessageSources } from './sources.js'
import { zhCN } from './zh-CN.js'

const mock = useMockApi()
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mock.server.close())
beforeEach(() => {
  localStorage.clear()
  document.documentElement.removeAttribute('lang')
})

describe('date formats', () => {
  it("formats d(date, 'short') in both languages (the outbox list uses it)", () => {
    const i18n = createShellI18n([shellMessages], 'zh-CN')
    const at = new Date('2026-11-28T10:05:00Z')
    const zh = i18n.global.d(at, 'short')
    expect(zh).toMatch(/2026/)
    expect(zh).toMatch(/11月/)
    i18n.global.locale.value = 'en'
    expect(i18n.global.d(at, 'short')).toMatch(/Nov/)
  })
})

describe('messages', () => {
  it('has the same keys in zh-CN and en (shell, and shell merged with ui)', () => {
    expect(missingKeys(shellMessages)).toEqual({ 'zh-CN': [], en: [] })
    expect(missingKeys(mergeMessages(uiMessages, shellMessages))).toEqual({ 'zh-CN': [], en: [] })
    expect(messageKeys(shellMessages['zh-CN']).length).toBeGreaterThan(50)
  })

  it('loads exactly the trees that are checked here (shell, the sign-in screens, ui)', async () => {
    expect(shellMessageSources['zh-CN']).toBe(zhCN)
    expect(await (shellMessageSources.en as () => Promise<unknown>)()).toBe(en)
    expect(mergeMessages({ 'zh-CN': zhCN, en }, pageMessages)).toEqual(shellMessages)
    expect(missingKeys(pageMessages)).toEqual({ 'zh-CN': [], en: [] })
    expect(uiMessageSources['zh-CN']).toBe(uiMessages['zh-CN'])
    expect(await uiMessageSources.en()).toBe(uiMessages.en)
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
    expect(i18n.global.t('shell.frame.signOut')).toBe('退出登录')
    expect(i18n.global.t('ui.close')).toBe('关闭')
    expect(i18n.global.t('test.nav.home')).toBe('首页')
    expect(document.title).toBe('关爱中心台')
  })

  it('remembers English for a fresh app instance (a reload)', async () => {
    const first = makeApp()
    setLocale(first.i18n, 'en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(document.title).toBe('Care-centre console')

    const second = makeApp()
    expect(second.i18n.global.locale.value).toBe('en')
    await loadLocale(second.i18n)
    expect(second.i18n.global.t('shell.frame.signOut')).toBe('Sign out')
    expect(second.i18n.global.t('ui.close')).toBe('Close')
  })

  it('opens on the remembered English without showing Chinese first: the first screen waits for it', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en')
    mock.world.state.signedIn = mock.world.state.user('care').user.id
    const wrapper = await mountApp(makeApp(), '/')
    expect(wrapper.findAll('.c-topbar button').map((b) => b.text())).toContain('Sign out')
    expect(wrapper.find('.c-switch').text()).toContain('Elderly mode')
    wrapper.unmount()
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
    expect(wrapper.find('.c-card__title').text()).toBe('Sign in') // the screen's own strings came with it
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    // The ui and shell strings follow as soon as their English chunk is in (Chinese meanwhile).
    await vi.waitFor(() => expect(wrapper.find('.c-switch').text()).toContain('Elderly mode'))
    wrapper.unmount()
  })
})

describe('languages loaded on demand', () => {
  const lazy = (tree: Record<string, string>) => vi.fn(async () => tree)

  it('fetches a language the first time it is shown, once, and merges it in order (later trees win)', async () => {
    const first = lazy({ a: 'A1', b: 'B1' })
    const third = lazy({ c: 'C3' })
    const i18n = createShellI18n(
      [
        { 'zh-CN': { a: '甲', b: '乙', c: '丙' }, en: first },
        { 'zh-CN': {}, en: { b: 'B2', c: 'C2' } },
        { 'zh-CN': {}, en: third },
      ],
      'zh-CN',
    )
    expect(first).not.toHaveBeenCalled()
    setLocale(i18n, 'en')
    expect(i18n.global.t('a')).toBe('甲') // not here yet: Chinese fills the gap
    expect(i18n.global.t('b')).toBe('B2') // a tree given at once is there at once
    await loadLocale(i18n)
    expect([i18n.global.t('a'), i18n.global.t('b'), i18n.global.t('c')]).toEqual(['A1', 'B2', 'C3'])
    setLocale(i18n, 'zh-CN')
    setLocale(i18n, 'en')
    await loadAllLocales(i18n)
    expect(first).toHaveBeenCalledTimes(1)
    expect(third).toHaveBeenCalledTimes(1)
  })

  it('keeps strings a screen added before its language arrived', async () => {
    const i18n = createShellI18n([{ 'zh-CN': { a: '甲' }, en: lazy({ a: 'A' }) }], 'zh-CN')
    i18n.global.mergeLocaleMessage('en', { screen: 'Screen' })
    await loadLocale(i18n, 'en')
    setLocale(i18n, 'en')
    expect([i18n.global.t('a'), i18n.global.t('screen')]).toEqual(['A', 'Screen'])
  })

  it('tries again after a chunk could not be fetched (offline before it was cached)', async () => {
    const flaky = vi.fn<() => Promise<Record<string, string>>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ a: 'A' })
    const i18n = createShellI18n([{ 'zh-CN': { a: '甲' }, en: flaky }], 'zh-CN')
    await expect(loadLocale(i18n, 'en')).rejects.toThrow('offline')
    await loadLocale(i18n, 'en')
    setLocale(i18n, 'en')
    expect(i18n.global.t('a')).toBe('A')
  })
})
