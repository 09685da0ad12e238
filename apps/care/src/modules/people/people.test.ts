import ExcelJS from 'exceljs'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { idNumberCheckCharacter } from '@chayi/domain'
import { useToast } from '@chayi/ui'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { ROSTER_COLUMNS } from './roster'

let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
  mock.server.events.removeAllListeners()
})

const residentId = (birth: string, seq: number) => {
  const first17 = `510104${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

/** A roster row in the template's columns (Chinese labels, as people type them). */
function sheetRow(i: number, over: Partial<Record<string, string>> = {}): Record<string, string> {
  const birth = `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`
  return {
    realName: `志愿者${i}`,
    phone: `137${String(i).padStart(8, '0')}`,
    idType: '居民身份证',
    idNumber: residentId(birth, i % 1000),
    gender: i % 2 ? '男' : '女',
    birthDate: birth,
    affiliations: '居民',
    skills: '茶艺、急救',
    availability: '周末',
    emergencyName: '家人',
    emergencyPhone: '13698765432',
    emergencyRelation: '配偶',
    ...over,
  }
}

/** An .xlsx made as staff would: the template's Chinese headers in row 1, one volunteer a row. */
async function xlsxFile(rows: Record<string, string>[]): Promise<File> {
  const book = new ExcelJS.Workbook()
  const ws = book.addWorksheet('名册')
  ws.addRow(ROSTER_COLUMNS.map((c) => c.zh))
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? ''))
  const buf = await book.xlsx.writeBuffer()
  return new File([buf], 'roster.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}

async function chooseFile(w: VueWrapper, file: File) {
  const input = w.find('input[type="file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await vi.waitFor(() => expect(w.find('.care-import-preview').exists()).toBe(true), { timeout: 10_000 })
}

const cellsOf = (w: VueWrapper, selector: string) => w.findAll(`${selector} tbody tr`).map((tr) => tr.findAll('td').map((td) => td.text()))

describe('roster import', () => {
  it('previews a sheet with 2 bad rows marked, imports it with a progress bar to 100 %, and lists the 2 with reasons', async () => {
    const rows = [sheetRow(1), sheetRow(2), sheetRow(3, { phone: '1234' }), sheetRow(4), sheetRow(5)]
    const id = rows[4]!.idNumber!
    rows[4]!.idNumber = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1') // wrong check character
    const posted: unknown[] = []
    mock.server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && request.url.endsWith('/volunteers/import')) void request.clone().json().then((b) => posted.push(b))
    })
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, '/people/import')
    await chooseFile(wrapper, await xlsxFile(rows))

    // Every required column was matched by its header.
    expect(wrapper.find('.care-import-missing').exists()).toBe(false)
    expect(wrapper.find('.care-import-summary').text()).toBe('共 5 行，其中 2 行有问题')
    const preview = cellsOf(wrapper, '.care-import-preview')
    expect(preview.map((c) => c[0])).toEqual(['2', '3', '4', '5', '6'])
    const bad = wrapper.findAll('.care-import-preview tbody tr').filter((tr) => tr.find('.care-import-mark--bad').exists())
    expect(bad.map((tr) => tr.find('td').text())).toEqual(['4', '6'])
    expect(bad[0]!.text()).toContain('手机号码不正确')
    expect(bad[1]!.text()).toContain('证件号码不正确')
    // ID numbers are masked on screen even though they are the user's own file.
    expect(wrapper.find('.care-import-preview').text()).not.toContain(rows[0]!.idNumber)

    await wrapper.find('.care-import-start').trigger('click')
    await vi.waitFor(() => expect(wrapper!.find('.care-import-result').exists()).toBe(true))
    const bar = wrapper.find('progress').element as HTMLProgressElement
    expect(Number(bar.getAttribute('value'))).toBe(5)
    expect(Number(bar.getAttribute('max'))).toBe(5)
    expect(wrapper.find('.care-import-progress__text').text()).toBe('已处理 5 / 5 行（100%）')
    expect(wrapper.find('label[for="' + bar.id + '"]').text()).toBe('已处理的行')

    expect(wrapper.find('.care-import-imported').text()).toContain('3')
    expect(wrapper.find('.care-import-failed').text()).toContain('2')
    expect(cellsOf(wrapper, '.care-import-errors')).toEqual([
      ['4', '志愿者3', '手机号码不正确'],
      ['6', '志愿者5', '证件号码不正确'],
    ])
    // The rows went as the API's rows: codes, not labels.
    expect(posted).toHaveLength(1)
    expect((posted[0] as { approve: boolean; rows: Record<string, unknown>[] }).approve).toBe(true)
    expect((posted[0] as { rows: Record<string, unknown>[] }).rows[0]).toMatchObject({ rowNumber: 2, idType: 'resident_id', gender: 'male', affiliations: [{ kind: 'resident' }], skills: ['茶艺', '急救'] })

    // And in English.
    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(cellsOf(wrapper, '.care-import-errors')[0]).toEqual(['4', '志愿者3', 'Not valid: Mobile'])
  })

  it('sends a long roster in batches of 200, each with its own key, and the server decides duplicates', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => sheetRow(100 + i))
    rows[300] = sheetRow(999, { phone: rows[10]!.phone }) // a phone twice in the file
    const batches: { size: number; key: string | null }[] = []
    mock.server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && request.url.endsWith('/volunteers/import'))
        void request
          .clone()
          .json()
          .then((b: { rows: unknown[] }) => batches.push({ size: b.rows.length, key: request.headers.get('idempotency-key') }))
    })
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/people/import')
    await chooseFile(wrapper, await xlsxFile(rows))
    expect(wrapper.find('.care-import-summary').text()).toBe('共 450 行，其中 1 行有问题')
    await wrapper.find('input[name="only-problems"]').setValue(true)
    expect(cellsOf(wrapper, '.care-import-preview').map((c) => c[0])).toEqual(['302'])

    await wrapper.find('.care-import-start').trigger('click')
    await vi.waitFor(() => expect(wrapper!.find('.care-import-result').exists()).toBe(true), { timeout: 10_000 })
    expect(batches.map((b) => b.size)).toEqual([200, 200, 50])
    expect(new Set(batches.map((b) => b.key)).size).toBe(3)
    expect(wrapper.find('.care-import-progress__text').text()).toBe('已处理 450 / 450 行（100%）')
    expect(cellsOf(wrapper, '.care-import-errors')).toEqual([['302', '志愿者999', '手机号已注册过（或在文件中重复）']])
  })
})

describe('volunteers list', () => {
  it('lists active volunteers masked, filters by status, and approves a join request', async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/people')
    const names = () => cellsOf(wrapper!, '.care-people-list').map((c) => c[1])
    expect(names()).toEqual(['王秀兰', '李建国', '陈静', '刘洋'])
    expect(wrapper.find('.care-people-list').text()).toContain('139****0101')
    expect(wrapper.find('.care-people-list').text()).not.toContain('510104196203081526')

    const requests = () => cellsOf(wrapper!, '.care-people-requests').map((c) => c[0])
    expect(requests()).toEqual(['孙浩然', '周晓燕'])
    await wrapper.find('.care-people-requests .care-approve').trigger('click')
    await flushPromises()
    expect(requests()).toEqual(['周晓燕'])
    expect(useToast().toasts.map((t) => t.message)).toContain('已通过：孙浩然（编号 XINGFU-000006）')
    expect(names()).toContain('孙浩然')

    await wrapper.find('select[name="status"]').setValue('left')
    await flushPromises()
    expect(names()).toEqual(['赵雪梅'])
  })

  it('gives care staff the import and export, without the list they may not read', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/people')
    expect(wrapper.find('.care-people-list').exists()).toBe(false)
    expect(wrapper.find('.care-people-note').exists()).toBe(true)
    expect(wrapper.find('.care-people-import').exists()).toBe(true)
    expect(wrapper.find('.care-people-export').exists()).toBe(true)
  })

  it('builds the export links from the chosen contents and period', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/people')
    const href = (sel: string) => wrapper!.find(sel).attributes('href')
    expect(href('.care-export-xlsx')).toBe('http://api.test/api/v1/volunteers/export?kind=hours&format=xlsx')
    await wrapper.find('.care-people-export input[name="from"]').setValue('2026-11-01')
    await wrapper.find('.care-people-export input[name="to"]').setValue('2026-11-30')
    expect(href('.care-export-xlsx')).toBe('http://api.test/api/v1/volunteers/export?kind=hours&format=xlsx&from=2026-11-01&to=2026-11-30')
    expect(href('.care-export-csv')).toBe('http://api.test/api/v1/volunteers/export?kind=hours&format=csv&from=2026-11-01&to=2026-11-30')
    expect(wrapper.find('.care-export-csv').attributes('download')).toBeDefined()
    await wrapper.find('input[name="export-kind"][value="roster"]').setValue(true)
    expect(href('.care-export-csv')).toBe('http://api.test/api/v1/volunteers/export?kind=roster&format=csv')
  })
})
