// Contracts of the aid context: the dashboard, the partners' redacted view.
export {}
