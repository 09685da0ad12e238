import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { launchBrowser as launchChromium } from '@chayi/testing/browser'
export { assertNoSeriousA11y, checkA11y, DESKTOP, PHONE, TABLET } from '@chayi/testing/browser'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const SERVER_MAIN = join(ROOT, 'apps/server/dist/main.js')
export const SCREENSHOTS = join(ROOT, 'tests/e2e/screenshots')

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

export interface E2EServer {
  url: string
  port: number
  /** The folder holding this run's SQLite database and nothing else. */
  dataDir: string
  /** Everything the server printed so far (banner and logs). */
  output(): string
  /** Stop the process and start it again on the same port and database (a power cut at the tea house). */
  restart(): Promise<void>
  /** SIGTERM, wait for the exit, remove the data folder. Resolves with the exit code. */
  stop(): Promise<number | null>
}

/**
 * The built server (apps/server/dist/main.js) in its own process, on a free port, with a fresh
 * temporary SQLite database: demo data by default, none with `{ demo: false }`.
 */
export async function startServer(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<E2EServer> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run "pnpm test:e2e", which builds the server first`)
  const dataDir = mkdtempSync(join(tmpdir(), 'chayi-e2e-'))
  const port = await freePort()
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: `file:${join(dataDir, 'chayi.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    CHAYI_DATA_KEY: randomBytes(32).toString('hex'),
    CHAYI_DEMO: opts.demo === false ? '0' : '1',
    LOG_LEVEL: 'warn',
    ...opts.env,
  }
  const url = `http://127.0.0.1:${port}`
  let out = ''
  let running = await spawnServer(dataDir, env, url, (t) => (out += t))

  let stopping: Promise<number | null> | undefined
  return {
    url,
    port,
    dataDir,
    output: () => out,
    async restart() {
      await running.halt()
      running = await spawnServer(dataDir, env, url, (t) => (out += t))
    },
    stop() {
      stopping ??= (async () => {
        const code = await running.halt()
        rmSync(dataDir, { recursive: true, force: true })
        return code
      })()
      return stopping
    },
  }
}

/** One server process on `url`'s port, healthy; `halt()` sends SIGTERM and resolves with the exit code. */
async function spawnServer(cwd: string, env: Record<string, string | undefined>, url: string, log: (text: string) => void) {
  const proc: ChildProcess = spawn(process.execPath, [SERVER_MAIN], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const take = (b: Buffer) => {
    out += b.toString()
    log(b.toString())
  }
  proc.stdout!.on('data', take)
  proc.stderr!.on('data', take)
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  const deadline = Date.now() + 120_000
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited during start-up:\n${out}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL')
      throw new Error(`the server did not become healthy in 120 s:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  return {
    async halt() {
      if (proc.exitCode === null) proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}

export interface E2EBrowser {
  context: BrowserContext
  newPage(): Promise<Page>
  close(): Promise<void>
}

/** Headless Chromium from the system (/usr/bin/chromium), with a throwaway profile (see @chayi/testing/browser). */
export async function launchBrowser(): Promise<E2EBrowser> {
  const b = await launchChromium()
  return { context: b.context, newPage: () => b.context.newPage(), close: () => b.close() }
}

/**
 * One journey's setup: the built server with demo data on a fresh database and one browser page at
 * `viewport`, handed to `use` before the tests; afterwards back online, the browser closed and the
 * server stopped cleanly (exit code 0).
 */
export function demoJourney(viewport: { width: number; height: number }, use: (j: { server: E2EServer; browser: E2EBrowser; page: Page }) => void): void {
  let server: E2EServer | undefined
  let browser: E2EBrowser | undefined
  beforeAll(async () => {
    server = await startServer({ demo: true })
    browser = await launchBrowser()
    const page = await browser.newPage()
    await page.setViewportSize(viewport)
    use({ server, browser, page })
  }, 180_000)
  afterAll(async () => {
    await browser?.context.setOffline(false)
    await browser?.close()
    expect(await server?.stop()).toBe(0)
  })
}

/** Signs in through the API and returns the Cookie header value (for setting up a journey). */
export async function apiSignIn(url: string, login: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) })
  if (!res.ok) throw new Error(`sign-in as ${login} failed: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

/** One page of a list answer (`{ items, nextCursor }`). */
export type ListPage<T> = { items: T[]; nextCursor: string | null }

/** A JSON call to the API with a signed-in cookie (journeys set up and check what the server holds with it). */
export async function apiJson<T>(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as T }
}

/** A one-time kiosk pairing code, made by the demo admin. */
export async function pairingCode(url: string, name = '茶馆柜台'): Promise<string> {
  const cookie = await apiSignIn(url, 'admin')
  const res = await fetch(`${url}/api/v1/devices/pairing-codes`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name }) })
  if (!res.ok) throw new Error(`pairing code failed: ${res.status}`)
  return ((await res.json()) as { code: string }).code
}

/** The demo data's shared password and kiosk PIN (apps/server/src/demo.ts). */
export const DEMO_PASSWORD = 'chayi-demo-2026'
export const DEMO_PIN = '1234'

/** Where a screenshot goes (tests/e2e/screenshots/, git-ignored). */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return join(SCREENSHOTS, `${name}.png`)
}


/**
 * The offline promise of an installable app: once its service worker controls the page, Chromium
 * finds it installable, and with the network gone a reload is served by the worker and shows
 * `ready`. Call with the page on the app's signed-in screen; returns with the browser still offline,
 * so the caller checks what it shows and then calls `context.setOffline(false)`.
 */
export async function reloadOfflineFromServiceWorker(context: BrowserContext, page: Page, ready: string): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.reload()
  await page.locator(ready).waitFor()
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
  const cdp = await context.newCDPSession(page)
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] }
  await cdp.detach()
  expect(installabilityErrors).toEqual([])

  await context.setOffline(true)
  const res = await page.reload()
  expect(res?.fromServiceWorker()).toBe(true)
  await page.locator(ready).waitFor()
}
