import { describe, expect, it } from 'vitest'
import { vi } from 'vitest'
import { mountUi } from '../internal/mount'
import CQrCode from './CQrCode.vue'

describe('CQrCode', () => {
  it('draws an SVG for the text and shows the text below', async () => {
    const w = mountUi(CQrCode, { props: { value: 'CY-7K3Q-9PXA', label: '收据二维码' } })
    await vi.waitFor(() => expect(w.find('svg').exists()).toBe(true))
    const svg = w.find('svg')
    expect(svg.attributes('role')).toBe('img')
    expect(svg.attributes('aria-label')).toBe('收据二维码')
    expect(svg.attributes('data-value')).toBe('CY-7K3Q-9PXA')
    // version 1 (21 modules) plus a 4-module quiet zone on each side
    expect(svg.attributes('viewBox')).toBe('0 0 29 29')
    expect(svg.find('path').attributes('d')!.match(/M/g)!.length).toBeGreaterThan(100)
    expect(w.find('figcaption').text()).toContain('CY-7K3Q-9PXA')
  })

  it('redraws when the value changes and can hide the text', async () => {
    const w = mountUi(CQrCode, { props: { value: 'a', showText: false } })
    await vi.waitFor(() => expect(w.find('svg').exists()).toBe(true))
    expect(w.find('figcaption').exists()).toBe(false)
    expect(w.find('svg').attributes('aria-label')).toBe('二维码')
    const first = w.find('path').attributes('d')
    await w.setProps({ value: 'https://chayi.example/r/CY-7K3Q-9PXA' })
    await vi.waitFor(() => expect(w.find('path').attributes('d')).not.toBe(first))
    expect(w.find('svg').attributes('data-value')).toBe('https://chayi.example/r/CY-7K3Q-9PXA')
  })
})
