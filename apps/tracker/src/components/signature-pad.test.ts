import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SignaturePad from './SignaturePad.vue'

// happy-dom has no 2D canvas: a stand-in context records the strokes, toDataURL gives a PNG data URL.
describe('the signature pad', () => {
  it('draws with pointer events and saves the pad as a PNG data URL; clearing empties it', async () => {
    const calls: string[] = []
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (t, k: string) => (k in t ? t[k] : (...args: unknown[]) => void calls.push(`${k}(${args.length})`)),
      set: (t, k: string, v) => ((t[k] = v), true),
    })
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never)
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,AAAA')
    const w = mount(SignaturePad, { props: { modelValue: null, label: '请签名', clearLabel: '重签', 'onUpdate:modelValue': (v: string | null) => w.setProps({ modelValue: v }) } })
    const pad = w.get('[data-test="signature-pad"]')
    expect(pad.attributes('data-signed')).toBe('false')
    await pad.trigger('pointerdown', { clientX: 10, clientY: 10, pointerId: 1 })
    await pad.trigger('pointermove', { clientX: 40, clientY: 30, pointerId: 1 })
    await pad.trigger('pointerup', { pointerId: 1 })
    expect(calls).toContain('lineTo(2)')
    expect(calls).toContain('stroke(0)')
    expect(w.emitted('update:modelValue')!.at(-1)).toEqual(['data:image/png;base64,AAAA'])
    expect(pad.attributes('data-signed')).toBe('true')
    await w.get('[data-test="signature-clear"]').trigger('click')
    expect(w.emitted('update:modelValue')!.at(-1)).toEqual([null])
    vi.restoreAllMocks()
  })
})
