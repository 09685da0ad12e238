// Contracts of the `granary` context (茶义仓): code lists, their zod enums, pure rules, and the
// request and response shapes.
export * from './categories.js'
export * from './schemas.js'
export * from './rules.js'
export * from './contracts.js'
