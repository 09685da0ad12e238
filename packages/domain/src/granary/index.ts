// Contracts of the `granary` context.
export {}
