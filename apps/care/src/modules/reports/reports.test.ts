import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { mockDashboard, reportsOf } from './mocks'

// The report screens against the mock API (same routes, roles and codes as the server): the
// dashboard's tiles, charts and tables, and the quarterly disclosure's preview, publish and versions.
let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const settle = async () => {
  for (let i = 0; i < 6; i++) await flushPromises()
}
const chinaMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)

describe('the reports dashboard', () => {
  it('shows the period’s tiles, a chart with a table for each ledger, and an Excel link for the range', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/reports')
    await settle()
    const to = chinaMonth()
    const months = wrapper.findAll('select[name="from"] option').map((o) => o.attributes('value'))
    const from = months[11]!
    const d = mockDashboard(from, to)
    expect(wrapper.find('.reports-tile-hours').text()).toContain((Math.round((d.hours.totalMinutes / 60) * 10) / 10).toFixed(1))
    expect(wrapper.find('.reports-tile-bought').text()).toContain(new Intl.NumberFormat('zh-CN').format(d.cups.bought))
    expect(wrapper.find('.reports-tile-beneficiaries').text()).toContain('97')
    // Every chart carries its figures as a table too (what a screen reader reads, and the fallback).
    for (const cls of ['.reports-hours', '.reports-cups', '.reports-granary', '.reports-fund', '.reports-beneficiaries']) expect(wrapper.find(`${cls} table`).exists(), cls).toBe(true)
    expect(wrapper.find('.reports-cups table').text()).toContain(String(d.cups.byMonth[0]!.bought))
    expect(wrapper.find('.reports-export').attributes('href')!.endsWith(`/api/v1/reports/export.xlsx?from=${from}&to=${to}&lang=zh-CN`)).toBe(true)
  })

  it('reloads for another range and refuses a range that ends before it starts', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/reports')
    await settle()
    const options = wrapper.findAll('select[name="from"] option').map((o) => o.attributes('value')!)
    await wrapper.find('select[name="from"]').setValue(options[2]!)
    await settle()
    expect(wrapper.find('.reports-cups table tbody').findAll('tr')).toHaveLength(3)
    await wrapper.find('select[name="to"]').setValue(options[5]!)
    await settle()
    expect(wrapper.text()).toContain('起始月份不能晚于截止月份')
    expect(wrapper.find('.reports-export').attributes('href')).toBeUndefined()
  })

  it('is not in the nav of a volunteer', async () => {
    mock.signInAs('volunteer')
    wrapper = await mountApp(makeApp(), '/')
    await settle()
    expect(wrapper.find('a[href$="/reports"]').exists()).toBe(false)
  })
})

describe('the public disclosure', () => {
  it('previews the last ended quarter with withheld cells as <5, publishes after confirming, then lists the version', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/reports/disclosures')
    await settle()
    const preview = wrapper.find('.disclosure-preview')
    expect(preview.exists()).toBe(true)
    // Storytelling had 2 activities: withheld, and one more cell with it, so the total cannot give it away.
    const activities = preview.find('.disclosure-activities')
    expect(activities.text()).toContain('<5')
    expect(activities.findAll('tbody td.withheld').length).toBeGreaterThanOrEqual(4)
    // The hours beside a withheld count, and the cell withheld to protect it, are "*" (any size), not "<5".
    expect(activities.findAll('tbody td.withheld').map((td) => td.text())).toContain('*')
    expect(preview.find('.disclosure-legend').text()).toContain('<5')
    expect(preview.find('.disclosure-legend').text()).toContain('“*”')
    // Granary in and out, each by category with a total row.
    for (const side of ['in', 'out']) {
      const table = preview.find(`.disclosure-granary-${side}`)
      expect(table.find('caption').text()).toBe(side === 'in' ? '茶义仓入库' : '茶义仓出库')
      expect(table.findAll('tbody tr').length).toBeGreaterThan(0)
      expect(table.find('tfoot th').text()).toBe('合计')
    }
    expect(wrapper.find('.disclosure-versions').text()).toContain('还没有发布过')

    await wrapper.find('.disclosure-publish').trigger('click')
    await flushPromises()
    const confirm = document.querySelector<HTMLButtonElement>('.disclosure-confirm')!
    confirm.click()
    await vi.waitFor(() => expect(reportsOf(mock.world.state).disclosures).toHaveLength(1))
    await settle()
    expect(wrapper.find('.disclosure-versions tbody').text()).toContain('现行')
    expect(wrapper.find('.disclosure-link').attributes('href')).toMatch(/\/api\/v1\/public\/disclosures\/[^/]+\/\d{4}Q[1-4]$/)
    // Publishing again makes version 2, which supersedes version 1.
    expect(wrapper.find('.disclosure-publish').text()).toContain('第 2 版')
    await wrapper.find('.disclosure-publish').trigger('click')
    await flushPromises()
    document.querySelector<HTMLButtonElement>('.disclosure-confirm')!.click()
    await vi.waitFor(() => expect(reportsOf(mock.world.state).disclosures.map((d) => d.version)).toEqual([1, 2]))
    await settle()
    expect(wrapper.find('.disclosure-versions tbody').text()).toContain('已被取代')
  })

  it('does not let the current quarter be published', async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/reports/disclosures')
    await settle()
    const current = wrapper.findAll('select[name="quarter"] option')[0]!.attributes('value')!
    await wrapper.find('select[name="quarter"]').setValue(current)
    await settle()
    expect(wrapper.find('.disclosure-not-ended').exists()).toBe(true)
    expect(wrapper.find('.disclosure-publish').attributes('disabled')).toBeDefined()
  })
})
