// What seeders and the CLI use from the aid context.
export { createAidPlace } from './places.js'
export { createHousehold, householdDetail, formatHouseholdCode } from './households.js'
export { pairHousehold } from './pairings.js'
export { addMeasure, changeMeasureStatus, listMeasures, updateMeasure } from './plans.js'
export { createNeed, addPledge, withdrawNeed, listNeeds, needDetail } from './needs.js'
export { recordDelivery, reverseDelivery, getDelivery, householdDeliveries, deliveryItems } from './deliveries.js'
export { recordIncome } from './incomes.js'
export { setLine, lineFor, incomeYears } from './lines.js'
