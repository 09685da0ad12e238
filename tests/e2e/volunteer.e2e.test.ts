import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assertNoSeriousA11y, DEMO_PASSWORD, launchBrowser, PHONE, screenshotPath, startServer, type E2EBrowser, type E2EServer } from './helpers.js'

// The volunteer portal (apps/volunteer/dist, served by the built server under /volunteer/) on a phone.
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

beforeEach(async () => {
  // One persistent profile for all tests: no session, language or elderly mode carried over.
  await browser.context.clearCookies()
})

async function phonePage(): Promise<Page> {
  const page = await browser.newPage()
  await page.setViewportSize(PHONE)
  await page.goto(`${server.url}/volunteer/`)
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  return page
}

async function signIn(page: Page, login: string) {
  await page.waitForURL(/\/volunteer\/sign-in/)
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form button[type="submit"]').click()
}

/** axe after transitions end (a fading element is measured at partial opacity otherwise). */
async function axe(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await assertNoSeriousA11y(page)
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('volunteer portal on a phone', () => {
  it('signs in as a volunteer and shows who, which team and which role, in Chinese and English', async () => {
    const page = await phonePage()
    await page.waitForURL(/\/volunteer\/sign-in/)
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.locator('input[name="login"]').waitFor()
    await axe(page)
    await page.screenshot({ path: screenshotPath('volunteer-signin-zh-phone'), fullPage: true })

    await signIn(page, 'volunteer')
    await page.waitForURL(`${server.url}/volunteer/`)
    await page.locator('.shell-who__name').waitFor()
    expect(await page.title()).toBe('志愿者门户')
    expect(await page.locator('.v-hello__title').innerText()).toBe('李明轩，您好')
    expect(await page.locator('.shell-who__name').innerText()).toBe('李明轩')
    expect(await page.locator('.shell-who').innerText()).toContain('三圣街道幸福社区志愿服务队')
    expect(await page.locator('.shell-who__roles .c-badge').allInnerTexts()).toEqual(['志愿者'])
    // Upcoming activities of the demo team, each with its project and seats.
    await page.locator('.v-act').first().waitFor()
    expect(await page.locator('.v-act').count()).toBeGreaterThan(3)
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE.width)
    await axe(page)
    await page.screenshot({ path: screenshotPath('volunteer-home-zh-phone'), fullPage: true })

    // Signed in on a phone, the top bar is one row: title and 适老模式 (language and sign-out are under 我的).
    expect((await page.locator('.c-topbar').boundingBox())!.height).toBeLessThanOrEqual(80)

    // English (from 我的), remembered across a reload, then back to Chinese.
    await page.locator('nav').getByRole('link', { name: '我的' }).click()
    await page.locator('main').getByRole('button', { name: 'English' }).click()
    await page.locator('nav').getByRole('link', { name: 'Home' }).click()
    await page.locator('.v-hello__title', { hasText: 'Hello, 李明轩' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.title()).toBe('Volunteer portal')
    expect(await page.locator('.shell-who__roles .c-badge').allInnerTexts()).toEqual(['Volunteer'])
    expect((await page.locator('nav a').allInnerTexts()).map((s) => s.trim())).toEqual(['Home', 'Inbox', 'Me'])
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE.width)
    await page.screenshot({ path: screenshotPath('volunteer-home-en-phone'), fullPage: true })
    expect((await page.locator('.c-topbar').boundingBox())!.height).toBeLessThanOrEqual(80)
    await axe(page)
    await page.reload()
    await page.locator('.v-hello__title', { hasText: 'Hello, 李明轩' }).waitFor()
    await page.locator('nav').getByRole('link', { name: 'Me', exact: true }).click()
    await page.locator('main').getByRole('button', { name: '中文' }).click()
    await page.locator('.v-title', { hasText: '我的' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await page.title()).toBe('志愿者门户')
    await page.close()
  })

  it('turns on elderly mode: base text at least 18 px, remembered', async () => {
    const page = await phonePage()
    await signIn(page, 'volunteer')
    await page.locator('.shell-who__name').waitFor()
    const fontSize = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize))
    const bodySize = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize))
    expect(await fontSize()).toBeLessThan(18)

    // On a phone the top bar holds only the title; 适老模式 is on 我的 (Me).
    await page.locator('nav').getByRole('link', { name: '我的' }).click()
    await page.locator('.v-title', { hasText: '我的' }).waitFor()
    await page.locator('main').getByRole('switch', { name: /适老模式/ }).click()
    expect(await page.locator('html').getAttribute('data-elderly')).toBe('true')
    expect(await fontSize()).toBeGreaterThanOrEqual(18)
    expect(await bodySize()).toBeGreaterThanOrEqual(18)
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE.width)
    await axe(page)
    await page.screenshot({ path: screenshotPath('volunteer-home-elderly-zh-phone'), fullPage: true })

    await page.reload()
    await page.locator('.shell-who__name').waitFor()
    expect(await fontSize()).toBeGreaterThanOrEqual(18)
    await page.locator('main').getByRole('switch', { name: /适老模式/ }).click()
    expect(await fontSize()).toBeLessThan(18)
    await page.close()
  })

  it('has a Me screen with language, elderly mode and sign-out, and no kiosk PIN', async () => {
    const page = await phonePage()
    await signIn(page, 'volunteer')
    await page.locator('.shell-who__name').waitFor()
    await page.locator('nav').getByRole('link', { name: '我的' }).click()
    await page.waitForURL(`${server.url}/volunteer/me`)
    await page.locator('.v-title', { hasText: '我的' }).waitFor()
    expect(await page.locator('main').innerText()).not.toContain('PIN')
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE.width)
    await axe(page)
    await page.screenshot({ path: screenshotPath('volunteer-me-zh-phone'), fullPage: true })

    await page.locator('main').getByRole('button', { name: 'English' }).click()
    await page.locator('.v-title', { hasText: 'Me' }).waitFor()
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE.width)
    await axe(page)
    await page.screenshot({ path: screenshotPath('volunteer-me-en-phone'), fullPage: true })

    await page.locator('.v-signout').click()
    await page.waitForURL(/\/volunteer\/sign-in/)
    // The server session is gone too: a reload stays on the sign-in page.
    await page.reload()
    await page.locator('input[name="login"]').waitFor()
    expect(page.url()).toMatch(/\/volunteer\/sign-in/)
    await page.close()
  })

  it('refuses an account without a volunteer role', async () => {
    const page = await phonePage()
    await signIn(page, 'care')
    await page.waitForURL(/\/volunteer\/no-access/)
    await page.getByRole('button', { name: '换个账号登录' }).waitFor()
    await axe(page)
    await page.close()
  })
})
