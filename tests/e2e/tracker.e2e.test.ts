import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSignIn, assertNoSeriousA11y, reloadOfflineFromServiceWorker, DEMO_PASSWORD, launchBrowser, PHONE, screenshotPath, startServer, type E2EBrowser, type E2EServer } from './helpers.js'

// The aid workers' app at phone width against the built server with demo data: sign-in, home,
// language, Tibetan script, and opening again with no network.
let server: E2EServer
let browser: E2EBrowser
let page: Page

/** An aid worker whose name is written in Tibetan script (made through the API by the demo admin). */
const TIBETAN_NAME = 'བཀྲ་ཤིས་དོན་གྲུབ'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setViewportSize(PHONE)
})

afterAll(async () => {
  await browser?.close()
  expect(await server?.stop()).toBe(0)
})

// What the phone shows (a full-page shot would paint the sticky tab bar mid-page).
const shot = (name: string) => page.screenshot({ path: screenshotPath(`tracker-${name}`) })

/** axe once entrance animations (a toast fading in) have finished: mid-fade text has no real contrast. */
async function a11y() {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)))
  await assertNoSeriousA11y(page)
}

async function signIn(login: string) {
  await page.goto(`${server.url}/tracker/`)
  await page.waitForURL(/\/tracker\/sign-in/)
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.locator('.tracker-home').waitFor()
}

/** No sideways scrolling at phone width. */
const fitsPhone = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

/**
 * Signed in on a phone, the top bar is one row: the title, and the unsent count when there is one.
 * Language, 适老模式 and sign-out are on 我的 (Me).
 */
async function oneRowTopBar() {
  const bar = page.locator('.c-topbar')
  const { height } = (await bar.boundingBox())!
  const row = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.c-topbar')!).minHeight))
  expect(height).toBeLessThanOrEqual(row + 1)
  expect(await bar.locator('.c-lang, [role="switch"]').count()).toBe(0)
  expect(await bar.getByRole('button', { name: /退出登录|Sign out/ }).count()).toBe(0)
  return height
}

describe('tracker on a phone', () => {
  it('signs in as the demo aid worker and shows who, which team and which role', async () => {
    await page.goto(`${server.url}/tracker/`)
    await page.waitForURL(/\/tracker\/sign-in/)
    expect(await page.title()).toBe('藏区帮扶')
    await a11y()
    await shot('sign-in-zh')

    await signIn('aid')
    expect(await page.locator('.tracker-home__hello').innerText()).toBe('扎西顿珠，您好')
    expect(await page.locator('.shell-who__name').innerText()).toBe('扎西顿珠')
    expect(await page.locator('.shell-who').innerText()).toContain('三圣街道幸福社区志愿服务队')
    expect(await page.locator('.shell-who__roles').innerText()).toContain('帮扶工作人员')
    expect(await page.locator('.tracker-net').innerText()).toContain('在线')
    expect(await page.locator('.tracker-unsent').innerText()).toContain('全部已发送')
    expect(await page.getByRole('link', { name: '我的' }).isVisible()).toBe(true)
    await fitsPhone()
    expect(await oneRowTopBar()).toBeLessThanOrEqual(60)
    await a11y()
    await shot('home-zh')
  })

  it('switches to English on the Me screen and back', async () => {
    await page.getByRole('link', { name: '我的' }).click()
    await page.locator('.tracker-me').waitFor()
    await a11y()
    await shot('me-zh')
    await page.locator('.tracker-me').getByRole('button', { name: 'English', exact: true }).click()
    expect(await page.title()).toBe('Aid tracker')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await a11y()
    await shot('me-en')

    await page.getByRole('link', { name: 'Home' }).click()
    await page.locator('.tracker-home').waitFor()
    expect(await page.locator('.tracker-home__hello').innerText()).toBe('Hello, 扎西顿珠')
    expect(await page.locator('.shell-who__roles').innerText()).toContain('Aid worker')
    await fitsPhone()
    expect(await oneRowTopBar()).toBeLessThanOrEqual(60)
    await a11y()
    await shot('home-en')

    await page.getByRole('link', { name: 'Me', exact: true }).click()
    await page.locator('.tracker-me').getByRole('button', { name: '中文', exact: true }).click()
    expect(await page.title()).toBe('藏区帮扶')
    await page.getByRole('link', { name: '首页' }).click()
    await page.locator('.tracker-home').waitFor()
  })

  it('opens offline after the first visit, signed in from the remembered /me, and says it is offline', async () => {
    try {
      await reloadOfflineFromServiceWorker(browser.context, page, '.tracker-home')
      expect(await page.locator('.shell-who__name').innerText()).toBe('扎西顿珠')
      expect(await page.locator('.tracker-net').getAttribute('data-online')).toBe('false')
      expect(await page.locator('.tracker-net').innerText()).toContain('离线')
      expect(await page.locator('.tracker-home__stale').isVisible()).toBe(true)
      // The top bar says so too (the outbox's badge), still on one row.
      expect(await page.locator('.c-topbar .shell-outbox').innerText()).toContain('离线')
      await oneRowTopBar()
      await fitsPhone()
      await a11y()
      await shot('home-offline-zh')
    } finally {
      await browser.context.setOffline(false)
    }
    // Back online, the indicator follows without a reload.
    await page.locator('.tracker-net[data-online="true"]').waitFor()
  })

  it('shows a name in Tibetan script with a Tibetan font, not empty boxes', async () => {
    const admin = await apiSignIn(server.url, 'admin')
    const res = await fetch(`${server.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ username: 'tashi', displayName: TIBETAN_NAME, password: DEMO_PASSWORD, roles: ['aid_worker'] }),
    })
    expect(res.status).toBe(201)

    await page.getByRole('link', { name: '我的' }).click()
    await page.locator('.tracker-me').getByRole('button', { name: '退出登录' }).click()
    await signIn('tashi')
    expect(await page.locator('.shell-who__name').innerText()).toBe(TIBETAN_NAME)

    // Which installed fonts Chromium actually drew the name with (Chrome DevTools Protocol).
    const cdp = await browser.context.newCDPSession(page)
    const { root } = (await cdp.send('DOM.getDocument')) as { root: { nodeId: number } }
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.shell-who__name' })) as { nodeId: number }
    await cdp.send('CSS.enable')
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: { familyName: string; glyphCount: number }[] }
    await cdp.detach()
    const tibetan = fonts.filter((f) => /tibetan|jomolhari|himalaya|kailasa/i.test(f.familyName))
    expect(tibetan.length, JSON.stringify(fonts)).toBeGreaterThan(0)
    expect(tibetan.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThanOrEqual(10)
    await fitsPhone()
    await a11y()
    await shot('home-tibetan')
  })

  it('turns 适老模式 on from the Me screen: larger text, still no sideways scrolling', async () => {
    await page.getByRole('link', { name: '我的' }).click()
    await page.locator('.tracker-me').getByRole('switch', { name: /适老模式/ }).click()
    expect(await page.locator('html').getAttribute('data-elderly')).toBe('true')
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(18)
    await page.getByRole('link', { name: '首页' }).click()
    await page.locator('.tracker-home').waitFor()
    await fitsPhone()
    expect(await oneRowTopBar()).toBeLessThanOrEqual(80)
    await a11y()
    await shot('home-elderly')
    await page.getByRole('link', { name: '我的' }).click()
    await page.locator('.tracker-me').getByRole('switch', { name: /适老模式/ }).click()
    expect(await page.locator('html').getAttribute('data-elderly')).toBeNull()
  })
})
