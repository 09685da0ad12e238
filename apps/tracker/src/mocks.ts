import { setupWorker } from 'msw/browser'
import { createHandlers, createMockState } from '@chayi/testing/msw'

/** The mock aid worker's name in Chinese and in Tibetan script, so dev mode shows the Tibetan font at work. */
export const MOCK_AID_WORKER_NAME = '扎西顿珠 བཀྲ་ཤིས་དོན་གྲུབ'

/**
 * Dev mode's mock API (main.ts loads this only when no API base or target is set): the shared
 * identity handlers, signed in as `aid` / chayi-mock-pw. The sign-in survives a reload through
 * sessionStorage. The tracker's home needs nothing more yet.
 */
export async function startMockApi() {
  const state = createMockState()
  state.user('aid').user.displayName = MOCK_AID_WORKER_NAME
  const worker = setupWorker(...createHandlers({ state, storage: sessionStorage }))
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  })
}
