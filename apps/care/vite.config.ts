import { defineConfig } from 'vite'
import { chayiVite } from '@chayi/shell/vite'

// Base /care/, Vue, production flags and the dev server (msw mocks unless VITE_API_TARGET/VITE_API_BASE is set).
export default defineConfig(chayiVite({ name: 'care', port: 5103 }))
