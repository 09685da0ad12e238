import { aidHandlers } from './aid/mocks'
import { fundHandlers } from './fund/mocks'
import { granaryHandlers } from './granary/mocks'
import type { MockHandlerFactory } from './module'
import { pairingsHandlers } from './pairings/mocks'
import { partnersHandlers } from './partners/mocks'
import { peopleHandlers } from './people/mocks'
import { registerHandlers } from './register/mocks'
import { reportsHandlers } from './reports/mocks'

/** Every area's mock handlers. */
export const moduleHandlers: MockHandlerFactory = (getState, opts) => [registerHandlers, granaryHandlers, fundHandlers, partnersHandlers, peopleHandlers, pairingsHandlers, aidHandlers, reportsHandlers].flatMap((f) => f(getState, opts))
