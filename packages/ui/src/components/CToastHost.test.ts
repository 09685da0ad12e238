import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mountUi } from '../internal/mount'
import { useToast } from '../composables/useToast'
import CToastHost from './CToastHost.vue'

afterEach(() => {
  useToast().clear()
  vi.useRealTimers()
})

describe('useToast and CToastHost', () => {
  it('shows toasts in the right live region with a kind word and icon', async () => {
    const toast = useToast()
    const w = mountUi(CToastHost)
    const polite = w.find('[aria-live="polite"]')
    const assertive = w.find('[aria-live="assertive"]')
    // both regions exist before any message, so the first one is announced
    expect(polite.exists() && assertive.exists()).toBe(true)

    toast.show({ kind: 'success', message: '已收到 842 件物资' })
    toast.show({ kind: 'error', message: '网络不可用，已存入待上传' })
    await nextTick()
    expect(polite.text()).toContain('成功')
    expect(polite.text()).toContain('已收到 842 件物资')
    expect(assertive.text()).toContain('错误')
    expect(assertive.text()).toContain('网络不可用')
    expect(w.findAll('.c-toast svg')).toHaveLength(4) // kind icon + close icon each
  })

  it('dismisses by button and by timeout; errors stay until dismissed', async () => {
    vi.useFakeTimers()
    const toast = useToast()
    const w = mountUi(CToastHost)
    toast.show({ kind: 'info', message: '义仓茶 5 元', timeout: 1000 })
    toast.error('保存失败')
    await nextTick()
    expect(toast.toasts).toHaveLength(2)

    vi.advanceTimersByTime(1000)
    await nextTick()
    expect(toast.toasts.map((t) => t.message)).toEqual(['保存失败'])
    vi.advanceTimersByTime(60_000)
    expect(toast.toasts).toHaveLength(1)

    await w.find('.c-toast__close').trigger('click')
    expect(toast.toasts).toHaveLength(0)
    expect(w.findAll('.c-toast')).toHaveLength(0)
  })

  it('keeps at most five', () => {
    const toast = useToast()
    for (let i = 0; i < 8; i++) toast.warning(`提醒 ${i}`)
    expect(toast.toasts.map((t) => t.message)).toEqual(['提醒 3', '提醒 4', '提醒 5', '提醒 6', '提醒 7'])
  })
})
