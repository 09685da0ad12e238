import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/**
 * Whether the device has a network, from `navigator.onLine` and then the `online`/`offline`
 * events (the browser fires them when the connection changes). Field workers need to see it:
 * offline, what they record waits on the phone.
 */
export function useOnline(): Ref<boolean> {
  const online = ref(typeof navigator === 'undefined' || navigator.onLine !== false)
  const up = () => (online.value = true)
  const down = () => (online.value = false)
  onMounted(() => {
    window.addEventListener('online', up)
    window.addEventListener('offline', down)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('online', up)
    window.removeEventListener('offline', down)
  })
  return online
}
