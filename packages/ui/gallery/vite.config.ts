import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The dev-only component gallery: `pnpm --filter @chayi/ui dev`. Not part of the package exports.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './', // the built gallery opens from any folder or static server
  plugins: [vue()],
  server: { host: '127.0.0.1', port: 5180 },
  preview: { host: '127.0.0.1', port: 5181 },
  build: {
    outDir: fileURLToPath(new URL('../dist/gallery', import.meta.url)),
    emptyOutDir: true,
  },
})
