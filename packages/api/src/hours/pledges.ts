import type { Kysely } from 'kysely'
import { forUpdate, type Database, type PledgeRow } from '@chayi/db'
import type { Pledge, PledgeSummary } from '@chayi/domain'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { addMonths, chinaMonth } from './time.js'

// 少抽一包烟，少打一盘麻将: monthly pledges to the welfare fund. A pledge row covers the months
// fromMonth..toMonth (inclusive; toMonth null = still running) at one amount, which is never
// edited. The only change to a row is closing it, by setting toMonth:
// - a new amount in month M closes the covering row at M − 1 and starts a new row at M, so M
//   counts at the new amount; a row that itself began in M gets toMonth = fromMonth − 1, an empty
//   span: it never counted, and stays in the history;
// - stopping in month M closes the running row at M (this month still counts);
// - pledging again in a month where a stopped row still covers it closes that row at M − 1 too.
// So the rows never overlap and a month's amount is that of the one row covering it.

type Db = Kysely<Database>

const toPledge = (r: PledgeRow): Pledge => ({ id: r.id, volunteerId: r.volunteerId, monthlyFen: Number(r.monthlyFen), fromMonth: r.fromMonth, toMonth: r.toMonth, createdAt: r.createdAt })

const covers = (r: Pick<PledgeRow, 'fromMonth' | 'toMonth'>, month: string) => r.fromMonth <= month && (r.toMonth === null || month <= r.toMonth)

/** The running pledge, every pledge newest first, and this year's total up to this month (China time). */
export async function pledgeSummary(db: Db, volunteerId: string, now: Date): Promise<PledgeSummary> {
  const rows = await db.selectFrom('pledges').selectAll().where('volunteerId', '=', volunteerId).orderBy('createdAt', 'desc').orderBy('id', 'desc').execute()
  const thisMonth = chinaMonth(now)
  const year = Number(thisMonth.slice(0, 4))
  let yearTotalFen = 0
  for (let m = `${year}-01`; m <= thisMonth; m = addMonths(m, 1)) {
    // Rows never overlap; were one ever to, the newest (first) would be the one that counts.
    const running = rows.find((r) => covers(r, m))
    if (running) yearTotalFen += Number(running.monthlyFen)
  }
  const current = rows.find((r) => r.toMonth === null)
  return { current: current ? toPledge(current) : null, history: rows.map(toPledge), year, yearTotalFen }
}

async function activeVolunteer(w: WriteScope, volunteerId: string) {
  // Locked so that two changes by one person queue instead of both closing the same row.
  const v = await forUpdate(w.trx, w.trx.selectFrom('volunteers').select(['id', 'status']).where('id', '=', volunteerId).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!v) throw notFound('Volunteer')
  if (v.status !== 'active') throw unprocessable('volunteer_not_active', 'Only an active volunteer of the team can pledge.')
}

/** Pledges `monthlyFen` a month from this month on; the same amount as the running pledge changes nothing. */
export async function setPledge(w: WriteScope, volunteerId: string, monthlyFen: number): Promise<void> {
  await activeVolunteer(w, volunteerId)
  const month = chinaMonth(w.at)
  const latest = await w.trx.selectFrom('pledges').selectAll().where('volunteerId', '=', volunteerId).orderBy('createdAt', 'desc').orderBy('id', 'desc').executeTakeFirst()
  if (latest && latest.toMonth === null && Number(latest.monthlyFen) === monthlyFen) return
  let closed: string | null = null
  if (latest && (latest.toMonth === null || latest.toMonth >= month)) {
    // Before its first month when it began this month: an empty span, it never counts.
    const toMonth = latest.fromMonth >= month ? addMonths(latest.fromMonth, -1) : addMonths(month, -1)
    await w.trx.updateTable('pledges').set({ toMonth }).where('id', '=', latest.id).execute()
    closed = latest.id
  }
  const id = newId()
  await w.trx.insertInto('pledges').values({ id, teamId: w.teamId, volunteerId, monthlyFen, fromMonth: month, toMonth: null, createdAt: w.at }).execute()
  await w.record({ kind: 'volunteers.pledge_made', entity: 'pledge', entityId: id, payload: { volunteerId, monthlyFen, fromMonth: month, closedPledgeId: closed } })
}

/** Stops the running pledge after this month (this month still counts). */
export async function stopPledge(w: WriteScope, volunteerId: string): Promise<void> {
  await activeVolunteer(w, volunteerId)
  const month = chinaMonth(w.at)
  const running = await w.trx.selectFrom('pledges').selectAll().where('volunteerId', '=', volunteerId).where('toMonth', 'is', null).executeTakeFirst()
  if (!running) throw conflict('no_running_pledge', 'There is no running pledge to stop.')
  await w.trx.updateTable('pledges').set({ toMonth: month }).where('id', '=', running.id).where('toMonth', 'is', null).execute()
  await w.record({ kind: 'volunteers.pledge_stopped', entity: 'pledge', entityId: running.id, payload: { volunteerId, toMonth: month } })
}
