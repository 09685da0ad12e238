import { isUniqueViolation, type DisclosureRow } from '@chayi/db'
import {
  applyMask,
  chinaMonthRange,
  DisclosureBody,
  GranaryCategoryList,
  quarterMonths,
  ServiceProjectList,
  suppressCount,
  suppressTable,
  type Disclosure,
  type DisclosureVersion,
  type PublicDisclosureSummary,
} from '@chayi/domain'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { beneficiariesServedCups, cupFigures } from './cups.js'
import { beneficiaryFigures, fundFigures, granaryFigures, hourCells, period, type Db, type GranaryRow } from './figures.js'

// Quarterly public disclosure (季度公开披露): aggregates only — never a name, an id or a per-person
// row — with every count from 1 to 4 withheld, and a second cell withheld wherever one withheld
// cell could otherwise be worked out from a published total. A published disclosure is a frozen
// row; publishing the quarter again inserts the next version, which supersedes the earlier ones.

/** When the quarter ends (China time), as a UTC instant. */
export function quarterEnd(quarter: string): string {
  return chinaMonthRange(quarterMonths(quarter)[2]).to
}

/** Exactly what would be published for the quarter, computed now. */
export async function disclosureBody(db: Db, teamId: string, quarter: string): Promise<DisclosureBody> {
  const months = quarterMonths(quarter)
  const p = period(months[0], months[2])
  const team = await db.selectFrom('teams').select(['code', 'name']).where('id', '=', teamId).executeTakeFirstOrThrow()
  const [cells, cups, granary, fund, beneficiaries, volunteers, activities, cupPeople, granaryPeople] = await Promise.all([
    hourCells(db, teamId, p),
    cupFigures(db, teamId, p),
    granaryFigures(db, teamId, p),
    fundFigures(db, teamId, p),
    beneficiaryFigures(db, teamId, p.end),
    db
      .selectFrom('hourEntries')
      .select(['volunteerId', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
      .where('teamId', '=', teamId)
      .where('status', '=', 'approved')
      .where('serviceDate', '>=', `${months[0]}-01`)
      .where('serviceDate', '<=', `${months[2]}-31`)
      .groupBy('volunteerId')
      .execute(),
    db
      .selectFrom('activities')
      .select(['project', (eb) => eb.fn.countAll<number>().as('n')])
      .where('teamId', '=', teamId)
      .where('status', '=', 'published')
      .where('startsAt', '>=', p.start)
      .where('startsAt', '<', p.end)
      .groupBy('project')
      .execute(),
    beneficiariesServedCups(db, teamId, p),
    granaryBeneficiaries(db, teamId, p.start, p.end),
  ])

  const projects = ServiceProjectList.codes
  const activityCounts = projects.map((pr) => Number(activities.find((a) => a.project === pr)?.n ?? 0))
  const minutes = projects.map((pr) => cells.filter((c) => c.project === pr).reduce((s, c) => s + c.minutes, 0))
  const act = suppressTable(activityCounts)
  const mins = applyMask(minutes, act.mask)

  const side = (units: (r: GranaryRow) => number, value: (r: GranaryRow) => number) => {
    const rows = GranaryCategoryList.codes.map((c) => granary.byCategory.find((r) => r.category === c))
    const u = suppressTable(rows.map((r) => (r ? units(r) : 0)))
    const v = applyMask(
      rows.map((r) => (r ? value(r) : 0)),
      u.mask,
    )
    return {
      byCategory: GranaryCategoryList.codes.map((category, i) => ({ category, units: u.cells[i]!, valueFen: v.cells[i]! })),
      total: { units: u.total, valueFen: v.total },
    }
  }

  const kinds = suppressTable(beneficiaries.byKind.map((k) => k.count))
  const body: DisclosureBody = {
    quarter,
    months: [...months],
    team: { code: team.code, name: team.name },
    volunteersActive: suppressCount(volunteers.filter((v) => Number(v.minutes) > 0).length),
    peopleServed: suppressCount(new Set([...cupPeople, ...granaryPeople]).size),
    activities: {
      byProject: projects.map((project, i) => ({ project, activities: act.cells[i]!, minutes: mins.cells[i]! })),
      total: { activities: act.total, minutes: mins.total },
    },
    cups: { bought: suppressCount(cups.bought), served: suppressCount(cups.served) },
    granary: {
      in: side(
        (r) => r.inUnits,
        (r) => r.inValueFen,
      ),
      out: side(
        (r) => r.outUnits,
        (r) => r.outValueFen,
      ),
    },
    fund: { incomeFen: fund.incomeFen, spendingFen: fund.spendingFen },
    // Kinds overlap (one person, several kinds): the total is the number of people, withheld on its own.
    beneficiaries: { byKind: beneficiaries.byKind.map((k, i) => ({ kind: k.kind, count: kinds.cells[i]! })), total: suppressCount(beneficiaries.active) },
  }
  // The schema is the last guard that nothing else slipped in.
  return DisclosureBody.parse(body)
}

/** Beneficiaries given goods from the granary in the period, by distributions not reversed. */
async function granaryBeneficiaries(db: Db, teamId: string, start: string, end: string): Promise<string[]> {
  const rows = await db
    .selectFrom('granaryDistributions as d')
    .select('d.recipientId')
    .distinct()
    .where('d.teamId', '=', teamId)
    .where('d.recipientKind', '=', 'beneficiary')
    .where('d.distributedAt', '>=', start)
    .where('d.distributedAt', '<', end)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('granaryMovements as r').select('r.id').where('r.kind', '=', 'reversal').whereRef('r.distributionId', '=', 'd.id'))),
    )
    .execute()
  return rows.map((r) => r.recipientId)
}

