// Contracts of the `aid` context (情系藏区): places, households, members, pairings, incomes and
// lines, visits, plans/needs/deliveries, exit and monitoring, the dashboard and partners' view.
export * from './codes.js'
export * from './status.js'
export * from './contracts.js'
export * from './income.js'
export * from './visits.js'
export * from './plans.js'
export * from './exit.js'
export * from './monitoring.js'
export * from './insights.js'
export * from './code-lists.js'
