import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Cross-app journeys in headless Chromium against the built server (`pnpm test:e2e` builds first).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // One browser and one server process at a time: two cores, and Chromium is heavy.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
})
