import ExcelJS from 'exceljs'
import { BeneficiaryKindList, GranaryCategoryList, ServiceProjectList, type Dashboard } from '@chayi/domain'

// The dashboard as an Excel workbook: one sheet per figure, headers in the asked language. Money
// is written in yuan with two decimals (the figures themselves are integer fen).

export type Lang = 'zh-CN' | 'en'

const WORDS = {
  'zh-CN': {
    hours: '服务时长',
    project: '服务项目',
    total: '合计',
    cups: '爱心茶',
    month: '月份',
    bought: '认购杯数',
    boughtYuan: '认购金额（元）',
    served: '送出杯数',
    beyond: '其中超出认购',
    granary: '茶义仓出入库',
    category: '类别',
    inUnits: '入库数量',
    inValue: '入库价值（元）',
    outUnits: '出库数量',
    outValue: '出库价值（元）',
    adjUnits: '调整数量',
    adjValue: '调整价值（元）',
    fund: '公益基金',
    income: '收入（元）',
    spending: '支出（元）',
    beneficiaries: '受助对象',
    kind: '类别',
    count: '人数',
    activeAll: '在册（去重）',
    about: '说明',
    aboutText: (d: Dashboard) => `报表期间 ${d.from} 至 ${d.to}（北京时间）；时长为已审核小时数，含冲正与更正；金额以元计。`,
  },
  en: {
    hours: 'Service hours',
    project: 'Project',
    total: 'Total',
    cups: 'Charity cups',
    month: 'Month',
    bought: 'Cups bought',
    boughtYuan: 'Bought (yuan)',
    served: 'Cups served',
    beyond: 'Of which beyond donations',
    granary: 'Granary in and out',
    category: 'Category',
    inUnits: 'Units in',
    inValue: 'Value in (yuan)',
    outUnits: 'Units out',
    outValue: 'Value out (yuan)',
    adjUnits: 'Units adjusted',
    adjValue: 'Value adjusted (yuan)',
    fund: 'Welfare fund',
    income: 'Income (yuan)',
    spending: 'Spending (yuan)',
    beneficiaries: 'Beneficiaries',
    kind: 'Kind',
    count: 'People',
    activeAll: 'Active (each person once)',
    about: 'About',
    aboutText: (d: Dashboard) => `Period ${d.from} to ${d.to} (China time); approved hours including reversals and corrections; money in yuan.`,
  },
} as const

/** Sheet titles per language, in workbook order (tests and the console rely on these). */
export const SHEET_TITLES: Record<Lang, string[]> = {
  'zh-CN': [WORDS['zh-CN'].hours, WORDS['zh-CN'].cups, WORDS['zh-CN'].granary, WORDS['zh-CN'].fund, WORDS['zh-CN'].beneficiaries],
  en: [WORDS.en.hours, WORDS.en.cups, WORDS.en.granary, WORDS.en.fund, WORDS.en.beneficiaries],
}

export const yuan = (fen: number) => fen / 100
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10

export function sheet(book: ExcelJS.Workbook, title: string, headers: string[], rows: (string | number)[][], money: number[] = []) {
  const ws = book.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.addRow(headers)
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow(r)
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1)
    col.width = Math.max(10, [...h].length * 2 + 2)
    if (money.includes(i)) col.numFmt = '0.00'
  })
  return ws
}

export async function dashboardXlsx(d: Dashboard, lang: Lang): Promise<Buffer> {
  const w = WORDS[lang]
  const book = new ExcelJS.Workbook()
  book.creator = '茶义 Chayi'

  const projects = ServiceProjectList.codes.filter((p) => d.hours.byProject.some((x) => x.project === p))
  const minutesOf = (p: string, m: string) => d.hours.cells.find((c) => c.project === p && c.month === m)?.minutes ?? 0
  sheet(
    book,
    w.hours,
    [w.project, ...d.months, w.total],
    [
      ...projects.map((p) => [ServiceProjectList.label(p, lang), ...d.months.map((m) => hours(minutesOf(p, m))), hours(d.hours.byProject.find((x) => x.project === p)!.minutes)]),
      [w.total, ...d.hours.byMonth.map((m) => hours(m.minutes)), hours(d.hours.totalMinutes)],
    ],
  )
  sheet(
    book,
    w.cups,
    [w.month, w.bought, w.served, w.beyond],
    [...d.cups.byMonth.map((m) => [m.month, m.bought, m.served, m.servedBeyond]), [w.total, d.cups.bought, d.cups.served, d.cups.servedBeyond]],
  )
  sheet(
    book,
    w.granary,
    [w.category, w.inUnits, w.inValue, w.outUnits, w.outValue, w.adjUnits, w.adjValue],
    [
      ...d.granary.byCategory.map((r) => [GranaryCategoryList.label(r.category, lang), r.inUnits, yuan(r.inValueFen), r.outUnits, yuan(r.outValueFen), r.adjustedUnits, yuan(r.adjustedValueFen)]),
      [w.total, d.granary.inUnits, yuan(d.granary.inValueFen), d.granary.outUnits, yuan(d.granary.outValueFen), '', ''],
    ],
    [2, 4, 6],
  )
  sheet(
    book,
    w.fund,
    [w.month, w.income, w.spending],
    [...d.fund.byMonth.map((m) => [m.month, yuan(m.incomeFen), yuan(m.spendingFen)]), [w.total, yuan(d.fund.incomeFen), yuan(d.fund.spendingFen)]],
    [1, 2],
  )
  sheet(book, w.beneficiaries, [w.kind, w.count], [...d.beneficiaries.byKind.map((k) => [BeneficiaryKindList.label(k.kind, lang), k.count]), [w.activeAll, d.beneficiaries.active]])
  const about = book.addWorksheet(w.about)
  about.addRow([w.aboutText(d)])
  about.getColumn(1).width = 90
  return Buffer.from(await book.xlsx.writeBuffer())
}
