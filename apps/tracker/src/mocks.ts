import { setupWorker } from 'msw/browser'
import { createHandlers, createMockState } from '@chayi/testing/msw'
import { aidHandlers, aidOf, editBySomeoneElse, snapshot } from './mocks/aid'

/** The mock aid worker's name in Chinese and in Tibetan script, so dev mode shows the Tibetan font at work. */
export const MOCK_AID_WORKER_NAME = '扎西顿珠 བཀྲ་ཤིས་དོན་གྲུབ'

/**
 * Dev mode's mock API (main.ts loads this only when no API base or target is set): the shared
 * identity handlers, signed in as `aid` / chayi-mock-pw, and the mock aid API (households, visits,
 * income years, a 409 on a stale change). Sign-in and the aid world survive a reload through
 * sessionStorage. `window.__aidMock.otherEdit(householdId, fields)` plays another worker's edit,
 * to see the conflict screen.
 */
export async function startMockApi() {
  const state = createMockState()
  state.user('aid').user.displayName = MOCK_AID_WORKER_NAME
  const worker = setupWorker(...createHandlers({ state, storage: sessionStorage }), ...aidHandlers(() => state, { storage: sessionStorage }))
  ;(window as unknown as { __aidMock: unknown }).__aidMock = {
    world: () => aidOf(state),
    otherEdit: (id: string, fields: Record<string, unknown>) => {
      editBySomeoneElse(aidOf(state), id, fields)
      sessionStorage.setItem('chayi.mock.aid', JSON.stringify(snapshot(aidOf(state))))
    },
  }
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  })
}
