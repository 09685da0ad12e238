import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { apiSignIn, assertNoSeriousA11y, DEMO_PASSWORD, launchBrowser, PHONE, screenshotPath, startServer, type E2EBrowser, type E2EServer } from './helpers.js'

// The volunteer portal's whole journey on phones, against the built server with the demo team:
// a person registers → a leader approves → they sign up for an activity → check in and out by
// the code on the leader's phone → the leader adds 补录 hours and approves both entries at once →
// hours and star on the profile → a certificate → its public check page. Two browsers: the
// volunteer's phone and the leader's phone.
let server: E2EServer
let volunteer: E2EBrowser
let leader: E2EBrowser

beforeAll(async () => {
  server = await startServer({ demo: true })
  volunteer = await launchBrowser()
  leader = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await volunteer?.close()
  await leader?.close()
  const code = await server?.stop()
  expect(code).toBe(0)
})

const PERSON = { realName: '欧阳晨曦', phone: '13700001234', password: 'my own long password' }
const TITLE = '茶义仓周末整理（端到端）'

async function phone(b: E2EBrowser): Promise<Page> {
  const page = await b.newPage()
  await page.setViewportSize(PHONE)
  return page
}

async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto(`${server.url}/volunteer/`)
  await page.waitForURL(/\/volunteer\/sign-in/)
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('form button[type="submit"]').click()
  await page.locator('.shell-who__name, .v-hello__title').first().waitFor()
}

async function settle(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
}

