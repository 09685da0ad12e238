// The mock aid world's starting data for the care console (dev mode and tests): a fictional county,
// three villages, a dozen households with heads named in Tibetan script, lines for five years,
// needs with pledges and deliveries by the care console's own mock partners, exits at each stage
// and monitoring cases. Plain data built from the mock state, no msw.
import type { AidDelivery, AidExit, AidExitCandidate, AidHouseholdStatus, AidHouseholdType, AidLine, AidMonitoringCase, AidNeedKind, AidPlace, AidPledge, AidSettings, PovertyCause } from '@chayi/domain'
import type { MockState } from '@chayi/testing/msw'
import { partnersOf } from '../partners/mocks'

export const aidId = (n: number) => `01930000-0000-7000-8c1d-${n.toString(16).padStart(12, '0')}`

/** A tiny PNG (one pale pixel) as a delivery photo. */
export const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=='

export interface HouseholdRec {
  id: string
  code: string
  placeId: string
  placePath: string[]
  householdType: AidHouseholdType
  yearIdentified: number
  mainCause: PovertyCause
  secondaryCauses: PovertyCause[]
  status: AidHouseholdStatus
  headName: string
  memberCount: number
  partnerId: string | null
  pairedSince: string
  /** Per-capita net by year, fen. */
  perCapita: Record<number, number>
}

export interface NeedRec {
  id: string
  householdId: string
  kind: AidNeedKind
  description: string
  estimatedFen: number | null
  withdrawnReason: string | null
  createdAt: string
  createdBy: string
  updatedAt: string
}

export interface AidWorld {
  seq: number
  places: AidPlace[]
  households: HouseholdRec[]
  lines: AidLine[]
  /** Exit settings a leader saved (the defaults until then). */
  settings?: AidSettings
  needs: NeedRec[]
  pledges: AidPledge[]
  deliveries: AidDelivery[]
  candidates: AidExitCandidate[]
  exits: AidExit[]
  cases: AidMonitoringCase[]
  links: { id: string; partnerId: string; token: string; createdAt: string; revokedAt: string | null }[]
}

const DAY = 86_400_000
export const chinaDay = (instant: Date | string) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10)

export const LINES: Record<number, [number, number]> = {
  2022: [480_000, 660_000],
  2023: [510_000, 690_000],
  2024: [540_000, 720_000],
  2025: [570_000, 750_000],
  2026: [600_000, 780_000],
}

const HEADS: [string, PovertyCause, AidHouseholdStatus, AidHouseholdType, number][] = [
  ['བཀྲ་ཤིས་ཚེ་རིང་ (扎西次仁)', 'illness', 'assisted', 'dibao', 3],
  ['ཚེ་རིང་དབང་མོ་ (次仁旺姆)', 'disability', 'assisted', 'tekun', 2],
  ['ལྷ་པ་ (拉巴)', 'lack_of_funds', 'exit_proposed', 'general', 4],
  ['སྐལ་བཟང་ (格桑)', 'disaster', 'identified', 'general', 1],
  ['ཉི་མ་ (尼玛)', 'lack_of_labour', 'monitored', 'tekun', 1],
  ['བསོད་ནམས་དོན་གྲུབ་ (索朗顿珠)', 'education', 'assisted', 'general', 5],
  ['པདྨ་སྒྲོལ་མ་ (白玛卓玛)', 'lack_of_skills', 'exit_proposed', 'dibao', 3],
  ['དབང་ཕྱུག་ (旺久)', 'poor_transport', 'assisted', 'general', 4],
  ['ཡང་ཅན་ (央金)', 'illness', 'exited', 'dibao', 2],
  ['ནོར་བུ་ (诺布)', 'lack_of_land', 'assisted', 'general', 6],
  ['རྡོ་རྗེ་ (多吉)', 'lack_of_skills', 'assisted', 'general', 3],
  ['སྒྲོལ་དཀར་ (卓嘎)', 'lack_of_water', 'monitored', 'dibao', 2],
]

