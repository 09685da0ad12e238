import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  // The app tests run the whole app on the mock API; the first of a file also compiles it (slow on a busy 2-core box).
  test: { environment: 'happy-dom', testTimeout: 15_000 },
})
