// For this app's tests: the shared harness of @chayi/shell/testing, with the console's own mocks.
import { makeApp as makeShellApp, useMockApi as useShellMockApi } from '@chayi/shell/testing'
import { careApp } from './app'
import { careHandlers } from './mocks'

export { mountApp } from '@chayi/shell/testing'
export const useMockApi = () => useShellMockApi((state) => careHandlers(state))
export const makeApp = () => makeShellApp(careApp)
