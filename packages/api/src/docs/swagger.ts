import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Hono } from 'hono'
import type { Env } from '../context.js'

// Served from the swagger-ui-dist package itself: the docs page works with no internet access.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>茶义 Chayi API</title>
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script>
</body>
</html>`

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true, withCredentials: true });`

export function mountDocs(app: Hono<Env>): void {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const cache = new Map<string, Buffer>()
  app.get('/api/docs', (c) => c.html(page))
  app.get('/api/docs/assets/docs-init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  app.get('/api/docs/assets/:file', (c) => {
    const file = c.req.param('file')
    const type = ASSETS[file]
    if (!type) return c.notFound()
    let body = cache.get(file)
    if (!body) cache.set(file, (body = readFileSync(join(dir, file))))
    return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
}
