import { randomBytes } from 'node:crypto'
import type { DonationInput, DonationItemInput } from '@chayi/domain'
import type { createTestApi } from '../testing.js'

// Test helpers for the granary: a team with a care-staff keeper, a leader and a volunteer, and
// shorthand for intake and distribution bodies.

type TestApi = Awaited<ReturnType<typeof createTestApi>>

export async function granaryTeam(api: TestApi, code = `g${randomBytes(3).toString('hex')}`) {
  const team = await api.makeTeam(code)
  const [staff, leader, volunteer, admin] = await Promise.all(
    (['care_staff', 'leader', 'volunteer', 'admin'] as const).map(async (role) => api.signIn((await api.makeUser(team.id, [role])).username!)),
  )
  return { team, staff: staff!, leader: leader!, volunteer: volunteer!, admin: admin! }
}

export const rice = (over: Partial<DonationItemInput> = {}): DonationItemInput => ({
  category: 'grain_oil',
  description: '大米 5kg',
  quantity: 10,
  unit: '袋',
  unitValueFen: 3500,
  valuationBasis: 'market_price',
  ...over,
})

export const oil = (over: Partial<DonationItemInput> = {}): DonationItemInput => ({
  category: 'grain_oil',
  description: '菜籽油 5L',
  quantity: 4,
  unit: '桶',
  unitValueFen: 8900,
  valuationBasis: 'voucher',
  ...over,
})

export const donationBody = (items: DonationItemInput[], over: Partial<DonationInput> = {}): DonationInput => ({
  anonymous: true,
  receivedAt: '2026-11-20T02:00:00.000Z',
  items,
  ...over,
})

export const recipient = { kind: 'beneficiary' as const, id: '0190a000-0000-7000-8000-00000000b001', label: '张奶奶' }

/** Row counts of every table the granary writes (plus the chain, counters and idempotency keys). */
export async function granaryCounts(api: TestApi) {
  const tables = [
    'granaryPlaces',
    'granaryDonors',
    'granaryItems',
    'granaryDonations',
    'granaryLots',
    'granaryDistributions',
    'granaryMovements',
    'granaryMovementLines',
    'granaryStocktakes',
    'granaryStocktakeLines',
    'ledgerEvents',
    'teamCounters',
    'idempotencyKeys',
  ] as const
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = Number((await api.deps.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return out
}

/** Units per lot as the raw sum of movement lines, straight from the database. */
export async function rawLotBalances(api: TestApi, teamId: string): Promise<Map<string, number>> {
  const rows = await api.deps.db
    .selectFrom('granaryLots as l')
    .leftJoin('granaryMovementLines as ml', 'ml.lotId', 'l.id')
    .select(['l.id'])
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('ml.quantity'), eb.lit(0)).as('n'))
    .where('l.teamId', '=', teamId)
    .groupBy('l.id')
    .execute()
  return new Map(rows.map((r) => [r.id, Number(r.n)]))
}
