// Contracts of the aid context: the exit rule (stable period, checklist, labour) and the public notice.
export {}
