import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  test: {
    // node for factories, msw and Chromium; mount.test.ts asks for happy-dom itself.
    environment: 'node',
    // Launching Chromium on a busy 2-core machine can take a while.
    testTimeout: 30_000,
  },
})
