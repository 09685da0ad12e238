// For this app's tests: the shared harness of @chayi/shell/testing, with the console's own mocks.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { makeApp as makeShellApp, useMockApi as useShellMockApi } from '@chayi/shell/testing'
import { takeContractViolations } from '@chayi/testing/msw'
import { useToast } from '@chayi/ui'
import { careApp } from './app'
import { careHandlers } from './mocks'

export { mountApp } from '@chayi/shell/testing'
export const useMockApi = () => useShellMockApi((state) => careHandlers(state))
export const makeApp = () => makeShellApp(careApp)

/**
 * The mock API for a test file, with the usual hooks: it listens (an unhandled request fails), and
 * each test starts on a fresh world, empty storage and no toasts; after each, `cleanup` (the test
 * file's unmount), the handlers reset and no contract violations.
 */
export function useMockApiHooks(cleanup: () => void = () => {}) {
  const mock = useMockApi()
  beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => {
    mock.reset()
    localStorage.clear()
    useToast().clear()
  })
  afterEach(() => {
    cleanup()
    mock.server.resetHandlers()
    expect(takeContractViolations()).toEqual([])
  })
  afterAll(() => mock.server.close())
  return mock
}
