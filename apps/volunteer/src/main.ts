import '@chayi/ui/tokens.css'
import { useElderlyMode } from '@chayi/ui'
import { createChayiApp } from '@chayi/shell'
import { volunteerApp } from './app'

// Applies a saved 适老模式 choice at once, before the mock API or the app start (no flash of small text).
useElderlyMode()

async function start() {
  // Dev without a server (neither VITE_API_BASE nor VITE_API_TARGET): the mock API in a service
  // worker. A dynamic import behind import.meta.env.DEV, so the mocks never reach the production bundle.
  if (import.meta.env.DEV && !import.meta.env.VITE_API_BASE && !import.meta.env.VITE_API_TARGET) {
    const { startMockWorker } = await import('./mocks')
    await startMockWorker()
  }
  createChayiApp(volunteerApp).mount('#app')
}

void start()
