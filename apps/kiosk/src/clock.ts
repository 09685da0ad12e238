import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/** The current time, ticking every `everyMs` while the screen is shown. */
export function useNow(everyMs = 10_000): Ref<Date> {
  const now = ref(new Date())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = new Date()), everyMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}

/** Time of day and the full date in the given language (14:05 · 2026年1月1日星期四). */
export function useClockText(locale: Ref<string>, now: Ref<Date> = useNow()) {
  const time = computed(() => new Intl.DateTimeFormat(locale.value, { hour: 'numeric', minute: '2-digit' }).format(now.value))
  const date = computed(() => new Intl.DateTimeFormat(locale.value, { dateStyle: 'full' }).format(now.value))
  const iso = computed(() => now.value.toISOString())
  return { time, date, iso }
}
