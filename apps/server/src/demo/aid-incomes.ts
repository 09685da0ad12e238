import { aidIncomeYears, recordAidIncome, setAidLine, transact, type Deps } from '@chayi/api'
import type { IncomeComponents } from '@chayi/domain'
import { prng, type Prng } from './people.js'

// 情系藏区 demo, incomes: the team's lines for the last four years (低保 standard 4,500 → 5,400 yuan
// per person per year, monitoring line 7,000 → 7,800) with a higher line for one remote village this
// year, and three or four years of each demo household's figures (年度核算). Most households climb
// across the line as jobs and produce sales take hold; some with no labour or a serious illness stay
// near 低保 and live on transfers; a few slip back in a bad year. Runs after seedDemoAid. Made up.

export interface DemoAidIncomes {
  lines: number
  incomes: number
  households: number
  /** Households whose latest year is at or above its monitoring line. */
  aboveLine: number
}

const YUAN = 100
/** Per person per year, in yuan, oldest of the four years first. */
const DIBAO = [4_500, 4_800, 5_100, 5_400]
const MONITORING = [7_000, 7_300, 7_500, 7_800]
/** The remote village whose county sets it a higher line this year (transport makes life dearer). */
const REMOTE_VILLAGE = '岗坚村'
const REMOTE = { dibaoFen: 5_600 * YUAN, monitoringFen: 8_100 * YUAN }

/** Whole yuan, as fen: the demo's figures look like ones written down at a kitchen table. */
const fen = (yuan: number) => Math.max(0, Math.round(yuan)) * YUAN

/**
 * One year's components for a household of `people` whose per-capita net should be about
 * `perCapita` yuan: transfers first (低保 for 低保 and 特困 households), then wages and a family
 * business with its costs in proportions that follow the household's labour.
 */
function components(r: Prng, perCapita: number, people: number, transfers: number, working: boolean): IncomeComponents {
  const net = perCapita * people
  const rest = Math.max(0, net - transfers)
  const wagesShare = working ? 0.45 + r.next() * 0.25 : 0.05 + r.next() * 0.1
  const wages = rest * wagesShare
  const property = Math.min(rest - wages, people * (r.int(0, 3) * 100))
  const businessNet = rest - wages - property
  const costs = businessNet * (0.25 + r.next() * 0.15)
  return { wagesFen: fen(wages), businessFen: fen(businessNet + costs), propertyFen: fen(property), transfersFen: fen(transfers), costsFen: fen(costs) }
}

/** Seeds lines and incomes for the team's demo households (seedDemoAid must have run). */
export async function seedDemoAidIncomes(deps: Deps, teamId: string): Promise<DemoAidIncomes> {
  const r = prng(2026)
  const now = deps.clock.now()
  const thisYear = now.getUTCFullYear()
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear]

  const remote = await deps.db.selectFrom('aidPlaces').select('id').where('teamId', '=', teamId).where('level', '=', 'village').where('name', '=', REMOTE_VILLAGE).executeTakeFirst()
  const lines = await transact(deps, { teamId, actor: 'system:demo' }, async (w) => {
    let n = 0
    for (const [i, year] of years.entries()) {
      await setAidLine(w, { year, placeId: null, dibaoFen: DIBAO[i]! * YUAN, monitoringFen: MONITORING[i]! * YUAN })
      n++
    }
    if (remote) {
      await setAidLine(w, { year: thisYear, placeId: remote.id, ...REMOTE })
      n++
    }
    return { status: 201, body: n }
  })

  const households = await deps.db.selectFrom('aidHouseholds').select(['id', 'householdType']).where('teamId', '=', teamId).orderBy('code').execute()
  const labour = await deps.db.selectFrom('aidMembers').select(['householdId', 'labourCapacity']).where('teamId', '=', teamId).execute()
  // The current year's figures are taken at the autumn visit round, a couple of weeks ago; in the
  // first half of a year there are none yet.
  const autumn = new Date(now.getTime() - 14 * 86_400_000).toISOString().slice(0, 10)
  const currentTaken = now.getUTCMonth() >= 6

  let incomes = 0
  let aboveLine = 0
  for (const [i, h] of households.entries()) {
    const mine = labour.filter((m) => m.householdId === h.id)
    const people = Math.max(1, mine.length)
    const workers = mine.filter((m) => m.labourCapacity === 'ordinary' || m.labourCapacity === 'skilled').length
    const onDibao = h.householdType === 'dibao' || h.householdType === 'tekun'
    // Most climb; households without labour stay near 低保; every seventh has a bad year and slips.
    const course = workers === 0 ? 'flat' : i % 7 === 3 ? 'slip' : 'climb'
    let perCapita = r.int(4_200, 6_400)
    await transact(deps, { teamId, actor: 'system:demo' }, async (w) => {
      // Three completed years for everyone; this year's figures for two households in three.
      const recorded = i % 3 === 0 || !currentTaken ? years.slice(0, 3) : years
      for (const [k, year] of recorded.entries()) {
        if (k > 0) {
          if (course === 'climb') perCapita = Math.round(perCapita * (1.15 + r.next() * 0.2))
          else if (course === 'slip') perCapita = Math.round(perCapita * (k === 2 ? 0.7 : 1.2))
          else perCapita = Math.round(perCapita * (0.98 + r.next() * 0.08))
        }
        const transfers = onDibao ? Math.min(perCapita * people * 0.6, DIBAO[years.indexOf(year)]! * people * 0.5) : r.int(300, 900) * people
        const asOf = year === thisYear ? autumn : `${year}-12-${String(r.int(5, 25)).padStart(2, '0')}`
        await recordAidIncome(w, { householdId: h.id, year, asOf, source: 'annual', components: components(r, perCapita, people, transfers, workers > 0), note: null })
        incomes++
      }
      return { status: 201, body: null }
    })
    const latest = (await aidIncomeYears(deps.db, teamId, h.id)).at(-1)
    if (latest?.aboveLine) aboveLine++
  }
  return { lines: lines.body, incomes, households: households.length, aboveLine }
}
