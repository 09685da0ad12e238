import { addIntention, createPartner, decideExpense, linkGranaryDonor, recordIncome, requestExpense, transact, type Deps } from '@chayi/api'
import type { AidIntentionInput, PartnerInput } from '@chayi/domain'

// The welfare fund (公益基金), founded with 600,000 yuan, a year of gifts and spending (each expense
// requested by the care centre and approved by the leader: two people), and the caring enterprises
// and people (爱心企业/爱心人士) with what they mean to give — the granary's enterprise donors among them.

const DAY = 24 * 3600_000

const PARTNERS: (PartnerInput & { intentions: AidIntentionInput[] })[] = [
  { name: '成都蜀茶文化有限公司', kind: 'enterprise', contactName: '王经理', contactPhone: '13800001001', industry: '茶叶', intentions: [{ kind: 'goods', description: '每季度捐赠茶叶礼盒，供茶义仓和敬老活动使用', amountFen: 1_000_000, quantity: 50 }, { kind: 'purchases', description: '采购藏区帮扶户的牦牛肉干和青稞制品', amountFen: 3_000_000 }] },
  { name: '锦江区某银行三圣支行', kind: 'enterprise', contactName: '李行长', contactPhone: '13800001002', industry: '金融', intentions: [{ kind: 'money', description: '每年资助公益基金', amountFen: 5_000_000 }] },
  { name: '川西建工集团', kind: 'enterprise', contactName: '张主任', contactPhone: '13800001003', industry: '建筑', intentions: [{ kind: 'jobs', description: '为帮扶户劳动力提供建筑工地岗位', quantity: 10 }, { kind: 'skills_training', description: '电焊、砌筑技能培训', quantity: 20 }] },
  { name: '蓉城物流公司', kind: 'enterprise', contactName: '赵总', contactPhone: '13800001004', industry: '物流', intentions: [{ kind: 'goods', description: '免费运送藏区帮扶物资', quantity: 12 }] },
  { name: '幸福里餐饮管理公司', kind: 'enterprise', contactName: '陈店长', contactPhone: '13800001005', industry: '餐饮', intentions: [{ kind: 'jobs', description: '后厨帮工岗位', quantity: 4 }, { kind: 'goods', description: '重阳节老人午餐', amountFen: 800_000 }] },
  { name: '成都某医院', kind: 'organisation', contactName: '社工部', contactPhone: '13800001006', industry: '医疗', intentions: [{ kind: 'skills_training', description: '社区急救培训', quantity: 60 }] },
  { name: '三圣花乡农家乐协会', kind: 'organisation', contactName: '刘会长', contactPhone: '13800001007', industry: '旅游', intentions: [{ kind: 'purchases', description: '采购藏区农副产品用于游客伴手礼', amountFen: 2_000_000 }] },
  { name: '天府电子科技公司', kind: 'enterprise', contactName: '周工', contactPhone: '13800001008', industry: '信息技术', intentions: [{ kind: 'skills_training', description: '老年人智能手机课', quantity: 40 }] },
  { name: '锦城律师事务所', kind: 'organisation', contactName: '吴律师', contactPhone: '13800001009', industry: '法律', intentions: [{ kind: 'skills_training', description: '每月一次免费法律咨询', quantity: 12 }] },
  { name: '刘建华', kind: 'individual', contactPhone: '13700000001', intentions: [{ kind: 'money', description: '每月资助一位困难老人', amountFen: 120_000 }] },
  { name: '周美玲', kind: 'individual', contactPhone: '13700000002', intentions: [{ kind: 'goods', description: '冬季衣物', quantity: 30 }] },
  { name: '何志远', kind: 'individual', contactPhone: '13700000003', intentions: [{ kind: 'money', description: '助学金', amountFen: 500_000 }] },
  { name: '林秀珍', kind: 'individual', contactPhone: '13700000004', intentions: [{ kind: 'skills_training', description: '剪纸、编织手工课', quantity: 8 }] },
  { name: '马国庆', kind: 'individual', contactPhone: '13700000005', intentions: [{ kind: 'money', description: '义仓茶认捐', amountFen: 60_000 }] },
  { name: '郭晓燕', kind: 'individual', contactPhone: '13700000006', intentions: [{ kind: 'goods', description: '书包文具', quantity: 20 }] },
  { name: '罗文斌', kind: 'individual', contactPhone: '13700000007', intentions: [{ kind: 'purchases', description: '采购藏区虫草花和菌菇', amountFen: 300_000 }] },
]

