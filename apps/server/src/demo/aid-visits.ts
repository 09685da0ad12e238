import {
  aidExitCheck,
  aidIncomeYears,
  aidLineFor,
  aidVisitHash,
  approveAidExit,
  changeAidHouseholdStatus,
  confirmAidExit,
  createHousehold,
  decideAidMonitoringCase,
  pairHousehold,
  proposeAidExit,
  recordAidHomeCheck,
  recordAidIncome,
  recordAidVisit,
  transact,
  type Deps,
  type WriteScope,
} from '@chayi/api'
import { NewAidVisit, type AidChecklist, type IncomeComponents, type NewAidHousehold, type NewAidVisitParsed } from '@chayi/domain'
import { prng, type Prng } from './people.js'
import { demoPicture } from './picture.js'

// 情系藏区 demo, field visits, exit and monitoring: the demo households are taken into assistance
// (帮扶中) except three identified this autumn; most were visited once to three times over the last
// five months (the 两不愁三保障 checklist as their housing and water stand, some income updates, a
// few photos); one household's exit notice (退出公示) is running; two households that joined three
// years ago have exited and are monitored; and the early warning has one case overdue for its home
// check, one just opened and one closed. Runs after seedDemoAidIncomes (the lines must exist).
// Everything is made up.

export interface DemoAidVisits {
  assisted: number
  visits: number
  incomeUpdates: number
  photos: number
  notices: number
  /** Notices whose five days are over, waiting for a leader to confirm the exit. */
  endedNotices: number
  exited: number
  cases: { overdue: number; open: number; closed: number }
}

const DAY = 86_400_000
const NOTES = [
  '入户走访，家中牦牛存栏稳定，冬季草料已备足。',
  '了解务工情况，儿子在县城酒店做厨师，每月按时寄钱回家。',
  '宣讲医保政策，核对家庭成员参保情况。',
  '检查房屋安全，屋顶已修缮，冬季取暖无问题。',
  '协助申请产业扶持资金，计划扩大青稞种植。',
  '了解孩子上学情况，均按时到校，寄宿费用已减免。',
  '户主参加了合作社的藏香制作培训，收入有所增加。',
] as const

/** The checklist as the household's recorded housing and water stand (the rest holds). */
const checklistOf = (h: { housingSafe: number; safeWater: number }): AidChecklist => ({ food: true, clothing: true, schooling: true, medical: true, housing: h.housingSafe === 1, water: h.safeWater === 1 })

const scale = (c: IncomeComponents, f: number): IncomeComponents => ({
  wagesFen: Math.round((c.wagesFen * f) / 100) * 100,
  businessFen: Math.round((c.businessFen * f) / 100) * 100,
  propertyFen: c.propertyFen,
  transfersFen: c.transfersFen,
  costsFen: Math.round((c.costsFen * f) / 100) * 100,
})

