import { describe, expect, it } from 'vitest'
import { defineComponent, ref } from 'vue'
import { mountUi } from '../internal/mount'
import CTabs from './CTabs.vue'

const Harness = defineComponent({
  components: { CTabs },
  setup: () => ({
    active: ref('cups'),
    tabs: [
      { key: 'cups', label: '义仓茶' },
      { key: 'goods', label: '物资' },
      { key: 'closed', label: '已停用', disabled: true },
      { key: 'fund', label: '基金' },
    ],
  }),
  template: `
    <CTabs v-model="active" :tabs="tabs" label="茶馆">
      <template #panel-cups>今日已售 12 杯</template>
      <template #default="{ tab }">面板：{{ tab.label }}</template>
    </CTabs>`,
})

describe('CTabs', () => {
  it('follows the ARIA tabs pattern', () => {
    const w = mountUi(Harness)
    const tabs = w.findAll('[role="tab"]')
    expect(w.find('[role="tablist"]').attributes('aria-label')).toBe('茶馆')
    expect(tabs.map((t) => t.attributes('tabindex'))).toEqual(['0', '-1', '-1', '-1'])
    expect(tabs[0]!.attributes('aria-selected')).toBe('true')
    const panel = w.find('[role="tabpanel"]')
    expect(panel.attributes('aria-labelledby')).toBe(tabs[0]!.attributes('id'))
    expect(tabs[0]!.attributes('aria-controls')).toBe(panel.attributes('id'))
    expect(panel.text()).toBe('今日已售 12 杯')
  })

  it('moves with arrow keys (skipping disabled, wrapping) and Home/End', async () => {
    const w = mountUi(Harness, { attachTo: document.body })
    const tab = (i: number) => w.findAll('[role="tab"]')[i]!
    await tab(0).trigger('keydown', { key: 'ArrowRight' })
    expect(tab(1).attributes('aria-selected')).toBe('true')
    expect(tab(1).attributes('tabindex')).toBe('0')
    expect(tab(0).attributes('tabindex')).toBe('-1')
    expect(document.activeElement).toBe(tab(1).element)
    expect(w.find('[role="tabpanel"]').text()).toBe('面板：物资')

    await tab(1).trigger('keydown', { key: 'ArrowRight' }) // skips the disabled tab
    expect(tab(3).attributes('aria-selected')).toBe('true')
    await tab(3).trigger('keydown', { key: 'ArrowRight' }) // wraps
    expect(tab(0).attributes('aria-selected')).toBe('true')
    await tab(0).trigger('keydown', { key: 'ArrowLeft' })
    expect(tab(3).attributes('aria-selected')).toBe('true')
    await tab(3).trigger('keydown', { key: 'Home' })
    expect(tab(0).attributes('aria-selected')).toBe('true')
    await tab(0).trigger('keydown', { key: 'End' })
    expect(tab(3).attributes('aria-selected')).toBe('true')
    w.unmount()
  })
})
