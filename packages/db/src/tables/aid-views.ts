// 情系藏区: partners' redacted view links.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AidViewsTables {}
