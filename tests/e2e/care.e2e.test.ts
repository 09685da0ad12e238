import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assertNoSeriousA11y, DEMO_PASSWORD, DESKTOP, launchBrowser, PHONE, screenshotPath, startServer, type E2EBrowser, type E2EServer } from './helpers.js'

// The care-centre console (apps/care/dist, served by the built server under /care/) on a desktop.
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
  await browser.context.clearCookies()
})

/** The demo's staff accounts (apps/server/src/demo.ts); 李明轩 is a volunteer, listed under 全部 with the 830 others. */
const DEMO_NAMES = ['林慧敏', '张国强', '周雅琴', '扎西顿珠', '陈小梅', '赵立新']

/** axe after transitions end: a toast fading in is measured at partial opacity otherwise. */
async function axe(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await assertNoSeriousA11y(page)
}

async function signedIn(login: string, opts: { shot?: string } = {}): Promise<Page> {
  const page = await browser.newPage()
  await page.setViewportSize(DESKTOP)
  await page.goto(`${server.url}/care/`)
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await page.waitForURL(/\/care\/sign-in/)
  if (opts.shot) {
    await page.locator('input[name="login"]').waitFor()
    await axe(page)
    await page.screenshot({ path: screenshotPath(opts.shot), fullPage: true })
  }
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form button[type="submit"]').click()
  return page
}

/** Closes the toasts so the screenshots show the screen, not the last few confirmations. */
async function dismissToasts(page: Page) {
  const close = page.locator('.c-toast__close')
  while ((await close.count()) > 0) await close.first().click()
}

const nav = (page: Page, name: string) => page.locator('nav').getByRole('link', { name, exact: true }).click()
const fieldError = (page: Page, name: string) => page.locator('.c-field', { has: page.locator(`input[name="${name}"]`) }).locator('.c-field__error')