export async function previewDisclosure(db: Db, teamId: string, quarter: string, now: Date): Promise<{ body: DisclosureBody; ended: boolean; nextVersion: number }> {
  const latest = await latestVersion(db, teamId, quarter)
  return { body: await disclosureBody(db, teamId, quarter), ended: now.toISOString() >= quarterEnd(quarter), nextVersion: (latest?.version ?? 0) + 1 }
}

async function latestVersion(db: Db, teamId: string, quarter: string) {
  return db.selectFrom('disclosures').selectAll().where('teamId', '=', teamId).where('quarter', '=', quarter).orderBy('version', 'desc').limit(1).executeTakeFirst()
}

/** Publishes the quarter's figures as they stand, as the next version; a quarter not yet over is refused. */
export async function publishDisclosure(w: WriteScope, quarter: string): Promise<Disclosure> {
  if (w.at < quarterEnd(quarter)) throw unprocessable('quarter_not_ended', `${quarter} has not ended yet; a disclosure is published once the quarter is over.`)
  const body = await disclosureBody(w.trx, w.teamId, quarter)
  const version = ((await latestVersion(w.trx, w.teamId, quarter))?.version ?? 0) + 1
  const row: DisclosureRow = { id: newId(), teamId: w.teamId, quarter, version, body: JSON.stringify(body), publishedAt: w.at, publishedBy: w.actor.replace(/^user:/, '') }
  try {
    await w.trx.insertInto('disclosures').values(row).execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('version_taken', 'Someone published this quarter at the same moment; reload and try again.')
    throw err
  }
  await w.record({ kind: 'reports.disclosure_published', entity: 'disclosure', entityId: row.id, payload: { quarter, version } })
  return toDisclosure(row, false)
}

function toDisclosure(r: DisclosureRow, superseded: boolean): Disclosure {
  return { id: r.id, quarter: r.quarter, version: Number(r.version), publishedAt: r.publishedAt, superseded, body: DisclosureBody.parse(JSON.parse(r.body)) }
}

/** Every published version of the team, newest quarter and version first (for staff). */
export async function listDisclosures(db: Db, teamId: string): Promise<DisclosureVersion[]> {
  const rows = await db
    .selectFrom('disclosures as d')
    .leftJoin('users as u', 'u.id', 'd.publishedBy')
    .select(['d.id', 'd.quarter', 'd.version', 'd.publishedAt', 'd.publishedBy', 'u.displayName'])
    .where('d.teamId', '=', teamId)
    .orderBy('d.quarter', 'desc')
    .orderBy('d.version', 'desc')
    .execute()
  const top = new Map<string, number>()
  for (const r of rows) top.set(r.quarter, Math.max(top.get(r.quarter) ?? 0, Number(r.version)))
  return rows.map((r) => ({
    id: r.id,
    quarter: r.quarter,
    version: Number(r.version),
    publishedAt: r.publishedAt,
    superseded: Number(r.version) < top.get(r.quarter)!,
    publishedBy: r.displayName ?? r.publishedBy,
  }))
}

async function teamIdByCode(db: Db, code: string): Promise<string> {
  const t = await db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirst()
  if (!t) throw notFound('Team')
  return t.id
}

/** The quarters a team has published, each with its version in force. */
export async function publicDisclosures(db: Db, code: string): Promise<PublicDisclosureSummary[]> {
  const rows = await db.selectFrom('disclosures').select(['quarter', 'version', 'publishedAt']).where('teamId', '=', await teamIdByCode(db, code)).orderBy('quarter', 'desc').orderBy('version', 'desc').execute()
  const seen = new Set<string>()
  return rows.filter((r) => !seen.has(r.quarter) && seen.add(r.quarter)).map((r) => ({ quarter: r.quarter, version: Number(r.version), publishedAt: r.publishedAt }))
}

/** The version in force of a published quarter. */
export async function publicDisclosure(db: Db, code: string, quarter: string): Promise<Disclosure> {
  const row = await latestVersion(db, await teamIdByCode(db, code), quarter)
  if (!row) throw notFound('Disclosure')
  return toDisclosure(row, false)
}
