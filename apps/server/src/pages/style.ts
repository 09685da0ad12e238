// Shared look of the server's own pages (launcher, "not built yet"): warm paper, tea brown, leaf
// green. Everything is inline; no fonts or scripts are fetched, so the pages work without internet.

export const CUP_SVG = `<svg viewBox="0 0 64 64" width="48" height="48" aria-hidden="true" focusable="false">
<path d="M24 6c-3 4 3 7 0 12M32 4c-3 4 3 7 0 12M40 6c-3 4 3 7 0 12" fill="none" stroke="#b0603c" stroke-width="3" stroke-linecap="round"/>
<path d="M9 26h42a21 21 0 0 1-21 21A21 21 0 0 1 9 26z" fill="#7a4b2a"/>
<path d="M50 29h3.5a6.5 6.5 0 0 1 0 13H47" fill="none" stroke="#7a4b2a" stroke-width="4"/>
<rect x="12" y="51" width="36" height="5" rx="2.5" fill="#5e7d4f"/>
</svg>`

export const FAVICON = `data:image/svg+xml,${encodeURIComponent(CUP_SVG.replace(/\n/g, ''))}`

export const BASE_CSS = `
:root {
  --paper: #f6efe3; --card: #fffaf1; --ink: #3a2a1d; --muted: #76604d; --line: #e4d5bf;
  --tea: #7a4b2a; --leaf: #5e7d4f; --clay: #a8482f; --lake: #4c6a80; --focus: #c27a2c;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.65 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, sans-serif;
}
a { color: var(--tea); }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 6px; }
main { max-width: 880px; margin: 0 auto; padding: 20px 18px 40px; }
.brand { display: flex; align-items: center; gap: 12px; }
.brand h1 { margin: 0; font-size: 1.9rem; letter-spacing: .08em; line-height: 1.2; }
.brand .latin { display: block; font-size: .85rem; letter-spacing: .04em; color: var(--muted); font-weight: 500; }
`
