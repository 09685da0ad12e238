import '@chayi/ui/tokens.css'
import './tracker.css'
import { createChayiApp } from '@chayi/shell'
import { useElderlyMode } from '@chayi/ui'
import { trackerApp } from './app'

// Applies the remembered 适老模式 before the first paint.
useElderlyMode()

async function start() {
  // Dev without a real API: the mock API in a service worker. `import.meta.env.DEV` is false in a
  // build, so this import (msw and its handlers) is dropped from the bundle entirely.
  if (import.meta.env.DEV && !import.meta.env.VITE_API_BASE && !import.meta.env.VITE_API_TARGET) {
    const { startMockApi } = await import('./mocks')
    await startMockApi()
  }
  createChayiApp(trackerApp).mount('#app')
  // The offline service worker (precached app shell); loaded after the first render, production only.
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    const { registerSW } = await import('virtual:pwa-register')
    registerSW({ immediate: true })
  }
}

void start()
