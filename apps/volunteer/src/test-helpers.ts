// For this app's tests: the shared harness of @chayi/shell/testing with the portal's definition.
import { makeApp as makeShellApp } from '@chayi/shell/testing'
import { volunteerApp } from './app'

export { mountApp, useMockApi } from '@chayi/shell/testing'
export const makeApp = () => makeShellApp(volunteerApp)
