// Contracts of the aid context: measures (一户一策), needs → pledges → deliveries.
export {}
