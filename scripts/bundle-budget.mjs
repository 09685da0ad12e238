#!/usr/bin/env node
// Reports each app's initial JavaScript — the entry script and the chunks index.html preloads —
// gzipped, and fails past its budget. The kiosk runs on a counter tablet over shaky Wi-Fi, so its
// budget is the tightest. Run after the apps are built (`pnpm build:apps`).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const BUDGET_KB = { volunteer: 150, kiosk: 60, care: 150, tracker: 150 }

function initialScripts(html) {
  const refs = new Set()
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) refs.add(m[1])
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) refs.add(m[1])
  return [...refs]
}

const rows = []
let failed = false
for (const [app, budget] of Object.entries(BUDGET_KB)) {
  const dist = join(root, 'apps', app, 'dist')
  const index = join(dist, 'index.html')
  if (!existsSync(index)) {
    rows.push([app, 'not built', '', `${budget} kB`, 'FAIL'])
    failed = true
    continue
  }
  const html = readFileSync(index, 'utf8')
  let raw = 0
  let gz = 0
  const files = initialScripts(html)
  for (const ref of files) {
    // Built paths carry the app's base (/kiosk/assets/…); strip it to find the file in dist.
    const rel = ref.replace(new RegExp(`^/${app}/`), '').replace(/^\.?\//, '')
    const buf = readFileSync(join(dist, rel))
    raw += buf.length
    gz += gzipSync(buf, { level: 9 }).length
  }
  const kb = gz / 1024
  const ok = kb <= budget
  if (!ok) failed = true
  rows.push([app, `${kb.toFixed(1)} kB`, `${(raw / 1024).toFixed(1)} kB`, `${budget} kB`, ok ? 'ok' : 'OVER'])
}

const head = ['app', 'initial JS (gzip)', 'raw', 'budget', '']
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (r) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |'
console.log(line(head))
console.log('| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |')
for (const r of rows) console.log(line(r))
if (failed) {
  console.error('bundle budget exceeded (or an app is not built)')
  process.exit(1)
}