export function seedAid(state: MockState): AidWorld {
  const now = state.now().getTime()
  const ago = (days: number) => new Date(now - days * DAY).toISOString()
  const today = chinaDay(state.now())
  const worker = '扎西'
  const t0 = '2022-03-01T02:00:00.000Z'
  const partners = partnersOf(state).partners
  const [tea, shop, craft, chen] = [partners[0]!, partners[1]!, partners[2]!, partners[3]!]

  const places: AidPlace[] = [
    { id: aidId(1), level: 'county', parentId: null, name: '示例县', nameBo: 'དཔེ་མཚོན་རྫོང་', path: ['示例县'], createdAt: t0 },
    { id: aidId(2), level: 'township', parentId: aidId(1), name: '卓玛乡', nameBo: 'སྒྲོལ་མ་ཤང་', path: ['示例县', '卓玛乡'], createdAt: t0 },
    { id: aidId(3), level: 'village', parentId: aidId(2), name: '达瓦村', nameBo: 'ཟླ་བ་གྲོང་', path: ['示例县', '卓玛乡', '达瓦村'], createdAt: t0 },
    { id: aidId(4), level: 'village', parentId: aidId(2), name: '次仁村', nameBo: 'ཚེ་རིང་གྲོང་', path: ['示例县', '卓玛乡', '次仁村'], createdAt: t0 },
    { id: aidId(5), level: 'village', parentId: aidId(2), name: '格桑村', nameBo: 'སྐལ་བཟང་གྲོང་', path: ['示例县', '卓玛乡', '格桑村'], createdAt: t0 },
  ]
  const villages = places.slice(2)
  const pairs = [tea, shop, craft, tea, chen, shop]

  const households: HouseholdRec[] = HEADS.map(([headName, mainCause, status, householdType, memberCount], i) => {
    const village = villages[i % villages.length]!
    const base = 420_000 + i * 37_000
    const perCapita: Record<number, number> = {}
    for (const y of [2022, 2023, 2024, 2025]) perCapita[y] = base + (y - 2022) * (90_000 + (i % 4) * 25_000)
    return {
      id: aidId(100 + i),
      code: `HH-${String(i + 1).padStart(4, '0')}`,
      placeId: village.id,
      placePath: village.path,
      householdType,
      yearIdentified: 2022 + (i % 3),
      mainCause,
      secondaryCauses: i % 3 === 0 ? ['lack_of_skills'] : [],
      status,
      headName,
      memberCount,
      partnerId: status === 'identified' ? null : pairs[i % pairs.length]!.id,
      pairedSince: ago(400 - i * 10),
      perCapita,
    }
  })

  const lines: AidLine[] = Object.entries(LINES).map(([y, [dibaoFen, monitoringFen]], i) => ({
    id: aidId(200 + i),
    year: Number(y),
    placeId: null,
    placePath: [],
    dibaoFen,
    monitoringFen,
    createdAt: `${Number(y) - 1}-12-20T02:00:00.000Z`,
  }))
  lines.push({ id: aidId(210), year: 2025, placeId: aidId(5), placePath: villages[2]!.path, dibaoFen: 590_000, monitoringFen: 770_000, createdAt: '2024-12-22T02:00:00.000Z' })

  const w: AidWorld = { seq: 1000, places, households, lines, needs: [], pledges: [], deliveries: [], candidates: [], exits: [], cases: [], links: [] }
  const h = (i: number) => households[i]!

  const need = (n: number, hh: HouseholdRec, kind: AidNeedKind, description: string, estimatedFen: number | null, days: number): NeedRec => {
    const rec: NeedRec = { id: aidId(300 + n), householdId: hh.id, kind, description, estimatedFen, withdrawnReason: null, createdAt: ago(days), createdBy: worker, updatedAt: ago(days) }
    w.needs.push(rec)
    return rec
  }
  const pledge = (n: number, nd: NeedRec, partner: { id: string; name: string }, what: string, amountFen: number | null, days: number): AidPledge => {
    const p: AidPledge = { id: aidId(400 + n), needId: nd.id, partnerId: partner.id, partnerName: partner.name, what, amountFen, createdAt: ago(days), createdBy: '李建国' }
    w.pledges.push(p)
    return p
  }
  const n1 = need(1, h(0), 'school_aid', '小儿子 བསོད་ནམས་ 上初中的学费和住宿费', 300_000, 60)
  const n2 = need(2, h(1), 'medical', '户主腿部残疾，需要一副新的假肢', 800_000, 45)
  const n3 = need(3, h(5), 'jobs', '长子希望到县城茶叶包装厂务工', null, 30)
  const n4 = need(4, h(7), 'daily_necessities', '冬季取暖用煤和棉被', 150_000, 20)
  const n5 = need(5, h(9), 'industry', '牦牛养殖：购买两头能繁母牦牛', 1_200_000, 12)
  need(6, h(10), 'training', '唐卡绘画或竹编手艺培训', 200_000, 6)
  need(7, h(3), 'housing', '灾后房屋加固', 2_000_000, 3)
  const n8 = need(8, h(11), 'daily_necessities', '饮用水过滤器', 60_000, 90)
  n8.withdrawnReason = '村里已经通了自来水'

  const p1 = pledge(1, n1, tea, '资助 2026 学年学费和住宿费', 300_000, 50)
  pledge(2, n2, chen, '承担假肢费用的一半', 400_000, 40)
  const p3 = pledge(3, n3, tea, '茶叶包装岗位一个，月薪 3,200 元', null, 25)
  pledge(4, n5, shop, '先资助一头母牦牛', 600_000, 8)
  const p5 = pledge(5, n4, shop, '取暖煤 2 吨、棉被 4 床', 150_000, 15)

  const delivery = (n: number, nd: NeedRec, p: AidPledge, what: string, valueFen: number, days: number, extra: Partial<AidDelivery> = {}): AidDelivery => {
    const hh = households.find((x) => x.id === nd.householdId)!
    const d: AidDelivery = {
      id: aidId(500 + n),
      needId: nd.id,
      needKind: nd.kind,
      householdId: hh.id,
      pledgeId: p.id,
      partnerId: p.partnerId,
      partnerName: p.partnerName,
      what,
      valueFen,
      deliveredOn: chinaDay(ago(days)),
      photoCount: 2,
      hasPhotos: true,
      confirmedBy: hh.headName,
      confirmMethod: 'signature',
      hasSignature: true,
      granaryDistributionId: null,
      fundExpenseId: null,
      incomeCredit: null,
      note: null,
      reversal: null,
      createdAt: ago(days),
      createdBy: worker,
      photos: [PHOTO, PHOTO],
      signature: PHOTO,
      ...extra,
    }
    w.deliveries.push(d)
    return d
  }
  delivery(1, n1, p1, '2026 学年学费 2,400 元、住宿费 600 元', 300_000, 40, { fundExpenseId: aidId(901), note: '学校开具了收据' })
  delivery(2, n3, p3, '入职茶叶包装厂，首月工资', 320_000, 10, {
    confirmMethod: 'thumbprint',
    confirmedBy: 'བསོད་ནམས་དོན་གྲུབ་',
    incomeCredit: { component: 'wagesFen', amountFen: 320_000, incomeId: aidId(902) },
  })
  delivery(3, n4, p5, '取暖煤 2 吨', 100_000, 9, {
    confirmMethod: 'verbal',
    hasSignature: false,
    signature: null,
    photoCount: 1,
    photos: [PHOTO],
    reversal: { id: aidId(903), reason: '录入重复，同一批煤已在另一条记录中', incomeId: null, at: ago(8), by: '李建国' },
  })

  // Exit: two candidates the rule would propose, one proposal awaiting approval, one notice running
  // and one whose notice has ended (a leader may confirm), and one confirmed last year.
  for (const i of [7, 9]) {
    const hh = h(i)
    w.candidates.push({ householdId: hh.id, code: hh.code, placePath: hh.placePath, householdType: hh.householdType, memberCount: hh.memberCount, assignedWorkerId: null, stableSince: addDays(today, -220 - i), perCapitaFen: hh.perCapita[2025]!, monitoringFen: LINES[2025]![1] })
  }
  const exit = (n: number, hh: HouseholdRec, over: Partial<AidExit>): AidExit => {
    const e: AidExit = {
      id: aidId(600 + n),
      householdId: hh.id,
      householdCode: hh.code,
      householdStatus: hh.status,
      state: 'proposed',
      proposedAt: ago(12),
      proposedBy: worker,
      proposalReason: '连续两年人均纯收入高于监测线，两不愁三保障全部达标',
      year: 2025,
      perCapitaFen: hh.perCapita[2025] ?? null,
      monitoringFen: LINES[2025]![1],
      approvedAt: null,
      approvedBy: null,
      approvalReason: null,
      noticeStartsOn: null,
      noticeEndsOn: null,
      withdrawnAt: null,
      objectionNote: null,
      confirmedAt: null,
      monitoringUntil: null,
      ...over,
    }
    w.exits.push(e)
    return e
  }
  exit(1, h(2), {})
  exit(2, h(6), { state: 'notice', approvedAt: ago(2), approvedBy: '李建国', approvalReason: '材料齐全，同意公示', noticeStartsOn: addDays(today, -2), noticeEndsOn: addDays(today, 3) })
  // The one whose notice ended: a household with 5 people, proposed a month ago.
  const ended = h(5)
  ended.status = 'exit_proposed'
  exit(3, ended, { state: 'notice', proposedAt: ago(30), approvedAt: ago(8), approvedBy: '李建国', approvalReason: '同意公示', noticeStartsOn: addDays(today, -8), noticeEndsOn: addDays(today, -3) })
  exit(4, h(8), { state: 'confirmed', proposedAt: ago(300), approvedAt: ago(290), approvedBy: '李建国', approvalReason: '同意', noticeStartsOn: addDays(today, -290), noticeEndsOn: addDays(today, -285), confirmedAt: ago(284), monitoringUntil: addDays(today, 80) })

  const kase = (n: number, hh: HouseholdRec, daysAgo: number, triggers: string[], over: Partial<AidMonitoringCase> = {}): AidMonitoringCase => {
    const openedOn = addDays(today, -daysAgo)
    const c: AidMonitoringCase = {
      id: aidId(700 + n),
      householdId: hh.id,
      householdCode: hh.code,
      householdStatus: hh.status,
      assignedWorkerId: null,
      triggers,
      visitId: aidId(800 + n),
      openedAt: `${openedOn}T03:00:00.000Z`,
      openedBy: worker,
      openedByName: null,
      homeCheckDue: addDays(openedOn, 2),
      decisionDue: addDays(openedOn, 15),
      homeCheckAt: null,
      homeCheckNote: null,
      homeCheckFindings: null,
      decidedAt: null,
      decision: null,
      decisionNote: null,
      homeCheckOverdue: false,
      decisionOverdue: false,
      overdue: false,
      ...over,
    }
    c.homeCheckOverdue = c.decidedAt === null && c.homeCheckAt === null && today > c.homeCheckDue
    c.decisionOverdue = c.decidedAt === null && today > c.decisionDue
    c.overdue = c.homeCheckOverdue || c.decisionOverdue
    w.cases.push(c)
    return c
  }
  kase(1, h(4), 20, ['hardship:serious_illness'], { homeCheckAt: ago(19), homeCheckNote: '户主住院，医保报销后自付约 1.2 万元' })
  kase(2, h(11), 1, ['income_below_line'])
  kase(3, h(8), 6, ['income_below_line', 'hardship:disaster'])
  kase(4, h(4), 200, ['income_below_line'], { homeCheckAt: ago(199), homeCheckNote: '收入下降是因季节性停工', decidedAt: ago(190), decision: 'monitor', decisionNote: '继续监测半年' })

  w.links.push({ id: aidId(750), partnerId: tea.id, token: 'demo-partner-view-token-0000000000000001', createdAt: ago(30), revokedAt: null })
  w.links.push({ id: aidId(751), partnerId: craft.id, token: 'demo-partner-view-token-0000000000000002', createdAt: ago(90), revokedAt: ago(60) })
  return w
}
