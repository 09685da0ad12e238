import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  // Whole journeys through the real app (pairing, PIN, outbox over fake-indexeddb) take a few seconds.
  test: { environment: 'happy-dom', testTimeout: 20_000 },
})
