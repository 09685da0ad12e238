import { defineConfig } from 'vitest/config'

// Integration tests against real SQLite files and a real PostgreSQL: some hash many passwords
// (scrypt, by design slow) or race dozens of requests, so on a busy 2-core machine they need more
// than vitest's 5 s default. Speed targets live in `pnpm bench`, not here.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
