// Contracts of the `aid` context (情系藏区): places, households, members, pairings.
export * from './codes.js'
export * from './status.js'
export * from './contracts.js'
