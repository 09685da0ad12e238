import type { MockHandlerFactory } from '../module'

/** Mock API for the `partners` screens (dev and tests), checked against the domain schemas like ../../mocks.ts. */
export const partnersHandlers: MockHandlerFactory = () => []
