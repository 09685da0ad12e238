import type { Kysely } from 'kysely'
import type { AidPartnerLinkRow, Database } from '@chayi/db'
import { incomeBand, type AidHouseholdStatus, type AidHouseholdType, type AidPartnerLink, type AidPartnerLinkIssued, type AidPartnerView, type PovertyCause } from '@chayi/domain'
import { randomToken, sha256Hex } from '../crypto.js'
import { notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { teamIncomeYears } from './lines.js'
import { loadPlaces, placePath } from './places.js'

// Partners' redacted view (issue 7 §9). A partner has no account: a leader issues a link whose
// token is shown once; the view it opens lists the partner's currently paired households by code,
// place, status, type, size, main cause and band against the line, and the partner's deliveries.
// Built from an allow-list of columns: no member field (only their count), sealed value or income
// figure (only the band) leaves this file.

const toLink = (r: AidPartnerLinkRow, partnerName: string): AidPartnerLink => ({ id: r.id, partnerId: r.partnerId, partnerName, createdAt: r.createdAt, revokedAt: r.revokedAt })

export async function issuePartnerLink(w: WriteScope, partnerId: string): Promise<AidPartnerLinkIssued> {
  const partner = await w.trx.selectFrom('partners').select(['id', 'name']).where('id', '=', partnerId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!partner) throw unprocessable('bad_partner', 'No such partner in this team.', [{ path: 'partnerId', message: 'not a partner of this team' }])
  const token = randomToken(32)
  const row: AidPartnerLinkRow = { id: newId(), teamId: w.teamId, partnerId, tokenHash: sha256Hex(token), createdAt: w.at, createdBy: w.actor, revokedAt: null, revokedBy: null }
  await w.trx.insertInto('aidPartnerLinks').values(row).execute()
  await w.record({ kind: 'aid.partner_link_issued', entity: 'aid_partner_link', entityId: row.id, payload: { partnerId } })
  return { ...toLink(row, partner.name), token }
}

export async function revokePartnerLink(w: WriteScope, id: string): Promise<AidPartnerLink> {
  const row = await w.trx
    .selectFrom('aidPartnerLinks')
    .innerJoin('partners', 'partners.id', 'aidPartnerLinks.partnerId')
    .selectAll('aidPartnerLinks')
    .select('partners.name as partnerName')
    .where('aidPartnerLinks.id', '=', id)
    .where('aidPartnerLinks.teamId', '=', w.teamId)
    .executeTakeFirst()
  if (!row) throw notFound('Partner link')
  const { partnerName, ...link } = row
  // Revoking twice is no change: the first revocation stands.
  if (link.revokedAt !== null) return toLink(link, partnerName)
  const revoked = { ...link, revokedAt: w.at, revokedBy: w.actor }
  await w.trx.updateTable('aidPartnerLinks').set({ revokedAt: w.at, revokedBy: w.actor }).where('id', '=', id).where('revokedAt', 'is', null).execute()
  await w.record({ kind: 'aid.partner_link_revoked', entity: 'aid_partner_link', entityId: id, payload: { partnerId: link.partnerId } })
  return toLink(revoked, partnerName)
}

/** The team's links, newest first (tokens are never shown again). */
export async function listPartnerLinks(db: Kysely<Database>, teamId: string): Promise<AidPartnerLink[]> {
  const rows = await db
    .selectFrom('aidPartnerLinks')
    .innerJoin('partners', 'partners.id', 'aidPartnerLinks.partnerId')
    .selectAll('aidPartnerLinks')
    .select('partners.name as partnerName')
    .where('aidPartnerLinks.teamId', '=', teamId)
    .orderBy('aidPartnerLinks.id', 'desc')
    .execute()
  return rows.map(({ partnerName, ...r }) => toLink(r, partnerName))
}

/** Standing (not reversed) deliveries by partner: count and value. */
export async function standingDeliveries(db: Kysely<Database>, teamId: string, opts: { partnerId?: string; year?: number } = {}) {
  let q = db
    .selectFrom('aidDeliveries')
    .leftJoin('aidDeliveryReversals', 'aidDeliveryReversals.deliveryId', 'aidDeliveries.id')
    .select(['aidDeliveries.id', 'aidDeliveries.partnerId', 'aidDeliveries.householdId', 'aidDeliveries.valueFen', 'aidDeliveries.deliveredOn', 'aidDeliveries.what', 'aidDeliveryReversals.id as reversalId'])
    .where('aidDeliveries.teamId', '=', teamId)
  if (opts.partnerId) q = q.where('aidDeliveries.partnerId', '=', opts.partnerId)
  if (opts.year !== undefined) q = q.where('aidDeliveries.deliveredOn', '>=', `${opts.year}-01-01`).where('aidDeliveries.deliveredOn', '<=', `${opts.year}-12-31`)
  const rows = await q.orderBy('aidDeliveries.deliveredOn').orderBy('aidDeliveries.id').execute()
  return rows.map((r) => ({ ...r, valueFen: Number(r.valueFen), reversed: r.reversalId !== null }))
}

/** What an unrevoked token opens, or 404 (an unknown and a revoked token look the same). */
export async function partnerView(db: Kysely<Database>, token: string, now: Date): Promise<AidPartnerView> {
  const link = await db
    .selectFrom('aidPartnerLinks')
    .innerJoin('partners', 'partners.id', 'aidPartnerLinks.partnerId')
    .select(['aidPartnerLinks.teamId', 'aidPartnerLinks.partnerId', 'aidPartnerLinks.revokedAt', 'partners.name as partnerName'])
    .where('aidPartnerLinks.tokenHash', '=', sha256Hex(token))
    .executeTakeFirst()
  if (!link || link.revokedAt !== null) throw notFound('View')
  const { teamId, partnerId } = link

  const households = await db
    .selectFrom('aidPairings')
    .innerJoin('aidHouseholds', 'aidHouseholds.id', 'aidPairings.householdId')
    .select(['aidHouseholds.id', 'aidHouseholds.code', 'aidHouseholds.placeId', 'aidHouseholds.status', 'aidHouseholds.householdType', 'aidHouseholds.mainCause', 'aidPairings.startedAt'])
    .where('aidPairings.teamId', '=', teamId)
    .where('aidPairings.partnerId', '=', partnerId)
    .where('aidPairings.endedAt', 'is', null)
    .orderBy('aidHouseholds.code')
    .execute()
  const ids = households.map((h) => h.id)
  const [places, years, members, deliveries] = await Promise.all([
    loadPlaces(db, teamId),
    teamIncomeYears(db, teamId, ids),
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('aidMembers').select((eb) => ['householdId', eb.fn.countAll<number | string>().as('n')]).where('teamId', '=', teamId).where('householdId', 'in', ids).groupBy('householdId').execute(),
    standingDeliveries(db, teamId, { partnerId }),
  ])
  const memberCount = new Map(members.map((m) => [m.householdId, Number(m.n)]))
  const items = households.map((h) => {
    const latest = years.get(h.id)?.at(-1) ?? null
    const line = latest && latest.monitoringFen !== null && latest.dibaoFen !== null ? { dibaoFen: latest.dibaoFen, monitoringFen: latest.monitoringFen } : null
    return {
      code: h.code,
      placePath: placePath(places, h.placeId),
      status: h.status as AidHouseholdStatus,
      householdType: h.householdType as AidHouseholdType,
      memberCount: memberCount.get(h.id) ?? 0,
      mainCause: h.mainCause as PovertyCause,
      latestYear: latest?.year ?? null,
      band: incomeBand(latest?.perCapitaFen ?? null, line),
      pairedSince: h.startedAt,
    }
  })
  const standing = deliveries.filter((d) => !d.reversed)
  return {
    partnerName: link.partnerName,
    households: items,
    totals: {
      households: items.length,
      aboveLine: items.filter((i) => i.band === 'near_line' || i.band === 'above_line').length,
      deliveries: standing.length,
      deliveredFen: standing.reduce((s, d) => s + d.valueFen, 0),
    },
    generatedAt: now.toISOString(),
  }
}
