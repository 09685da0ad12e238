// Factories and the mount helper; msw handlers at `@chayi/testing/msw`, Chromium at `@chayi/testing/browser`.
export * from './factories.js'
export * from './mount.js'
