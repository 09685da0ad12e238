import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Database } from '@chayi/db'
import {
  AidHouseholdStatusList,
  AidHouseholdTypeList,
  AidMeasureStatusList,
  IncomeBandList,
  incomeBand,
  incomeTrend,
  PovertyCauseList,
  type AidDashboard,
  type AidIncomeYear,
  type IncomeBand,
} from '@chayi/domain'
import { sheet, yuan, type Lang } from '../reports/export.js'
import { teamIncomeYears, teamWideLines } from './lines.js'
import { standingDeliveries } from './partner-view.js'
import { loadPlaces, placePath } from './places.js'

// The aid dashboard and its Excel workbook (issue 7 §10): households by status and cause, the
// income trend against the line, measures, deliveries and what each partner brought. Figures are
// computed when asked from the append-only records; nothing here names a person.

type Db = Kysely<Database>

const bandOf = (y: AidIncomeYear | undefined): IncomeBand =>
  incomeBand(y?.perCapitaFen ?? null, y && y.dibaoFen !== null && y.monitoringFen !== null ? { dibaoFen: y.dibaoFen, monitoringFen: y.monitoringFen } : null)

/** A household's year (the asked one, or its latest with figures). */
const yearOf = (ys: AidIncomeYear[] | undefined, year: number | undefined) => (year === undefined ? ys?.at(-1) : ys?.find((y) => y.year === year))

async function households(db: Db, teamId: string) {
  return db.selectFrom('aidHouseholds').select(['id', 'code', 'placeId', 'householdType', 'yearIdentified', 'mainCause', 'secondaryCauses', 'status']).where('teamId', '=', teamId).orderBy('code').execute()
}

/** Partners with a current pairing or a delivery, with what they brought (in `year` when asked). */
async function partnerContributions(db: Db, teamId: string, deliveries: Awaited<ReturnType<typeof standingDeliveries>>) {
  const [partners, paired] = await Promise.all([
    db.selectFrom('partners').select(['id', 'name']).where('teamId', '=', teamId).execute(),
    db
      .selectFrom('aidPairings')
      .select((eb) => ['partnerId', eb.fn.countAll<number | string>().as('n')])
      .where('teamId', '=', teamId)
      .where('endedAt', 'is', null)
      .groupBy('partnerId')
      .execute(),
  ])
  const pairedOf = new Map(paired.map((p) => [p.partnerId, Number(p.n)]))
  return partners
    .map((p) => {
      const mine = deliveries.filter((d) => d.partnerId === p.id && !d.reversed)
      return { partnerId: p.id, partnerName: p.name, households: pairedOf.get(p.id) ?? 0, deliveries: mine.length, deliveredFen: mine.reduce((s, d) => s + d.valueFen, 0) }
    })
    .filter((p) => p.households > 0 || p.deliveries > 0)
    .sort((a, b) => b.deliveredFen - a.deliveredFen || b.households - a.households || a.partnerName.localeCompare(b.partnerName, 'zh-CN'))
}

export async function aidDashboard(db: Db, teamId: string, year?: number): Promise<AidDashboard> {
  const [hs, years, lines, measures, deliveries] = await Promise.all([
    households(db, teamId),
    teamIncomeYears(db, teamId),
    teamWideLines(db, teamId),
    db
      .selectFrom('aidMeasures')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string | null>('amountFen').as('fen')])
      .where('teamId', '=', teamId)
      .groupBy('status')
      .execute(),
    standingDeliveries(db, teamId, year === undefined ? {} : { year }),
  ])
  const count = <T>(xs: T[], p: (x: T) => boolean) => xs.filter(p).length
  const bands = hs.map((h) => bandOf(yearOf(years.get(h.id), year)))
  const standing = deliveries.filter((d) => !d.reversed)
  return {
    year: year ?? null,
    households: hs.length,
    byStatus: AidHouseholdStatusList.codes.map((status) => ({ status, count: count(hs, (h) => h.status === status) })),
    byCause: PovertyCauseList.codes.map((cause) => ({ cause, count: count(hs, (h) => h.mainCause === cause) })),
    incomeTrend: incomeTrend([...years.values()], lines),
    bands: IncomeBandList.codes.map((band) => ({ band, count: count(bands, (b) => b === band) })),
    measures: AidMeasureStatusList.codes.map((status) => {
      const m = measures.find((r) => r.status === status)
      return { status, count: Number(m?.n ?? 0), amountFen: Number(m?.fen ?? 0) }
    }),
    deliveries: { count: standing.length, valueFen: standing.reduce((s, d) => s + d.valueFen, 0), reversed: deliveries.length - standing.length },
    partners: await partnerContributions(db, teamId, deliveries),
  }
}

