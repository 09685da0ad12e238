import { granaryModule } from './granary'
import { pairingsModule } from './pairings'
import { peopleModule } from './people'
import { registerModule } from './register'

/** The console's areas, in nav order. */
export const careModules = [registerModule, granaryModule, peopleModule, pairingsModule]
