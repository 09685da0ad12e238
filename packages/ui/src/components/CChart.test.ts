import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountUi } from '../internal/mount'
import CChart from './CChart.vue'

const props = {
  title: '近 12 个月服务时长',
  labels: ['4月', '5月', '6月'],
  series: [{ label: '小时', data: [90, 0, 150] }],
  labelHeader: '月份',
  format: (m: number) => (m / 60).toFixed(1),
}

afterEach(() => vi.restoreAllMocks())

describe('CChart', () => {
  it('shows the figures as a table where no canvas can be drawn', async () => {
    // happy-dom has no 2D canvas: the chart gives way to its table, visible to everyone.
    const w = mountUi(CChart, { props })
    await flushPromises()
    expect(w.find('canvas').exists()).toBe(false)
    const table = w.find('table')
    expect(table.classes()).not.toContain('c-visually-hidden')
    expect(table.find('caption').text()).toBe('近 12 个月服务时长')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['月份', '小时'])
    expect(table.findAll('tbody tr').map((tr) => tr.text())).toEqual(['4月1.5', '5月0.0', '6月2.5'])
    expect(w.find('figure').attributes('aria-labelledby')).toBe(w.find('figcaption').attributes('id'))
  })

  it('draws with chart.js loaded on demand, keeping the table for screen readers and behind a toggle', async () => {
    const fake = { fillRect() {}, measureText: () => ({ width: 10 }) } as unknown as CanvasRenderingContext2D
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(fake as never)
    const made: { config: { type: string; data: { labels: string[] }; options: { indexAxis: string } } }[] = []
    vi.doMock('chart.js', () => {
      class Chart {
        static register = vi.fn()
        data: unknown
        constructor(_el: unknown, config: (typeof made)[number]['config']) {
          made.push({ config })
          this.data = config.data
        }
        update = vi.fn()
        destroy = vi.fn()
      }
      const piece = {}
      return { Chart, BarController: piece, BarElement: piece, CategoryScale: piece, LinearScale: piece, LineController: piece, LineElement: piece, PointElement: piece, Tooltip: piece }
    })
    const w = mountUi(CChart, { props: { ...props, horizontal: true, tableToggle: '查看数据表', summary: '最多：6月 2.5 小时' }, attachTo: document.body })
    await vi.waitFor(() => expect(made).toHaveLength(1))
    expect(made[0]!.config.type).toBe('bar')
    expect(made[0]!.config.options.indexAxis).toBe('y')
    expect(made[0]!.config.data.labels).toEqual(['4月', '5月', '6月'])
    expect(w.find('.c-chart__plot').attributes('aria-hidden')).toBe('true')
    expect(w.find('details summary').text()).toBe('查看数据表')
    expect(w.find('details table tbody').text()).toContain('6月2.5')
    expect(w.find('.c-chart__summary').text()).toBe('最多：6月 2.5 小时')
    w.unmount()
    vi.doUnmock('chart.js')
  })
})
