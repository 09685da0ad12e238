// Dev mode only (main.ts imports this dynamically): the shared identity mock in a service worker.
// The volunteer screens need nothing beyond sign-in and /me yet.
import { setupWorker } from 'msw/browser'
import { createHandlers, MOCK_PASSWORD } from '@chayi/testing/msw'

export async function startMockWorker() {
  const worker = setupWorker(...createHandlers({ storage: sessionStorage }))
  await worker.start({ serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` }, onUnhandledRequest: 'bypass' })
  console.info(`[chayi] mock API: sign in as volunteer, leader or admin with the password "${MOCK_PASSWORD}"`)
}
