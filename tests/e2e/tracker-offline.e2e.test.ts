import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { demoJourney, apiJson, apiSignIn, assertNoSeriousA11y, DEMO_PASSWORD, PHONE, screenshotPath, type E2EBrowser, type E2EServer, type ListPage } from './helpers.js'

// The field worker's promise: a visit recorded where there is no network is never lost and never
// counted twice. At phone width the demo aid worker opens two households online, goes offline,
// records a visit for each (a photo, an income update, the 两不愁三保障 checklist, a change to the
// household), reloads with no network, and meanwhile another worker changes the same field of one
// household on the server. Back online, both visits land once, and the clash is put to the worker on
// the conflict screen, showing both values; nothing is silently overwritten.
let server: E2EServer
let browser: E2EBrowser
let page: Page

demoJourney(PHONE, (j) => ({ server, browser, page } = j))

const shot = async (name: string) => {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)))
  await assertNoSeriousA11y(page) // every screen shot is also checked with axe
  await page.screenshot({ path: screenshotPath(`tracker-${name}`) })
}
const tid = (name: string) => page.locator(`[data-test="${name}"]`)
const TIBETAN = /[\u0F00-\u0FFF]/

// The shapes this test reads (the API's own schemas are checked by its tests; this is a user's view).
interface Household { id: string; code: string; version: number; housingAreaM2: string | null }
interface Visit { id: string; notes: string; photoCount: number; incomeId: string | null; checklist: Record<string, boolean> }
interface Income { visitId: string | null; wagesFen: number }

const api = <T>(cookie: string, method: string, path: string, body?: unknown) => apiJson<T>(server.url, cookie, method, path, body)

/** Fills the open visit form: notes, one photo, an income update, the checklist, a household change. */
async function recordVisit(notes: string, photo: Buffer, wagesYuan: string, change: { field: string; value: string }) {
  await tid('visit-form').waitFor()
  await tid('visit-notes').fill(notes)
  await tid('visit-photo-input').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: photo })
  await tid('visit-photos').locator('img').first().waitFor()
  if (await tid('income-start').count()) await tid('income-start').click()
  await page.locator('input[name="income.wages"]').fill(wagesYuan)
  await expect.poll(() => tid('income-per-capita').innerText()).not.toBe('—')
  // Every item of 两不愁三保障 holds at this visit.
  for (const item of ['food', 'clothing', 'schooling', 'medical', 'housing', 'water']) {
    if ((await tid(`checklist-${item}`).getAttribute('aria-pressed')) !== 'true') await tid(`checklist-${item}`).click()
  }
  await page.locator(`input[name="${change.field}"]`).fill(change.value)
  await expect.poll(() => tid('visit-draft-saved').innerText()).not.toBe('')
}

