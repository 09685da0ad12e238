import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reloadOfflineFromServiceWorker, assertNoSeriousA11y, DEMO_PIN, launchBrowser, pairingCode, ROOT, screenshotPath, startServer, TABLET, type E2EBrowser, type E2EServer } from './helpers.js'

// The tea-house counter tablet, landscape, against the built server with demo data: pairing,
// staff PIN, home, language, 适老模式, the public board, and opening again with no network.
let server: E2EServer
let browser: E2EBrowser
let page: Page

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setViewportSize(TABLET)
})

afterAll(async () => {
  await browser?.close()
  expect(await server?.stop()).toBe(0)
})

/** axe once entrance animations (a toast fading in) have finished: mid-fade text has no real contrast. */
async function a11y() {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)))
  await assertNoSeriousA11y(page)
}

const shot = (name: string) => page.screenshot({ path: screenshotPath(`kiosk-${name}`) })
const digit = (d: string) => page.getByRole('button', { name: `数字 ${d}`, exact: true })

async function typePin(pin: string) {
  for (const d of pin) await digit(d).click()
  await page.getByRole('button', { name: '解锁', exact: true }).click()
}

/** Height of every visible button and button-like link on the screen (top bar and main). */
function buttonHeights() {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, a.c-button, a.kiosk-tile, [role="switch"]'))
      .filter((el) => el.offsetParent !== null && !el.closest('.c-frame__skip, dialog'))
      .map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 20), height: el.getBoundingClientRect().height })),
  )
}

