// Row types of the `pairings` context's tables (camelCase; see ../types.ts for the conventions).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the context lands
export interface PairingsTables {}
