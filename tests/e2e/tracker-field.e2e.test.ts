import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { demoJourney, apiJson, apiSignIn, assertNoSeriousA11y, DEMO_PASSWORD, PHONE, screenshotPath, type E2EBrowser, type E2EServer, type ListPage } from './helpers.js'

// The field worker's other jobs at the door, against the real server at phone width: a monitoring
// case's home check and decision (opened from the home list), a pledged need's delivery with a
// photo and a signature drawn on the pad, a measure added to the household's plan (一户一策) and a
// need posted with no network, landing once when the phone is back online.
let server: E2EServer
let browser: E2EBrowser
let page: Page

demoJourney(PHONE, (j) => ({ server, browser, page } = j))

/** A phone-sized screenshot with `at` (a data-test name) scrolled to the top, under the app bar. */
const shot = async (name: string, at?: string) => {
  if (at) await page.locator(`[data-test="${at}"]`).first().evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 64))
  else await page.evaluate(() => window.scrollTo(0, 0))
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
  await assertNoSeriousA11y(page) // every screen shot is also checked with axe
  await page.screenshot({ path: screenshotPath(`tracker-field-${name}`) })
}
const tid = (name: string) => page.locator(`[data-test="${name}"]`)

// The shapes this test reads (a user's view; the API's schemas are checked by its own tests).
interface Case { id: string; householdId: string; homeCheckAt: string | null; homeCheckNote: string | null; homeCheckFindings: Record<string, boolean> | null; decidedAt: string | null; decision: string | null; decisionNote: string | null; overdue: boolean }
interface Need { id: string; householdId: string; kind: string; status: string; description: string; pledgeCount: number }
interface Delivery { id: string; needId: string; what: string; valueFen: number; photoCount: number; confirmMethod: string; hasSignature: boolean; incomeCredit: { component: string; amountFen: number; incomeId: string } | null; signature?: string | null; photos?: string[] }
interface Measure { id: string; kind: string; content: string; status: string }
interface Income { id: string; source: string; deliveryId: string | null }

const api = <T>(cookie: string, method: string, path: string, body?: unknown) => apiJson<T>(server.url, cookie, method, path, body)