const WORDS = {
  'zh-CN': {
    households: '帮扶户',
    incomes: '分户年度收入',
    trend: '收入趋势',
    deliveries: '帮扶物资与资金',
    partners: '结对单位贡献',
    about: '说明',
    code: '户编号',
    place: '所在地',
    type: '户类型',
    mainCause: '主要致贫原因',
    otherCauses: '其他致贫原因',
    status: '状态',
    members: '家庭人口',
    identified: '识别年度',
    partner: '结对单位',
    year: '年度',
    net: '家庭纯收入（元）',
    perCapita: '人均纯收入（元）',
    credited: '其中帮扶计入（元）',
    dibao: '低保标准（元/人·年）',
    monitoring: '监测线（元/人·年）',
    band: '档位',
    counted: '有数据户数',
    median: '人均纯收入中位数（元）',
    mean: '人均纯收入平均数（元）',
    belowLine: '低于监测线户数',
    belowDibao: '低于低保标准户数',
    date: '日期',
    what: '内容',
    value: '价值（元）',
    reversed: '已冲正',
    yes: '是',
    no: '否',
    pairedNow: '当前结对户数',
    deliveryCount: '交付次数',
    deliveredValue: '交付价值（元）',
    aboutText: '户以编号表示，不含姓名、证件号、电话、银行账户与健康信息；金额以元计；年度收入为当年最新核算加帮扶计入，冲正已扣除。',
  },
  en: {
    households: 'Households',
    incomes: 'Income by household and year',
    trend: 'Income trend',
    deliveries: 'Deliveries',
    partners: 'Partner contributions',
    about: 'About',
    code: 'Code',
    place: 'Place',
    type: 'Type',
    mainCause: 'Main cause',
    otherCauses: 'Other causes',
    status: 'Status',
    members: 'Members',
    identified: 'Year identified',
    partner: 'Partner',
    year: 'Year',
    net: 'Net income (yuan)',
    perCapita: 'Per-capita net (yuan)',
    credited: 'Of which credited by partners (yuan)',
    dibao: 'Dibao standard (yuan/person/year)',
    monitoring: 'Monitoring line (yuan/person/year)',
    band: 'Band',
    counted: 'Households with figures',
    median: 'Median per-capita net (yuan)',
    mean: 'Mean per-capita net (yuan)',
    belowLine: 'Below the monitoring line',
    belowDibao: 'Below the dibao standard',
    date: 'Date',
    what: 'What',
    value: 'Value (yuan)',
    reversed: 'Reversed',
    yes: 'yes',
    no: 'no',
    pairedNow: 'Households paired now',
    deliveryCount: 'Deliveries',
    deliveredValue: 'Value delivered (yuan)',
    aboutText: 'Households appear by code only: no names, ID numbers, phones, bank accounts or health data. Money in yuan. A year is its latest figures plus partner credits, reversals deducted.',
  },
} as const

/** Sheet titles per language, in workbook order (tests and the tracker rely on these). */
export const AID_SHEET_TITLES: Record<Lang, string[]> = {
  'zh-CN': (['households', 'incomes', 'trend', 'deliveries', 'partners', 'about'] as const).map((k) => WORDS['zh-CN'][k]),
  en: (['households', 'incomes', 'trend', 'deliveries', 'partners', 'about'] as const).map((k) => WORDS.en[k]),
}

const orBlank = (fen: number | null) => (fen === null ? '' : yuan(fen))