describe('kiosk on a counter tablet', () => {
  it('pairs with a one-time code, refuses a wrong PIN, and unlocks as 陈小梅', async () => {
    await page.goto(`${server.url}/kiosk/`)
    await page.waitForURL(/\/kiosk\/pair/)
    expect(await page.title()).toBe('茶馆平板')
    expect(await page.getByRole('switch', { name: /适老模式/ }).isVisible()).toBe(true)
    await a11y()
    await shot('pair-zh')

    await page.locator('input[name="code"]').fill(await pairingCode(server.url))
    await page.getByRole('button', { name: '绑定', exact: true }).click()
    await page.waitForURL(/\/kiosk\/unlock/)
    const chen = page.getByRole('button', { name: '陈小梅' })
    await chen.waitFor()
    expect(await page.getByRole('button', { name: '张国强' }).isVisible()).toBe(true) // the leader has a PIN too
    await a11y()
    await shot('staff-zh')

    await chen.click()
    await typePin('0000')
    const error = page.locator('.shell-pin__error[role="alert"]')
    await error.waitFor()
    expect((await error.innerText()).trim()).toBe('PIN 码不正确。')
    await a11y()
    await shot('pin-zh')

    await typePin(DEMO_PIN)
    await page.locator('.kiosk-home').waitFor()
    expect(new URL(page.url()).pathname).toBe('/kiosk/')
    expect(await page.locator('.kiosk-home__name').innerText()).toBe('陈小梅，您好')
    expect(await page.locator('.kiosk-home__team').innerText()).toBe('三圣街道幸福社区志愿服务队')
    expect(await page.locator('.kiosk-home').innerText()).toContain('茶馆店员')
    expect(await page.locator('.kiosk-tile--status').innerText()).toContain('全部已发送')
    await a11y()
    await shot('home-zh')
  })

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English', exact: true }).click()
    expect(await page.title()).toBe('Tea-house kiosk')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('.kiosk-home__name').innerText()).toBe('Hello, 陈小梅')
    expect(await page.locator('.kiosk-home').innerText()).toContain('Tea-house counter staff')
    await a11y()
    await shot('home-en')

    await page.getByRole('button', { name: '中文', exact: true }).click()
    expect(await page.title()).toBe('茶馆平板')
  })

  it('in 适老模式 uses base text of at least 18 px and buttons at least 60 px tall', async () => {
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.kiosk-home__team')!).fontSize))
    await page.getByRole('switch', { name: /适老模式/ }).click()
    expect(await page.locator('html').getAttribute('data-elderly')).toBe('true')

    const sizes = await page.evaluate(() => ({
      root: parseFloat(getComputedStyle(document.documentElement).fontSize),
      main: parseFloat(getComputedStyle(document.querySelector('main')!).fontSize),
      team: parseFloat(getComputedStyle(document.querySelector('.kiosk-home__team')!).fontSize),
    }))
    expect(sizes.root).toBeGreaterThanOrEqual(18)
    expect(sizes.main).toBeGreaterThanOrEqual(18)
    expect(sizes.team).toBeGreaterThan(before) // visibly larger than in the normal mode
    const home = await buttonHeights()
    expect(home.length).toBeGreaterThanOrEqual(5)
    for (const b of home) expect(b.height, b.text).toBeGreaterThanOrEqual(60)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width)
    await a11y()
    await shot('home-elderly')

    // The PIN keypad too: lock, pick the name, check, unlock again.
    await page.locator('.kiosk-tile--lock').click()
    await page.getByRole('button', { name: '陈小梅' }).click()
    await digit('1').waitFor()
    const keypad = await buttonHeights()
    expect(keypad.length).toBeGreaterThanOrEqual(14)
    for (const b of keypad) expect(b.height, b.text).toBeGreaterThanOrEqual(60)
    await a11y()
    await shot('pin-elderly')
    await typePin(DEMO_PIN)
    await page.locator('.kiosk-home').waitFor()

    await page.getByRole('switch', { name: /适老模式/ }).click()
    expect(await page.locator('html').getAttribute('data-elderly')).toBeNull()
  })

  it('opens the public board from the home screen: the demo’s live figures, the same as the public API', async () => {
    await page.getByRole('link', { name: /公开看板/ }).click()
    await page.waitForURL(/\/kiosk\/board/)
    expect(await page.locator('.kiosk-board__team').innerText()).toBe('三圣街道幸福社区志愿服务队')
    await page.locator('.kiosk-board__grid').waitFor()
    const api = (await (await fetch(`${server.url}/api/v1/public/board?team=xingfu`)).json()) as { cupsBought: number; cupsServed: number }
    expect(api.cupsBought).toBeGreaterThan(200) // the seed: 200+ cup buyers
    const value = (stat: string) => page.locator(`[data-stat="${stat}"] .kiosk-board__value`).innerText()
    expect((await value('cupsBought')).replace(/\D/g, '')).toBe(String(api.cupsBought))
    expect((await value('cupsServed')).replace(/\D/g, '')).toBe(String(api.cupsServed))
    await a11y()
    await shot('board-zh')
    await page.getByRole('link', { name: /返回柜台/ }).click()
    await page.locator('.kiosk-home').waitFor()
  })

  it('opens offline after the first visit: the paired, unlocked home from the remembered session', async () => {
    try {
      await reloadOfflineFromServiceWorker(browser.context, page, '.kiosk-home')
      expect(await page.locator('.kiosk-home__name').innerText()).toBe('陈小梅，您好')
      expect(await page.locator('.kiosk-home__team').innerText()).toBe('三圣街道幸福社区志愿服务队')
      // It says it is showing what it remembered, and the top bar says it is offline.
      expect(await page.locator('.kiosk-home__stale').isVisible()).toBe(true)
      expect(await page.locator('.shell-outbox').innerText()).toContain('离线')
      await shot('home-offline')
    } finally {
      await browser.context.setOffline(false)
    }
  })

  it('ships no mock API: no msw worker in the build, none served', async () => {
    const dist = join(ROOT, 'apps/kiosk/dist')
    const files = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'))
    for (const f of [...files.map((f) => join('assets', f)), 'index.html', 'sw.js']) {
      expect(readFileSync(join(dist, f), 'utf8'), f).not.toMatch(/mockServiceWorker|setupWorker/)
    }
    expect((await fetch(`${server.url}/kiosk/mockServiceWorker.js`)).status).toBe(404)
  })
})
