import { describe, expect, it } from 'vitest'
import { mountUi } from '../internal/mount'
import CLanguageSwitch from './CLanguageSwitch.vue'

describe('CLanguageSwitch', () => {
  it('names each language in itself, marks the current one and emits the other', async () => {
    const w = mountUi(CLanguageSwitch, { props: { modelValue: 'zh-CN' } })
    const [zh, en] = w.findAll('button')
    expect(w.find('[role="group"]').attributes('aria-label')).toBe('语言')
    expect(zh!.text()).toBe('中文')
    expect(en!.text()).toBe('English')
    expect(en!.attributes('lang')).toBe('en')
    expect(zh!.attributes('aria-pressed')).toBe('true')
    expect(en!.attributes('aria-pressed')).toBe('false')

    await zh!.trigger('click')
    expect(w.emitted('update:modelValue')).toBeUndefined()
    await en!.trigger('click')
    expect(w.emitted('update:modelValue')).toEqual([['en']])
  })
})
