import { idNumberCheckCharacter, type VolunteerRegistration } from '@chayi/domain'

// Fictional people for the demo team, made by a seeded generator so every run (and every test)
// gets the same 800+ volunteers. Names are common surnames and given-name characters; phones are
// in an unassigned-looking 1990000xxxx block; resident ID numbers are well-formed but invented
// (region 510104 = 锦江区, sequence from the generator, check character computed).

/** mulberry32: a small seeded PRNG, good enough to spread demo data. */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  }
}
export type Prng = ReturnType<typeof prng>

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕晓东小红春梅文博子轩雨萱思远欣怡浩然佳怡宇航梓涵俊杰婷婷建华淑珍德明秀珍丽华国庆学文'

/** Skills volunteers list and activities may require (free text in the API; these are the demo's). */
export const DEMO_SKILLS = ['急救', '茶艺', '评书', '摄影', '驾驶', '心理疏导', '护理', '电脑', '藏语', '法律咨询', '理发', '烹饪'] as const

const UNITS = ['成都蜀茶文化有限公司', '锦江区某银行三圣支行', '川西建工集团', '幸福社区党支部', '融新残疾人关爱中心', '三圣街道办事处', '成都某医院', '蓉城物流公司']

export interface DemoPerson {
  registration: VolunteerRegistration
  /** Rough share: a few stay pending, a few were rejected, the rest are active. */
  outcome: 'active' | 'pending' | 'rejected'
}

function givenName(r: Prng): string {
  const chars = Array.from(GIVEN)
  return r.chance(0.6) ? chars[r.int(0, chars.length - 1)]! + chars[r.int(0, chars.length - 1)]! : chars[r.int(0, chars.length - 1)]!
}

function birthDateFor(r: Prng, today: Date): { birthDate: string; age: number } {
  // Age bands roughly as the seed's team: many middle-aged and older residents, young employees, a few teenagers.
  const band = r.next()
  const age = band < 0.03 ? r.int(14, 17) : band < 0.38 ? r.int(18, 35) : band < 0.78 ? r.int(36, 59) : r.int(60, 78)
  const year = today.getUTCFullYear() - age - 1
  const month = r.int(1, 12)
  const day = r.int(1, 28)
  // Born before this date last year + 1: age in full years is `age` (birthday already passed or close).
  const d = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { birthDate: d, age }
}

export function residentIdFor(birthDate: string, seq: number): string {
  const first17 = `510104${birthDate.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

/** `count` fictional volunteers, the same every time for one seed. */
export function demoPeople(count: number, today: Date, seed = 2026): DemoPerson[] {
  const r = prng(seed)
  const people: DemoPerson[] = []
  for (let i = 0; i < count; i++) {
    const { birthDate, age } = birthDateFor(r, today)
    const kinds = new Set<string>([r.pick(['resident', 'resident', 'resident', 'enterprise_employee', 'enterprise_employee', 'party_member', 'community_worker', 'care_staff'])])
    if (r.chance(0.2)) kinds.add('party_member')
    const affiliations = [...kinds].map((kind) => (kind === 'resident' ? { kind } : { kind, unit: r.pick(UNITS) })) as VolunteerRegistration['affiliations']
    const skills = [...new Set(Array.from({ length: r.int(0, 3) }, () => r.pick(DEMO_SKILLS)))]
    const realName = r.pick(Array.from(SURNAMES)) + givenName(r)
    const phone = `1990000${String(i).padStart(4, '0')}`
    const registration: VolunteerRegistration = {
      realName,
      phone,
      idType: 'resident_id',
      idNumber: residentIdFor(birthDate, i),
      gender: r.chance(0.55) ? 'female' : 'male',
      birthDate,
      affiliations,
      skills,
      availability: r.pick(['周末', '工作日晚上', '随时', '周末上午', '每月一次']),
      emergencyContact: { name: r.pick(Array.from(SURNAMES)) + givenName(r), phone: `1880000${String(i).padStart(4, '0')}`, relation: r.pick(['配偶', '父亲', '母亲', '子女', '朋友']) },
      password: 'unused-demo-password',
      ...(age < 18 ? { guardian: { name: realName.slice(0, 1) + givenName(r), phone: `1770000${String(i).padStart(4, '0')}`, consentAt: '2026-03-01T02:00:00.000Z', consentNote: '监护人到社区现场签署同意书（演示数据）' } } : {}),
    }
    const roll = r.next()
    people.push({ registration, outcome: roll < 0.015 ? 'rejected' : roll < 0.035 ? 'pending' : 'active' })
  }
  return people
}