describe('care console as the admin', () => {
  it('walks overview, accounts (create one), devices (pair and revoke) and settings, in Chinese and English', async () => {
    const page = await signedIn('admin', { shot: 'care-signin-zh-desktop' })
    await page.waitForURL(`${server.url}/care/`)
    await page.locator('.shell-who__name').waitFor()
    expect(await page.title()).toBe('关爱中心台')
    expect(await page.locator('.shell-who__name').innerText()).toBe('林慧敏')
    expect(await page.locator('.shell-who__roles .c-badge').allInnerTexts()).toEqual(['管理员'])
    expect(await page.locator('.care-team__name').innerText()).toBe('三圣街道幸福社区志愿服务队')
    // The console's areas, then the admin's own screens; settings last.
    const zhNav = await page.locator('nav a').allInnerTexts()
    expect(zhNav).toEqual(expect.arrayContaining(['概览', '关爱对象', '茶义仓', '公益基金', '爱心伙伴', '志愿者', '账号', '设备', '设置']))
    expect([zhNav[0], zhNav.at(-1)]).toEqual(['概览', '设置'])
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-overview-zh-desktop'), fullPage: true })

    // Accounts: the demo's staff, role labels in Chinese (the leader also serves as a volunteer).
    await nav(page, '账号')
    await page.waitForURL(`${server.url}/care/accounts`)
    await page.locator('.care-accounts tbody tr').nth(5).waitFor()
    const names = await page.locator('.care-accounts tbody tr td:first-child').allInnerTexts()
    expect(names.sort()).toEqual([...DEMO_NAMES].sort())
    expect(await page.locator('.care-accounts tbody tr', { hasText: '张国强' }).locator('.care-roles').innerText()).toMatch(/队长.*\n?.*志愿者/s)
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-accounts-zh-desktop'), fullPage: true })

    // Create an account: the server's field error beside the field first, then success.
    await page.getByRole('button', { name: '新建账号' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.locator('input[name="username"]').fill('Bad Name')
    await dialog.locator('input[name="displayName"]').fill('吴晓燕')
    await dialog.locator('input[name="password"]').fill('first-password-1')
    await dialog.getByRole('checkbox', { name: '关爱中心工作人员' }).check()
    await dialog.getByRole('button', { name: '创建' }).click()
    await fieldError(page, 'username').waitFor()
    expect(await fieldError(page, 'username').innerText()).toBe('用户名只能用 3–40 位小写字母、数字或 _ . -')
    expect(await fieldError(page, 'password').count()).toBe(0)
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-create-account-error-zh-desktop') })
    await dialog.locator('input[name="username"]').fill('wu.xiaoyan')
    await dialog.getByRole('button', { name: '创建' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.locator('.care-accounts tbody tr', { hasText: '吴晓燕' }).waitFor()
    expect(await page.locator('.care-accounts tbody tr').count()).toBe(7)
    // The new person can sign in with what the admin gave them.
    const res = await fetch(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'wu.xiaoyan', password: 'first-password-1' }) })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { user: { roles: string[] } }).user.roles).toEqual(['care_staff', 'volunteer'])

    // Devices: pair a kiosk — an 8-digit code, big, with its expiry.
    await nav(page, '设备')
    await page.waitForURL(`${server.url}/care/devices`)
    // The demo's counter tablet (it made the demo's sales) is already there.
    await page.locator('.care-devices tbody tr', { hasText: '茶馆柜台平板' }).waitFor()
    await axe(page)
    await page.getByRole('button', { name: '绑定茶馆平板' }).first().click()
    await page.locator('dialog[open] input[name="name"]').fill('一号柜台平板')
    await page.locator('dialog[open]').getByRole('button', { name: '生成绑定码' }).click()
    const digits = page.locator('.care-code__digits')
    await digits.waitFor()
    const code = (await digits.getAttribute('data-code'))!
    expect(code).toMatch(/^\d{8}$/)
    expect(await digits.innerText()).toBe(`${code.slice(0, 4)} ${code.slice(4)}`)
    expect(await page.locator('.care-code__expires').innerText()).toMatch(/\d{2}:\d{2} 前有效/)
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-pairing-code-zh-desktop') })

    // A tablet uses the code; the list shows it paired, and the admin revokes it.
    const paired = await fetch(`${server.url}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
    expect(paired.status).toBe(201)
    await page.locator('dialog[open]').getByRole('button', { name: '完成' }).click()
    await dismissToasts(page)
    const row = page.locator('.care-devices tbody tr', { hasText: '一号柜台平板' })
    await row.locator('.c-badge', { hasText: '已绑定' }).waitFor()
    await page.screenshot({ path: screenshotPath('care-devices-zh-desktop'), fullPage: true })
    await row.getByRole('button', { name: /吊销/ }).click()
    expect(await page.locator('dialog[open]').innerText()).toContain('“一号柜台平板”将立即无法使用')
    await axe(page)
    await page.locator('dialog[open]').getByRole('button', { name: '确认吊销' }).click()
    await row.locator('.c-badge', { hasText: '已吊销' }).waitFor()
    expect(await row.getByRole('button', { name: /吊销/ }).count()).toBe(0)

    // Settings: the admin's own kiosk PIN.
    await nav(page, '设置')
    await page.waitForURL(`${server.url}/care/settings`)
    await page.locator('input[name="pin"]').fill('2580')
    await page.locator('input[name="password"]').fill('wrong-password')
    await page.getByRole('button', { name: '保存 PIN 码' }).click()
    await fieldError(page, 'password').waitFor()
    expect(await fieldError(page, 'password').innerText()).toBe('密码不正确')
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '保存 PIN 码' }).click()
    await page.getByText('PIN 码已设置').waitFor()
    await dismissToasts(page)
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-settings-zh-desktop'), fullPage: true })

    // English: every screen again.
    await page.locator('main').getByRole('button', { name: 'English' }).click()
    await page.locator('.care-page__title', { hasText: 'Settings' }).waitFor()
    expect(await page.title()).toBe('Care-centre console')
    const enNav = await page.locator('nav a').allInnerTexts()
    expect(enNav).toEqual(expect.arrayContaining(['Overview', 'Register', 'Granary', 'Welfare fund', 'Partners', 'Volunteers', 'Accounts', 'Devices', 'Settings']))
    expect(enNav).toHaveLength(zhNav.length)
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-settings-en-desktop'), fullPage: true })
    for (const [link, shot] of [['Overview', 'overview'], ['Accounts', 'accounts'], ['Devices', 'devices']] as const) {
      await nav(page, link)
      await page.locator('.care-page__title', { hasText: link }).waitFor()
      await page.locator('.c-table[aria-busy="false"], .shell-who').first().waitFor()
      await axe(page)
      await page.screenshot({ path: screenshotPath(`care-${shot}-en-desktop`), fullPage: true })
    }
    expect(await page.locator('.care-devices tbody tr', { hasText: '一号柜台平板' }).locator('.c-badge').innerText()).toBe('Revoked')
    await page.getByRole('button', { name: 'Pair a tea-house tablet' }).click()
    await page.locator('dialog[open]').getByRole('button', { name: 'Make a pairing code' }).click()
    await page.locator('.care-code__digits').waitFor()
    expect(await page.locator('.care-code__expires').innerText()).toMatch(/Valid until .+, once only\./)
    await page.screenshot({ path: screenshotPath('care-pairing-code-en-desktop') })
    await page.close()
  })
})

describe('care console role guard', () => {
  it('shows a volunteer the no-access page', async () => {
    const page = await signedIn('volunteer')
    await page.waitForURL(/\/care\/no-access/)
    await page.getByRole('button', { name: '换个账号登录' }).waitFor()
    expect(await page.locator('main').innerText()).toContain('志愿者')
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-no-access-zh-desktop'), fullPage: true })
    // No way "home" from here: home would bounce straight back.
    expect(await page.locator('main').getByRole('link', { name: '回到首页' }).count()).toBe(0)
    await page.close()
  })

  it('gives care-centre staff their areas and settings, not accounts or devices', async () => {
    const page = await signedIn('care')
    await page.locator('.shell-who__name', { hasText: '周雅琴' }).waitFor()
    // The register, granary, fund and partners, but not accounts or devices.
    const staffNav = await page.locator('nav a').allInnerTexts()
    expect(staffNav).toEqual(expect.arrayContaining(['概览', '关爱对象', '茶义仓', '公益基金', '设置']))
    expect(staffNav).not.toContain('账号')
    expect(staffNav).not.toContain('设备')
    await page.goto(`${server.url}/care/accounts`)
    await page.waitForURL(/\/care\/no-access/)
    await page.close()
  })
})

describe('care console on a phone', () => {
  it('puts the navigation in a drawer behind the menu button, which closes on navigation and on Escape', async () => {
    const page = await signedIn('leader')
    await page.locator('.shell-who__name').waitFor()
    await page.setViewportSize(PHONE)
    const menu = page.getByRole('button', { name: '主导航' })
    await menu.waitFor()
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('.c-sidenav-panel').isVisible()).toBe(false)
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await page.screenshot({ path: screenshotPath('care-overview-zh-phone') })

    await menu.click()
    const drawer = page.getByRole('dialog', { name: '主导航' })
    await drawer.waitFor()
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('概览')
    await axe(page)
    await page.screenshot({ path: screenshotPath('care-drawer-zh-phone') })
    await drawer.getByRole('link', { name: '情系藏区', exact: true }).click()
    await page.waitForURL(`${server.url}/care/aid`)
    await drawer.waitFor({ state: 'hidden' })
    expect(await menu.getAttribute('aria-expanded')).toBe('false')

    await menu.click()
    await drawer.waitFor()
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => document.activeElement?.classList.contains('c-sidenav__menu'))).toBe(true)
    await page.close()
  })
})
