import { onBeforeUnmount, watch, type Ref } from 'vue'

/**
 * Autosave of a form's draft on the phone: a short pause after the last change, and at once when the
 * screen goes away (page hidden or unmounted). `cancel` drops a pending save (the draft was sent or dropped).
 */
export function useDraftAutosave<T extends { updatedAt: string }>(draft: Ref<T | null>, savedAt: Ref<string | null>, write: (d: T) => Promise<unknown>) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirty = false
  async function flush() {
    clearTimeout(timer)
    if (!dirty || !draft.value) return
    dirty = false
    const at = new Date().toISOString()
    await write({ ...draft.value, updatedAt: at })
    savedAt.value = at
  }
  function cancel() {
    clearTimeout(timer)
    dirty = false
  }
  watch(
    draft,
    (now, before) => {
      if (!now || !before) return
      dirty = true
      clearTimeout(timer)
      timer = setTimeout(() => void flush(), 300)
    },
    { deep: true },
  )
  const onHide = () => void flush()
  window.addEventListener('pagehide', onHide)
  onBeforeUnmount(() => {
    window.removeEventListener('pagehide', onHide)
    void flush()
  })
  return { flush, cancel }
}
