import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono, type Context } from 'hono'
import { serve } from '@hono/node-server'
import { getCookie, setCookie } from 'hono/cookie'
import { createApi } from '@chayi/api'
import type { Runtime } from './bootstrap.js'
import { launcherPage, parseLang, pickLang } from './pages/launcher.js'
import { builtApps, mountApps, PAGE_CSP } from './static.js'

/**
 * apps/ seen from this file: apps/server/src/server.ts in development and tests,
 * apps/server/dist/main.js once bundled; both sit two levels below apps/.
 */
export function defaultAppsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
}

/** The language chosen on the launcher; the apps may read it too (`zh-CN` or `en`). */
export const LANG_COOKIE = 'chayi_lang'

const PAGE_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-cache',
}

/** The whole HTTP surface of one instance: the API, the launcher and the four apps. */
export function createServerApp(runtime: Runtime, opts: { appsDir?: string } = {}) {
  const appsDir = opts.appsDir ?? runtime.config.appsDir ?? defaultAppsDir()
  const api = createApi(runtime.deps, { dialect: runtime.dialect })
  const app = new Hono()

  // The API keeps its own not-found and error handling (the JSON error contract); hand it the
  // request whole, with the Node bindings so it can see the client's socket.
  const toApi = (c: Context) => api.fetch(c.req.raw, c.env)
  app.all('/api', toApi)
  app.all('/api/*', toApi)

  app.get('/', (c) => {
    const asked = parseLang(c.req.query('lang'))
    const lang = asked ?? pickLang(getCookie(c, LANG_COOKIE), c.req.header('accept-language'))
    // A choice made with the switch is remembered, so coming back to / keeps that language.
    if (asked) setCookie(c, LANG_COOKIE, asked, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax' })
    c.header('vary', 'Accept-Language, Cookie')
    c.header('content-language', lang)
    return c.html(launcherPage(lang, builtApps(appsDir)), 200, PAGE_HEADERS)
  })
  mountApps(app, appsDir)

  app.notFound((c) => c.text('Not found · 未找到', 404))
  app.onError((err, c) => {
    runtime.deps.logger.error({ err, path: c.req.path }, 'unhandled error')
    return c.text('Internal error · 服务器错误', 500)
  })
  return app
}

export interface RunningServer {
  url: string
  port: number
  server: Server
  /** Stops accepting, lets requests in flight finish (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>
}

export function displayUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host
  return `http://${h}:${port}`
}

export async function startServer(runtime: Runtime, opts: { port?: number; host?: string; appsDir?: string } = {}): Promise<RunningServer> {
  const app = createServerApp(runtime, { appsDir: opts.appsDir })
  const host = opts.host ?? runtime.config.host
  const server = await new Promise<Server>((resolveListening, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? runtime.config.port, hostname: host }, () => resolveListening(s as Server))
    s.once('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined
  return {
    url: displayUrl(host, port),
    port,
    server,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((done) => {
        // Keep-alive connections that sit idle would hold close() open; drop them as they go idle,
        // and after the grace period drop whatever is left (long-lived streams such as SSE).
        const idle = setInterval(() => server.closeIdleConnections(), 100)
        const force = setTimeout(() => server.closeAllConnections(), graceMs)
        server.close(() => {
          clearInterval(idle)
          clearTimeout(force)
          done()
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}

/**
 * SIGTERM or SIGINT: stop accepting, finish requests in flight (bounded), close the bus and the
 * database, exit 0. A second signal exits at once.
 */
export function shutdownOnSignals(running: RunningServer, runtime: Runtime, opts: { graceMs?: number; exit?: (code: number) => void } = {}): void {
  const graceMs = opts.graceMs ?? 10_000
  const exit = opts.exit ?? ((code: number) => process.exit(code))
  const log = runtime.deps.logger
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting')
      exit(1)
      return
    }
    stopping = true
    log.info({ signal, graceMs }, 'shutting down: no new connections, finishing requests in flight')
    // Should closing the database hang, do not hang with it.
    setTimeout(() => {
      log.error('shutdown took too long; exiting')
      exit(1)
    }, graceMs + 5_000).unref()
    running
      .close(graceMs)
      .then(() => runtime.close())
      .then(
        () => {
          log.info('stopped')
          exit(0)
        },
        (err: unknown) => {
          log.error({ err }, 'error while shutting down')
          exit(1)
        },
      )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}
