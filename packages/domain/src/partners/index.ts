// Contracts of the `partners` context (爱心企业/爱心人士): code lists, their zod enums, and the
// request and response shapes.
export * from './codes.js'
export * from './schemas.js'
export * from './contracts.js'
