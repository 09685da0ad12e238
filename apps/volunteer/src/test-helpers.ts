// For this app's tests: the shared harness of @chayi/shell/testing, with the portal's own mocks.
import { makeApp as makeShellApp, useMockApi as useShellMockApi } from '@chayi/shell/testing'
import { volunteerApp } from './app'
import { volunteerHandlers } from './mocks'

export { mountApp } from '@chayi/shell/testing'
export const useMockApi = () => useShellMockApi((state) => volunteerHandlers(state))
export const makeApp = () => makeShellApp(volunteerApp)
