import { describe, expect, it } from 'vitest'
import { messageKeys, missingKeys, type LocaleMessages } from '@chayi/shell'
import { messages as sources, zhCN } from './messages'
import { en } from './messages.en'

// Both trees as they are written; the app loads English on demand (the last test checks it gets this one).
const messages: LocaleMessages = { 'zh-CN': zhCN, en }

describe('kiosk messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(missingKeys(messages)).toEqual({ 'zh-CN': [], en: [] })
    expect(messageKeys(messages['zh-CN']).length).toBeGreaterThan(10)
  })

  it('keeps every string non-empty and under kiosk.*', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(Object.keys(messages[locale])).toEqual(['kiosk'])
      const leaves = messageKeys(messages[locale]).map((k) => k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages[locale]))
      expect(leaves.every((v) => typeof v === 'string' && v.trim().length > 0)).toBe(true)
    }
  })

  it('loads exactly this English tree when English is shown', async () => {
    expect(sources['zh-CN']).toBe(zhCN)
    expect(typeof sources.en).toBe('function')
    expect(await (sources.en as () => Promise<unknown>)()).toBe(en)
  })
})