/** The dashboard's records as a workbook, every household by code, headers in `lang`. */
export async function aidXlsx(db: Db, teamId: string, lang: Lang): Promise<Buffer> {
  const w = WORDS[lang]
  const [hs, years, lines, deliveries, places, members, pairings] = await Promise.all([
    households(db, teamId),
    teamIncomeYears(db, teamId),
    teamWideLines(db, teamId),
    standingDeliveries(db, teamId),
    loadPlaces(db, teamId),
    db.selectFrom('aidMembers').select((eb) => ['householdId', eb.fn.countAll<number | string>().as('n')]).where('teamId', '=', teamId).groupBy('householdId').execute(),
    db
      .selectFrom('aidPairings')
      .innerJoin('partners', 'partners.id', 'aidPairings.partnerId')
      .select(['aidPairings.householdId', 'partners.name'])
      .where('aidPairings.teamId', '=', teamId)
      .where('aidPairings.endedAt', 'is', null)
      .execute(),
  ])
  const memberCount = new Map(members.map((m) => [m.householdId, Number(m.n)]))
  const partnerOf = new Map(pairings.map((p) => [p.householdId, p.name]))
  const codeOf = new Map(hs.map((h) => [h.id, h.code]))
  const label = <C extends string>(list: { label(c: C, l: Lang): string; has(v: unknown): v is C }, c: string) => (list.has(c) ? list.label(c, lang) : c)
  const partnerNames = new Map((await db.selectFrom('partners').select(['id', 'name']).where('teamId', '=', teamId).execute()).map((p) => [p.id, p.name]))

  const book = new ExcelJS.Workbook()
  book.creator = '茶义 Chayi'
  sheet(
    book,
    w.households,
    [w.code, w.place, w.type, w.mainCause, w.otherCauses, w.status, w.members, w.identified, w.partner, w.band],
    hs.map((h) => [
      h.code,
      placePath(places, h.placeId).join(' / '),
      label(AidHouseholdTypeList, h.householdType),
      label(PovertyCauseList, h.mainCause),
      (JSON.parse(h.secondaryCauses) as string[]).map((c) => label(PovertyCauseList, c)).join('、'),
      label(AidHouseholdStatusList, h.status),
      memberCount.get(h.id) ?? 0,
      h.yearIdentified,
      partnerOf.get(h.id) ?? '',
      IncomeBandList.label(bandOf(years.get(h.id)?.at(-1)), lang),
    ]),
  )
  sheet(
    book,
    w.incomes,
    [w.code, w.year, w.members, w.net, w.perCapita, w.credited, w.dibao, w.monitoring, w.band],
    hs.flatMap((h) => (years.get(h.id) ?? []).map((y) => [h.code, y.year, y.memberCount, yuan(y.netFen), yuan(y.perCapitaFen), yuan(y.creditedFen), orBlank(y.dibaoFen), orBlank(y.monitoringFen), IncomeBandList.label(bandOf(y), lang)])),
    [3, 4, 5, 6, 7],
  )
  sheet(
    book,
    w.trend,
    [w.year, w.counted, w.median, w.mean, w.belowLine, w.belowDibao, w.dibao, w.monitoring],
    incomeTrend([...years.values()], lines).map((p) => [p.year, p.households, orBlank(p.medianPerCapitaFen), orBlank(p.meanPerCapitaFen), p.belowLine, p.belowDibao, orBlank(p.dibaoFen), orBlank(p.monitoringFen)]),
    [2, 3, 6, 7],
  )
  sheet(
    book,
    w.deliveries,
    [w.date, w.code, w.partner, w.what, w.value, w.reversed],
    deliveries.map((d) => [d.deliveredOn, codeOf.get(d.householdId) ?? '', partnerNames.get(d.partnerId) ?? '', d.what, yuan(d.valueFen), d.reversed ? w.yes : w.no]),
    [4],
  )
  sheet(
    book,
    w.partners,
    [w.partner, w.pairedNow, w.deliveryCount, w.deliveredValue],
    (await partnerContributions(db, teamId, deliveries)).map((p) => [p.partnerName, p.households, p.deliveries, yuan(p.deliveredFen)]),
    [3],
  )
  const about = book.addWorksheet(w.about)
  about.addRow([w.aboutText])
  about.getColumn(1).width = 90
  return Buffer.from(await book.xlsx.writeBuffer())
}
