import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'happy-dom',
    // fake-indexeddb gives every test file an in-memory IndexedDB (happy-dom has none).
    setupFiles: ['./src/test-setup.ts'],
  },
})
