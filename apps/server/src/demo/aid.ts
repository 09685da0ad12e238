import { createAidPlace, createHousehold, pairHousehold, transact, type Deps } from '@chayi/api'
import type { NewAidHousehold, NewAidMember, PovertyCause } from '@chayi/domain'
import { prng } from './people.js'

// 情系藏区 demo: a fictional county with 2 townships and 4 villages, 40 households (建档立卡) with
// members — heads named in Tibetan script — their poverty causes, and pairings with the team's
// partners from the care console. Every place and person is made up.

const TIBETAN_NAMES = [
  ['བཀྲ་ཤིས་', '扎西'],
  ['སྒྲོལ་མ་', '卓玛'],
  ['ཚེ་རིང་', '次仁'],
  ['བསོད་ནམས་', '索朗'],
  ['པདྨ་', '白玛'],
  ['ཟླ་བ་', '达瓦'],
  ['ལྷ་མོ་', '拉姆'],
  ['ནོར་བུ་', '罗布'],
  ['དབང་མོ་', '旺姆'],
  ['རྡོ་རྗེ་', '多吉'],
] as const
const CAUSES: PovertyCause[] = ['illness', 'disability', 'education', 'lack_of_skills', 'lack_of_labour', 'lack_of_funds', 'poor_transport', 'disaster']
const STRUCTURES = ['stone_wood', 'earth_wood', 'brick_wood', 'brick_concrete'] as const
const PLACES = [
  { township: '格桑乡', townshipBo: 'སྐལ་བཟང་ཞང་', villages: [['德吉村', 'བདེ་སྐྱིད་གྲོང་'], ['央宗村', 'དབྱངས་འཛོམས་གྲོང་']] },
  { township: '曲登乡', townshipBo: 'མཆོད་རྟེན་ཞང་', villages: [['岗坚村', 'གངས་རྒྱན་གྲོང་'], ['扎拉村', 'བཀྲ་ལ་གྲོང་']] },
] as const

export interface DemoAid {
  places: number
  households: number
  members: number
  pairings: number
}

const tenths = (r: ReturnType<typeof prng>, min: number, max: number) => {
  const t = r.int(min * 10, max * 10)
  return t % 10 === 0 ? String(t / 10) : `${Math.floor(t / 10)}.${t % 10}`
}

