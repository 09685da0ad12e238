import type { AidChecklist, AidHouseholdDetail, AidIncomeYear, AidMember, AidPlace, AidVisit } from '@chayi/domain'

// The mock aid world's starting data: a fictional county, two villages and six households, four of
// them kept by the signed-in aid worker. Names in Tibetan script (with Chinese in brackets where a
// record would have both) so every screen shows the Tibetan font at work. Plain data, no msw.

export const mockAidId = (n: number) => `01930000-0000-7000-8a1d-${n.toString(16).padStart(12, '0')}`
const T0 = '2025-03-01T02:00:00.000Z'

/** Lines per person per year, in fen: (低保 standard, monitoring line). */
export const MOCK_LINES: Record<number, [number, number]> = {
  2022: [480_000, 660_000],
  2023: [510_000, 690_000],
  2024: [540_000, 720_000],
  2025: [570_000, 750_000],
  2026: [600_000, 780_000],
}

export const MOCK_PLACES: AidPlace[] = [
  { id: mockAidId(1), level: 'county', parentId: null, name: '示例县', nameBo: 'དཔེ་མཚོན་རྫོང་', path: ['示例县'], createdAt: T0 },
  { id: mockAidId(2), level: 'township', parentId: mockAidId(1), name: '卓玛乡', nameBo: 'སྒྲོལ་མ་ཤང་', path: ['示例县', '卓玛乡'], createdAt: T0 },
  { id: mockAidId(3), level: 'village', parentId: mockAidId(2), name: '达瓦村', nameBo: 'ཟླ་བ་གྲོང་', path: ['示例县', '卓玛乡', '达瓦村'], createdAt: T0 },
  { id: mockAidId(4), level: 'village', parentId: mockAidId(2), name: '次仁村', nameBo: 'ཚེ་རིང་གྲོང་', path: ['示例县', '卓玛乡', '次仁村'], createdAt: T0 },
]

type MemberSeed = Pick<AidMember, 'relation' | 'name' | 'gender' | 'birthDate' | 'healthStatus' | 'labourCapacity'> & Partial<AidMember>

function member(householdId: string, n: number, m: MemberSeed): AidMember {
  return {
    id: mockAidId(1000 + n),
    householdId,
    ethnicity: '藏族',
    education: 'primary',
    schooling: 'not_school_age',
    monthsAway: 0,
    insurance: ['basic_medical'],
    sensitive: {
      disabilityCertificate: m.healthStatus === 'disabled' ? { masked: '5401********21', hidden: null } : { masked: null, hidden: null },
      healthNotes: m.healthStatus === 'healthy' ? { masked: null, hidden: null } : { masked: '••••', hidden: null },
    },
    version: 1,
    updatedAt: T0,
    ...m,
  }
}

export interface SeedHousehold {
  detail: AidHouseholdDetail
  /** Yearly income by component (fen), oldest first. */
  incomes: { year: number; wagesFen: number; businessFen: number; propertyFen: number; transfersFen: number; costsFen: number }[]
  visits: AidVisit[]
  /** Whole values behind the masks, for the reveal dialog. */
  secrets: { bankAccount: string | null; members: Record<string, { disabilityCertificate: string | null; healthNotes: string | null }> }
}

const ALL_MET: AidChecklist = { food: true, clothing: true, schooling: true, medical: true, housing: true, water: true }

