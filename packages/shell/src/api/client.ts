import { createClient, type ChayiClient } from '@chayi/api/client'

export type { ChayiClient }

/**
 * Where the API lives: the app's own setting, else `<meta name="chayi-api-base">` (set by whoever
 * hosts the built app apart from the API), else `VITE_API_BASE` at build time, else same origin.
 */
export function resolveApiBase(explicit?: string): string {
  const meta = typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>('meta[name="chayi-api-base"]')?.content
  const fromEnv = import.meta.env.VITE_API_BASE as string | undefined
  // An empty meta (the apps ship `content=""`) means "not set here": a build-time VITE_API_BASE applies.
  const base = explicit ?? (meta || fromEnv || '')
  return base.replace(/\/+$/, '')
}

/** Requests whose 401 is an answer for the form on screen, not a lost session. */
const AUTH_PATHS = ['/api/v1/auth/sign-in', '/api/v1/devices/pair', '/api/v1/kiosk/staff-session', '/api/v1/me']

export function isAuthRequest(url: string): boolean {
  const path = new URL(url, 'http://x').pathname
  return AUTH_PATHS.includes(path)
}

export interface ShellFetchOptions {
  /** Headers for every request (the kiosk's device and staff tokens). */
  headers: () => Record<string, string>
  /** Called on a 401 from anything but the sign-in, pairing, PIN and /me requests. */
  onUnauthorized: (url: string) => void
  /** Default: the global fetch at call time (so msw and test doubles installed later apply). */
  fetch?: typeof fetch
}

/** fetch with the shell's headers, cookies included, and the 401 hook. */
export function createShellFetch(opts: ShellFetchOptions): typeof fetch {
  return async (input, init) => {
    const req = new Request(input, { credentials: 'include', ...init })
    for (const [k, v] of Object.entries(opts.headers())) if (!req.headers.has(k)) req.headers.set(k, v)
    const res = await (opts.fetch ?? globalThis.fetch)(req)
    if (res.status === 401 && !isAuthRequest(req.url)) opts.onUnauthorized(req.url)
    return res
  }
}

/** The typed client over the shell's fetch. */
export function createApiClient(baseUrl: string, shellFetch: typeof fetch): ChayiClient {
  return createClient(baseUrl, { fetch: shellFetch })
}

/** `base` + `path`, where base may be '' (same origin) or an absolute URL. */
export function apiUrl(base: string, path: string): string {
  return `${base}${path.startsWith('/') ? path : `/${path}`}`
}
