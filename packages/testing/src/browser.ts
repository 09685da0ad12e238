import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** The sizes the apps are designed for (volunteer and tracker: phone; kiosk: tablet landscape; care: desktop). */
export const PHONE = { width: 390, height: 844 }
export const TABLET = { width: 1180, height: 820 }
export const DESKTOP = { width: 1440, height: 900 }

export interface ChayiBrowser {
  context: BrowserContext
  /** The context's first page (a persistent context opens with one). */
  page: Page
  /** The throwaway profile folder (gone after close()). */
  profileDir: string
  close(): Promise<void>
}

/** Flags for Debian's Chromium in a container (see DEVELOPERS.md): no sandbox, no GPU, nothing phoning home. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Headless /usr/bin/chromium with a throwaway profile, removed again by close(). */
export async function launchBrowser(opts: { viewport?: { width: number; height: number } } = {}): Promise<ChayiBrowser> {
  const tmpDir = mkdtempSync(join(tmpdir(), 'chayi-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(tmpDir, {
      executablePath: '/usr/bin/chromium',
      args: ARGS,
      ...(opts.viewport ? { viewport: opts.viewport } : {}),
    })
  } catch (err) {
    rmSync(tmpDir, { recursive: true, force: true })
    throw err
  }
  const page = context.pages()[0] ?? (await context.newPage())
  let closed = false
  return {
    context,
    page,
    profileDir: tmpDir,
    async close() {
      if (closed) return
      closed = true
      await context.close()
      rmSync(tmpDir, { recursive: true, force: true })
    },
  }
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/**
 * Runs axe-core in the page (injected from the installed package, no network) and returns the
 * violations. Pass `options` to narrow the run (e.g. `{ runOnly: ['wcag2a', 'wcag2aa'] }`).
 */
export async function checkA11y(page: Page, options: RunOptions = {}): Promise<Result[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined')
  if (!loaded) await page.addScriptTag({ path: AXE_PATH })
  const results = await page.evaluate(
    (opts) => (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe.run(document, { ...opts, resultTypes: ['violations'] }),
    options as object,
  )
  return results.violations
}

const SEVERE: ImpactValue[] = ['serious', 'critical']

/** The serious and critical ones: the bar every screen must clear. */
export function seriousViolations(violations: Result[]): Result[] {
  return violations.filter((v) => v.impact && SEVERE.includes(v.impact))
}

/** One line per violation and failing element, for an assertion message. */
export function formatViolations(violations: Result[]): string {
  return violations.map((v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`).join('\n')
}

/** Throws, listing them, when the page has serious or critical violations; returns all violations otherwise. */
export async function assertNoSeriousA11y(page: Page, options: RunOptions = {}): Promise<Result[]> {
  const all = await checkA11y(page, options)
  const severe = seriousViolations(all)
  if (severe.length) throw new Error(`axe-core found ${severe.length} serious or critical violations:\n${formatViolations(severe)}`)
  return all
}
