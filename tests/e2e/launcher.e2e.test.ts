import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchBrowser, PHONE, screenshotPath, startServer, type E2EBrowser, type E2EServer } from './helpers.js'

const APPS = [
  { href: '/volunteer/', zh: '志愿者门户', en: 'Volunteer portal' },
  { href: '/kiosk/', zh: '茶馆平板', en: 'Tea-house kiosk' },
  { href: '/care/', zh: '关爱中心台', en: 'Care-centre console' },
  { href: '/tracker/', zh: '藏区帮扶', en: 'Aid tracker' },
]

let server: E2EServer
let browser: E2EBrowser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  const code = await server?.stop()
  expect(code).toBe(0)
})

// Chromium here asks for en-US; a phone set to Chinese asks for this.
const CHINESE = { 'accept-language': 'zh-CN,zh;q=0.9' }

describe('launcher at /', () => {
  beforeEach(async () => {
    // One persistent profile for all tests: forget the language chosen in an earlier one.
    await browser.context.clearCookies()
  })

  it('shows Chayi in Chinese with the four apps, the board and the API docs', async () => {
    const page = await browser.newPage()
    await page.setExtraHTTPHeaders(CHINESE)
    const res = await page.goto(`${server.url}/`)
    expect(res?.status()).toBe(200)
    expect(await page.title()).toBe('茶义 · 社区志愿服务')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')

    for (const app of APPS) {
      const link = page.getByRole('link', { name: new RegExp(app.zh) })
      expect(await link.isVisible()).toBe(true)
      expect(await link.getAttribute('href')).toBe(app.href)
    }
    const board = page.getByRole('link', { name: /公开看板/ })
    expect(await board.isVisible()).toBe(true)
    expect(await board.getAttribute('href')).toBe('/kiosk/board')
    expect(await page.getByRole('link', { name: /API 文档/ }).getAttribute('href')).toBe('/api/docs')

    await page.screenshot({ path: screenshotPath('launcher-zh-desktop'), fullPage: true })
    await page.close()
  })

  it('switches to English, remembers it, and switches back', async () => {
    const page = await browser.newPage()
    await page.setExtraHTTPHeaders(CHINESE)
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(/\?lang=en$/)
    expect(await page.title()).toBe('Chayi · Community volunteering')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    for (const app of APPS) expect(await page.getByRole('link', { name: new RegExp(app.en) }).getAttribute('href')).toBe(app.href)
    expect(await page.getByRole('link', { name: /Public board/ }).getAttribute('href')).toBe('/kiosk/board')
    await page.screenshot({ path: screenshotPath('launcher-en-desktop'), fullPage: true })

    // Back at / the chosen language stays, although the browser asks for Chinese.
    await page.goto(`${server.url}/`)
    expect(await page.title()).toBe('Chayi · Community volunteering')

    await page.getByRole('link', { name: '中文' }).click()
    await page.waitForURL(/\?lang=zh-CN$/)
    expect(await page.title()).toBe('茶义 · 社区志愿服务')
    await page.close()
  })

  it('is English for a browser that prefers English', async () => {
    const page = await browser.newPage()
    await page.setExtraHTTPHeaders({ 'accept-language': 'en-US,en;q=0.9' })
    await page.goto(`${server.url}/`)
    expect(await page.title()).toBe('Chayi · Community volunteering')
    await page.close()
  })

  it('fits a phone: no sideways scrolling, cards stacked, every link on screen width', async () => {
    const page = await browser.newPage()
    await page.setExtraHTTPHeaders(CHINESE)
    await page.setViewportSize(PHONE)
    await page.goto(`${server.url}/`)
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)
    const boxes = await Promise.all(APPS.map((a) => page.locator(`a[href="${a.href}"]`).boundingBox()))
    for (const box of boxes) {
      expect(box).not.toBeNull()
      expect(box!.x).toBeGreaterThanOrEqual(0)
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width)
    }
    // One column: same left edge, each card below the previous one.
    expect(new Set(boxes.map((b) => Math.round(b!.x))).size).toBe(1)
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y)
    // Large enough to tap.
    expect(Math.min(...boxes.map((b) => b!.height))).toBeGreaterThanOrEqual(44)
    await page.screenshot({ path: screenshotPath('launcher-zh-phone'), fullPage: true })

    await page.goto(`${server.url}/?lang=en`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await page.screenshot({ path: screenshotPath('launcher-en-phone'), fullPage: true })
    await page.close()
  })

  it('follows each app link to a page that answers', async () => {
    const page = await browser.newPage()
    await page.setExtraHTTPHeaders(CHINESE)
    await page.setViewportSize(PHONE)
    for (const href of [...APPS.map((a) => a.href), '/kiosk/board']) {
      await page.goto(`${server.url}/`)
      const [res] = await Promise.all([page.waitForNavigation(), page.locator(`a[href="${href}"]`).first().click()])
      expect(res?.status(), href).toBe(200)
      // The app may move on inside its own base at once (to its sign-in or pairing screen).
      const base = `/${href.split('/')[1]}/`
      expect(new URL(page.url()).pathname.startsWith(base), `${href} → ${page.url()}`).toBe(true)
      expect(await page.locator('#app').count(), href).toBe(1)
    }
    // The last link is the public board, open to anyone and full-screen.
    await page.locator('.kiosk-board').waitFor()
    expect(new URL(page.url()).pathname).toBe('/kiosk/board')
    await page.screenshot({ path: screenshotPath('board-phone') })
    await page.close()
  })

  it('opens the API docs, served without internet access', async () => {
    const page = await browser.newPage()
    await page.setExtraHTTPHeaders(CHINESE)
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: /API 文档/ }).click()
    await page.waitForURL(/\/api\/docs$/)
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 })
    expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('Chayi API')
    await page.close()
  })
})

describe('demo data in the built server', () => {
  it('lets a demo account sign in', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'leader', password: 'chayi-demo-2026' }),
    })
    expect(res.status).toBe(200)
    const me = (await res.json()) as { user: { roles: string[] }; team: { code: string } }
    expect(me.user.roles).toEqual(['leader', 'volunteer']) // the demo leader serves too
    expect(me.team.code).toBe('xingfu')
    expect(server.output()).toContain('chayi-demo-2026')
  })
})
