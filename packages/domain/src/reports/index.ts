// Contracts of the `reports` context (报表与公开披露): dashboard figures, the Excel export's query,
// quarterly public disclosures and their small-count suppression.
export * from './rules.js'
export * from './contracts.js'
