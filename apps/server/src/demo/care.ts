import { createBeneficiary, distribute, issueCard, recordDonation, transact, type Deps } from '@chayi/api'
import type { DonationInput, GranaryCategory, NewBeneficiary } from '@chayi/domain'
import { prng, residentIdFor } from './people.js'

// The care centre's demo register and the 茶义仓: about 100 elderly and disabled neighbours with
// care cards (consent recorded for the sensitive fields they hold), and a year of donated goods
// that add up to the seed's 842 items worth about 80,000 yuan, some already handed out.

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = ['秀英', '桂兰', '玉珍', '淑芬', '德明', '国华', '建国', '凤英', '志强', '文华', '素珍', '永福', '金花', '长顺', '翠兰', '光荣']
const COMMUNITIES = ['幸福社区一组', '幸福社区二组', '幸福社区三组', '荷塘月色小区', '江家艺苑小区']
const DISABILITY = ['visual', 'hearing', 'physical', 'intellectual', 'mental', 'speech'] as const

const HOUR = 3600_000
const DAY = 24 * HOUR

/** `count` beneficiaries: two thirds elderly (some empty-nest, some low-income), one third disabled. */
function demoBeneficiaries(count: number, now: Date): NewBeneficiary[] {
  const r = prng(55)
  const out: NewBeneficiary[] = []
  for (let i = 0; i < count; i++) {
    const disabled = i % 3 === 2
    const age = disabled ? r.int(22, 75) : r.int(62, 93)
    const birthDate = `${now.getUTCFullYear() - age - 1}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`
    const kinds: NewBeneficiary['kinds'] = disabled ? (age >= 60 ? ['disabled', 'elderly'] : ['disabled']) : [r.chance(0.35) ? 'empty_nest_elderly' : 'elderly']
    if (r.chance(0.25)) kinds.push('low_income')
    const name = r.pick(Array.from(SURNAMES)) + r.pick(GIVEN)
    // Consent covers exactly the sensitive fields this person's record holds.
    const consentScope: ('id_number' | 'disability' | 'health' | 'income')[] = ['id_number', 'health']
    if (disabled) consentScope.push('disability')
    if (kinds.includes('low_income')) consentScope.push('income')
    out.push({
      kinds,
      name,
      gender: r.chance(0.6) ? 'female' : 'male',
      birthDate,
      community: r.pick(COMMUNITIES),
      address: `${r.pick(COMMUNITIES)}${r.int(1, 12)}栋${r.int(1, 6)}单元${r.int(101, 1802)}`,
      phone: r.chance(0.7) ? `1360000${String(i).padStart(4, '0')}` : `028-8460${String(1000 + i).slice(-4)}`,
      livingSituation: kinds.includes('empty_nest_elderly') ? 'alone' : r.pick(['with_spouse', 'with_children', 'alone', 'with_others'] as const),
      emergencyContact: { name: name.slice(0, 1) + r.pick(GIVEN), relation: r.pick(['儿子', '女儿', '侄子', '邻居']), phone: `1350000${String(i).padStart(4, '0')}` },
      idNumber: residentIdFor(birthDate, 500 + i),
      ...(disabled ? { disability: { category: r.pick(DISABILITY), grade: r.pick(['grade_1', 'grade_2', 'grade_3', 'grade_4'] as const), certificateNumber: `51010419${String(600000 + i)}` } } : {}),
      healthNotes: r.pick(['高血压，按时服药', '糖尿病，需控制饮食', '行动不便，需要搀扶', '身体尚好', '听力较弱，说话请慢一些']),
      ...(kinds.includes('low_income') ? { monthlyIncomeFen: r.int(800, 1600) * 100 } : {}),
      consent: { scope: consentScope, version: '2026-01', givenBy: { kind: 'self' }, givenAt: new Date(now.getTime() - r.int(30, 300) * DAY).toISOString() },
    })
  }
  return out
}

interface GoodsLine {
  category: GranaryCategory
  description: string
  unit: string
  quantity: number
  unitValueFen: number
  valuationBasis: 'voucher' | 'market_price' | 'estimate'
  expiresInDays?: number
}

/** 842 items, 80,930 yuan in all: the seed's granary. */
export const DEMO_GOODS: readonly GoodsLine[] = [
  { category: 'grain_oil', description: '大米 10kg', unit: '袋', quantity: 120, unitValueFen: 6000, valuationBasis: 'voucher', expiresInDays: 300 },
  { category: 'grain_oil', description: '食用油 5L', unit: '桶', quantity: 80, unitValueFen: 7500, valuationBasis: 'voucher', expiresInDays: 400 },
  { category: 'grain_oil', description: '面粉 5kg', unit: '袋', quantity: 40, unitValueFen: 4000, valuationBasis: 'market_price', expiresInDays: 200 },
  { category: 'food', description: '纯牛奶 24盒装', unit: '箱', quantity: 60, unitValueFen: 6000, valuationBasis: 'voucher', expiresInDays: 120 },
  { category: 'food', description: '挂面 整箱', unit: '箱', quantity: 50, unitValueFen: 3500, valuationBasis: 'market_price', expiresInDays: 240 },
  { category: 'daily_necessities', description: '毛巾牙膏洗护套装', unit: '套', quantity: 100, unitValueFen: 2500, valuationBasis: 'voucher' },
  { category: 'daily_necessities', description: '洗衣液 3kg', unit: '桶', quantity: 60, unitValueFen: 3500, valuationBasis: 'market_price' },
  { category: 'clothing', description: '冬季棉衣', unit: '件', quantity: 80, unitValueFen: 18000, valuationBasis: 'estimate' },
  { category: 'bedding', description: '羽绒被', unit: '床', quantity: 40, unitValueFen: 30000, valuationBasis: 'voucher' },
  { category: 'bedding', description: '电热毯', unit: '条', quantity: 30, unitValueFen: 12000, valuationBasis: 'voucher' },
  { category: 'stationery', description: '书包文具套装', unit: '套', quantity: 60, unitValueFen: 8000, valuationBasis: 'voucher' },
  { category: 'medical_supplies', description: '折叠轮椅', unit: '台', quantity: 6, unitValueFen: 80000, valuationBasis: 'voucher' },
  { category: 'medical_supplies', description: '电子血压计', unit: '台', quantity: 20, unitValueFen: 15000, valuationBasis: 'voucher' },
  { category: 'medical_supplies', description: '助行器', unit: '个', quantity: 10, unitValueFen: 25000, valuationBasis: 'market_price' },
  { category: 'tea', description: '竹叶青茶叶礼盒', unit: '盒', quantity: 50, unitValueFen: 20000, valuationBasis: 'voucher' },
  { category: 'other', description: '老花镜', unit: '副', quantity: 36, unitValueFen: 3000, valuationBasis: 'estimate' },
]

