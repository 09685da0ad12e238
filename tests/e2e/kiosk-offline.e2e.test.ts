import type { Page, Request } from 'playwright-core'
import { expect, it } from 'vitest'
import { demoJourney, apiSignIn, DEMO_PIN, pairingCode, PHONE, screenshotPath, TABLET, type E2EBrowser, type E2EServer } from './helpers.js'

// The tea house's promise: no sale is ever lost or counted twice. A paired tablet goes offline,
// sells 20 times with charity cups, serves 3 cups to card holders, takes in a donation, is reloaded
// with no network, the server is stopped and started again meanwhile, and when the network comes back
// the server holds each record exactly once — and sending the same writes again adds nothing.
let server: E2EServer
let browser: E2EBrowser
let page: Page

demoJourney(TABLET, (j) => ({ server, browser, page } = j))

const shot = async (name: string) => {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await page.screenshot({ path: screenshotPath(`kiosk-${name}`) })
}

interface Board {
  cupsBought: number
  cupsServed: number
  cupsWaiting: number
  servedBeyondDonations: number
  customersGave: number
  granaryItems: number
}
const board = async (): Promise<Board> => (await (await fetch(`${server.url}/api/v1/public/board?team=xingfu`)).json()) as Board

async function home() {
  await page.goto(`${server.url}/kiosk/`)
  await page.locator('.kiosk-home').waitFor()
}

async function unsent(): Promise<string> {
  return page.locator('.kiosk-tile__count').innerText()
}

