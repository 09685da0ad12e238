// Contracts of the `fund` context (公益基金): code lists, their zod enums, pure rules, and the
// request and response shapes.
export * from './codes.js'
export * from './schemas.js'
export * from './rules.js'
export * from './contracts.js'
