// 情系藏区: visits and their photos, exit proposals and notices, monitoring cases.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AidVisitsTables {}
