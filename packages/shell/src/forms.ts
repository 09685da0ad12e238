/**
 * `@submit="prevent($event, save)"`: the form's submit without a page load. (Written out instead of
 * `.prevent` and `v-model`: those helpers of Vue's runtime would otherwise be kept in the kiosk's
 * first download, which is near its budget.)
 */
export function prevent(ev: Event, fn: () => unknown) {
  ev.preventDefault()
  void fn()
}

/** The text of an input or select event, for `@input="x = valueOf($event)"`. */
export const valueOf = (ev: Event) => (ev.target as HTMLInputElement | HTMLSelectElement).value
