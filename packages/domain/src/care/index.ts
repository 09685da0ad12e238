// Contracts of the `care` context: the beneficiary register, consents and care cards.
export * from './codes.js'
export * from './consents.js'
export * from './beneficiaries.js'
export * from './cards.js'