async function shot(page: Page, name: string) {
  await settle(page)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

async function english(page: Page) {
  await page.evaluate(() => localStorage.setItem('chayi.locale', 'en'))
}

/** The six digits the leader's phone shows right now. */
async function currentCode(page: Page): Promise<string> {
  await page.reload()
  const text = await page.locator('.v-qr__digits span[aria-hidden="true"]').innerText()
  const digits = text.replace(/\D/g, '')
  expect(digits).toMatch(/^\d{6}$/)
  return digits
}

/** Picks the option whose text contains `text` (labels carry dates and numbers beside the name). */
async function selectByText(page: Page, select: string, text: string) {
  await expect.poll(() => page.locator(`${select} option`, { hasText: text }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  const value = await page.locator(`${select} option`, { hasText: text }).first().getAttribute('value')
  await page.locator(select).selectOption(value!)
}

async function typeCode(page: Page, code: string, button: '.v-checkin__in' | '.v-checkin__out') {
  await page.locator('input[name="code"]').fill(code)
  await page.locator(button).click()
  await page.locator('.v-checkin__result--ok').waitFor()
}

it('register → approve → sign up → check in and out by code → bulk approval → hours and star → certificate → public check', async () => {
  // 1. A member of the public registers on their phone.
  const v = await phone(volunteer)
  await v.goto(`${server.url}/volunteer/register`)
  await v.locator('input[name="realName"]').fill(PERSON.realName)
  await v.locator('input[name="phone"]').fill(PERSON.phone)
  await v.locator('select').first().selectOption('passport')
  await v.locator('input[name="idNumber"]').fill('E98765432')
  await v.locator('input[name="gender"][value="female"]').check()
  await v.locator('input[name="birthDate"]').fill('1992-05-01')
  await v.locator('input[name="aff-resident"]').check()
  await v.locator('input[name="emergencyContact.name"]').fill('欧阳明')
  await v.locator('input[name="emergencyContact.phone"]').fill('13987650000')
  await v.locator('input[name="emergencyContact.relation"]').fill('父亲')
  await v.locator('input[name="password"]').fill(PERSON.password)
  await shot(v, 'journey-01-register-zh-phone')
  await v.locator('form#v-register').evaluate((f: HTMLFormElement) => f.requestSubmit())
  await v.locator('.v-register__done').waitFor()
  expect(await v.locator('.v-register__done').innerText()).toContain(PERSON.phone)

  // 2. The leader approves the join request on their phone.
  const l = await phone(leader)
  await signIn(l, 'leader')
  await l.goto(`${server.url}/volunteer/join-requests`)
  const request = l.locator('.v-request', { hasText: PERSON.realName })
  await request.waitFor()
  await shot(l, 'journey-02-join-requests-zh-phone')
  await request.locator('.v-approve').click()
  await request.waitFor({ state: 'detached' })

  // The leader publishes an activity that starts in a moment and lasts two hours (set up through the API).
  const cookie = await apiSignIn(server.url, 'leader')
  const startsAt = new Date(Date.now() + 45_000)
  const res = await fetch(`${server.url}/api/v1/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      title: TITLE,
      project: 'granary',
      place: '幸福社区茶馆·茶义仓',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      capacity: 5,
      insurance: true,
    }),
  })
  expect(res.status, await res.clone().text()).toBe(201)
  const activity = (await res.json()) as { id: string }

  // 3. The new volunteer signs in, finds it on the home screen and signs up.
  await signIn(v, PERSON.phone, PERSON.password)
  const card = v.locator('.v-act', { hasText: TITLE })
  await card.waitFor()
  await shot(v, 'journey-03-home-zh-phone')
  await card.locator('.v-act__link').click()
  await v.locator('.v-signup').click()
  await v.locator('.v-withdraw').waitFor()
  await shot(v, 'journey-04-signed-up-zh-phone')

  // 4. At the start, the leader shows the rotating code; the volunteer types it to check in.
  await l.goto(`${server.url}/volunteer/lead/activities/${activity.id}/qr`)
  await l.locator('.v-qr__digits').waitFor()
  await shot(l, 'journey-05-leader-qr-zh-phone')
  const wait = startsAt.getTime() - Date.now() + 1_000
  if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  await v.reload()
  await v.locator('.v-checkin-card').waitFor()
  await typeCode(v, await currentCode(l), '.v-checkin__in')
  await shot(v, 'journey-06-checked-in-zh-phone')

  // 5. A little over a minute of service later, the volunteer checks out the same way.
  await new Promise((r) => setTimeout(r, Math.max(0, startsAt.getTime() + 65_000 - Date.now())))
  await v.reload()
  await v.locator('.v-checkin-card').waitFor()
  await typeCode(v, await currentCode(l), '.v-checkin__out')

  // 6. The leader adds 补录 hours (setting up before the start) and approves both entries at once.
  await l.goto(`${server.url}/volunteer/lead/approvals`)
  await l.getByRole('tab', { name: /补录/ }).click()
  await selectByText(l, 'select[name="activityId"]', TITLE)
  await selectByText(l, 'select[name="volunteerId"]', PERSON.realName)
  await l.locator('input[name="minutes"]').fill('90')
  await l.locator('textarea[name="reason"]').fill('活动前布置场地、清点物资')
  await l.locator('#v-supplement-form button[type="submit"]').click()
  await l.locator('.c-toast').first().waitFor()
  await l.getByRole('tab', { name: /待审核|Pending/ }).first().click()
  const mine = l.getByRole('checkbox', { name: new RegExp(PERSON.realName) })
  await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(2)
  for (const box of await mine.all()) await box.check()
  await shot(l, 'journey-07-approvals-zh-phone')
  await l.locator('.v-approve-hours').click()
  await l.locator('#v-decision-form button[type="submit"], .c-dialog button.c-button--primary').last().click()
  await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(0)

  // 7. Hours and star level on the volunteer's profile: 1 min + 90 min approved, no star yet.
  await v.goto(`${server.url}/volunteer/me`)
  await v.locator('.v-stars').waitFor()
  await expect.poll(() => v.locator('.v-stat-approved').innerText()).toMatch(/1\.5/)
  expect(await v.locator('.v-stars__icons').getAttribute('aria-label')).toBeTruthy()
  await shot(v, 'journey-08-me-zh-phone')

  // 8. A certificate for today; its page shows the number and the QR code.
  await v.goto(`${server.url}/volunteer/certificates`)
  await v.locator('.v-cert-issue').click()
  await v.locator('.v-doc__number').waitFor()
  const numberLine = await v.locator('.v-doc__number').innerText()
  const number = /[A-Z]+-Z-\d{4}-\d{6}/.exec(numberLine)?.[0]
  expect(number, numberLine).toBeTruthy()
  expect(await v.locator('.v-doc').innerText()).toContain(PERSON.realName)
  expect(await v.locator('.v-doc').innerText()).toContain('张国强') // the person in charge, from the team's settings
  expect(await v.locator('.v-doc canvas, .v-doc svg, .v-doc img').count()).toBeGreaterThan(0)
  await shot(v, 'journey-09-certificate-zh-phone')

  // 9. The public check page (what the QR code opens), for anyone: masked name, valid.
  const pub = (await (await fetch(`${server.url}/api/v1/public/certificates/${number}`)).json()) as { maskedName: string; status: string; approvedMinutes: number }
  expect(pub).toMatchObject({ status: 'valid', approvedMinutes: 91 })
  expect(pub.maskedName).not.toBe(PERSON.realName)
  const anyone = await phone(leader)
  await anyone.goto(`${server.url}/volunteer/verify/${number}`)
  await anyone.locator('.v-verdict--good').waitFor()
  expect(await anyone.locator('.v-verify__name').innerText()).toBe(pub.maskedName)
  await assertNoSeriousA11y(anyone)
  await shot(anyone, 'journey-10-verify-zh-phone')

  // The same screens in English.
  await english(v)
  await v.goto(`${server.url}/volunteer/me`)
  await v.locator('.v-stars').waitFor()
  expect(await v.locator('html').getAttribute('lang')).toBe('en')
  await shot(v, 'journey-08-me-en-phone')
  await v.goBack()
  await v.goto(`${server.url}/volunteer/certificates`)
  await v.locator('.v-cert__link').first().click()
  await v.locator('.v-doc__number').waitFor()
  await shot(v, 'journey-09-certificate-en-phone')
  await english(anyone)
  await anyone.reload()
  await anyone.locator('.v-verdict--good').waitFor()
  await shot(anyone, 'journey-10-verify-en-phone')
  await english(l)
  await l.goto(`${server.url}/volunteer/lead/activities/${activity.id}`)
  await l.locator('main').getByText(PERSON.realName).first().waitFor()
  await shot(l, 'journey-11-roster-en-phone')
}, 300_000)
