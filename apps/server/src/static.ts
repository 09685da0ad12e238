import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { Context, Hono } from 'hono'
import { APPS, type AppInfo, type AppName } from './pages/apps.js'
import { notBuiltPage } from './pages/placeholder.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
}

export const distOf = (appsDir: string, name: AppName) => join(appsDir, name, 'dist')

export function builtApps(appsDir: string): Record<AppName, boolean> {
  return Object.fromEntries(APPS.map((a) => [a.name, existsSync(join(distOf(appsDir, a.name), 'index.html'))])) as Record<AppName, boolean>
}

/** The last path segment has a dot: a file was asked for, so no SPA fallback. */
const looksLikeFile = (rel: string) => extname(rel.split('/').pop() ?? '') !== ''

async function fileAt(path: string) {
  try {
    const s = await stat(path)
    return s.isFile() ? s : null
  } catch {
    return null
  }
}

async function sendFile(c: Context, path: string, rel: string) {
  const s = await fileAt(path)
  if (!s) return null
  const etag = `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`
  // Vite puts content-hashed files under assets/: they never change, so browsers keep them.
  // Everything else (index.html, the service worker, the manifest) is revalidated on each load.
  const headers: Record<string, string> = {
    'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
  }
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
  return c.body(new Uint8Array(await readFile(path)), 200, headers)
}

async function serveApp(c: Context, app: AppInfo, root: string) {
  let rel: string
  try {
    rel = decodeURIComponent(new URL(c.req.url).pathname.slice(app.base.length))
  } catch {
    return c.text('Bad request', 400)
  }
  // No index.html: not built (or a build is writing the folder right now).
  if (!existsSync(join(root, 'index.html'))) {
    if (looksLikeFile(rel)) return c.notFound()
    return c.html(notBuiltPage(app), 200, { 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP })
  }
  const segments = rel.split('/')
  // Dot-files and NUL bytes are never served; the resolved path must stay inside the dist folder.
  if (rel.includes('\0') || segments.some((s) => s.startsWith('.') && s !== '.well-known')) return c.notFound()
  const file = resolve(root, rel)
  if (file !== root && !file.startsWith(root + sep)) return c.notFound()

  const direct = rel && !rel.endsWith('/') ? await sendFile(c, file, rel) : null
  if (direct) return direct
  if (looksLikeFile(rel)) return c.notFound()
  // A client-side route (/volunteer/activities/42): the app's index.html takes it from there.
  return (await sendFile(c, join(root, 'index.html'), 'index.html')) ?? c.notFound()
}

/** Strict policy for the server's own pages (launcher, not-built): inline CSS and data: images only. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Serves each built app under its base path, with SPA fallback; a bilingual note while unbuilt. */
export function mountApps(app: Hono, appsDir: string): void {
  for (const info of APPS) {
    const root = resolve(distOf(appsDir, info.name))
    const bare = info.base.slice(0, -1)
    const toBase = (c: Context) => c.redirect(`${info.base}${new URL(c.req.url).search}`, 308)
    app.get(bare, toBase)
    // Hono's `/x/*` also matches `/x`; relative asset URLs only work below the trailing slash.
    app.get(`${info.base}*`, (c) => (new URL(c.req.url).pathname === bare ? toBase(c) : serveApp(c, info, root)))
  }
}
