import { describe, expect, it } from 'vitest'
import { messageKeys, missingKeys } from '@chayi/shell'
import { messages } from './messages'
import { teahouseMessages } from './teahouse/messages'

describe('kiosk messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(missingKeys(teahouseMessages)).toEqual({ 'zh-CN': [], en: [] })
    expect(messageKeys(teahouseMessages['zh-CN']).length).toBeGreaterThan(100)
  })

  it('keeps every string non-empty and under kiosk.*', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const tree = teahouseMessages[locale]
      expect(Object.keys(tree)).toEqual(['kiosk'])
      const leaves = messageKeys(tree).map((k) => k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree))
      expect(leaves.every((v) => typeof v === 'string' && v.trim().length > 0)).toBe(true)
    }
  })

  it('puts no kiosk words in the first download: they load with the screens', () => {
    expect(messages).toEqual({ 'zh-CN': {} })
  })
})
