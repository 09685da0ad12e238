import { escapeHtml, type AppInfo } from './apps.js'
import { BASE_CSS, CUP_SVG, FAVICON } from './style.js'

const CSS = `${BASE_CSS}
.note { margin-top: 24px; padding: 18px 20px; background: var(--card); border: 1px solid var(--line); border-radius: 12px; }
.note h2 { margin: 0 0 6px; font-size: 1.2rem; }
.note h2.en { margin-top: 16px; padding-top: 14px; border-top: 1px solid var(--line); font-size: 1.05rem; }
.note p { margin: 4px 0; }
.en { color: var(--muted); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #efe3cf; padding: 1px 6px; border-radius: 6px; }
.back { display: inline-block; margin-top: 20px; }
`

/** Shown (200) under an app's base path while its dist folder does not exist. Both languages at once. */
export function notBuiltPage(app: AppInfo): string {
  const zh = escapeHtml(app.title['zh-CN'])
  const en = escapeHtml(app.title.en)
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${zh}尚未构建 · ${en} is not built yet</title>
<link rel="icon" href="${FAVICON}">
<style>${CSS}</style>
</head>
<body>
<main>
<div class="brand">${CUP_SVG}<h1>茶义<span class="latin">Chayi</span></h1></div>
<section class="note" data-app="${app.name}" data-not-built>
  <h2>${zh}尚未构建</h2>
  <p>这个应用还没有构建。构建后刷新本页即可：<code>pnpm build</code></p>
  <h2 class="en" lang="en">${en} is not built yet</h2>
  <p class="en" lang="en">This app has not been built yet. Build it, then reload this page: <code>pnpm build</code></p>
</section>
<a class="back" href="/">← 返回首页 · Back to start</a>
</main>
</body>
</html>`
}
