import { hc } from 'hono/client'
import type { AppType } from './app.js'

export type { AppType }

/**
 * The typed API client for the apps. `baseUrl` is where the API lives ('' or '/' for the same
 * origin, or another host when an app is deployed apart from it). Cookies go along by default.
 */
export function createClient(baseUrl: string, opts: { fetch?: typeof fetch; headers?: () => Record<string, string> } = {}) {
  return hc<AppType>(baseUrl || '/', {
    fetch: opts.fetch,
    headers: opts.headers,
    init: { credentials: 'include' },
  })
}
export type ChayiClient = ReturnType<typeof createClient>
