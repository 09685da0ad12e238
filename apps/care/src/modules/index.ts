import { aidModule } from './aid'
import { fundModule } from './fund'
import { granaryModule } from './granary'
import { pairingsModule } from './pairings'
import { partnersModule } from './partners'
import { peopleModule } from './people'
import { registerModule } from './register'
import { reportsModule } from './reports'

/** The console's areas, in nav order. */
export const careModules = [registerModule, granaryModule, fundModule, partnersModule, peopleModule, pairingsModule, aidModule, reportsModule]
