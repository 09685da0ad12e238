import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { apiSignIn, assertNoSeriousA11y, DEMO_PASSWORD, DESKTOP, launchBrowser, ROOT, screenshotPath, startServer, type E2EBrowser, type E2EServer } from './helpers.js'

// The care console's aid desk (情系藏区, issue 7) against the real server and its demo data, not the
// mocks it was built on: the needs board, a pledge, a delivery with its photo and the household's
// confirmation, the dashboard's charts and Excel, a partner's view link opened with no account (codes,
// never names or health notes), the public exit notices, the exit desk and an overdue monitoring case.
// One leader session, in order, at desktop width; zh-CN, then one screen in English.
// exceljs is the server's dependency (not the root's): loaded from there, typed as far as used here.
interface Workbook {
  xlsx: { load(data: ArrayBuffer): Promise<unknown> }
  worksheets: { name: string; getColumn(n: number): { values: unknown[] } }[]
}
const ExcelJS = createRequire(join(ROOT, 'apps/server/package.json'))('exceljs') as { Workbook: new () => Workbook }

let server: E2EServer
let browser: E2EBrowser
let page: Page
let cookie: string
const api = async <T>(path: string, init: RequestInit = {}, who = cookie): Promise<T> => {
  const res = await fetch(`${server.url}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', cookie: who, ...init.headers } })
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  cookie = await apiSignIn(server.url, 'leader')
  page = await browser.newPage()
  await page.setViewportSize(DESKTOP)
  await page.goto(`${server.url}/care/`)
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await page.waitForURL(/\/care\/sign-in/)
  await page.locator('input[name="login"]').fill('leader')
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form button[type="submit"]').click()
  await page.locator('.shell-who__name').waitFor()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  expect(await server?.stop()).toBe(0)
})

/** No error toast: every request the screen made was answered as it expected. */
async function noErrors(p: Page = page) {
  await p.waitForLoadState('networkidle')
  expect(await p.locator('.c-toast--error, .c-toast--danger').allInnerTexts()).toEqual([])
}

async function shot(name: string, p: Page = page, fullPage = true) {
  await p.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  if (fullPage) await p.evaluate(() => window.scrollTo(0, 0))
  await assertNoSeriousA11y(p) // every screen shot is also checked with axe
  await p.screenshot({ path: screenshotPath(name), fullPage })
}

/** The submit of a form outside the button (dialogs put theirs in the footer). */
const submit = (selector: string) => page.locator(selector).evaluate((f: HTMLFormElement) => f.requestSubmit())

it('needs board → a need → a partner’s pledge; a delivery with its photo and the household’s confirmation', async () => {
  await page.goto(`${server.url}/care/aid/needs`)
  const rows = page.locator('.aid-needs tbody tr')
  await rows.nth(4).waitFor()
  await noErrors()
  // The board shows open and pledged needs by default: HH-0036's housing need is open.
  const open = rows.filter({ hasText: 'HH-0036' })
  expect(await open.innerText()).toContain('住房')
  await shot('care-aid-needs-zh-desktop')

  await open.locator('a').first().click()
  await page.locator('form#aid-pledge').waitFor()
  await noErrors()
  expect(await page.locator('.aid-need-status').innerText()).toBe('待认领')
  const partner = await page.locator('select[name="partnerId"] option').filter({ hasText: '成都蜀茶文化有限公司' }).getAttribute('value')
  await page.locator('select[name="partnerId"]').selectOption(partner!)
  await page.locator('form#aid-pledge [name="what"]').fill('墙体加固材料和两名泥瓦工 5 天')
  await page.locator('form#aid-pledge [name="amountFen"]').fill('12,500')
  await page.locator('.aid-pledge-submit').click()
  await page.locator('.aid-pledges tbody tr').filter({ hasText: '墙体加固材料' }).waitFor()
  await noErrors()
  expect(await page.locator('.aid-pledges').innerText()).toContain('¥12,500.00')
  expect(await page.locator('.aid-need-status').innerText()).toBe('已认领')
  // Who raised it is named, not shown as the API's actor string (the demo's seed: the system).
  expect(await page.locator('main').innerText()).not.toMatch(/user:|system:/)
  await shot('care-aid-need-pledged-zh-desktop')
  // On the server, in fen.
  const needId = page.url().split('/').at(-1)!
  const need = await api<{ pledges: { what: string; amountFen: number | null; partnerName: string }[] }>(`/aid/needs/${needId}`)
  expect(need.pledges).toContainEqual(expect.objectContaining({ what: '墙体加固材料和两名泥瓦工 5 天', amountFen: 1_250_000, partnerName: '成都蜀茶文化有限公司' }))

  // A delivered need (HH-0003's housing): its delivery, photo and the household's confirmation.
  await page.goto(`${server.url}/care/aid/needs?status=delivered`)
  await page.locator('select[name="status"]').selectOption('delivered')
  const delivered = page.locator('.aid-needs tbody tr').filter({ hasText: 'HH-0003' })
  await delivered.waitFor()
  await delivered.locator('a').first().click()
  await page.locator('.aid-deliveries tbody tr a').first().click()
  await page.locator('.aid-confirmation').waitFor()
  await page.locator('img.aid-photo').first().waitFor()
  await noErrors()
  // The photo is a real image the browser decoded, not a broken link.
  expect(await page.locator('img.aid-photo').first().evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true)
  const confirmation = await page.locator('.aid-confirmation').innerText()
  expect(confirmation.trim().length).toBeGreaterThan(4)
  await shot('care-aid-delivery-zh-desktop')
}, 120_000)

it('dashboard: the charts drawn on their canvases, and the Excel workbook with its six sheets', async () => {
  await page.goto(`${server.url}/care/aid`)
  await page.locator('.aid-tile-households').waitFor()
  expect(await page.locator('.aid-tile-households').innerText()).toMatch(/4\d/)
  await expect.poll(() => page.locator('.aid-charts canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1)
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLCanvasElement>('.aid-charts canvas')).every((c) => {
      const ctx = c.getContext('2d')
      if (!ctx || !c.width || !c.height) return false
      const px = ctx.getImageData(0, 0, c.width, c.height).data
      for (let i = 3; i < px.length; i += 4) if (px[i]) return true
      return false
    }),
  )
  await noErrors()
  await shot('care-aid-dashboard-zh-desktop')

  const href = await page.locator('.aid-export').getAttribute('href')
  const res = await fetch(new URL(href!, `${server.url}/care/`), { headers: { cookie } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await res.arrayBuffer())
  expect(book.worksheets).toHaveLength(6)
  const names = book.worksheets.map((s) => s.name)
  expect(names.join(' ')).toMatch(/[\u4e00-\u9fff]/)
  // Households by code: 42 of them, one row each after the header.
  const households = book.worksheets[0]!
  const codes = households.getColumn(1).values.filter((v) => typeof v === 'string' && /^HH-\d{4}$/.test(v))
  expect(codes.length).toBeGreaterThanOrEqual(40)

  // The yearly lines the dashboard compares with: the team's, and one village's own.
  await page.goto(`${server.url}/care/aid/lines`)
  await page.locator('.aid-lines tbody tr').nth(4).waitFor()
  await noErrors()
  const lines = await page.locator('.aid-lines').innerText()
  expect(lines).toContain('2026')
  expect(lines).toContain('¥7,800.00')
  expect(lines).toContain('岗坚村')
  await shot('care-aid-lines-zh-desktop')
}, 120_000)

it('a partner’s view link opened with no account: household codes, never a member’s name or health note', async () => {
  await page.goto(`${server.url}/care/aid/links`)
  await page.locator('form#aid-link').waitFor()
  await noErrors()
  const partner = await page.locator('select[name="partnerId"] option').filter({ hasText: '成都蜀茶文化有限公司' }).getAttribute('value')
  await page.locator('select[name="partnerId"]').selectOption(partner!)
  await page.locator('.aid-link-issue').click()
  const urlInput = page.locator('input[name="url"]')
  await urlInput.waitFor()
  const url = await urlInput.inputValue()
  expect(url).toMatch(/\/care\/p\/[\w-]{20,}$/)
  await shot('care-aid-link-issued-zh-desktop', page, false)

  // What must never show: the names and health notes of this partner's households' members.
  const view = await (await fetch(`${server.url}/api/v1/public/aid/partner-view/${url.split('/').at(-1)}`)).json() as { households: { code: string }[] }
  expect(view.households.length).toBeGreaterThan(0)
  const all = await api<{ items: { id: string; code: string }[] }>('/aid/households?limit=200')
  const secrets: string[] = []
  for (const { code } of view.households) {
    const id = all.items.find((h) => h.code === code)!.id
    const detail = await api<{ headName: string; members: { id: string; name: string; sensitive: { healthNotes: { masked: string | null } } }[] }>(`/aid/households/${id}`)
    secrets.push(detail.headName)
    for (const m of detail.members) {
      secrets.push(m.name)
      if (m.sensitive.healthNotes.masked === null) continue
      const r = await api<{ value: string | null }>(`/aid/households/${id}/reveal`, { method: 'POST', body: JSON.stringify({ field: 'health_notes', memberId: m.id, reason: '核对伙伴查看页不含健康信息' }) })
      if (r.value) secrets.push(r.value)
    }
  }
  expect(secrets.length).toBeGreaterThan(view.households.length)

  const pub = await browser.newPage()
  await pub.setViewportSize(DESKTOP)
  await pub.goto(url)
  await pub.locator('.aid-public__item').first().waitFor()
  const text = await pub.locator('main').innerText()
  for (const { code } of view.households) expect(text).toContain(code)
  expect(text).toContain('成都蜀茶文化有限公司')
  for (const s of secrets) expect(text).not.toContain(s)
  await shot('care-aid-partner-view-zh-desktop', pub)
  await pub.close()
}, 120_000)

it('the public exit notices of the team show the demo’s running notice', async () => {
  const pub = await browser.newPage()
  await pub.setViewportSize(DESKTOP)
  await pub.goto(`${server.url}/care/notices?team=xingfu`)
  await pub.locator('.aid-notice').first().waitFor()
  const running = pub.locator('.aid-notice').filter({ hasText: 'HH-0001' })
  expect(await running.innerText()).toContain('公示中')
  const text = await pub.locator('main').innerText()
  expect(text).toContain('三圣街道幸福社区志愿服务队')
  expect(text).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/)
  await shot('care-aid-notices-zh-desktop', pub)
  await pub.close()
}, 60_000)

it('exit desk: a worker’s proposal approved (its notice starts); the overdue monitoring case checked at home and decided', async () => {
  // A worker proposes (in the tracker); the leader approves here.
  const worker = await apiSignIn(server.url, 'aid')
  const candidates = await api<{ items: { householdId: string; code: string }[] }>('/aid/exit-candidates', {}, worker)
  expect(candidates.items.length).toBeGreaterThan(0)
  const cand = candidates.items[0]!
  await api(`/aid/households/${cand.householdId}/exit-proposal`, { method: 'POST', body: JSON.stringify({ reason: '连续半年收入稳定高于监测线，两不愁三保障均达标' }) }, worker)

  await page.goto(`${server.url}/care/aid/exit`)
  await page.locator('.aid-awaiting li').first().waitFor()
  await page.locator('.aid-cases tbody tr').first().waitFor()
  await noErrors()
  // The demo's running notice cannot be confirmed before it ends.
  const running = page.locator('.aid-notices li').filter({ hasText: 'HH-0001' })
  expect(await running.locator('.aid-confirm').isDisabled()).toBe(true)
  await shot('care-aid-exit-zh-desktop')

  // The demo's ended notice (its five days over, no objection): the leader confirms the exit and the
  // household goes under monitoring.
  const ended = page.locator('.aid-notices li').filter({ hasText: '公示期满' })
  expect(await ended.count()).toBe(1)
  const endedCode = (await ended.locator('.aid-mono').innerText()).trim()
  await ended.locator('.aid-confirm').click()
  await page.locator('dialog[open] .aid-confirm-yes').waitFor()
  await shot('care-aid-exit-confirm-zh-desktop', page, false)
  await page.locator('dialog[open] .aid-confirm-yes').click()
  await page.locator('.aid-notices li').filter({ hasText: endedCode }).waitFor({ state: 'detached' })
  await noErrors()
  const households = await api<{ items: { code: string; status: string }[] }>('/aid/households?limit=200')
  expect(households.items.find((h) => h.code === endedCode)?.status).toBe('monitored')

  const row = page.locator('.aid-awaiting li').filter({ hasText: cand.code })
  // The proposal names the worker who made it.
  expect(await row.innerText()).toContain('扎西顿珠')
  await row.locator('.aid-approve').click()
  await page.locator('form#aid-approve [name="reason"]').fill('材料齐全，同意公示')
  await submit('form#aid-approve')
  await page.locator('.aid-notices li').filter({ hasText: cand.code }).waitFor()
  await noErrors()
  const standing = await api<{ status: string; current: { state: string; noticeEndsOn: string } }>(`/aid/households/${cand.householdId}/exit`)
  expect(standing).toMatchObject({ status: 'exit_proposed', current: { state: 'notice' } })

  // The demo's overdue case (HH-0004: serious illness, home check past due).
  const kase = page.locator('.aid-cases tbody tr').filter({ hasText: 'HH-0004' })
  expect(await kase.locator('.aid-overdue').count()).toBe(1)
  await kase.locator('.aid-check').click()
  const form = page.locator('form#aid-home-check')
  await form.waitFor()
  expect(await form.locator('input[type="checkbox"]').count()).toBe(6)
  await form.locator('input[name="findings.medical"]').uncheck({ force: true })
  await form.locator('[name="note"]').fill('户主住院治疗，医保报销后自付仍较多，其余各项有保障')
  await shot('care-aid-home-check-zh-desktop', page, false)
  await submit('form#aid-home-check')
  await form.waitFor({ state: 'detached' })
  await kase.locator('.aid-decide').waitFor()
  await noErrors()
  const cases = await api<{ items: { householdCode: string; homeCheckAt: string | null; homeCheckFindings: Record<string, boolean> | null; overdue: boolean }[] }>('/aid/monitoring-cases?state=open')
  const checked = cases.items.find((c) => c.householdCode === 'HH-0004')!
  expect(checked.homeCheckAt).not.toBeNull()
  expect(checked.homeCheckFindings).toEqual({ food: true, clothing: true, schooling: true, medical: false, housing: true, water: true })
  expect(checked.overdue).toBe(false)
  expect(await kase.locator('.aid-overdue').count()).toBe(0)

  await kase.locator('.aid-decide').click()
  await page.locator('form#aid-decision').waitFor()
  await page.locator('form#aid-decision input[value="monitor"]').check({ force: true })
  await page.locator('form#aid-decision [name="note"]').fill('纳入监测，协调大病救助')
  await submit('form#aid-decision')
  await page.locator('form#aid-decision').waitFor({ state: 'detached' })
  await expect.poll(() => page.locator('.aid-cases tbody tr').filter({ hasText: 'HH-0004' }).count()).toBe(0)
  await noErrors()
  const closed = await api<{ items: { householdCode: string; decision: string }[] }>('/aid/monitoring-cases?state=closed')
  expect(closed.items).toContainEqual(expect.objectContaining({ householdCode: 'HH-0004', decision: 'monitor' }))
}, 120_000)

it('in English: the exit desk and its monitoring cases', async () => {
  await page.evaluate(() => localStorage.setItem('chayi.locale', 'en'))
  await page.goto(`${server.url}/care/aid/exit`)
  await page.locator('.aid-notices li').first().waitFor()
  await noErrors()
  expect(await page.locator('main h1, main h2').first().innerText()).toMatch(/exit/i)
  await page.locator('select[name="caseState"]').selectOption('closed')
  await page.locator('.aid-cases tbody tr').filter({ hasText: 'HH-0004' }).waitFor()
  expect(await page.locator('.aid-cases').innerText()).toContain('Keep under monitoring')
  await shot('care-aid-exit-en-desktop')
  await page.evaluate(() => localStorage.setItem('chayi.locale', 'zh-CN'))
}, 60_000)
