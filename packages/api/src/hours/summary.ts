import { sql, type Kysely } from 'kysely'
import type { Database } from '@chayi/db'
import { STAR_THRESHOLDS_HOURS, starLevel, type HoursSummary, type ServiceProject, type StarThresholds, type VolunteerSettings } from '@chayi/domain'
import type { WriteScope } from '../write.js'
import { chinaMonth, monthsEndingWith } from './time.js'

type Db = Kysely<Database>

/** What a team has until a leader saves its settings; the certificate issuer is always the team name. */
export const DEFAULT_VOLUNTEER_SETTINGS: VolunteerSettings = { starThresholds: [...STAR_THRESHOLDS_HOURS], personInCharge: '', contact: '' }

export async function getVolunteerSettings(db: Db, teamId: string): Promise<VolunteerSettings> {
  const row = await db.selectFrom('volunteerSettings').selectAll().where('teamId', '=', teamId).executeTakeFirst()
  if (!row) return { ...DEFAULT_VOLUNTEER_SETTINGS, starThresholds: [...DEFAULT_VOLUNTEER_SETTINGS.starThresholds] }
  return { starThresholds: JSON.parse(row.starThresholds) as StarThresholds, personInCharge: row.personInCharge, contact: row.contact }
}

/** A leader sets the team's star thresholds and what certificates print. */
export async function saveVolunteerSettings(w: WriteScope, input: VolunteerSettings): Promise<VolunteerSettings> {
  const values = { starThresholds: JSON.stringify(input.starThresholds), personInCharge: input.personInCharge, contact: input.contact, updatedAt: w.at }
  await w.trx
    .insertInto('volunteerSettings')
    .values({ teamId: w.teamId, ...values })
    .onConflict((oc) => oc.column('teamId').doUpdateSet(values))
    .execute()
  // Names and phone numbers stay out of the permanent chain; the thresholds are the rule that matters.
  await w.record({ kind: 'volunteers.settings_changed', entity: 'team', entityId: w.teamId, payload: { starThresholds: input.starThresholds } })
  return input
}

/**
 * A volunteer's approved and pending minutes, star level, the last 12 months (China time, oldest
 * first, empty months as 0) and the split by project. Reversals are approved entries with negative
 * minutes, so every figure is a plain sum.
 */
export async function hoursSummary(db: Db, teamId: string, volunteerId: string, now: Date): Promise<HoursSummary> {
  const { starThresholds } = await getVolunteerSettings(db, teamId)
  const totals = await db
    .selectFrom('hourEntries')
    .select(['status', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('volunteerId', '=', volunteerId)
    .where('teamId', '=', teamId)
    .where('status', 'in', ['approved', 'pending'])
    .groupBy('status')
    .execute()
  const total = (s: string) => Number(totals.find((t) => t.status === s)?.minutes ?? 0)
  const approvedMinutes = total('approved')
  const star = starLevel(Math.max(0, approvedMinutes), starThresholds)

  const months = monthsEndingWith(chinaMonth(now), 12)
  const month = sql<string>`substr(service_date, 1, 7)`
  const perMonth = await db
    .selectFrom('hourEntries')
    .select([month.as('month'), (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('volunteerId', '=', volunteerId)
    .where('teamId', '=', teamId)
    .where('status', '=', 'approved')
    .where('serviceDate', '>=', `${months[0]}-01`)
    .groupBy(month)
    .execute()
  const byMonthMap = new Map(perMonth.map((m) => [m.month, Number(m.minutes)]))

  const perProject = await db
    .selectFrom('hourEntries')
    .select(['project', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('volunteerId', '=', volunteerId)
    .where('teamId', '=', teamId)
    .where('status', '=', 'approved')
    .groupBy('project')
    .execute()

  return {
    volunteerId,
    approvedMinutes,
    pendingMinutes: total('pending'),
    starLevel: star.level,
    hoursToNext: star.hoursToNext,
    thresholds: starThresholds,
    byMonth: months.map((m) => ({ month: m, minutes: byMonthMap.get(m) ?? 0 })),
    byProject: perProject
      .map((p) => ({ project: p.project as ServiceProject, minutes: Number(p.minutes) }))
      // A project whose hours were all reversed has nothing to show.
      .filter((p) => p.minutes !== 0)
      .sort((a, b) => b.minutes - a.minutes || a.project.localeCompare(b.project)),
  }
}