it('records a case check and decision, a signed delivery, a measure and an offline need, each once on the server', async () => {
  const leader = await apiSignIn(server.url, 'leader')
  const stamp = Date.now().toString(36)

  // Signed in on the phone.
  await page.goto(`${server.url}/tracker/`)
  await page.waitForURL(/\/tracker\/sign-in/)
  await page.locator('input[name="login"]').fill('aid')
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.locator('.tracker-home').waitFor()

  // ── 1. the overdue monitoring case: home check, then decision ──
  const overdue = tid('home-case').and(page.locator('[data-overdue="true"]')).first()
  await overdue.waitFor({ timeout: 30_000 })
  await overdue.locator('[data-test="home-case-open"]').click()
  await page.waitForURL(/\/cases\/[^/]+$/)
  const caseId = page.url().split('/cases/')[1]!
  await tid('home-check-form').waitFor()
  const before = (await api<Case>(leader, 'GET', `/aid/monitoring-cases/${caseId}`)).json
  expect(before.homeCheckAt).toBeNull()
  expect(before.decidedAt).toBeNull()
  expect(await tid('case-home-check-due').getAttribute('data-overdue')).toBe('true')
  await shot('case-zh')
  const checkNote = `入户核查 ${stamp}：羊毛价跌，冬粮尚足`
  const want = { food: true, clothing: true, schooling: true, medical: false, housing: true, water: true }
  for (const [item, on] of Object.entries(want)) {
    if (((await tid(`finding-${item}`).getAttribute('aria-pressed')) === 'true') !== on) await tid(`finding-${item}`).click()
  }
  await tid('home-check-note').fill(checkNote)
  await tid('home-check-save').click()
  await tid('decision-form').waitFor({ timeout: 30_000 })
  const decisionNote = `继续监测 ${stamp}：三个月后复查`
  await tid('decision-monitor').click()
  await tid('decision-note').fill(decisionNote)
  await tid('decision-save').click()
  await tid('case-decided').waitFor()
  await expect.poll(async () => (await api<Case>(leader, 'GET', `/aid/monitoring-cases/${caseId}`)).json.decidedAt, { timeout: 30_000 }).not.toBeNull()
  const kase = (await api<Case>(leader, 'GET', `/aid/monitoring-cases/${caseId}`)).json
  expect(kase.homeCheckNote).toBe(checkNote)
  expect(kase.homeCheckFindings).toEqual(want)
  expect(kase.decision).toBe('monitor')
  expect(kase.decisionNote).toBe(decisionNote)
  // The screen shows the server's copy (check and decision done, nothing waiting).
  await expect.poll(() => tid('case-home-check-due').getAttribute('data-overdue'), { timeout: 15_000 }).toBe('false')
  await shot('case-done-zh', 'case-home-check')

  // ── 2. a pledged need's delivery: photo, a signature drawn with the mouse, the credit as prefilled ──
  const pledged = (await api<ListPage<Need>>(leader, 'GET', '/aid/needs?status=pledged&limit=100')).json.items
  expect(pledged.length).toBeGreaterThan(0)
  // A kind that credits an income component, when the demo has one.
  const need = pledged.find((n) => n.kind === 'jobs' || n.kind === 'industry') ?? pledged[0]!
  const hid = need.householdId
  const deliveriesBefore = (await api<ListPage<Delivery>>(leader, 'GET', `/aid/households/${hid}/deliveries?limit=100`)).json.items
  const incomesBefore = (await api<ListPage<Income>>(leader, 'GET', `/aid/households/${hid}/incomes?limit=200`)).json.items
  await page.goto(`${server.url}/tracker/households/${hid}`)
  await tid('household-name').waitFor()
  const needRow = tid('need').filter({ hasText: need.description }).first()
  await needRow.locator('[data-test="need-deliver"]').click()
  await page.waitForURL(new RegExp(`/needs/${need.id}/delivery$`))
  await tid('delivery-form').waitFor()
  const what = `送达 ${stamp}：种羊两只`
  await tid('delivery-what').fill(what)
  await tid('delivery-value').fill('1800')
  const photo = Buffer.from(
    (await page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 320
      c.height = 240
      const g = c.getContext('2d')!
      g.fillStyle = '#2a5b7a'
      g.fillRect(0, 0, 320, 240)
      g.fillStyle = '#f4e9dc'
      g.fillRect(60, 40, 200, 160)
      return c.toDataURL('image/png')
    })).split(',')[1]!,
    'base64',
  )
  await tid('delivery-photo-input').setInputFiles({ name: 'delivery.png', mimeType: 'image/png', buffer: photo })
  await tid('delivery-photos').locator('img').first().waitFor()
  if (!(await tid('delivery-confirmed-by').inputValue())) await tid('delivery-confirmed-by').fill('户主本人')
  if ((await tid('delivery-method-signature').getAttribute('aria-checked')) !== 'true') await tid('delivery-method-signature').click()
  const pad = tid('signature-pad')
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)), { steps: 2 })
  await page.mouse.up()
  await expect.poll(() => pad.getAttribute('data-signed')).toBe('true')
  // The credit as the screen prefilled it.
  const creditComponent = await tid('delivery-credit').locator('[role="radio"][aria-checked="true"]').getAttribute('data-test')
  const creditAmount = (await tid('delivery-credit-amount').count()) ? await tid('delivery-credit-amount').inputValue() : null
  await expect.poll(() => tid('delivery-draft-saved').innerText()).not.toBe('')
  await shot('delivery-zh', 'delivery-confirmation')
  await tid('delivery-save').click()
  await page.waitForURL(new RegExp(`/households/${hid}$`))
  await expect.poll(async () => (await api<Need>(leader, 'GET', `/aid/needs/${need.id}`)).json.status, { timeout: 30_000 }).toBe('delivered')
  const deliveriesAfter = (await api<ListPage<Delivery>>(leader, 'GET', `/aid/households/${hid}/deliveries?limit=100`)).json.items
  expect(deliveriesAfter).toHaveLength(deliveriesBefore.length + 1)
  const added = deliveriesAfter.filter((x) => !deliveriesBefore.some((b) => b.id === x.id))
  expect(added).toHaveLength(1)
  expect(added[0]!.what).toBe(what)
  expect(added[0]!.valueFen).toBe(180_000)
  expect(added[0]!.photoCount).toBe(1)
  expect(added[0]!.confirmMethod).toBe('signature')
  const full = (await api<Delivery>(leader, 'GET', `/aid/deliveries/${added[0]!.id}`)).json
  expect(full.signature).toMatch(/^data:image\/png;base64,/)
  expect(full.photos).toHaveLength(1)
  const incomesAfter = (await api<ListPage<Income>>(leader, 'GET', `/aid/households/${hid}/incomes?limit=200`)).json.items
  // Left as prefilled (a jobs or industry need: the component chosen, no amount), the whole value counts.
  if (creditComponent !== 'delivery-credit-none' && !creditAmount) expect(added[0]!.incomeCredit).toMatchObject({ component: creditComponent!.slice('delivery-credit-'.length), amountFen: 180_000 })
  if (added[0]!.incomeCredit) {
    const credited = incomesAfter.filter((r) => r.deliveryId === added[0]!.id)
    expect(credited).toHaveLength(1)
    expect(credited[0]!.source).toBe('partner_credit')
    expect(credited[0]!.id).toBe(added[0]!.incomeCredit.incomeId)
  } else {
    expect(incomesAfter).toHaveLength(incomesBefore.length)
  }
  expect(incomesAfter).toHaveLength(incomesBefore.length + (added[0]!.incomeCredit ? 1 : 0))
  // The household page lists it from the server.
  await tid('delivery').filter({ hasText: what }).first().waitFor({ timeout: 30_000 })

  // ── 3. a measure online, then a need posted with no network ──
  const measuresBefore = (await api<ListPage<Measure>>(leader, 'GET', `/aid/households/${hid}/measures?limit=100`)).json.items
  const needsBefore = (await api<ListPage<Need>>(leader, 'GET', `/aid/needs?householdId=${hid}&limit=100`)).json.items
  await tid('measure-add').click()
  await tid('measure-form').waitFor()
  await tid('measure-kind').selectOption('employment')
  const measureContent = `县城藏毯厂岗位 ${stamp}`
  await tid('measure-content').fill(measureContent)
  await tid('measure-amount').fill('3000')
  await tid('measure-save').click()
  await tid('measure').filter({ hasText: measureContent }).first().waitFor({ timeout: 30_000 })

  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await browser.context.setOffline(true)
  await tid('need-post').click()
  await tid('need-form').waitFor()
  await tid('need-kind').selectOption('training')
  const needText = `缝纫培训 ${stamp}：户主女儿想学`
  await tid('need-description').fill(needText)
  await tid('need-estimated').fill('800')
  await tid('need-submit').click()
  await tid('need-queued').filter({ hasText: needText }).waitFor()
  await shot('plan-needs-offline-zh', 'needs')
  expect((await api<ListPage<Need>>(leader, 'GET', `/aid/needs?householdId=${hid}&limit=100`)).json.items).toHaveLength(needsBefore.length)
  await browser.context.setOffline(false)
  await tid('need').filter({ hasText: needText }).first().waitFor({ timeout: 30_000 })
  expect(await tid('need-queued').count()).toBe(0)

  const checkPlan = async () => {
    const measures = (await api<ListPage<Measure>>(leader, 'GET', `/aid/households/${hid}/measures?limit=100`)).json.items
    expect(measures).toHaveLength(measuresBefore.length + 1)
    expect(measures.filter((m) => m.content === measureContent).map((m) => m.kind)).toEqual(['employment'])
    const needs = (await api<ListPage<Need>>(leader, 'GET', `/aid/needs?householdId=${hid}&limit=100`)).json.items
    expect(needs).toHaveLength(needsBefore.length + 1)
    expect(needs.filter((n) => n.description === needText).map((n) => n.kind)).toEqual(['training'])
    expect((await api<ListPage<Delivery>>(leader, 'GET', `/aid/households/${hid}/deliveries?limit=100`)).json.items).toHaveLength(deliveriesBefore.length + 1)
    const c = (await api<Case>(leader, 'GET', `/aid/monitoring-cases/${caseId}`)).json
    expect([c.homeCheckNote, c.decisionNote]).toEqual([checkNote, decisionNote])
  }
  await checkPlan()
  await shot('plan-needs-zh', 'plan')

  // A reload sends nothing again.
  await page.reload()
  await tid('household-name').waitFor()
  await page.goto(`${server.url}/tracker/`)
  await page.locator('.tracker-home').waitFor()
  await expect.poll(() => tid('sync-unsent').getAttribute('data-count')).toBe('0')
  await checkPlan()

  // ── 4. English: the household's plan and needs, and the decided case ──
  await page.getByRole('link', { name: '我的' }).click()
  await page.locator('.tracker-me').getByRole('button', { name: 'English', exact: true }).click()
  await page.goto(`${server.url}/tracker/households/${hid}`)
  await tid('household-name').waitFor()
  expect(await page.locator('html').getAttribute('lang')).toBe('en')
  await shot('plan-needs-en', 'plan')
  await page.goto(`${server.url}/tracker/cases/${caseId}`)
  await tid('case-decided').waitFor()
  await shot('case-done-en')

  // Back to Chinese for whoever uses this browser next.
  await page.getByRole('link', { name: 'Me', exact: true }).click()
  await page.locator('.tracker-me').getByRole('button', { name: '中文', exact: true }).click()
}, 240_000)
