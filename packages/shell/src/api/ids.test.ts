import { describe, expect, it, vi } from 'vitest'
import { idempotencyKeys, newClientId } from './ids.js'

describe('client ids', () => {
  it('are UUIDv7, time-ordered, and need no secure context', () => {
    const spy = vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(() => {
      throw new Error('not a secure context')
    })
    try {
      const a = newClientId()
      const b = newClientId()
      expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(a < b).toBe(true)
    } finally {
      spy.mockRestore()
    }
  })

  it('reuse the key for a retried body and make a new one for a changed body', () => {
    const keys = idempotencyKeys()
    const k1 = keys.keyFor({ a: 1 })
    expect(keys.keyFor({ a: 1 })).toBe(k1)
    const k2 = keys.keyFor({ a: 2 })
    expect(k2).not.toBe(k1)
    keys.reset()
    expect(keys.keyFor({ a: 2 })).not.toBe(k2)
  })
})
