// Contracts of the 空巢不空心 pairings (care context, issue 5 item 6).
export {}