/** Seeds visits, exits and monitoring cases for the team's demo households (after the income demo). */
export async function seedDemoAidVisits(deps: Deps, teamId: string): Promise<DemoAidVisits> {
  const r = prng(7)
  const now = deps.clock.now()
  const out: DemoAidVisits = { assisted: 0, visits: 0, incomeUpdates: 0, photos: 0, notices: 0, endedNotices: 0, exited: 0, cases: { overdue: 0, open: 0, closed: 0 } }
  const userWith = (role: string) =>
    deps.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id').select('users.id').where('users.teamId', '=', teamId).where('userRoles.role', '=', role).orderBy('users.createdAt').executeTakeFirst()
  const worker = (await userWith('aid_worker')) ?? (await userWith('leader')) ?? (await userWith('admin'))
  if (!worker) return out
  const leader = (await userWith('leader')) ?? (await userWith('admin')) ?? worker
  const as = (id: string, at: Date = now) => [{ ...deps, clock: { now: () => at } }, { teamId, actor: `user:${id}` }] as const
  const run = <B>(who: readonly [Deps, { teamId: string; actor: string }], fn: (w: WriteScope) => Promise<B>) => transact(who[0], who[1], async (w) => ({ status: 201, body: await fn(w) }))
  /** An instant `daysAgo` days back, at a daytime hour in China. */
  const daysAgo = (d: number, hourChina = r.int(9, 17)) => {
    const day = new Date(now.getTime() + 8 * 3_600_000 - d * DAY).toISOString().slice(0, 10)
    return new Date(Date.parse(`${day}T${String(hourChina - 8).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`))
  }
  const visit = async (w: WriteScope, raw: Omit<NewAidVisit, 'id'>): Promise<{ id: string; monitoringCaseId: string | null }> => {
    const parsed: NewAidVisitParsed = NewAidVisit.parse({ ...raw, id: crypto.randomUUID() })
    const v = await recordAidVisit(w, worker.id, parsed, aidVisitHash(parsed))
    out.visits++
    out.photos += v.photoCount
    if (raw.income) out.incomeUpdates++
    return v
  }

  const households = await deps.db.selectFrom('aidHouseholds').selectAll().where('teamId', '=', teamId).where('status', '=', 'identified').orderBy('code').execute()
  const identifiedOnly = new Set(households.slice(-3).map((h) => h.id))

  // 纳入帮扶: everyone but the three identified this autumn.
  for (const h of households) {
    if (identifiedOnly.has(h.id)) continue
    await run(as(worker.id), (w) => changeAidHouseholdStatus(w, h.id, 'assisted', '建档立卡，纳入帮扶', false))
    out.assisted++
  }

  // Visits over the last five months; the latest may update this year's income (kept above the line).
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4))
  for (const [i, h] of households.entries()) {
    if (i % 10 === 9) continue
    const count = identifiedOnly.has(h.id) ? 1 : 1 + (i % 3)
    for (let k = 0; k < count; k++) {
      const last = k === count - 1
      const at = daysAgo(last ? r.int(3, 20) : 150 - k * 50 - r.int(0, 20))
      let income: (IncomeComponents & { memberCount: number }) | undefined
      if (last && i % 3 === 1) {
        const latest = (await aidIncomeYears(deps.db, teamId, h.id)).at(-1)
        const line = await aidLineFor(deps.db, teamId, h.placeId, year)
        if (latest && line) {
          const next = scale(latest, 1.03 + r.next() * 0.05)
          const net = next.wagesFen + next.businessFen + next.propertyFen + next.transfersFen - next.costsFen
          // Only figures above the monitoring line: the demo's early warnings are the three below.
          if (Math.floor(net / latest.memberCount) >= line.monitoringFen * 1.02) income = { ...next, memberCount: latest.memberCount }
        }
      }
      // Recorded now (the demo's households are recorded now too); the visit keeps its own date.
      await run(as(worker.id), (w) =>
        visit(w, { householdId: h.id, visitedAt: at.toISOString(), notes: r.pick(NOTES), checklist: checklistOf(h), ...(income ? { income } : {}), photos: i % 4 === 0 && last ? [demoPicture(out.visits + i, 'house')] : [] }),
      )
    }
  }

  // 退出公示: the first assisted household the rule would propose by itself, approved today; the
  // next one that already met the rule a week ago was approved then, so its notice has ended and it
  // waits on the exit desk for a leader's confirmation.
  const assisted = households.filter((h) => !identifiedOnly.has(h.id))
  const caseHouseholds: typeof households = []
  for (const h of assisted) {
    const check = await aidExitCheck(deps.db, teamId, h, now.toISOString(), true)
    if (check.eligible && out.notices === 0) {
      await run(as(worker.id), (w) => proposeAidExit(w, h.id, '人均纯收入连续稳定高于监测线，两不愁三保障达标', false))
      await run(as(leader.id), (w) => approveAidExit(w, h.id, '经村两委评议、乡镇审核，同意公示'))
      out.notices++
    } else if (check.eligible && out.endedNotices === 0 && (await aidExitCheck(deps.db, teamId, h, daysAgo(8).toISOString(), false)).eligible) {
      await run(as(worker.id, daysAgo(8)), (w) => proposeAidExit(w, h.id, '人均纯收入连续稳定高于监测线，两不愁三保障达标', false))
      await run(as(leader.id, daysAgo(7)), (w) => approveAidExit(w, h.id, '经村两委评议、乡镇审核，同意公示'))
      out.endedNotices++
    } else if (!check.eligible && caseHouseholds.length < 3) caseHouseholds.push(h)
  }

  // 防返贫监测: a serious illness six days ago not yet checked at home (overdue), a job lost
  // yesterday (open), and hail a month ago, checked and closed.
  const [overdue, fresh, closed] = caseHouseholds
  if (overdue) {
    const at = daysAgo(6)
    await run(as(worker.id, at), (w) => visit(w, { householdId: overdue.id, visitedAt: at.toISOString(), notes: '户主突发重病住院，医疗费用负担重。', checklist: { ...checklistOf(overdue), medical: false }, hardship: { kind: 'serious_illness', note: '户主突发脑梗住院' } }))
    out.cases.overdue++
  }
  if (fresh) {
    const at = daysAgo(1)
    await run(as(worker.id, at), (w) => visit(w, { householdId: fresh.id, visitedAt: at.toISOString(), notes: '儿子务工的工地停工返乡，家庭收入中断。', checklist: checklistOf(fresh), hardship: { kind: 'job_loss', note: '务工中断' } }))
    out.cases.open++
  }
  if (closed) {
    const at = daysAgo(30)
    const v = await run(as(worker.id, at), (w) => visit(w, { householdId: closed.id, visitedAt: at.toISOString(), notes: '冰雹打坏青稞，减产约三成。', checklist: checklistOf(closed), hardship: { kind: 'disaster', note: '冰雹灾害' } }))
    const caseId = v.body.monitoringCaseId!
    await run(as(worker.id, daysAgo(29)), (w) => recordAidHomeCheck(w, caseId, { note: '入户核查：已获农业保险理赔，口粮充足', findings: checklistOf(closed) }))
    await run(as(leader.id, daysAgo(25)), (w) => decideAidMonitoringCase(w, caseId, { decision: 'close', note: '保险理赔到位，风险消除' }, true))
    out.cases.closed++
  }

  // Two households identified three years ago that have since exited and are monitored: their whole
  // history is dated, so their status history reads in order.
  const village = await deps.db.selectFrom('aidPlaces').select('id').where('teamId', '=', teamId).where('level', '=', 'village').orderBy('createdAt').executeTakeFirst()
  const partner = await deps.db.selectFrom('partners').select(['id', 'contactName', 'name']).where('teamId', '=', teamId).where('kind', '=', 'enterprise').orderBy('createdAt').executeTakeFirst()
  if (village) {
    for (const [n, names] of [['ཚེ་དབང་རྡོ་རྗེ', '央金卓玛'], ['བསོད་ནམས་ཆོས་འཕེལ', '格桑拉姆']].entries()) {
      if (await exitedHousehold(r, { village: village.id, names, seq: n, partner }, { run, as, daysAgo, visit, worker: worker.id, leader: leader.id, year, deps, teamId })) out.exited++
    }
  }
  return out
}