export function seedHouseholds(workerId: string, otherWorkerId = mockAidId(999)): SeedHousehold[] {
  const dawa = MOCK_PLACES[2]!
  const tsering = MOCK_PLACES[3]!
  const out: SeedHousehold[] = []
  const make = (
    n: number,
    over: Partial<AidHouseholdDetail> & Pick<AidHouseholdDetail, 'headName' | 'mainCause' | 'status'>,
    members: MemberSeed[],
    incomes: SeedHousehold['incomes'],
    extra: Partial<SeedHousehold> = {},
  ) => {
    const id = mockAidId(100 + n)
    const place = over.placeId === tsering.id ? tsering : dawa
    const detail: AidHouseholdDetail = {
      id,
      code: `DW-${String(n).padStart(4, '0')}`,
      placeId: place.id,
      placePath: place.path,
      householdType: 'general',
      yearIdentified: 2022,
      secondaryCauses: [],
      memberCount: members.length,
      assignedWorkerId: workerId,
      version: 3,
      updatedAt: T0,
      landCultivatedMu: '4.5',
      landForestMu: '0',
      landGrazingMu: '30',
      housingAreaM2: '86',
      housingStructure: 'stone_wood',
      housingSafe: true,
      safeWater: true,
      electricity: true,
      marketDistanceKm: '18.5',
      sensitive: { bankAccount: { masked: '6217 **** **** 3322', hidden: null } },
      canReveal: true,
      members: members.map((m, i) => member(id, n * 10 + i, m)),
      pairing: null,
      statusHistory: [
        { id: mockAidId(2000 + n * 10), from: null, to: 'identified', at: '2022-04-10T02:00:00.000Z', by: 'user:mock-aid-leader', byName: '次仁', reason: '建档立卡' },
        { id: mockAidId(2001 + n * 10), from: 'identified', to: 'assisted', at: '2022-06-01T02:00:00.000Z', by: 'user:mock-aid-leader', byName: '次仁', reason: '结对帮扶开始' },
      ],
      lines: Object.entries(MOCK_LINES).map(([year, [dibaoFen, monitoringFen]]) => ({ year: Number(year), dibaoFen, monitoringFen })),
      createdAt: '2022-04-10T02:00:00.000Z',
      ...over,
    }
    const secrets: SeedHousehold['secrets'] = { bankAccount: '6217000011113322', members: {} }
    for (const m of detail.members) {
      secrets.members[m.id] = {
        disabilityCertificate: m.healthStatus === 'disabled' ? '54012319700101002X' : null,
        healthNotes: m.healthStatus === 'healthy' ? null : '高血压，每月县医院复查',
      }
    }
    out.push({ detail, incomes, visits: [], secrets, ...extra })
    return detail
  }

  const h1 = make(
    1,
    {
      headName: 'བཀྲ་ཤིས་ཚེ་རིང་ (扎西次仁)',
      mainCause: 'illness',
      secondaryCauses: ['lack_of_skills'],
      status: 'assisted',
      householdType: 'dibao',
      pairing: {
        id: mockAidId(3001),
        householdId: mockAidId(101),
        partnerId: mockAidId(4001),
        partnerName: '成都雪域茶业有限公司',
        responsibleName: '王建国',
        responsiblePhoneMasked: '138****5678',
        startedAt: '2023-03-01T02:00:00.000Z',
        endedAt: null,
        endReason: null,
      },
    },
    [
      { relation: 'head', name: 'བཀྲ་ཤིས་ཚེ་རིང་', gender: 'male', birthDate: '1968-05-12', healthStatus: 'chronic_illness', labourCapacity: 'weak' },
      { relation: 'spouse', name: 'སྒྲོལ་མ་', gender: 'female', birthDate: '1971-11-02', healthStatus: 'healthy', labourCapacity: 'ordinary', monthsAway: 4 },
      { relation: 'child', name: 'བསོད་ནམས་', gender: 'male', birthDate: '2011-09-01', healthStatus: 'healthy', labourCapacity: 'none', schooling: 'compulsory', education: 'primary' },
    ],
    [
      { year: 2022, wagesFen: 600_000, businessFen: 700_000, propertyFen: 0, transfersFen: 420_000, costsFen: 300_000 },
      { year: 2023, wagesFen: 900_000, businessFen: 800_000, propertyFen: 0, transfersFen: 450_000, costsFen: 320_000 },
      { year: 2024, wagesFen: 1_200_000, businessFen: 900_000, propertyFen: 50_000, transfersFen: 460_000, costsFen: 340_000 },
      { year: 2025, wagesFen: 1_500_000, businessFen: 1_000_000, propertyFen: 60_000, transfersFen: 480_000, costsFen: 350_000 },
    ],
  )
  out[0]!.visits.push({
    id: mockAidId(5001),
    householdId: h1.id,
    householdCode: h1.code,
    workerId,
    workerName: '扎西顿珠',
    visitedAt: '2025-10-12T03:30:00.000Z',
    notes: '青稞收成比去年好，妻子在县城务工四个月。',
    checklist: ALL_MET,
    incomeId: null,
    perCapitaFen: null,
    hardship: null,
    photoCount: 1,
    monitoringCaseId: null,
    createdAt: '2025-10-12T08:00:00.000Z',
  })

  make(
    2,
    { headName: 'ཚེ་རིང་དབང་མོ་ (次仁旺姆)', mainCause: 'disability', status: 'assisted', housingSafe: false, housingStructure: 'earth_wood', householdType: 'tekun' },
    [
      { relation: 'head', name: 'ཚེ་རིང་དབང་མོ་', gender: 'female', birthDate: '1959-02-20', healthStatus: 'disabled', labourCapacity: 'lost' },
      { relation: 'grandchild', name: 'པདྨ་', gender: 'female', birthDate: '2014-07-15', healthStatus: 'healthy', labourCapacity: 'none', schooling: 'compulsory' },
    ],
    [
      { year: 2023, wagesFen: 0, businessFen: 300_000, propertyFen: 0, transfersFen: 800_000, costsFen: 100_000 },
      { year: 2024, wagesFen: 0, businessFen: 350_000, propertyFen: 0, transfersFen: 900_000, costsFen: 120_000 },
      { year: 2025, wagesFen: 0, businessFen: 380_000, propertyFen: 0, transfersFen: 950_000, costsFen: 130_000 },
    ],
  )
  make(
    3,
    { headName: 'ལྷ་པ་ (拉巴)', mainCause: 'lack_of_funds', status: 'exit_proposed', placeId: tsering.id, placePath: tsering.path },
    [
      { relation: 'head', name: 'ལྷ་པ་', gender: 'male', birthDate: '1980-08-08', healthStatus: 'healthy', labourCapacity: 'skilled', monthsAway: 6 },
      { relation: 'spouse', name: 'ཡང་ཅན་', gender: 'female', birthDate: '1983-03-30', healthStatus: 'healthy', labourCapacity: 'ordinary' },
      { relation: 'child', name: 'ནོར་བུ་', gender: 'male', birthDate: '2008-01-12', healthStatus: 'healthy', labourCapacity: 'ordinary', schooling: 'senior', education: 'junior_secondary' },
      { relation: 'parent', name: 'འཕྲིན་ལས་', gender: 'male', birthDate: '1950-06-06', healthStatus: 'chronic_illness', labourCapacity: 'none' },
    ],
    [
      { year: 2024, wagesFen: 2_400_000, businessFen: 800_000, propertyFen: 0, transfersFen: 200_000, costsFen: 300_000 },
      { year: 2025, wagesFen: 2_800_000, businessFen: 900_000, propertyFen: 0, transfersFen: 200_000, costsFen: 320_000 },
    ],
  )
  make(
    4,
    { headName: '格桑 (སྐལ་བཟང་)', mainCause: 'disaster', status: 'identified', safeWater: false, yearIdentified: 2025 },
    [{ relation: 'head', name: 'སྐལ་བཟང་', gender: 'male', birthDate: '1975-12-01', healthStatus: 'healthy', labourCapacity: 'ordinary' }],
    [{ year: 2025, wagesFen: 200_000, businessFen: 350_000, propertyFen: 0, transfersFen: 100_000, costsFen: 150_000 }],
  )
  make(
    5,
    { headName: 'ཉི་མ་ (尼玛)', mainCause: 'lack_of_labour', status: 'monitored', assignedWorkerId: otherWorkerId, canReveal: false, sensitive: { bankAccount: { masked: null, hidden: 'role' } } },
    [{ relation: 'head', name: 'ཉི་མ་', gender: 'female', birthDate: '1948-04-04', healthStatus: 'serious_illness', labourCapacity: 'none' }],
    [{ year: 2025, wagesFen: 0, businessFen: 0, propertyFen: 0, transfersFen: 900_000, costsFen: 0 }],
  )
  make(
    6,
    { headName: '达娃 (ཟླ་བ་)', mainCause: 'education', status: 'assisted', assignedWorkerId: otherWorkerId, canReveal: false, placeId: tsering.id, placePath: tsering.path, sensitive: { bankAccount: { masked: null, hidden: 'role' } } },
    [
      { relation: 'head', name: 'ཟླ་བ་', gender: 'male', birthDate: '1977-10-10', healthStatus: 'healthy', labourCapacity: 'ordinary' },
      { relation: 'child', name: 'ཆོས་སྒྲོན་', gender: 'female', birthDate: '2006-05-05', healthStatus: 'healthy', labourCapacity: 'none', schooling: 'tertiary', education: 'senior_secondary' },
    ],
    [{ year: 2025, wagesFen: 900_000, businessFen: 400_000, propertyFen: 0, transfersFen: 150_000, costsFen: 200_000 }],
  )
  return out
}

/** A year's income against its lines, as the API computes it. */
export function incomeYear(row: SeedHousehold['incomes'][number], memberCount: number, baseIncomeId: string | null = null): AidIncomeYear {
  const netFen = row.wagesFen + row.businessFen + row.propertyFen + row.transfersFen - row.costsFen
  const perCapitaFen = Math.floor(netFen / Math.max(1, memberCount))
  const line = MOCK_LINES[row.year]
  return {
    ...row,
    baseIncomeId,
    creditedFen: 0,
    memberCount,
    netFen,
    perCapitaFen,
    dibaoFen: line?.[0] ?? null,
    monitoringFen: line?.[1] ?? null,
    aboveLine: line ? perCapitaFen >= line[1] : null,
  }
}
