import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Password hashing (scrypt, ~60 ms each), PostgreSQL databases and a spawned server take time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
