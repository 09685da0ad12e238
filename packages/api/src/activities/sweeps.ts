import { forUpdate } from '@chayi/db'
import type { Deps } from '../context.js'
import { notify } from '../notifications/notify.js'
import { transact, type WriteScope } from '../write.js'
import { closeAttendance } from './checkin.js'
import { lockActivity } from './service.js'

// Jobs the server runs on a timer (every minute or so). Both are idempotent: running one twice,
// or two at once, does the work once. One transaction per team, as `system:sweep`.

export const SWEEP_ACTOR = 'system:sweep'

/** One team's part of a sweep in its own transaction; a failure is logged and the other teams still go. */
async function perTeam(deps: Deps, teamId: string, job: string, fn: (w: WriteScope) => Promise<number>): Promise<number> {
  try {
    return (await transact(deps, { teamId, actor: SWEEP_ACTOR }, async (w) => ({ status: 200, body: await fn(w) }))).body
  } catch (err) {
    deps.logger.error({ err, teamId, job }, 'sweep failed for a team')
    return 0
  }
}

/** Whoever forgot to check out is checked out at the activity's end, with their pending hours. Returns how many were closed. */
export async function closeForgottenCheckOuts(deps: Deps): Promise<number> {
  const now = deps.clock.now().toISOString()
  const teams = await deps.db
    .selectFrom('attendance')
    .innerJoin('activities', 'activities.id', 'attendance.activityId')
    .select('attendance.teamId')
    .distinct()
    .where('attendance.checkOutAt', 'is', null)
    .where('activities.endsAt', '<=', now)
    .execute()
  let closed = 0
  for (const { teamId } of teams) {
    const r = await perTeam(deps, teamId, 'closeForgottenCheckOuts', async (w) => {
      const open = await w.trx
        .selectFrom('attendance')
        .innerJoin('activities', 'activities.id', 'attendance.activityId')
        .select(['attendance.id', 'attendance.activityId'])
        .where('attendance.teamId', '=', teamId)
        .where('attendance.checkOutAt', 'is', null)
        .where('activities.endsAt', '<=', w.at)
        .orderBy('attendance.activityId')
        .orderBy('attendance.id')
        .execute()
      let n = 0
      for (const o of open) {
        // Same lock order as a check-out: the activity, then the attendance row.
        const a = await lockActivity(w, o.activityId)
        const att = await forUpdate(w.trx, w.trx.selectFrom('attendance').selectAll().where('id', '=', o.id)).executeTakeFirstOrThrow()
        if (att.checkOutAt) continue
        await closeAttendance(w, a, att, a.endsAt, 'auto')
        n++
      }
      return n
    })
    closed += r
  }
  return closed
}

export const REMINDER_AHEAD_MS = 24 * 3_600_000

/**
 * Tells the people holding a seat about an activity starting within 24 hours, once per activity
 * (`remindedAt`, and the notification's dedupe key `reminder:<activityId>`). Returns how many
 * people were told.
 */
export async function sendActivityReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now()
  const due = await deps.db
    .selectFrom('activities')
    .select(['teamId', 'id'])
    .where('status', '=', 'published')
    .where('remindedAt', 'is', null)
    .where('startsAt', '>', now.toISOString())
    .where('startsAt', '<=', new Date(now.getTime() + REMINDER_AHEAD_MS).toISOString())
    .orderBy('teamId')
    .orderBy('startsAt')
    .execute()
  const byTeam = new Map<string, string[]>()
  for (const d of due) byTeam.set(d.teamId, [...(byTeam.get(d.teamId) ?? []), d.id])
  let told = 0
  for (const [teamId, ids] of byTeam) {
    const r = await perTeam(deps, teamId, 'sendActivityReminders', async (w) => {
      let n = 0
      for (const id of ids) {
        const a = await lockActivity(w, id)
        if (a.remindedAt || a.status !== 'published') continue
        const people = await w.trx
          .selectFrom('enrollments')
          .innerJoin('volunteers', 'volunteers.id', 'enrollments.volunteerId')
          .select('volunteers.userId')
          .where('enrollments.activityId', '=', id)
          .where('enrollments.status', '=', 'enrolled')
          .execute()
        n += await notify(w, {
          userIds: people.map((p) => p.userId),
          kind: 'reminder',
          activityId: id,
          params: { title: a.title, startsAt: a.startsAt, place: a.place },
          dedupeKey: `reminder:${id}`,
        })
        await w.trx.updateTable('activities').set({ remindedAt: w.at }).where('id', '=', id).execute()
      }
      return n
    })
    told += r
  }
  return told
}