it('goes offline, sells 20 times with cups, serves 3, takes in a donation, survives a reload and a server restart, and lands each record once', async () => {
  const leader = await apiSignIn(server.url, 'leader')
  const care = await apiSignIn(server.url, 'care')
  const cards = ((await (await fetch(`${server.url}/api/v1/beneficiaries?limit=40`, { headers: { cookie: care } })).json()) as { items: { card: { number: string } | null }[] }).items
    .map((b) => b.card?.number)
    .filter((n): n is string => !!n)
    .slice(0, 3)
  expect(cards).toHaveLength(3)
  const before = await board()

  // Pair, unlock as counter staff, open a shift with a ¥200 float while online.
  await page.goto(`${server.url}/kiosk/`)
  await page.waitForURL(/\/kiosk\/pair/)
  await page.locator('input[name="code"]').fill(await pairingCode(server.url, '茶馆柜台（离线测试）'))
  await page.getByRole('button', { name: '绑定', exact: true }).click()
  await page.getByRole('button', { name: '陈小梅' }).click()
  for (const d of DEMO_PIN) await page.getByRole('button', { name: `数字 ${d}`, exact: true }).click()
  await page.getByRole('button', { name: '解锁', exact: true }).click()
  await page.locator('.kiosk-home').waitFor()
  await page.locator('.kiosk-tile--shift').click()
  await page.locator('input[name="float"]').fill('200')
  await page.locator('form.kiosk-shift__open').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await page.locator('.kiosk-shift__close').waitFor()
  // Visit every screen once online, so the catalogue and each screen's code are on the tablet.
  for (const path of ['sale', 'serve', 'intake']) {
    await page.goto(`${server.url}/kiosk/${path}`)
    await page.locator(`.kiosk-${path}`).waitFor()
  }
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await home()
  expect(await unsent()).toBe('全部已发送')

  // Every write the tablet sends from here on, as sent (for the resend at the end).
  const sent: { method: string; url: string; headers: Record<string, string>; body: string | null }[] = []
  const capture = (r: Request) => {
    if (r.method() === 'POST' && /\/api\/v1\/teahouse\/(sales|servings|intakes)$/.test(r.url())) sent.push({ method: r.method(), url: r.url(), headers: r.headers(), body: r.postData() })
  }
  page.on('request', capture)

  // ---- offline ----
  await browser.context.setOffline(true)
  await page.goto(`${server.url}/kiosk/sale`).catch(() => undefined)
  await page.locator('.kiosk-sale').waitFor()
  const teas = page.locator('.kiosk-sale__tea-add')
  expect(await teas.count()).toBeGreaterThanOrEqual(3)
  const receipts: string[] = []
  const methods = ['cash', 'wechat', 'alipay', 'cash', 'other']
  for (let i = 0; i < 20; i++) {
    await teas.nth(i % 3).click()
    const cupMore = page.locator('.kiosk-sale__stepper--cups .kiosk-sale__step').last()
    for (let c = 0; c < 1 + (i % 2); c++) await cupMore.click()
    await page.locator(`.kiosk-sale__methods [data-method="${methods[i % methods.length]}"]`).click()
    if (i === 0) await shot('offline-sale-zh')
    await page.locator('.kiosk-sale__confirm').click()
    await page.locator('.kiosk-receipt__no').waitFor()
    receipts.push(await page.locator('.kiosk-receipt__no').innerText())
    if (i === 0) await shot('offline-receipt-zh')
    await page.locator('.kiosk-receipt__next').click()
    await page.locator('.kiosk-sale__confirm').waitFor()
  }
  expect(new Set(receipts).size).toBe(20)
  // Gap-free receipt numbers from this tablet's own counter.
  const nums = receipts.map((r) => Number(r.split('-').pop()))
  expect(nums).toEqual(Array.from({ length: 20 }, (_, k) => nums[0]! + k))
  const cupsSold = Array.from({ length: 20 }, (_, i) => 1 + (i % 2)).reduce((a, b) => a + b, 0)

  // Three cups served to card holders: no check is possible offline, each is recorded as a claim.
  for (const [i, number] of cards.entries()) {
    await page.goto(`${server.url}/kiosk/serve`).catch(() => undefined)
    await page.locator('.kiosk-serve').waitFor()
    await page.locator('input[name="card"]').fill(number)
    await page.locator('.kiosk-serve__check').click()
    await page.locator('.kiosk-serve__claim').waitFor()
    if (i === 0) await shot('offline-serve-claim-zh')
    await page.locator('.kiosk-serve__claim').click()
    await page.locator('.kiosk-serve__claimed').waitFor()
  }

  // One donation of goods for the granary.
  await page.goto(`${server.url}/kiosk/intake`).catch(() => undefined)
  await page.locator('.kiosk-intake__form').waitFor()
  await page.locator('[data-kind="anonymous"]').click()
  const row = page.locator('.kiosk-intake__row').first()
  await row.locator('select[name="category"]').selectOption('grain_oil')
  await row.locator('input[name="description"]').fill('离线测试 小米 2.5kg')
  await row.locator('input[name="quantity"]').fill('4')
  await row.locator('input[name="unit"]').fill('袋')
  await row.locator('input[name="value"]').fill('18.50')
  await row.locator('[data-basis="market_price"]').click()
  await shot('offline-intake-zh')
  await page.locator('.kiosk-intake__submit').click()
  await page.locator('.kiosk-intake__reference').waitFor()

  // Reload with no network: the app opens from its service worker and the queue is intact.
  await page.reload()
  await page.locator('.kiosk-home, .kiosk-sale, .kiosk-intake').first().waitFor()
  await home().catch(async () => {
    await page.locator('.kiosk-home').waitFor()
  })
  // The outbox opens its IndexedDB after the first paint: the count arrives a moment later.
  await expect.poll(() => unsent(), { timeout: 15_000 }).toMatch(/24/)
  await shot('offline-home-unsent-zh')
  expect(sent).toEqual([]) // nothing reached the network while offline

  // The tea house loses power: the server stops and starts again on the same database.
  await server.restart()
  expect((await board()).cupsBought).toBe(before.cupsBought)

  // ---- online again: the outbox drains in order ----
  await browser.context.setOffline(false)
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await expect.poll(() => unsent(), { timeout: 60_000, interval: 500 }).toBe('全部已发送')
  const after = await board()
  expect(after.cupsBought).toBe(before.cupsBought + cupsSold)
  expect(after.customersGave).toBe(before.customersGave + 20)
  expect(after.cupsServed + after.servedBeyondDonations).toBe(before.cupsServed + before.servedBeyondDonations + 3)
  expect(after.granaryItems).toBe(before.granaryItems + 4)

  // Exactly the 20 sales on this tablet's shift, each once, with the receipt numbers it printed.
  const shifts = (await (await fetch(`${server.url}/api/v1/teahouse/shifts?limit=5`, { headers: { cookie: leader } })).json()) as { items: { shift: { id: string; status: string; floatFen: number } }[] }
  const mine = shifts.items.map((r) => r.shift).find((s) => s.status === 'open' && s.floatFen === 20_000)!
  const sales = (await (await fetch(`${server.url}/api/v1/teahouse/sales?shiftId=${mine.id}&limit=100`, { headers: { cookie: leader } })).json()) as { items: { receiptNo: string }[] }
  expect(sales.items.map((s) => s.receiptNo).sort()).toEqual([...receipts].sort())
  const goods = async () =>
    ((await (await fetch(`${server.url}/api/v1/granary/items?limit=200`, { headers: { cookie: care } })).json()) as { items: { description: string; onHand: number }[] }).items.filter(
      (i) => i.description === '离线测试 小米 2.5kg',
    )
  expect(await goods()).toMatchObject([{ onHand: 4 }])

  // Sending the same outbox again adds nothing: every write answered as the first time.
  page.off('request', capture)
  expect(sent.length).toBeGreaterThanOrEqual(24)
  const unique = new Map(sent.map((s) => [s.headers['idempotency-key'], s]))
  expect(unique.size).toBe(24)
  for (const s of unique.values()) {
    const headers = Object.fromEntries(Object.entries(s.headers).filter(([k]) => ['authorization', 'x-chayi-staff', 'idempotency-key', 'content-type'].includes(k)))
    const again = await fetch(s.url, { method: s.method, headers, body: s.body })
    expect(again.status, await again.clone().text()).toBeLessThan(300)
    // And without the Idempotency-Key: the record's own client id still stops a second copy.
    const { ['idempotency-key']: _key, ...bare } = headers
    const bareAgain = await fetch(s.url, { method: s.method, headers: bare, body: s.body })
    expect(bareAgain.status, await bareAgain.clone().text()).toBeLessThan(300)
  }
  expect(await board()).toMatchObject({ cupsBought: after.cupsBought, customersGave: after.customersGave, cupsServed: after.cupsServed, granaryItems: after.granaryItems })
  const salesAgain = (await (await fetch(`${server.url}/api/v1/teahouse/sales?shiftId=${mine.id}&limit=100`, { headers: { cookie: leader } })).json()) as { items: unknown[] }
  expect(salesAgain.items).toHaveLength(20)
  expect(await goods()).toMatchObject([{ onHand: 4 }])
}, 420_000)

