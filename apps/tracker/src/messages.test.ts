import { describe, expect, it } from 'vitest'
import { messageKeys, missingKeys, type LocaleMessages } from '@chayi/shell'
import { messages as sources, zhCN } from './messages'
import { en } from './messages.en'
import { aidMessages } from './aid/messages'

// Both trees as they are written; the app loads English on demand (the last test checks it gets this one).
const messages: LocaleMessages = { 'zh-CN': zhCN, en }

describe('tracker messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(missingKeys(messages)).toEqual({ 'zh-CN': [], en: [] })
    expect(messageKeys(messages['zh-CN']).length).toBeGreaterThan(10)
  })

  it('keeps every string non-empty and under tracker.*', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(Object.keys(messages[locale])).toEqual(['tracker'])
      const leaves = messageKeys(messages[locale]).map((k) => k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages[locale]))
      expect(leaves.every((v) => typeof v === 'string' && v.trim().length > 0)).toBe(true)
    }
  })

  it('loads exactly this English tree when English is shown', async () => {
    expect(sources['zh-CN']).toBe(zhCN)
    expect(typeof sources.en).toBe('function')
    expect(await (sources.en as () => Promise<unknown>)()).toBe(en)
  })

  it('has the same keys in both languages for the aid screens (loaded with them), all under tracker.aid.*', () => {
    expect(missingKeys(aidMessages)).toEqual({ 'zh-CN': [], en: [] })
    for (const locale of ['zh-CN', 'en'] as const) {
      const keys = messageKeys(aidMessages[locale])
      expect(keys.length).toBeGreaterThan(100)
      expect(keys.every((k) => k.startsWith('tracker.aid.'))).toBe(true)
      const leaves = keys.map((k) => k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], aidMessages[locale]))
      expect(leaves.every((v) => typeof v === 'string' && v.trim().length > 0)).toBe(true)
    }
  })
})
