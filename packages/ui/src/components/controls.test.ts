import { describe, expect, it } from 'vitest'

// Times are checked in China's zone; Node picks up a changed TZ at once.
process.env.TZ = 'Asia/Shanghai'

import { defineComponent, h } from 'vue'
import { mountUi } from '../internal/mount'
import { isoToLocalInput, localInputToIso } from '../internal/datetime'
import CButton from './CButton.vue'
import CCheckbox from './CCheckbox.vue'
import CDateTime from './CDateTime.vue'
import CField from './CField.vue'
import CInput from './CInput.vue'
import CRadioGroup from './CRadioGroup.vue'
import CSelect from './CSelect.vue'

describe('CButton', () => {
  it('emits click, but not while loading or disabled', async () => {
    const w = mountUi(CButton, { slots: { default: '售出义仓茶' } })
    await w.trigger('click')
    expect(w.emitted('click')).toHaveLength(1)
    await w.setProps({ loading: true })
    expect(w.attributes('aria-busy')).toBe('true')
    await w.trigger('click')
    expect(w.emitted('click')).toHaveLength(1)
    expect(w.attributes('type')).toBe('button')
  })

  it('is a link with href, and a RouterLink with `to` when the router is installed', () => {
    expect(mountUi(CButton, { props: { href: '/care/' } }).element.tagName).toBe('A')
    const RouterLink = defineComponent({
      props: { to: { type: [String, Object], required: true } },
      setup: (props, { slots }) => () => h('a', { href: `#router:${String(props.to)}` }, slots.default?.({})),
    })
    const w = mountUi(CButton, {
      props: { to: '/activities' },
      slots: { default: '活动' },
      global: { components: { RouterLink } },
    })
    expect(w.find('a').attributes('href')).toBe('#router:/activities')
    // without the router, `to` falls back to a plain href
    expect(mountUi(CButton, { props: { to: '/activities' } }).attributes('href')).toBe('/activities')
  })
})

describe('form controls', () => {
  it('CInput, CSelect and CCheckbox update v-model', async () => {
    const input = mountUi(CInput, { props: { modelValue: '' } })
    await input.find('input').setValue('5')
    expect(input.emitted('update:modelValue')).toEqual([['5']])

    const options = [
      { value: 'elderly', label: '老人' },
      { value: 'disabled', label: '残疾人' },
    ]
    const select = mountUi(CSelect, { props: { options, modelValue: null } })
    expect(select.findAll('option').map((o) => o.text())).toEqual(['请选择', '老人', '残疾人'])
    await select.find('select').setValue('disabled')
    expect(select.emitted('update:modelValue')).toEqual([['disabled']])

    const box = mountUi(CCheckbox, { props: { label: '同意公开捐赠去向', modelValue: false } })
    await box.find('input').setValue(true)
    expect(box.emitted('update:modelValue')).toEqual([[true]])
    expect(box.find('label').text()).toContain('同意公开捐赠去向')
  })

  it('CRadioGroup inside a CField is named by the field label', async () => {
    const w = mountUi({
      components: { CField, CRadioGroup },
      template: `<CField label="受助类别" group required><CRadioGroup model-value="elderly" :options="[{value:'elderly',label:'老人'},{value:'disabled',label:'残疾人'}]" /></CField>`,
    })
    const group = w.find('[role="radiogroup"]')
    const labelId = group.attributes('aria-labelledby')!
    expect(w.find(`#${labelId}`).text()).toContain('受助类别')
    expect(w.find(`#${labelId}`).element.tagName).toBe('SPAN')
    expect(group.attributes('aria-required')).toBe('true')
    expect((w.findAll('input')[0]!.element as HTMLInputElement).checked).toBe(true)
    await w.findAll('input')[1]!.setValue(true)
    expect(w.findComponent(CRadioGroup).emitted('update:modelValue')).toEqual([['disabled']])
  })
})

describe('CDateTime', () => {
  it('passes dates through as YYYY-MM-DD', async () => {
    const w = mountUi(CDateTime, { props: { modelValue: '2025-03-05', type: 'date' } })
    expect((w.element as HTMLInputElement).value).toBe('2025-03-05')
    await w.find('input').setValue('2025-03-06')
    expect(w.emitted('update:modelValue')).toEqual([['2025-03-06']])
  })

  it('shows an instant in local time and emits ISO UTC', async () => {
    const iso = '2025-03-05T06:30:00.000Z'
    const w = mountUi(CDateTime, { props: { modelValue: iso, type: 'datetime' } })
    expect(w.attributes('type')).toBe('datetime-local')
    expect((w.element as HTMLInputElement).value).toBe('2025-03-05T14:30') // Chengdu is UTC+8
    await w.find('input').setValue('2025-03-06T09:15')
    expect(w.emitted('update:modelValue')).toEqual([['2025-03-06T01:15:00.000Z']])
    await w.find('input').setValue('')
    expect(w.emitted('update:modelValue')!.at(-1)).toEqual([null])
  })

  it('round-trips and rejects junk', () => {
    expect(localInputToIso(isoToLocalInput('2024-12-31T23:59:00.000Z'))).toBe('2024-12-31T23:59:00.000Z')
    expect(localInputToIso('nonsense')).toBeNull()
    expect(isoToLocalInput('nonsense')).toBe('')
    expect(isoToLocalInput(null)).toBe('')
  })
})