it('shows the live board, the shift close with its variance, and the sale screen in elderly mode and at phone width', async () => {
  await page.goto(`${server.url}/kiosk/board?team=xingfu`)
  await page.locator('.kiosk-board').waitFor()
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await shot('board-live-zh')

  await page.goto(`${server.url}/kiosk/shift`)
  await page.locator('.kiosk-shift__close').waitFor()
  await page.locator('input[name="counted"]').fill('180')
  await page.locator('form.kiosk-shift__close').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await page.getByText(/差额|短款|长款|差异/).first().waitFor()
  await shot('shift-closed-zh')

  await page.goto(`${server.url}/kiosk/shift`)
  await page.locator('input[name="float"]').fill('100')
  await page.locator('form.kiosk-shift__open').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await page.locator('.kiosk-shift__close').waitFor()
  await page.goto(`${server.url}/kiosk/sale`)
  await page.locator('.kiosk-sale').waitFor()
  await page.getByRole('switch', { name: /适老模式/ }).click()
  await page.locator('.kiosk-sale__tea-add').first().click()
  await shot('sale-elderly')
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.kiosk-sale button'))
      .filter((b) => b.offsetParent !== null)
      .map((b) => b.getBoundingClientRect().height)
      .filter((h) => h < 60),
  )
  expect(small).toEqual([])
  await page.setViewportSize(PHONE)
  await shot('sale-elderly-phone')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  await page.getByRole('switch', { name: /适老模式/ }).click()
  await page.setViewportSize(TABLET)
  await page.getByRole('button', { name: 'English', exact: true }).click()
  await page.locator('.kiosk-sale__confirm').waitFor()
  await shot('sale-en')
}, 180_000)
