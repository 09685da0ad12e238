import { describe, expect, it } from 'vitest'
import { mountUi } from '../internal/mount'
import type { TableColumn } from '../types'
import CDataTable from './CDataTable.vue'

interface Lot {
  id: string
  name: string
  qty: number
  donor: string | null
}
const rows: Lot[] = [
  { id: 'a', name: '大米', qty: 120, donor: '幸福社区' },
  { id: 'b', name: '食用油', qty: 36, donor: null },
  { id: 'c', name: '棉被', qty: 842, donor: '爱心企业' },
]
const columns: TableColumn<Lot>[] = [
  { key: 'name', label: '物资', sortable: true },
  { key: 'qty', label: '数量', sortable: true, align: 'end', format: (v) => `${String(v)} 件` },
  { key: 'donor', label: '捐赠方' },
]

const mountTable = (props: Record<string, unknown> = {}) =>
  mountUi(CDataTable, { props: { columns, rows, caption: '茶义仓库存', ...props } as never })
const firstColumn = (w: ReturnType<typeof mountTable>) => w.findAll('tbody tr').map((tr) => tr.find('td').text())

describe('CDataTable', () => {
  it('renders a captioned table with formatted cells and a dash for blanks', () => {
    const w = mountTable()
    expect(w.find('caption').text()).toBe('茶义仓库存')
    expect(w.findAll('tbody tr')).toHaveLength(3)
    const cells = w.findAll('tbody tr')[1]!.findAll('td').map((td) => td.text())
    expect(cells).toEqual(['食用油', '36 件', '—'])
    expect(w.findAll('tbody td')[0]!.attributes('data-label')).toBe('物资')
  })

  it('sorts on header click and toggles aria-sort', async () => {
    const w = mountTable()
    const [nameTh, qtyTh, donorTh] = w.findAll('th')
    expect(qtyTh!.attributes('aria-sort')).toBe('none')
    expect(donorTh!.attributes('aria-sort')).toBeUndefined()
    expect(donorTh!.find('button').exists()).toBe(false)

    await qtyTh!.find('button').trigger('click')
    expect(qtyTh!.attributes('aria-sort')).toBe('ascending')
    expect(firstColumn(w)).toEqual(['食用油', '大米', '棉被'])

    await qtyTh!.find('button').trigger('click')
    expect(qtyTh!.attributes('aria-sort')).toBe('descending')
    expect(firstColumn(w)).toEqual(['棉被', '大米', '食用油'])
    expect(w.emitted('update:sort')!.at(-1)).toEqual([{ key: 'qty', direction: 'descending' }])

    await nameTh!.find('button').trigger('click')
    expect(nameTh!.attributes('aria-sort')).toBe('ascending')
    expect(qtyTh!.attributes('aria-sort')).toBe('none')
    // the rows prop itself is never reordered
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c'])
  })

  it('shows the empty state when there are no rows', () => {
    const w = mountTable({ rows: [], emptyText: '仓库里还没有物资' })
    expect(w.find('.c-table__empty').text()).toContain('仓库里还没有物资')
    expect(w.findAll('tbody tr')).toHaveLength(0)
  })

  it('uses the empty slot when given', () => {
    const w = mountUi(CDataTable, {
      props: { columns, rows: [], caption: 'x' } as never,
      slots: { empty: '<p class="mine">去登记第一件捐赠</p>' },
    })
    expect(w.find('.mine').exists()).toBe(true)
  })

  it('shows skeleton rows and a status while the first page loads', () => {
    const w = mountTable({ rows: [], loading: true, skeletonRows: 3 })
    expect(w.findAll('tr.c-table__skeleton')).toHaveLength(3)
    expect(w.find('.c-table').attributes('aria-busy')).toBe('true')
    expect(w.find('[role="status"]').text()).toBe('正在加载数据')
    expect(w.find('.c-table__empty').exists()).toBe(false)
  })

  it('emits more with the cursor from the load-more button', async () => {
    const w = mountTable({ nextCursor: 'cur_42' })
    const button = w.find('.c-table__footer button')
    expect(button.text()).toBe('加载更多')
    await button.trigger('click')
    expect(w.emitted('more')).toEqual([['cur_42']])
  })

  it('has no load-more button on the last page', () => {
    expect(mountTable({ nextCursor: null }).find('.c-table__footer').exists()).toBe(false)
  })

  it('pages with next/prev in paging="next" mode', async () => {
    const w = mountTable({ nextCursor: 'p3', paging: 'next', hasPrev: true })
    const [prev, next] = w.findAll('.c-table__footer button')
    await next!.trigger('click')
    await prev!.trigger('click')
    expect(w.emitted('next')).toEqual([['p3']])
    expect(w.emitted('prev')).toHaveLength(1)
  })

  it('renders a cell slot for a column', () => {
    const w = mountUi(CDataTable, {
      props: { columns, rows, caption: 'x' } as never,
      slots: { 'cell-donor': '<template #cell-donor="{ row }"><b>{{ row.donor ?? "匿名" }}</b></template>' },
    })
    expect(w.findAll('tbody b').map((b) => b.text())).toEqual(['幸福社区', '匿名', '爱心企业'])
  })
})
