/** Runs `work` once the browser is idle after the current render (Safari has no requestIdleCallback). */
export function whenIdle(work: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2000 })
  else setTimeout(work, 200)
}