function demoHousehold(r: ReturnType<typeof prng>, i: number, placeId: string, workerId: string | null, year: number): NewAidHousehold {
  const main = CAUSES[i % CAUSES.length]!
  const secondary = r.chance(0.6) ? [r.pick(CAUSES.filter((c) => c !== main))] : []
  const headName = r.pick(TIBETAN_NAMES)
  const headAge = r.int(32, 72)
  const ill = main === 'illness' || main === 'disability'
  const date = (age: number) => `${year - age}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`
  const members: NewAidMember[] = [
    {
      relation: 'head',
      // Tibetan script for some heads, the Chinese transcription for others: both must show right.
      name: i % 2 === 0 ? `${headName[0]}${r.pick(TIBETAN_NAMES)[0]}`.replace(/་$/, '') : `${headName[1]}${r.pick(TIBETAN_NAMES)[1]}`,
      gender: r.chance(0.6) ? 'male' : 'female',
      birthDate: date(headAge),
      ethnicity: '藏族',
      education: r.pick(['none', 'primary', 'junior_secondary'] as const),
      schooling: 'not_school_age',
      healthStatus: main === 'disability' ? 'disabled' : main === 'illness' ? r.pick(['chronic_illness', 'serious_illness'] as const) : 'healthy',
      labourCapacity: main === 'lack_of_labour' ? 'none' : ill ? r.pick(['weak', 'lost'] as const) : r.pick(['ordinary', 'skilled'] as const),
      monthsAway: ill ? 0 : r.int(0, 8),
      insurance: ['basic_medical', 'serious_illness', ...(headAge >= 60 ? (['pension'] as const) : [])],
      ...(main === 'disability' ? { disabilityCertificate: `5433${String(200000 + i)}${r.int(10, 99)}` } : {}),
      ...(ill ? { healthNotes: r.pick(['风湿性关节炎，冬季加重', '包虫病术后复查', '高原性心脏病，需长期服药', '下肢残疾，行动依靠拐杖']) } : {}),
    },
  ]
  if (r.chance(0.8)) {
    members.push({ relation: 'spouse', name: r.pick(TIBETAN_NAMES)[1] + '拉姆', gender: 'female', birthDate: date(headAge - r.int(0, 5)), ethnicity: '藏族', education: 'primary', schooling: 'not_school_age', healthStatus: 'healthy', labourCapacity: 'ordinary', monthsAway: r.int(0, 6), insurance: ['basic_medical'] })
  }
  for (let c = r.int(0, 3); c > 0; c--) {
    const age = r.int(3, 20)
    members.push({
      relation: 'child',
      name: r.pick(TIBETAN_NAMES)[1] + r.pick(['次仁', '平措', '央金', '曲珍']),
      gender: r.chance(0.5) ? 'male' : 'female',
      birthDate: date(age),
      ethnicity: '藏族',
      education: age < 6 ? 'preschool' : age < 12 ? 'primary' : age < 15 ? 'junior_secondary' : 'senior_secondary',
      schooling: age < 6 ? 'preschool' : age < 15 ? 'compulsory' : 'senior',
      healthStatus: 'healthy',
      labourCapacity: age >= 16 ? 'ordinary' : 'none',
      monthsAway: 0,
      insurance: ['basic_medical'],
    })
  }
  return {
    placeId,
    householdType: r.pick(['general', 'general', 'dibao', 'dibao', 'tekun'] as const),
    yearIdentified: r.int(year - 3, year),
    mainCause: main,
    secondaryCauses: secondary,
    landCultivatedMu: tenths(r, 0, 8),
    landForestMu: tenths(r, 0, 30),
    landGrazingMu: tenths(r, 0, 120),
    housingAreaM2: tenths(r, 40, 160),
    housingStructure: r.pick(STRUCTURES),
    housingSafe: r.chance(0.8),
    safeWater: r.chance(0.9),
    electricity: r.chance(0.95),
    marketDistanceKm: tenths(r, 2, 60),
    bankAccount: `621700${String(8800000000 + i * 7919)}`,
    assignedWorkerId: workerId,
    members,
  }
}

/** Seeds the aid tracker for a team that already has its partners and an aid worker (if any). */
export async function seedDemoAid(deps: Deps, teamId: string, count = 40): Promise<DemoAid> {
  const r = prng(77)
  const year = deps.clock.now().getUTCFullYear()
  const worker = await deps.db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select('users.id')
    .where('users.teamId', '=', teamId)
    .where('userRoles.role', '=', 'aid_worker')
    .orderBy('users.createdAt')
    .executeTakeFirst()
  const partners = await deps.db.selectFrom('partners').select(['id', 'name', 'contactName']).where('teamId', '=', teamId).where('kind', '=', 'enterprise').orderBy('createdAt').execute()

  const r1 = await transact(deps, { teamId, actor: 'system:demo' }, async (w) => {
    const county = await createAidPlace(w, { level: 'county', name: '示例县', nameBo: 'དཔེ་མཚོན་རྫོང་' })
    const villages: string[] = []
    for (const t of PLACES) {
      const township = await createAidPlace(w, { level: 'township', parentId: county.id, name: t.township, nameBo: t.townshipBo })
      for (const [name, nameBo] of t.villages) villages.push((await createAidPlace(w, { level: 'village', parentId: township.id, name, nameBo })).id)
    }
    return { status: 201, body: villages }
  })
  const villages = r1.body

  let members = 0
  let pairings = 0
  for (let i = 0; i < count; i++) {
    const body = demoHousehold(r, i, villages[i % villages.length]!, worker?.id ?? null, year)
    members += body.members?.length ?? 0
    const partner = partners.length ? partners[i % partners.length]! : null
    await transact(deps, { teamId, actor: 'system:demo' }, async (w) => {
      const row = await createHousehold(w, deps.cipher, body)
      if (partner) await pairHousehold(w, deps.cipher, row.id, { partnerId: partner.id, responsibleName: partner.contactName ?? `${partner.name}帮扶负责人` })
      return { status: 201, body: row.id }
    })
    if (partner) pairings++
  }
  return { places: 1 + PLACES.length + villages.length, households: count, members, pairings }
}
