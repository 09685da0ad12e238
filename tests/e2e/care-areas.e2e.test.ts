import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { apiSignIn, DEMO_PASSWORD, DESKTOP, launchBrowser, screenshotPath, startServer, type E2EBrowser, type E2EServer } from './helpers.js'

// The care console's areas against the real server and the demo data (not the mocks they were
// built on): the register with a whole ID number revealed and logged, the granary's stock and
// donations, and the volunteers roster — in Chinese and English, at desktop width.
let server: E2EServer
let browser: E2EBrowser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  expect(await server?.stop()).toBe(0)
})

beforeEach(async () => {
  await browser.context.clearCookies()
})

async function signedIn(login: string): Promise<Page> {
  await browser.context.clearCookies()
  const page = await browser.newPage()
  await page.setViewportSize(DESKTOP)
  await page.goto(`${server.url}/care/`)
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await page.waitForURL(/\/care\/sign-in/)
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form button[type="submit"]').click()
  await page.locator('.shell-who__name').waitFor()
  return page
}

/** No error toast: every request the screen made was answered as it expected. */
async function noErrors(page: Page) {
  await page.waitForLoadState('networkidle')
  expect(await page.locator('.c-toast--error, .c-toast--danger').allInnerTexts()).toEqual([])
}

async function shot(page: Page, name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  // Sticky bars are drawn where the scroll left them in a full-page shot: start from the top.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

it('register: the demo’s neighbours, one opened, a whole ID number revealed with a reason and logged', async () => {
  const page = await signedIn('care')
  await page.goto(`${server.url}/care/register`)
  await page.locator('.care-register tbody tr').nth(9).waitFor()
  await noErrors(page)
  // Phones are masked in the list.
  expect(await page.locator('.care-register tbody').innerText()).toMatch(/1\d{2}\*{4}\d{4}|\*{3,}/)
  await shot(page, 'care-register-list-zh-desktop')

  await page.locator('.care-register tbody tr').first().locator('a').first().click()
  await page.locator('.care-fact[data-field="id_number"] .care-reveal').waitFor()
  await noErrors(page)
  await page.locator('.care-fact[data-field="id_number"] .care-reveal').click()
  await page.locator('input[name="revealReason"]').fill('核对高龄补贴申请')
  await page.locator('form#care-reveal-form').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await page.locator('.care-reveal-value').waitFor()
  expect(await page.locator('.care-reveal-value').innerText()).toMatch(/^\d{17}[\dX]$/)
  await shot(page, 'care-register-revealed-zh-desktop')

  // The admin reads who looked, and why.
  const cookie = await apiSignIn(server.url, 'admin')
  const log = (await (await fetch(`${server.url}/api/v1/access-log?limit=5`, { headers: { cookie } })).json()) as { items: { entity: string; reason: string; actorName: string }[] }
  expect(log.items[0]).toMatchObject({ entity: 'beneficiary', reason: '核对高龄补贴申请', actorName: '周雅琴' })
  await page.close()
}, 120_000)

it('granary: stock of the 842 donated items, their donations and a stock card; volunteers roster; in English too', async () => {
  const page = await signedIn('care')
  await page.goto(`${server.url}/care/granary`)
  await page.locator('.granary-stats').waitFor()
  await page.getByText('大米 10kg').first().waitFor()
  await noErrors(page)
  await shot(page, 'care-granary-stock-zh-desktop')
  await page.locator('main a', { hasText: '大米 10kg' }).first().click()
  await page.waitForURL(/\/care\/granary\/items\//)
  await page.locator('main table').first().waitFor()
  await noErrors(page)
  await page.goto(`${server.url}/care/granary/donations`)
  await page.locator('main table tbody tr').first().waitFor()
  await noErrors(page)

  await page.evaluate(() => localStorage.setItem('chayi.locale', 'en'))
  await page.goto(`${server.url}/care/granary`)
  await page.locator('.granary-stats').waitFor()
  await noErrors(page)
  expect(await page.locator('html').getAttribute('lang')).toBe('en')
  await shot(page, 'care-granary-stock-en-desktop')
  await page.goto(`${server.url}/care/register`)
  await page.locator('.care-register tbody tr').first().waitFor()
  await noErrors(page)
  await shot(page, 'care-register-list-en-desktop')
  await page.close()

  const leader = await signedIn('leader')
  await leader.goto(`${server.url}/care/people`)
  await leader.locator('main table tbody tr').nth(5).waitFor()
  await noErrors(leader)
  await shot(leader, 'care-people-zh-desktop')
  await leader.close()
}, 120_000)

it('granary at the desk: a donation taken in, part of it handed to a neighbour, then a blind stocktake that finds one damaged', async () => {
  const care = await signedIn('care')
  const cookie = await apiSignIn(server.url, 'care')
  const items = async () =>
    ((await (await fetch(`${server.url}/api/v1/granary/items?limit=200`, { headers: { cookie } })).json()) as { items: { itemKey: string; description: string; onHand: number }[] }).items
  const DESC = '端到端 核桃油 1L'

  // 1. A donation from a person, one line of 6 bottles at ¥45.50 by voucher.
  await care.goto(`${server.url}/care/granary/donations/new`)
  await care.locator('form#granary-donation').waitFor()
  await care.locator('input[name="donorMode"][value="person"]').check()
  await care.locator('input[name="donor.name"]').fill('林晓燕')
  await care.locator('input[name="donor.phone"]').fill('13900001234')
  await care.locator('select[name="items.0.category"]').selectOption('grain_oil')
  await care.locator('input[name="items.0.description"]').fill(DESC)
  await care.locator('input[name="items.0.quantity"]').fill('6')
  await care.locator('input[name="items.0.unit"]').fill('瓶')
  await care.locator('input[name="items.0.unitValueFen"]').fill('45.50')
  await care.locator('select[name="items.0.valuationBasis"]').selectOption('voucher')
  await shot(care, 'care-granary-donation-form-zh-desktop')
  await care.locator('form#granary-donation').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await care.waitForURL(/\/care\/granary\/donations\/[^/]+$/)
  await care.getByText(DESC).first().waitFor()
  await noErrors(care)
  await shot(care, 'care-granary-donation-zh-desktop')
  const item = (await items()).find((i) => i.description === DESC)!
  expect(item.onHand).toBe(6)

  // 2. Two bottles to a neighbour found in the register.
  await care.goto(`${server.url}/care/granary/distributions/new`)
  await care.locator('form#granary-distribution').waitFor()
  await care.locator('input[name="recipient.kind"][value="beneficiary"]').check()
  const first = (await (await fetch(`${server.url}/api/v1/beneficiaries?limit=1`, { headers: { cookie } })).json()) as { items: { name: string }[] }
  await care.locator('input[name="who"]').fill(first.items[0]!.name)
  await care.locator('.granary-search').click()
  await care.locator('.granary-found button').first().click()
  await care.locator('select[name="items.0.itemKey"]').selectOption(item.itemKey)
  await care.locator('input[name="items.0.quantity"]').fill('2')
  await care.locator('form#granary-distribution').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await care.locator('.granary-result').waitFor()
  await noErrors(care)
  await shot(care, 'care-granary-distribution-zh-desktop')
  expect((await items()).find((i) => i.itemKey === item.itemKey)!.onHand).toBe(4)

  // 3. A blind stocktake of everything: the sheet shows no book figures; we count what the books say
  //    except one bottle of the new oil, which is broken.
  const book = new Map((await items()).filter((i) => i.onHand > 0).map((i) => [i.itemKey, i.onHand]))
  await care.goto(`${server.url}/care/granary/stocktakes`)
  await care.locator('form#granary-open-stocktake').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await care.waitForURL(/\/care\/granary\/stocktakes\/[^/]+$/)
  await care.locator('form#granary-counts').waitFor()
  const sheet = await care.locator('form#granary-counts').innerText()
  expect(sheet).toContain(DESC)
  expect(sheet).not.toContain('账面数')
  expect(await care.locator('form#granary-counts thead th').count()).toBe(4)
  for (const input of await care.locator('form#granary-counts input').all()) {
    const key = (await input.getAttribute('name'))!.replace(/^count-/, '')
    const onHand = book.get(key) ?? 0
    await input.fill(String(key === item.itemKey ? onHand - 1 : onHand))
  }
  await shot(care, 'care-granary-stocktake-blind-zh-desktop')
  await care.locator('form#granary-counts').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await care.locator('form#granary-close').waitFor()
  const off = care.locator('.granary-variances tbody tr.granary-sheet__row--off')
  expect(await off.count()).toBe(1)
  expect(await off.innerText()).toContain(DESC)
  await off.locator('select').selectOption('damaged')
  await care.locator('form#granary-close').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await care.getByText('损坏').first().waitFor()
  await noErrors(care)
  await shot(care, 'care-granary-stocktake-closed-zh-desktop')
  expect((await items()).find((i) => i.itemKey === item.itemKey)!.onHand).toBe(3)
  await care.close()
}, 180_000)

it('fund: care staff request an expense and cannot approve it; the leader, a second person, approves and the balance drops', async () => {
  const care = await signedIn('care')
  await care.goto(`${server.url}/care/fund`)
  await care.locator('.fund-stat-balance').waitFor()
  await noErrors(care)
  const before = await care.locator('.fund-stat-balance').innerText()
  await shot(care, 'care-fund-zh-desktop')
  await care.goto(`${server.url}/care/fund/expenses/new`)
  await care.locator('[name="purpose"]').fill('助残轮椅维修（端到端）')
  await care.locator('[name="payee"]').fill('锦江康复器材店')
  await care.locator('[name="amountFen"]').fill('860')
  await care.locator('[name="reference"]').fill('发票 No.0012')
  await care.locator('form#fund-expense').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await care.waitForURL(/\/care\/fund\/expenses$/)
  const mine = care.locator('.fund-expenses tbody tr', { hasText: '助残轮椅维修（端到端）' })
  await mine.waitFor()
  expect(await mine.locator('.fund-decide').count()).toBe(0)
  await noErrors(care)
  await care.close()

  const leader = await signedIn('leader')
  await leader.goto(`${server.url}/care/fund/expenses`)
  const row = leader.locator('.fund-expenses tbody tr', { hasText: '助残轮椅维修（端到端）' })
  await row.locator('.fund-decide').click()
  await leader.locator('.fund-approve').waitFor()
  await shot(leader, 'care-fund-approve-zh-desktop')
  await leader.locator('.fund-approve').click()
  await expect.poll(() => row.innerText()).toContain('已批准')
  await leader.goto(`${server.url}/care/fund`)
  await leader.locator('.fund-stat-balance').waitFor()
  await expect.poll(() => leader.locator('.fund-stat-balance').innerText()).not.toBe(before)
  await noErrors(leader)
  await leader.evaluate(() => localStorage.setItem('chayi.locale', 'en'))
  await leader.reload()
  await leader.locator('.fund-stat-balance').waitFor()
  await shot(leader, 'care-fund-en-desktop')
  await leader.goto(`${server.url}/care/partners`)
  await leader.locator('main table tbody tr').nth(10).waitFor()
  await noErrors(leader)
  await shot(leader, 'care-partners-en-desktop')
  await leader.close()
}, 120_000)

it('reports: the dashboard’s charts drawn from the ledgers, the Excel export, and the published quarter on the public endpoint', async () => {
  const leader = await signedIn('leader')
  await leader.goto(`${server.url}/care/reports`)
  await leader.locator('.reports-tiles').waitFor()
  // Five charts (hours, cups, granary, fund, beneficiaries), each drawn by chart.js on its canvas.
  await expect.poll(() => leader.locator('.reports-charts canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5)
  await leader.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLCanvasElement>('.reports-charts canvas')).every((c) => {
      const ctx = c.getContext('2d')
      if (!ctx || !c.width || !c.height) return false
      const px = ctx.getImageData(0, 0, c.width, c.height).data
      for (let i = 3; i < px.length; i += 4) if (px[i]) return true
      return false
    }),
  )
  await noErrors(leader)
  expect(await leader.locator('.reports-tile-beneficiaries').innerText()).toMatch(/\d{2}/)
  await shot(leader, 'care-reports-zh-desktop')

  const href = await leader.locator('.reports-export').getAttribute('href')
  const cookie = await apiSignIn(server.url, 'leader')
  const xlsx = await fetch(new URL(href!, `${server.url}/care/`), { headers: { cookie } })
  expect(xlsx.status).toBe(200)
  expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
  expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')

  // The demo published the last ended quarter: public, no sign-in, aggregates only.
  const list = (await (await fetch(`${server.url}/api/v1/public/disclosures?team=xingfu`)).json()) as { items: { quarter: string }[] }
  expect(list.items.length).toBeGreaterThan(0)
  const pub = await fetch(`${server.url}/api/v1/public/disclosures/xingfu/${list.items[0]!.quarter}`)
  expect(pub.status).toBe(200)
  const text = await pub.text()
  expect(text).not.toMatch(/1[3-9]\d{9}/)

  await leader.goto(`${server.url}/care/reports/disclosures`)
  await leader.locator('main table').first().waitFor()
  await noErrors(leader)
  await shot(leader, 'care-disclosure-zh-desktop')
  await leader.evaluate(() => localStorage.setItem('chayi.locale', 'en'))
  await leader.goto(`${server.url}/care/reports`)
  await leader.locator('.reports-tiles').waitFor()
  await expect.poll(() => leader.locator('.reports-charts canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5)
  await noErrors(leader)
  expect(await leader.locator('main h1, main h2').first().innerText()).toMatch(/Reports/)
  await shot(leader, 'care-reports-en-desktop')
  await leader.close()
}, 180_000)
