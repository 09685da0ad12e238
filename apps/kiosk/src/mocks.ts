import { setupWorker } from 'msw/browser'
import { createHandlers, createMockState } from '@chayi/testing/msw'
import { teahouseHandlers } from './mocks/teahouse'

/**
 * Dev mode's mock API (main.ts loads this only when no API base or target is set): the shared
 * identity handlers — pairing (code 12345678), the staff list and the PIN unlock (2468) — and the
 * tea house (src/mocks/teahouse.ts). Pairing, unlocks and the tea house's records survive a reload
 * through sessionStorage.
 */
export async function startMockApi() {
  const state = createMockState()
  const worker = setupWorker(...createHandlers({ state, storage: sessionStorage }), ...teahouseHandlers(() => state, { storage: sessionStorage }))
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  })
}
