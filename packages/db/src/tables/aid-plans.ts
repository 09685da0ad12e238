// 情系藏区: measures (一户一策), needs, pledges, deliveries.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AidPlansTables {}
