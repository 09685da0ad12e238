export * from './contracts.js'
export * from './rules.js'
