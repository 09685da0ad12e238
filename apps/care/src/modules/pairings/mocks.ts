import type { MockHandlerFactory } from '../module'

/** Mock API for the `pairings` screens (dev and tests), checked against the domain schemas like ../../mocks.ts. */
export const pairingsHandlers: MockHandlerFactory = () => []
