// Contracts of the `fund` context.
export {}
