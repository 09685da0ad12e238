import { effectScope, ref, watch, type Ref } from 'vue'

export const ELDERLY_STORAGE_KEY = 'chayi.elderly'

export interface ElderlyMode {
  enabled: Ref<boolean>
  toggle: () => void
  set: (value: boolean) => void
}

// One state for the whole page: the switch in the top bar and the one in settings must agree.
let state: Ref<boolean> | null = null

function read(): boolean {
  try {
    return globalThis.localStorage?.getItem(ELDERLY_STORAGE_KEY) === 'true'
  } catch {
    return false // storage blocked (private mode, sandboxed iframe): start with the normal mode
  }
}

function apply(on: boolean) {
  if (typeof document === 'undefined') return
  if (on) document.documentElement.setAttribute('data-elderly', 'true')
  else document.documentElement.removeAttribute('data-elderly')
  try {
    globalThis.localStorage?.setItem(ELDERLY_STORAGE_KEY, String(on))
  } catch {
    // not persisted, still applied for this page
  }
}

/**
 * 适老模式: larger text, 60 px targets, stronger contrast. Remembered in localStorage under
 * `chayi.elderly` and applied as `data-elderly="true"` on <html>, where tokens.css picks it up.
 */
export function useElderlyMode(): ElderlyMode {
  if (!state) {
    const s = ref(read())
    apply(s.value)
    // Detached from whichever component called first, so the watcher outlives it.
    effectScope(true).run(() => watch(s, apply, { flush: 'sync' }))
    state = s
  }
  const enabled = state
  return {
    enabled,
    toggle: () => {
      enabled.value = !enabled.value
    },
    set: (value: boolean) => {
      enabled.value = value
    },
  }
}

/** For tests: forget the shared state so the next call reads storage again. */
export function resetElderlyModeForTests() {
  state = null
}
