// Contracts of the `partners` context.
export {}
