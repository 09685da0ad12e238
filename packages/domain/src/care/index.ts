// Contracts of the `care` context.
export {}