interface Ctx {
  run: <B>(who: readonly [Deps, { teamId: string; actor: string }], fn: (w: WriteScope) => Promise<B>) => Promise<{ body: B }>
  as: (id: string, at?: Date) => readonly [Deps, { teamId: string; actor: string }]
  daysAgo: (d: number, hourChina?: number) => Date
  visit: (w: WriteScope, raw: Omit<NewAidVisit, 'id'>) => Promise<{ id: string; monitoringCaseId: string | null }>
  worker: string
  leader: string
  year: number
  deps: Deps
  teamId: string
}

const ALL_MET: AidChecklist = { food: true, clothing: true, schooling: true, medical: true, housing: true, water: true }

/** A household's three years from identification to exit, each step at its own date. */
async function exitedHousehold(r: Prng, o: { village: string; names: string[]; seq: number; partner: { id: string; contactName: string | null; name: string } | undefined }, c: Ctx): Promise<boolean> {
  const { run, as, daysAgo } = c
  const born = (age: number) => `${c.year - age}-0${r.int(1, 9)}-1${r.int(0, 9)}`
  const body: NewAidHousehold = {
    placeId: o.village,
    householdType: 'general',
    yearIdentified: c.year - 3,
    mainCause: o.seq === 0 ? 'lack_of_skills' : 'poor_transport',
    secondaryCauses: ['lack_of_funds'],
    landCultivatedMu: '4.5',
    landForestMu: '10',
    landGrazingMu: '60',
    housingAreaM2: '96',
    housingStructure: 'brick_wood',
    housingSafe: true,
    safeWater: true,
    electricity: true,
    marketDistanceKm: '18.5',
    assignedWorkerId: c.worker,
    members: [
      { relation: 'head', name: o.names[0]!, gender: 'male', birthDate: born(45), ethnicity: '藏族', education: 'junior_secondary', schooling: 'not_school_age', healthStatus: 'healthy', labourCapacity: 'skilled', monthsAway: 6, insurance: ['basic_medical', 'pension'] },
      { relation: 'spouse', name: o.names[1]!, gender: 'female', birthDate: born(42), ethnicity: '藏族', education: 'primary', schooling: 'not_school_age', healthStatus: 'healthy', labourCapacity: 'ordinary', monthsAway: 0, insurance: ['basic_medical'] },
      { relation: 'child', name: '次仁平措', gender: 'male', birthDate: born(12), ethnicity: '藏族', education: 'primary', schooling: 'compulsory', healthStatus: 'healthy', labourCapacity: 'none', monthsAway: 0, insurance: ['basic_medical'] },
    ],
  }
  const identified = daysAgo(3 * 365 - 30 * o.seq)
  const h = await run(as(c.worker, identified), async (w) => {
    const row = await createHousehold(w, c.deps.cipher, body)
    if (o.partner) await pairHousehold(w, c.deps.cipher, row.id, { partnerId: o.partner.id, responsibleName: o.partner.contactName ?? `${o.partner.name}帮扶负责人` })
    return row
  })
  const id = h.body.id
  await run(as(c.worker, new Date(identified.getTime() + 20 * DAY)), (w) => changeAidHouseholdStatus(w, id, 'assisted', '建档立卡，纳入帮扶', false))
  // 年度核算: per person 5,200 → 8,600 → 11,800 yuan, well above every line once jobs took hold.
  for (const [k, perCapita] of [5_200, 8_600, 11_800].entries()) {
    const y = c.year - 3 + k
    const asOf = `${y}-12-1${k}`
    const at = new Date(Date.parse(`${asOf}T04:00:00.000Z`))
    await run(as(c.worker, at), (w) =>
      recordAidIncome(w, { householdId: id, year: y, asOf, source: 'annual', components: { wagesFen: perCapita * 3 * 60, businessFen: perCapita * 3 * 50, propertyFen: 0, transfersFen: 0, costsFen: perCapita * 3 * 10 } }),
    )
  }
  // The visit before the proposal, the proposal, approval, and confirmation after the notice.
  const before = daysAgo(60)
  await run(as(c.worker, before), (w) => c.visit(w, { householdId: id, visitedAt: before.toISOString(), notes: '核实收入与两不愁三保障，均已达标。', checklist: ALL_MET, income: { wagesFen: 12_500 * 3 * 60, businessFen: 12_500 * 3 * 50, propertyFen: 0, transfersFen: 0, costsFen: 12_500 * 3 * 10 }, photos: [demoPicture(o.seq, 'house')] }))
  const proposed = daysAgo(45)
  const eligible = await aidExitCheck(c.deps.db, c.teamId, h.body, proposed.toISOString(), true)
  if (!eligible.eligible) return false
  await run(as(c.worker, proposed), (w) => proposeAidExit(w, id, '人均纯收入连续稳定高于监测线，两不愁三保障达标', false))
  await run(as(c.leader, new Date(proposed.getTime() + 3_600_000)), (w) => approveAidExit(w, id, '经村两委评议、乡镇审核，同意公示'))
  await run(as(c.leader, daysAgo(39)), (w) => confirmAidExit(w, id))
  for (const d of [25, 8]) {
    const at = daysAgo(d)
    await run(as(c.worker, at), (w) => c.visit(w, { householdId: id, visitedAt: at.toISOString(), notes: '退出后监测走访，收入稳定，无返贫风险。', checklist: ALL_MET }))
  }
  return true
}
