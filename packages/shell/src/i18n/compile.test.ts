import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import { createI18n, Translation } from 'vue-i18n'
import { uiMessages } from '@chayi/ui'
import type { AppMessages, LocaleMessages } from '../types.js'
import { compileMessage } from './compile.js'
import { createShellI18n, messageKeys, mergeMessages } from './i18n.js'
import { shellMessages } from './messages.js'

// Every app's real message tree, found on disk so a new app (or a new message) is covered without
// touching this file; languages an app loads on demand are loaded here. Tests run without
// __INTLIFY_DROP_MESSAGE_COMPILER__, so vue-i18n's own compiler is here to compare with.
const appModules = import.meta.glob<{ messages: AppMessages }>('../../../../apps/*/src/messages.ts', { eager: true })
// Strings that load with an app's screens (e.g. the kiosk's src/teahouse/messages.ts): every exported
// { 'zh-CN', en } tree of a messages.ts below src/ is merged into its app's tree.
const lazyModules = import.meta.glob<Record<string, unknown>>('../../../../apps/*/src/*/**/messages.ts', { eager: true })
const trees: Record<string, LocaleMessages> = { ui: uiMessages, shell: shellMessages }
for (const [path, mod] of Object.entries(appModules)) {
  const { 'zh-CN': zh, en } = mod.messages
  trees[/apps\/([^/]+)\//.exec(path)![1]!] = { 'zh-CN': zh, en: typeof en === 'function' ? await en() : (en ?? {}) }
}
for (const [path, mod] of Object.entries(lazyModules)) {
  const app = /apps\/([^/]+)\//.exec(path)![1]!
  for (const value of Object.values(mod)) {
    if (value && typeof value === 'object' && 'zh-CN' in value && 'en' in value) trees[app] = mergeMessages(trees[app]!, value as LocaleMessages)
  }
}

function pick(tree: LocaleMessages[keyof LocaleMessages], key: string): string {
  return key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], tree) as string
}

function both(messages: LocaleMessages, locale: 'zh-CN' | 'en') {
  const common = { legacy: false as const, locale, fallbackLocale: 'zh-CN', messages, missingWarn: false, fallbackWarn: false }
  return { theirs: createI18n(common).global, ours: createI18n({ ...common, messageCompiler: compileMessage }).global }
}

/** Argument sets for a message: every placeholder filled with text, with numbers, and left out. */
function argSets(source: string): Record<string, unknown>[] {
  const names = [...source.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]!)
  const fill = (f: (n: string, i: number) => unknown) => Object.fromEntries(names.map((n, i) => [n, f(n, i)]))
  return [fill((n) => `<${n}>`), fill((_, i) => i + 2), fill(() => 0), {}, fill(() => null)]
}

describe('the shell message compiler', () => {
  it('finds every app', () => {
    expect(Object.keys(trees).sort()).toEqual(['care', 'kiosk', 'shell', 'tracker', 'ui', 'volunteer'])
  })

  for (const [name, messages] of Object.entries(trees)) {
    it(`formats every ${name} message exactly as vue-i18n's compiler does`, () => {
      let checked = 0
      for (const locale of ['zh-CN', 'en'] as const) {
        const { theirs, ours } = both(messages, locale)
        for (const key of messageKeys(messages[locale])) {
          const source = pick(messages[locale], key)
          for (const args of argSets(source)) {
            expect(ours.t(key, args), `${locale} ${key}`).toBe(theirs.t(key, args))
            checked++
          }
        }
      }
      expect(checked).toBeGreaterThan(10)
    })
  }

  it('formats the merged trees of a whole app the same (what createShellI18n loads)', () => {
    const messages = mergeMessages(uiMessages, shellMessages, trees.kiosk!)
    const shell = createShellI18n([uiMessages, shellMessages, trees.kiosk!], 'en').global
    const { theirs } = both(messages, 'en')
    for (const key of messageKeys(messages.en)) expect(shell.t(key, { name: 'Wang', count: 3 })).toBe(theirs.t(key, { name: 'Wang', count: 3 }))
  })

  it('agrees with vue-i18n on the edges of the syntax it supports', () => {
    const edge = { a: '', b: '{name}', c: '{ name }', d: '{a}{b}', e: 'x {n} y {n}', f: '  spaced  ', g: '多行\n文字 {x}', h: 'tab\t{x}\t' }
    const { theirs, ours } = both({ 'zh-CN': edge, en: {} }, 'zh-CN')
    for (const key of Object.keys(edge)) {
      for (const args of [{}, { name: '王', a: 1, b: [1, 2], n: { k: 1 }, x: true }, { name: 0, a: undefined, n: null }]) {
        expect(ours.t(key, args), key).toBe(theirs.t(key, args))
      }
    }
  })

  it('renders inside <i18n-t> (vnode messages) as vue-i18n does', () => {
    const render = (compiler?: typeof compileMessage) => {
      const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { hi: '{name}，您好', plain: '您好' } }, ...(compiler ? { messageCompiler: compiler } : {}) })
      return mount({ render: () => [h(Translation, { keypath: 'hi', tag: 'p' }, { name: () => h('b', '王') }), h(Translation, { keypath: 'plain', tag: 'p' })] }, { global: { plugins: [i18n] } }).html()
    }
    expect(render(compileMessage)).toBe(render())
  })

  it('refuses syntax our messages do not use, rather than rendering it differently', () => {
    for (const source of ['{0}', "{'@'}", '@:ui.close', 'a@b.example', 'car | cars', '{', 'a } b', '{na-me}', '{ }']) {
      const i18n = createShellI18n([{ 'zh-CN': { m: source }, en: {} }], 'zh-CN')
      expect(() => i18n.global.t('m'), source).toThrow(/does not support/)
    }
  })

  it('compiles each source once', () => {
    const ctx = { key: 'k', locale: 'zh-CN', onError: () => undefined }
    expect(compileMessage('{name} 好', ctx)).toBe(compileMessage('{name} 好', { ...ctx, key: 'other' }))
  })
})