it('records two visits offline, survives a reload, lands each once, and asks about the clashing edit', async () => {
  const leader = await apiSignIn(server.url, 'leader')
  const admin = await apiSignIn(server.url, 'admin')
  // A second aid worker, who will edit one of the same households from the office.
  const made = await api<{ id: string }>(admin, 'POST', '/users', { username: 'dawa', displayName: '达瓦', password: DEMO_PASSWORD, roles: ['aid_worker'] })
  expect(made.status).toBe(201)
  const other = await apiSignIn(server.url, 'dawa')

  // Signed in online on the phone; the worker's households are listed (and kept on the phone).
  await page.goto(`${server.url}/tracker/`)
  await page.waitForURL(/\/tracker\/sign-in/)
  await page.locator('input[name="login"]').fill('aid')
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.locator('.tracker-home').waitFor()
  await page.goto(`${server.url}/tracker/households`)
  await tid('households-mine').locator('[data-test="household-item"]').first().waitFor()
  // Two households whose heads are named in Tibetan script.
  const items = await tid('households-mine').locator('[data-test="household-item"]').evaluateAll((els) => els.map((e) => ({ code: e.getAttribute('data-code')!, text: (e as HTMLElement).innerText })))
  const chosen = items.filter((i) => TIBETAN.test(i.text)).slice(0, 2)
  expect(chosen).toHaveLength(2)
  const all = (await api<ListPage<Household>>(leader, 'GET', '/aid/households?limit=200')).json.items
  const ids = chosen.map((c) => all.find((h) => h.code === c.code)!.id)
  const before = await Promise.all(ids.map(async (id) => (await api<Household>(leader, 'GET', `/aid/households/${id}`)).json))
  const visitsBefore = await Promise.all(ids.map(async (id) => (await api<ListPage<Visit>>(leader, 'GET', `/aid/households/${id}/visits?limit=200`)).json.items.length))

  // Open both households online (kept for offline), and the visit form once (its code on the phone).
  for (const id of ids) {
    await page.goto(`${server.url}/tracker/households/${id}`)
    await tid('household-name').waitFor()
  }
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  const photo = Buffer.from(
    (await page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 320
      c.height = 240
      const g = c.getContext('2d')!
      g.fillStyle = '#7a4b2a'
      g.fillRect(0, 0, 320, 240)
      g.fillStyle = '#f4e9dc'
      g.fillRect(40, 60, 240, 120)
      return c.toDataURL('image/png')
    })).split(',')[1]!,
    'base64',
  )

  // No network from here.
  await browser.context.setOffline(true)
  const stamp = Date.now().toString(36)
  const notes = [`入户走访 ${stamp} 一：牦牛十二头，冬草备足`, `入户走访 ${stamp} 二：孩子在县城读初中`]
  const areas = ['91.5', '77']
  for (const [i, id] of ids.entries()) {
    await page.goto(`${server.url}/tracker/households/${id}`)
    await tid('household-name').waitFor()
    expect(TIBETAN.test(await tid('household-name').innerText())).toBe(true)
    await tid('visit-start').click()
    await recordVisit(notes[i]!, photo, i === 0 ? '21000' : '16800', { field: 'housingAreaM2', value: areas[i]! })
    if (i === 0) await shot('visit-offline-zh')
    await tid('visit-save').click()
    await tid('household-name').waitFor()
    await tid('visit-queued').first().waitFor()
  }

  // Reload with no network: the app comes from the service worker, the four writes still wait.
  const res = await page.reload()
  expect(res?.fromServiceWorker()).toBe(true)
  await page.goto(`${server.url}/tracker/`)
  await page.locator('.tracker-home').waitFor()
  await expect.poll(() => tid('sync-unsent').getAttribute('data-count')).toBe('4')
  expect(await tid('sync-network').getAttribute('data-online')).toBe('false')
  await shot('home-offline-unsent-zh')

  // Meanwhile, in the office, another worker changes the first household's housing area.
  const patched = await api<{ version: number }>(other, 'PATCH', `/aid/households/${ids[0]}`, { baseVersion: before[0]!.version, housingAreaM2: '88' })
  expect(patched.status).toBe(200)

  // Back online: the clash is held for the worker, nothing is overwritten.
  await browser.context.setOffline(false)
  await tid('sync-conflicts').waitFor({ timeout: 30_000 })
  expect(await tid('sync-conflicts').getAttribute('data-count')).toBe('1')
  await shot('home-conflict-zh')
  // The top bar's outbox panel does not offer to give the stale edit up: it leads to the conflict screen.
  expect(await tid('sync-conflict-open').count()).toBe(1)
  await page.locator('.shell-outbox').click()
  const actions = page.locator('dialog .shell-outbox__actions')
  await actions.first().waitFor()
  expect((await actions.allInnerTexts()).map((x) => x.trim())).toEqual(['去处理'])
  await shot('outbox-conflict-zh')
  await page.locator('.shell-outbox__resolve').click()
  await tid('conflict-field-housingAreaM2').waitFor()
  expect(TIBETAN.test(await tid('conflict-household').innerText())).toBe(true)
  expect(await tid('conflict-field-housingAreaM2').locator('[data-test="conflict-mine-value"]').innerText()).toContain('91.5')
  expect(await tid('conflict-field-housingAreaM2').locator('[data-test="conflict-theirs-value"]').innerText()).toContain('88')
  await shot('conflict-zh')
  // While it waits, the server still has the other worker's value.
  expect((await api<Household>(leader, 'GET', `/aid/households/${ids[0]}`)).json.housingAreaM2).toBe('88')

  // The same screen in English (the Tibetan name as it is).
  const conflictUrl = page.url()
  await page.getByRole('link', { name: '我的' }).click()
  await page.locator('.tracker-me').getByRole('button', { name: 'English', exact: true }).click()
  await page.goto(conflictUrl)
  await tid('conflict-field-housingAreaM2').waitFor()
  expect(await page.locator('html').getAttribute('lang')).toBe('en')
  await shot('conflict-en')

  // The worker keeps their own measurement.
  await tid('conflict-housingAreaM2-mine').click()
  for (const f of await page.locator('[data-test^="conflict-field-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')!.slice('conflict-field-'.length)))) {
    if ((await tid(`conflict-${f}-mine`).getAttribute('aria-checked')) !== 'true') await tid(`conflict-${f}-mine`).click()
  }
  await tid('conflict-send').click()
  // The screen goes back to the household once the choice is queued.
  await page.waitForURL(new RegExp(`/households/${ids[0]}$`))
  await tid('household-name').waitFor()
  await page.getByRole('link', { name: 'Home', exact: true }).click()
  await page.locator('.tracker-home').waitFor()
  await expect.poll(() => tid('sync-unsent').getAttribute('data-count'), { timeout: 30_000 }).toBe('0')
  expect(await tid('sync-conflicts').count()).toBe(0)
  await shot('home-sent-en')

  // On the server: each visit once, with its photo and income; the worker's chosen value on top of the other's version.
  const check = async () => {
    for (const [i, id] of ids.entries()) {
      const visits = (await api<ListPage<Visit>>(leader, 'GET', `/aid/households/${id}/visits?limit=200`)).json.items
      expect(visits, JSON.stringify(visits.map((v) => [v.notes, v.photoCount]))).toHaveLength(visitsBefore[i]! + 1)
      const mine = visits.filter((v) => v.notes === notes[i])
      expect(mine).toHaveLength(1)
      expect(mine[0]!.photoCount).toBe(1)
      expect(mine[0]!.checklist).toEqual({ food: true, clothing: true, schooling: true, medical: true, housing: true, water: true })
      expect(mine[0]!.incomeId).not.toBeNull()
      const incomes = (await api<ListPage<Income>>(leader, 'GET', `/aid/households/${id}/incomes?limit=200`)).json.items
      expect(incomes.filter((r) => r.visitId === mine[0]!.id).map((r) => r.wagesFen)).toEqual([i === 0 ? 2_100_000 : 1_680_000])
      const now = (await api<Household>(leader, 'GET', `/aid/households/${id}`)).json
      expect(now.housingAreaM2).toBe(areas[i])
    }
  }
  await check()
  // A reload sends nothing again.
  await page.reload()
  await page.locator('.tracker-home').waitFor()
  await expect.poll(() => tid('sync-unsent').getAttribute('data-count')).toBe('0')
  await check()

  // Back to Chinese for whoever uses this browser next.
  await page.getByRole('link', { name: 'Me', exact: true }).click()
  await page.locator('.tracker-me').getByRole('button', { name: '中文', exact: true }).click()
}, 240_000)
