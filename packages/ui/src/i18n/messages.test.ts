import { describe, expect, it } from 'vitest'
import { uiMessages } from './messages'

type Tree = { [k: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const zh = leaves(uiMessages['zh-CN'] as unknown as Tree)
const en = leaves(uiMessages.en as unknown as Tree)

describe('uiMessages', () => {
  it('has the same keys in zh-CN and en', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort())
    expect(zh.size).toBeGreaterThan(30)
  })

  it('puts everything under ui.* and leaves no text empty', () => {
    for (const tree of [zh, en]) {
      for (const [key, text] of tree) {
        expect(key.startsWith('ui.')).toBe(true)
        expect(text.trim(), key).not.toBe('')
      }
    }
  })

  it('uses the same {placeholders} in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of zh) expect(params(en.get(key) ?? ''), key).toEqual(params(text))
  })

  it('defines every ui.* key the components ask for', () => {
    const sources = import.meta.glob('../components/*.vue', { query: '?raw', import: 'default', eager: true })
    const used = new Set<string>()
    for (const src of Object.values(sources) as string[]) {
      for (const m of src.matchAll(/\bt\(\s*'(ui\.[\w.]+)'/g)) used.add(m[1]!)
      // template-literal keys such as t(`ui.toast.kind.${kind}`): check the fixed prefix exists
      for (const m of src.matchAll(/\bt\(\s*`(ui\.[\w.]+)\.\$\{/g)) used.add(`${m[1]!}.*`)
    }
    expect(used.size).toBeGreaterThan(10)
    for (const key of used) {
      if (key.endsWith('.*')) {
        const prefix = key.slice(0, -1)
        expect([...zh.keys()].some((k) => k.startsWith(prefix)), key).toBe(true)
      } else {
        expect(zh.has(key), key).toBe(true)
      }
    }
  })
})
