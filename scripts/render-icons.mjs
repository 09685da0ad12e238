#!/usr/bin/env node
/* global process, console */
// Renders an app's SVG icon to the PNG sizes its web manifest lists (192 and 512 px), with the
// system Chromium (launched as in tests/e2e/helpers.ts). Run once when an icon changes; the PNGs
// are committed, so builds need no browser:
//   node scripts/render-icons.mjs volunteer apps/volunteer/public/icons/icon.svg
// An optional second SVG is the maskable icon (full-bleed background, artwork inside the central
// 80 % safe circle) and becomes icon-maskable-512.png — the installable PWAs (kiosk, tracker) list one:
//   node scripts/render-icons.mjs kiosk apps/kiosk/public/icons/icon.svg apps/kiosk/public/icons/icon-maskable.svg
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SIZES = [192, 512]
// The same flags as @chayi/testing/browser (Debian's Chromium in a container, see DEVELOPERS.md).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

const [app, svgPath, maskablePath] = process.argv.slice(2)
if (!app || !svgPath || !/^[a-z]+$/.test(app)) {
  console.error('usage: node scripts/render-icons.mjs <app> <path/to/icon.svg> [path/to/icon-maskable.svg]')
  process.exit(2)
}
const svg = readFileSync(resolve(svgPath), 'utf8')
const jobs = SIZES.map((size) => ({ size, svg, name: `icon-${size}.png` }))
if (maskablePath) jobs.push({ size: 512, svg: readFileSync(resolve(maskablePath), 'utf8'), name: 'icon-maskable-512.png' })
const outDir = join(root, 'apps', app, 'public', 'icons')
mkdirSync(outDir, { recursive: true })

const profile = mkdtempSync(join(tmpdir(), 'chayi-icons-'))
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ARGS })
try {
  const page = context.pages()[0] ?? (await context.newPage())
  for (const { size, svg, name } of jobs) {
    await page.setViewportSize({ width: size, height: size })
    // The SVG scales to the viewport; transparent outside its rounded square.
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`)
    const file = join(outDir, name)
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    console.log(`wrote ${file.slice(root.length + 1)}`)
  }
} finally {
  await context.close()
  rmSync(profile, { recursive: true, force: true })
}