const DONORS: DonationInput['donor'][] = [
  { kind: 'enterprise', name: '成都蜀茶文化有限公司', contact: '行政部 028-8460 1001' },
  { kind: 'enterprise', name: '锦江区某银行三圣支行', contact: '工会 028-8460 1002' },
  { kind: 'enterprise', name: '川西建工集团', contact: '党群部' },
  { kind: 'enterprise', name: '蓉城物流公司', contact: '028-8460 1004' },
  { kind: 'person', name: '刘建华', phone: '13700000001' },
  { kind: 'person', name: '周美玲', phone: '13700000002' },
  { kind: 'person', name: '何志远', phone: '13700000003' },
]

export interface DemoCare {
  beneficiaries: number
  cards: number
  donations: number
  units: number
  valueFen: number
  distributions: number
}

export async function seedDemoCare(deps: Deps, teamId: string, opts: { count?: number } = {}): Promise<DemoCare> {
  const now = deps.clock.now()
  const care = await deps.db.selectFrom('users').select('id').where('teamId', '=', teamId).where('username', '=', 'care').executeTakeFirstOrThrow()
  const asCare = { teamId, actor: `user:${care.id}` }
  const out: DemoCare = { beneficiaries: 0, cards: 0, donations: 0, units: 0, valueFen: 0, distributions: 0 }

  const ids: string[] = []
  // The register predates the year of activity below (and the quarters the public disclosure covers).
  const registeredAt = new Date(now.getTime() - 400 * 86_400_000)
  await transact({ ...deps, clock: { now: () => registeredAt } }, asCare, async (w) => {
    for (const b of demoBeneficiaries(opts.count ?? 99, registeredAt)) {
      const row = await createBeneficiary(w, deps.cipher, b)
      await issueCard(w, row.id)
      ids.push(row.id)
      out.beneficiaries++
      out.cards++
    }
    return { status: 201, body: null }
  })

  // Each kind of goods came in one to three donations over the past year, from enterprises, people or anonymously.
  const r = prng(77)
  const gifts: { at: number; donor: DonationInput['donor'] | null; line: GoodsLine }[] = []
  for (const line of DEMO_GOODS) {
    const parts = line.quantity >= 40 ? r.int(1, 3) : 1
    let left = line.quantity
    for (let p = 0; p < parts; p++) {
      const qty = p === parts - 1 ? left : Math.max(1, Math.floor(line.quantity / parts))
      left -= qty
      gifts.push({ at: now.getTime() - r.int(20, 360) * DAY, donor: r.chance(0.15) ? null : r.pick(DONORS), line: { ...line, quantity: qty } })
    }
  }
  gifts.sort((a, b) => a.at - b.at)
  await transact(deps, asCare, async (w) => {
    for (const g of gifts) {
      const receivedAt = new Date(g.at).toISOString()
      const item = {
        category: g.line.category,
        description: g.line.description,
        quantity: g.line.quantity,
        unit: g.line.unit,
        unitValueFen: g.line.unitValueFen,
        valuationBasis: g.line.valuationBasis,
        ...(g.line.expiresInDays ? { expiresOn: new Date(g.at + g.line.expiresInDays * DAY).toISOString().slice(0, 10) } : {}),
      }
      await recordDonation(w, deps.cipher, { ...(g.donor ? { donor: g.donor } : { anonymous: true as const }), receivedAt, items: [item] })
      out.donations++
      out.units += item.quantity
      out.valueFen += item.quantity * item.unitValueFen
    }
    // Handed out since: winter clothes, bedding and grain to the people on the register, first in first out.
    const handouts: [string, number][] = [
      ['冬季棉衣', 1],
      ['大米 10kg', 1],
      ['食用油 5L', 1],
    ]
    for (const [i, id] of ids.slice(0, 40).entries()) {
      await distribute(w, {
        recipient: { kind: 'beneficiary', id, label: i < 20 ? '重阳节慰问' : '冬季送温暖' },
        items: handouts.map(([description, quantity]) => {
          const g = DEMO_GOODS.find((x) => x.description === description)!
          return { category: g.category, description, quantity }
        }),
      })
      out.distributions++
    }
    return { status: 201, body: null }
  })
  return out
}
