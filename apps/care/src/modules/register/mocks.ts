import type { MockHandlerFactory } from '../module'

/** Mock API for the `register` screens (dev and tests), checked against the domain schemas like ../../mocks.ts. */
export const registerHandlers: MockHandlerFactory = () => []
