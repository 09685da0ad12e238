// What seeders and the CLI use from the aid context.
export { createAidPlace } from './places.js'
export { createHousehold, householdDetail, formatHouseholdCode } from './households.js'
export { pairHousehold } from './pairings.js'
