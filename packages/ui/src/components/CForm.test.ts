import { describe, expect, it } from 'vitest'
import { defineComponent, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { mountUi } from '../internal/mount'
import { fieldForPath } from '../internal/form'
import type { FormIssue } from '../types'
import CField from './CField.vue'
import CForm from './CForm.vue'
import CInput from './CInput.vue'
import CSelect from './CSelect.vue'

const Harness = defineComponent({
  components: { CForm, CField, CInput, CSelect },
  props: { errors: { type: Array as () => FormIssue[], default: () => [] } },
  emits: ['submit'],
  setup() {
    return { name: ref('王秀英'), phone: ref(''), city: ref(''), kind: ref('') }
  },
  template: `
    <CForm :errors="errors" @submit="$emit('submit')">
      <CField label="姓名" name="name" hint="与身份证一致" required><CInput v-model="name" /></CField>
      <CField label="手机号" name="phone"><CInput v-model="phone" type="tel" inputmode="tel" /></CField>
      <CField label="所在社区" name="address"><CInput v-model="city" /></CField>
      <CField label="类别" name="kind"><CSelect v-model="kind" :options="[{ value: 'elderly', label: '老人' }]" /></CField>
      <button type="submit">提交</button>
    </CForm>`,
})

describe('CForm and CField', () => {
  it('shows each API issue beside the field named by its path, and the rest at form level', async () => {
    const errors: FormIssue[] = [
      { path: 'phone', message: '手机号格式不对' },
      { path: 'address.city', message: '请填写社区' },
      { path: 'amountFen', message: '金额必须大于 0' },
      { path: '', message: '请稍后再试' },
    ]
    const w = mountUi(Harness, { props: { errors }, attachTo: document.body })
    await flushPromises()

    const fields = w.findAll('.c-field')
    expect(fields[0]!.find('[role="alert"]').exists()).toBe(false)
    expect(fields[1]!.find('[role="alert"]').text()).toContain('手机号格式不对')
    // no "address.city" field: the "address" field takes it
    expect(fields[2]!.find('[role="alert"]').text()).toContain('请填写社区')
    expect(fields[3]!.find('[role="alert"]').exists()).toBe(false)

    const summary = w.find('.c-form__summary')
    expect(summary.attributes('role')).toBe('alert')
    const items = summary.findAll('li').map((li) => li.text())
    expect(items).toEqual(['金额必须大于 0', '请稍后再试'])
    w.unmount()
  })

  it('wires id, aria-describedby and aria-invalid between label, hint, error and control', async () => {
    const w = mountUi(Harness, { props: { errors: [{ path: 'phone', message: '手机号格式不对' }] } })
    await flushPromises()
    const [nameField, phoneField] = w.findAll('.c-field')

    const nameInput = nameField!.find('input')
    const nameLabel = nameField!.find('label')
    expect(nameLabel.attributes('for')).toBe(nameInput.attributes('id'))
    expect(nameInput.attributes('aria-invalid')).toBeUndefined()
    expect(nameInput.attributes('aria-required')).toBe('true')
    const hintId = nameInput.attributes('aria-describedby')!
    expect(nameField!.find(`#${hintId}`).text()).toBe('与身份证一致')

    const phoneInput = phoneField!.find('input')
    expect(phoneInput.attributes('aria-invalid')).toBe('true')
    const ids = phoneInput.attributes('aria-describedby')!.split(' ')
    expect(ids).toHaveLength(1)
    for (const id of ids) expect(w.find(`#${id}`).exists()).toBe(true)
    expect(w.find(`#${ids[0]}`).text()).toContain('手机号格式不对')
    expect(phoneInput.attributes('inputmode')).toBe('tel')
    expect(phoneInput.attributes('type')).toBe('tel')

    // all generated ids are unique on the page
    const allIds = w.findAll('[id]').map((e) => e.attributes('id'))
    expect(new Set(allIds).size).toBe(allIds.length)
  })

  it('clears errors when the issues go away', async () => {
    const w = mountUi(Harness, { props: { errors: [{ path: 'name', message: '必填' }] } })
    await flushPromises()
    expect(w.find('input[aria-invalid="true"]').exists()).toBe(true)
    await w.setProps({ errors: [] })
    expect(w.find('[aria-invalid="true"]').exists()).toBe(false)
    expect(w.find('.c-form__summary').exists()).toBe(false)
  })

  it('focuses the first field in error after a failed submit', async () => {
    const w = mountUi(Harness, { attachTo: document.body })
    await w.setProps({ errors: [{ path: 'address', message: '请填写社区' }, { path: 'kind', message: '请选择' }] })
    await flushPromises()
    expect(document.activeElement).toBe(w.findAll('.c-field')[2]!.find('input').element)
    w.unmount()
  })

  it('emits submit on Enter in a text input and on the submit button', async () => {
    const w = mountUi(Harness, { attachTo: document.body })
    await w.find('input').trigger('keydown', { key: 'Enter' })
    expect(w.emitted('submit')).toHaveLength(1)
    await w.find('form').trigger('submit')
    expect(w.emitted('submit')).toHaveLength(2)
    // Enter while a Chinese IME is composing picks a candidate; it must not submit
    await w.find('input').trigger('keydown', { key: 'Enter', isComposing: true })
    expect(w.emitted('submit')).toHaveLength(2)
    w.unmount()
  })

  it('lets a field show its own message', () => {
    const w = mountUi(CField, { props: { label: '金额', error: '请输入金额' }, slots: { default: '<input />' } })
    expect(w.find('[role="alert"]').text()).toContain('请输入金额')
  })
})

describe('fieldForPath', () => {
  it('prefers the exact field, then the longest prefix', () => {
    const names = ['address', 'address.city', 'items']
    expect(fieldForPath('address.city', names)).toBe('address.city')
    expect(fieldForPath('address.street', names)).toBe('address')
    expect(fieldForPath('items.0.qty', names)).toBe('items')
    expect(fieldForPath('addressee', names)).toBeUndefined()
    expect(fieldForPath('', names)).toBeUndefined()
  })
})
