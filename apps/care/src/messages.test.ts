import { describe, expect, it } from 'vitest'
import { messageKeys, missingKeys } from '@chayi/shell'
import { messages } from './messages'

describe('care console messages', () => {
  it('has the same keys in zh-CN and en', () => {
    expect(missingKeys(messages)).toEqual({ 'zh-CN': [], en: [] })
    expect(messageKeys(messages['zh-CN']).length).toBeGreaterThan(50)
  })

  it('defines exactly the care.* keys the app uses, under care.*', () => {
    const sources = import.meta.glob(['./**/*.vue', './app.ts', './modules/*/index.ts'], { query: '?raw', import: 'default', eager: true })
    const used = new Set<string>()
    for (const src of Object.values(sources) as string[]) for (const m of src.matchAll(/['"`](care\.[\w.]+)['"`]/g)) used.add(m[1]!)
    expect(used.size).toBeGreaterThan(50)
    const keys = new Set(messageKeys(messages['zh-CN']))
    for (const key of used) expect(keys.has(key), key).toBe(true)
    for (const key of keys) expect(key.startsWith('care.'), key).toBe(true)
    // …and nothing left over from an earlier version of a screen.
    expect([...keys].filter((k) => !used.has(k))).toEqual([])
  })

  it('uses the same {placeholders} in both languages', () => {
    const text = (tree: unknown, key: string) => key.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown>)[k], tree) as string
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of messageKeys(messages['zh-CN'])) expect(params(text(messages.en, key)), key).toEqual(params(text(messages['zh-CN'], key)))
  })
})
