import { describe, expect, it } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { mountUi } from '../internal/mount'
import CDialog from './CDialog.vue'

const Harness = defineComponent({
  components: { CDialog },
  setup() {
    const open = ref(false)
    const reasons = ref<string[]>([])
    return { open, reasons }
  },
  template: `
    <div>
      <button class="opener" @click="open = true">送出义仓茶</button>
      <CDialog v-model:open="open" title="确认送出" @close="reasons.push($event)">
        <p>为王奶奶送出一杯义仓茶？</p>
        <template #footer><button class="ok" @click="open = false">确定</button></template>
      </CDialog>
    </div>`,
})

describe('CDialog', () => {
  it('opens labelled by its title', async () => {
    const w = mountUi(Harness, { attachTo: document.body })
    await w.find('.opener').trigger('click')
    await flushPromises()
    const dialog = w.find('dialog')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    const titleId = dialog.attributes('aria-labelledby')!
    expect(w.find(`#${titleId}`).text()).toBe('确认送出')
    expect(w.find('.c-dialog__close').attributes('aria-label')).toBe('关闭对话框')
    w.unmount()
  })

  it('closes on Escape, emits close and update:open, and returns focus to the opener', async () => {
    const w = mountUi(Harness, { attachTo: document.body })
    const opener = w.find('.opener')
    ;(opener.element as HTMLElement).focus()
    await opener.trigger('click')
    await flushPromises()
    expect(document.activeElement).not.toBe(opener.element) // focus moved into the dialog

    await w.find('dialog').trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect((w.vm as unknown as { reasons: string[] }).reasons).toEqual(['escape'])
    expect((w.find('dialog').element as HTMLDialogElement).open).toBe(false)
    expect(document.activeElement).toBe(opener.element)
    w.unmount()
  })

  it('emits update:open false from the close button', async () => {
    const w = mountUi(CDialog, { props: { open: true, title: '提示' }, attachTo: document.body })
    await nextTick()
    await w.find('.c-dialog__close').trigger('click')
    expect(w.emitted('update:open')).toEqual([[false]])
    expect(w.emitted('close')).toEqual([['button']])
    w.unmount()
  })
})
