import { ContributionSourceList, type ContributionLine, type ContributionSource, type PartnerContributions } from '@chayi/domain'
import { getPartnerRow, type Db } from './partners.js'

// What a partner actually gave (实际帮扶), read where it was recorded — never copied:
// - `fund`: fund income whose partnerId is the partner;
// - `granary`: donations of the granary donors linked to the partner (partner_granary_donors),
//   valued at the frozen value of their lots.
// Reversed income or donations are listed but not counted.
//
// Extension point: aid households (情系藏区, issue 7) add a code to ContributionSourceList in the
// domain and a reader to CONTRIBUTION_SOURCES below (e.g. assistance recorded against a pairing).

export interface ContributionReader {
  source: ContributionSource
  read(db: Db, teamId: string, partnerId: string): Promise<ContributionLine[]>
}

const fundSource: ContributionReader = {
  source: 'fund',
  async read(db, teamId, partnerId) {
    const rows = await db
      .selectFrom('fundIncome as i')
      .innerJoin('fundEntries as e', (j) => j.onRef('e.incomeId', '=', 'i.id').on('e.kind', '=', 'income'))
      .leftJoin('fundEntries as r', 'r.reverses', 'e.id')
      .select(['i.id', 'i.receiptNumber', 'i.receivedAt', 'i.amountFen', 'r.id as reversalId'])
      .where('i.teamId', '=', teamId)
      .where('i.partnerId', '=', partnerId)
      .orderBy('i.receivedAt')
      .orderBy('i.id')
      .execute()
    return rows.map((r) => ({ source: 'fund', id: r.id, reference: r.receiptNumber, at: r.receivedAt, amountFen: Number(r.amountFen), reversed: r.reversalId !== null }))
  },
}

const granarySource: ContributionReader = {
  source: 'granary',
  async read(db, teamId, partnerId) {
    const donations = await db
      .selectFrom('granaryDonations as d')
      .innerJoin('partnerGranaryDonors as l', 'l.donorId', 'd.donorId')
      .select(['d.id', 'd.receiptNumber', 'd.receivedAt'])
      .where('d.teamId', '=', teamId)
      .where('l.partnerId', '=', partnerId)
      .orderBy('d.receivedAt')
      .orderBy('d.id')
      .execute()
    if (!donations.length) return []
    const ids = donations.map((d) => d.id)
    const lots = await db.selectFrom('granaryLots').select(['donationId', 'quantity', 'unitValueFen']).where('donationId', 'in', ids).execute()
    const ins = await db.selectFrom('granaryMovements').select(['id', 'donationId']).where('kind', '=', 'in').where('donationId', 'in', ids).execute()
    const reversedIns = new Set(
      ins.length ? (await db.selectFrom('granaryMovements').select('reverses').where('reverses', 'in', ins.map((m) => m.id)).execute()).map((r) => r.reverses) : [],
    )
    const reversed = new Set(ins.filter((m) => reversedIns.has(m.id)).map((m) => m.donationId))
    return donations.map((d) => ({
      source: 'granary',
      id: d.id,
      reference: d.receiptNumber,
      at: d.receivedAt,
      amountFen: lots.filter((l) => l.donationId === d.id).reduce((s, l) => s + Number(l.quantity) * Number(l.unitValueFen), 0),
      reversed: reversed.has(d.id),
    }))
  },
}

/** One reader per code of ContributionSourceList, in its order. */
export const CONTRIBUTION_SOURCES: readonly ContributionReader[] = ContributionSourceList.codes.map((code) => {
  const reader = [fundSource, granarySource].find((s) => s.source === code)
  if (!reader) throw new Error(`no contribution reader for source ${code}`)
  return reader
})

export async function partnerContributions(db: Db, teamId: string, partnerId: string): Promise<PartnerContributions> {
  const partner = await getPartnerRow(db, teamId, partnerId)
  const sources = await Promise.all(
    CONTRIBUTION_SOURCES.map(async (s) => {
      const lines = await s.read(db, teamId, partner.id)
      const counted = lines.filter((l) => !l.reversed)
      return { source: s.source, count: counted.length, totalFen: counted.reduce((sum, l) => sum + l.amountFen, 0), lines }
    }),
  )
  return { partnerId: partner.id, totalFen: sources.reduce((s, x) => s + x.totalFen, 0), sources }
}
