import { setupWorker } from 'msw/browser'
import { createHandlers } from '@chayi/testing/msw'

/**
 * Dev mode's mock API (main.ts loads this only when no API base or target is set). The kiosk's
 * screens need nothing beyond the shared identity handlers yet: pairing (code 12345678), the staff
 * list and the PIN unlock (2468). Pairing and unlocks survive a reload through sessionStorage.
 */
export async function startMockApi() {
  const worker = setupWorker(...createHandlers({ storage: sessionStorage }))
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  })
}
