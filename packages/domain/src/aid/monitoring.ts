// Contracts of the aid context: monitoring cases and their deadlines (early warning).
export {}
