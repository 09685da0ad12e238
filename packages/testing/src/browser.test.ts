import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { assertNoSeriousA11y, checkA11y, launchBrowser, PHONE, seriousViolations, type ChayiBrowser } from './browser.js'

let browser: ChayiBrowser

beforeAll(async () => {
  browser = await launchBrowser({ viewport: PHONE })
})
afterAll(async () => {
  expect(existsSync(browser.profileDir)).toBe(true)
  await browser.close()
  expect(existsSync(browser.profileDir)).toBe(false)
})

describe('launchBrowser + checkA11y', () => {
  it('opens Chromium at the asked viewport', async () => {
    expect(browser.page.viewportSize()).toEqual(PHONE)
    await browser.page.setContent('<p>茶义</p>')
    expect(await browser.page.locator('p').textContent()).toBe('茶义')
  })

  it('finds serious violations on a bad page', async () => {
    await browser.page.setContent('<html><body><img src="data:,"><input type="text"><button></button></body></html>')
    const violations = await checkA11y(browser.page)
    const ids = seriousViolations(violations).map((v) => v.id)
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label', 'button-name']))
    await expect(assertNoSeriousA11y(browser.page)).rejects.toThrow(/image-alt/)
  })

  it('passes a good page', async () => {
    await browser.page.setContent(
      '<html lang="zh-CN"><head><title>登录</title></head><body><main><h1>登录</h1><label for="l">用户名</label><input id="l"><button>登录</button></main></body></html>',
    )
    expect(seriousViolations(await assertNoSeriousA11y(browser.page))).toEqual([])
  })
})