const EXPENSES: [purpose: string, payee: string, yuan: number, daysAgo: number][] = [
  ['重阳节慰问品（粮油、牛奶）', '幸福社区超市', 12_800, 50],
  ['冬季送温暖：电热毯和棉衣补充', '锦江区某商贸公司', 18_600, 20],
  ['情系藏区：物资运输与打包耗材', '蓉城物流公司', 6_400, 95],
  ['残疾人康复辅具（助行器）', '成都某康复器械店', 9_800, 140],
  ['空巢老人入户探访交通补贴', '志愿者交通补贴（汇总）', 3_200, 30],
  ['社区友邻学院课程材料', '三圣文具店', 1_850, 75],
]

export async function seedDemoFund(deps: Deps, teamId: string): Promise<{ partners: number; incomeFen: number; spentFen: number }> {
  const now = deps.clock.now()
  const users = await deps.db.selectFrom('users').select(['id', 'username']).where('teamId', '=', teamId).where('username', 'in', ['care', 'leader', 'admin']).execute()
  const as = (username: string) => ({ teamId, actor: `user:${users.find((u) => u.username === username)!.id}` })
  const at = (daysAgo: number) => ({ ...deps, clock: { now: () => new Date(now.getTime() - daysAgo * DAY) } })
  const out = { partners: 0, incomeFen: 0, spentFen: 0 }

  const partnerIds = new Map<string, string>()
  await transact(at(330), as('care'), async (w) => {
    for (const { intentions, ...p } of PARTNERS) {
      const partner = await createPartner(w, deps.cipher, p)
      partnerIds.set(p.name, partner.id)
      for (const i of intentions) await addIntention(w, partner.id, i)
      out.partners++
    }
    return { status: 201, body: null }
  })
  // The granary's donors who are partners: their goods count in what they gave.
  const donors = await deps.db.selectFrom('granaryDonors').select(['id', 'name']).where('teamId', '=', teamId).execute()
  await transact(deps, as('care'), async (w) => {
    for (const d of donors) {
      const partnerId = d.name ? partnerIds.get(d.name) : undefined
      if (partnerId) await linkGranaryDonor(w, deps.cipher, partnerId, d.id)
    }
    return { status: 201, body: null }
  })

  // Founded with 600,000 yuan a year ago, then gifts through the year.
  const gifts: [daysAgo: number, yuan: number, donor: string | null, channel: 'bank_transfer' | 'wechat' | 'cash' | 'alipay'][] = [
    [360, 600_000, '锦江区某银行三圣支行', 'bank_transfer'],
    [300, 20_000, '成都蜀茶文化有限公司', 'bank_transfer'],
    [240, 5_000, '何志远', 'wechat'],
    [200, 50_000, '锦江区某银行三圣支行', 'bank_transfer'],
    [160, 1_200, '刘建华', 'wechat'],
    [120, 800, null, 'cash'],
    [90, 8_000, '幸福里餐饮管理公司', 'alipay'],
    [45, 600, '马国庆', 'wechat'],
    [10, 1_500, null, 'cash'],
  ]
  // Gifts and spending in date order, so the ledger's order is the calendar's. Spending: the care
  // centre asks, the leader approves two days later (never the same person).
  type Step = { daysAgo: number; run: () => Promise<unknown> }
  const steps: Step[] = []
  for (const [daysAgo, yuan, name, channel] of gifts) {
    const partner = name ? PARTNERS.find((p) => p.name === name) : undefined
    steps.push({
      daysAgo,
      run: () =>
        transact(at(daysAgo), as('care'), async (w) => {
          await recordIncome(w, deps.cipher, {
            donor: !partner ? { kind: 'anonymous' } : partner.kind === 'individual' ? { kind: 'person', name: partner.name } : { kind: 'enterprise', name: partner.name },
            ...(partner ? { partnerId: partnerIds.get(partner.name)! } : {}),
            amountFen: yuan * 100,
            channel,
            receivedAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
            ...(daysAgo === 360 ? { note: '公益基金设立' } : {}),
          })
          out.incomeFen += yuan * 100
          return { status: 201, body: null }
        }),
    })
  }
  for (const [purpose, payee, yuan, daysAgo] of EXPENSES) {
    steps.push({
      daysAgo,
      run: async () => {
        const requested = await transact(at(daysAgo + 2), as('care'), async (w) => ({ status: 201, body: await requestExpense(w, { purpose, payee, amountFen: yuan * 100 }) }))
        await transact(at(daysAgo), as('leader'), async (w) => ({ status: 200, body: await decideExpense(w, requested.body.id, { approve: true, note: '同意，按预算执行' }) }))
        out.spentFen += yuan * 100
      },
    })
  }
  for (const step of steps.sort((a, b) => b.daysAgo - a.daysAgo)) await step.run()
  // One still waiting for a second person.
  await transact(at(1), as('care'), async (w) => ({ status: 201, body: await requestExpense(w, { purpose: '元旦慰问品预订', payee: '幸福社区超市', amountFen: 560_000 }) }))
  return out
}
