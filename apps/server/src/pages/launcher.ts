import { APPS, escapeHtml, type AppName, type Lang } from './apps.js'
import { BASE_CSS, CUP_SVG, FAVICON } from './style.js'

/** `en`, `en-GB`, `zh`, `zh-CN`… as one of our two languages; null for anything else. */
export function parseLang(value: string | undefined): Lang | null {
  const v = value?.trim().toLowerCase()
  if (!v) return null
  if (v === 'en' || v.startsWith('en-')) return 'en'
  if (v === 'zh' || v.startsWith('zh-')) return 'zh-CN'
  return null
}

/**
 * Chinese unless asked otherwise: an explicit choice (`?lang=en`, or the remembered one), else an
 * Accept-Language that ranks English above Chinese.
 */
export function pickLang(chosen: string | undefined, acceptLanguage: string | undefined): Lang {
  const explicit = parseLang(chosen)
  if (explicit) return explicit
  if (!acceptLanguage) return 'zh-CN'
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const weight = qp ? Number(qp.slice(2)) : 1
      return { primary: tag.split('-')[0], weight: Number.isFinite(weight) ? weight : 0, i }
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
  const first = ranked.find((r) => r.primary === 'en' || r.primary === 'zh')
  return first?.primary === 'en' ? 'en' : 'zh-CN'
}

const T = {
  'zh-CN': {
    title: '茶义 · 社区志愿服务',
    tagline: '为社区志愿服务队做的一套系统',
    intro:
      '志愿者服务、茶馆义仓茶、关爱中心和藏区帮扶，用同一本账：每一笔捐赠都有收据码，去向公开可查，受助人隐私不外露。',
    apps: '四个应用',
    open: '打开',
    notBuilt: '尚未构建',
    more: '公开与开发',
    board: '公开看板',
    boardBlurb: '实时显示义仓茶、捐赠物资和公益基金的总数。',
    docs: 'API 文档',
    docsBlurb: '接口说明（OpenAPI），供开发和对接使用。',
    switchLabel: 'English',
    switchHref: '/?lang=en',
    switchLang: 'en',
    footer: '账本防篡改：历史记录一旦被改动，chayi verify 就能查出来。',
  },
  en: {
    title: 'Chayi · Community volunteering',
    tagline: 'One system for a community volunteer team',
    intro:
      'Volunteers, the charity tea house, the care centre and aid for the Tibetan area share one ledger: every donation gets a receipt code, anyone can see where it went, and no one sees who received it.',
    apps: 'The four apps',
    open: 'Open',
    notBuilt: 'not built yet',
    more: 'Public and developers',
    board: 'Public board',
    boardBlurb: 'Live totals of charity cups, donated goods and the welfare fund.',
    docs: 'API docs',
    docsBlurb: 'The OpenAPI reference, for developers and integrations.',
    switchLabel: '中文',
    switchHref: '/?lang=zh-CN',
    switchLang: 'zh-CN',
    footer: 'The ledger is tamper-evident: if its history is rewritten, chayi verify finds out.',
  },
} as const

const ACCENT: Record<AppName, string> = { volunteer: 'var(--clay)', kiosk: 'var(--tea)', care: 'var(--leaf)', tracker: 'var(--lake)' }

const CSS = `${BASE_CSS}
header.top { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
.lang { font-size: .95rem; padding: 6px 12px; border: 1px solid var(--line); border-radius: 999px; background: var(--card); text-decoration: none; white-space: nowrap; }
.tagline { margin: 18px 0 4px; font-size: 1.15rem; font-weight: 600; }
.intro { margin: 0 0 8px; color: var(--muted); max-width: 44em; }
h2 { font-size: .95rem; letter-spacing: .06em; color: var(--muted); font-weight: 600; margin: 28px 0 10px; }
.apps { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr; gap: 12px; }
@media (min-width: 640px) { .apps { grid-template-columns: 1fr 1fr; } }
.card { display: block; height: 100%; padding: 14px 16px 14px 18px; background: var(--card); border: 1px solid var(--line);
  border-left: 6px solid var(--accent); border-radius: 12px; text-decoration: none; color: inherit;
  box-shadow: 0 1px 2px rgba(58, 42, 29, .06); transition: box-shadow .15s, transform .15s; }
.card:hover { box-shadow: 0 4px 14px rgba(58, 42, 29, .12); transform: translateY(-1px); }
.card .name { display: flex; align-items: baseline; flex-wrap: wrap; gap: 4px 10px; }
.card strong { font-size: 1.2rem; color: var(--ink); }
.card .alt { font-size: .85rem; color: var(--muted); }
.card p { margin: 6px 0 8px; font-size: .95rem; color: var(--ink); }
.card .path { font: .8rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--muted); }
.badge { display: inline-block; margin-left: 8px; padding: 0 8px; border-radius: 999px; font-size: .75rem; background: #efe3cf; color: var(--muted); }
.more { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
@media (min-width: 640px) { .more { grid-template-columns: 1fr 1fr; } }
.more a { display: block; padding: 12px 16px; border-radius: 12px; border: 1px dashed #cdb89b; text-decoration: none; color: inherit; background: rgba(255, 250, 241, .6); }
.more a:hover { background: var(--card); }
.more strong { color: var(--tea); }
.more span { display: block; font-size: .9rem; color: var(--muted); }
footer { margin-top: 32px; padding-top: 14px; border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
`

/** The page at `/`: what Chayi is and where each app lives. `built` marks apps whose dist exists. */
export function launcherPage(lang: Lang, built: Record<AppName, boolean>): string {
  const t = T[lang]
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en'
  const cards = APPS.map(
    (a) => `<li><a class="card" href="${a.base}" style="--accent:${ACCENT[a.name]}" data-app="${a.name}">
  <span class="name"><strong>${escapeHtml(a.title[lang])}</strong><span class="alt" lang="${other}">${escapeHtml(a.title[other])}</span></span>
  <p>${escapeHtml(a.blurb[lang])}</p>
  <span class="path">${a.base}</span>${built[a.name] ? '' : `<span class="badge">${t.notBuilt}</span>`}
</a></li>`,
  ).join('\n')

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="theme-color" content="#f6efe3">
<title>${t.title}</title>
<link rel="icon" href="${FAVICON}">
<style>${CSS}</style>
</head>
<body>
<main>
<header class="top">
  <div class="brand">${CUP_SVG}<h1>茶义<span class="latin">Chayi</span></h1></div>
  <a class="lang" href="${t.switchHref}" hreflang="${t.switchLang}" lang="${t.switchLang}" id="lang-switch">${t.switchLabel}</a>
</header>
<p class="tagline">${t.tagline}</p>
<p class="intro">${t.intro}</p>
<h2>${t.apps}</h2>
<ul class="apps">
${cards}
</ul>
<h2>${t.more}</h2>
<ul class="more">
  <li><a href="/kiosk/board" id="board-link"><strong>${t.board}</strong><span>${t.boardBlurb}</span></a></li>
  <li><a href="/api/docs" id="docs-link"><strong>${t.docs}</strong><span>${t.docsBlurb}</span></a></li>
</ul>
<footer>${t.footer.replace('chayi verify', '<code>chayi verify</code>')}</footer>
</main>
</body>
</html>`
}
