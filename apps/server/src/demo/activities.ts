import { randomBytes } from 'node:crypto'
import { newId, setPledge, transact, type Deps, type WriteScope } from '@chayi/api'
import { ServiceProjectList, type ServiceProject } from '@chayi/domain'
import { prng, type Prng } from './people.js'

// The demo team's service history: a year of past activities in all six projects with attendance
// and approved hours, years of hours carried over from the paper ledger (so some volunteers stand
// at every star level), a few recent entries still waiting for approval, and upcoming activities
// to sign up for — one of them full, with a waitlist.

const HOUR = 3600_000
const DAY = 24 * HOUR

interface Template {
  title: string
  place: string
  /** Local start hour (China time) and length in hours. */
  startHour: number
  hours: number
  capacity: number
  skills?: string[]
  minAge?: number
  insurance?: boolean
}

const TEMPLATES: Record<ServiceProject, Template[]> = {
  granary: [
    { title: '茶义仓物资整理与发放', place: '幸福社区茶馆·茶义仓', startHour: 9, hours: 3, capacity: 12 },
    { title: '爱心物资入库登记', place: '幸福社区茶馆·茶义仓', startHour: 14, hours: 2, capacity: 8 },
  ],
  neighbour_academy: [
    { title: '友邻学院·智能手机课堂', place: '幸福社区党群服务中心二楼', startHour: 14, hours: 2, capacity: 10, skills: ['电脑'] },
    { title: '友邻学院·急救知识讲座', place: '幸福社区党群服务中心', startHour: 19, hours: 2, capacity: 15, skills: ['急救'] },
  ],
  elder_storytelling: [{ title: '孝亲敬老评书会', place: '幸福社区茶馆', startHour: 15, hours: 2, capacity: 8, skills: ['评书'] }],
  hand_in_hand: [
    { title: '手牵手·助残出行陪伴', place: '融新残疾人关爱中心', startHour: 9, hours: 4, capacity: 10, insurance: true, minAge: 18 },
    { title: '手牵手·关爱中心康复陪护', place: '融新残疾人关爱中心', startHour: 14, hours: 3, capacity: 8, skills: ['护理'], insurance: true },
  ],
  empty_nest: [{ title: '空巢不空心·入户探访', place: '幸福社区各小区', startHour: 9, hours: 3, capacity: 20, insurance: true }],
  tibetan_area_aid: [{ title: '情系藏区·爱心物资打包', place: '三圣街道办事处仓库', startHour: 9, hours: 5, capacity: 25, insurance: true }],
}

/** An instant at `hour` o'clock China time on the China calendar day `daysFromToday` from `now`. */
function chinaTime(now: Date, daysFromToday: number, hour: number): Date {
  const chinaMidnight = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR
  return new Date(chinaMidnight + daysFromToday * DAY + hour * HOUR)
}
const chinaDate = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10)

interface Volunteer {
  id: string
  userId: string
  skills: string[]
  birthDate: string
}

async function insertActivity(w: WriteScope, a: { project: ServiceProject; t: Template; start: Date; createdBy: string; at: string }) {
  const id = newId()
  await w.trx
    .insertInto('activities')
    .values({
      id,
      teamId: w.teamId,
      project: a.project,
      title: a.t.title,
      description: `${a.t.title}。请提前十分钟到场签到，结束时签退。`,
      place: a.t.place,
      startsAt: a.start.toISOString(),
      endsAt: new Date(a.start.getTime() + a.t.hours * HOUR).toISOString(),
      capacity: a.t.capacity,
      minAge: a.t.minAge ?? null,
      requiredSkills: JSON.stringify(a.t.skills ?? []),
      insurance: a.t.insurance ? 1 : 0,
      status: 'published',
      cancelReason: null,
      checkInSecret: randomBytes(32).toString('hex'),
      remindedAt: a.start.getTime() < Date.parse(a.at) + DAY ? a.at : null,
      createdBy: a.createdBy,
      createdAt: a.at,
      updatedAt: a.at,
    })
    .execute()
  await w.record({ kind: 'volunteers.activity_published', entity: 'activity', entityId: id, payload: { project: a.project, startsAt: a.start.toISOString(), capacity: a.t.capacity, demo: true } })
  return id
}

const canServe = (v: Volunteer, t: Template) => (t.skills ?? []).every((s) => v.skills.includes(s))

/** Picks attendees: a core group that comes often, and others now and then. */
function attendees(r: Prng, pool: Volunteer[], core: Volunteer[], t: Template, n: number): Volunteer[] {
  const chosen = new Set<Volunteer>()
  const eligibleCore = core.filter((v) => canServe(v, t))
  const eligible = pool.filter((v) => canServe(v, t))
  for (const v of eligibleCore) if (chosen.size < Math.ceil(n / 2) && r.chance(0.5)) chosen.add(v)
  for (let tries = 0; chosen.size < n && tries < n * 5 && eligible.length; tries++) chosen.add(r.pick(eligible))
  return [...chosen]
}

export interface DemoHistory {
  past: number
  upcoming: number
  approvedEntries: number
  pendingEntries: number
}

/** Loads the history (in a few transactions, actor: the demo leader). */
export async function seedDemoActivities(deps: Deps, teamId: string): Promise<DemoHistory> {
  const now = deps.clock.now()
  const r = prng(8)
  const leader = await deps.db.selectFrom('users').select('id').where('teamId', '=', teamId).where('username', '=', 'leader').executeTakeFirstOrThrow()
  const actor = `user:${leader.id}`
  const rows = await deps.db.selectFrom('volunteers').select(['id', 'userId', 'skills', 'birthDate', 'volunteerNumber']).where('teamId', '=', teamId).where('status', '=', 'active').orderBy('volunteerNumber').execute()
  const pool: Volunteer[] = rows.map((v) => ({ id: v.id, userId: v.userId, skills: JSON.parse(v.skills) as string[], birthDate: v.birthDate }))
  const me = pool[0]! // the demo `volunteer` account (number 000001)
  const core = [me, ...pool.slice(2, 60)]
  const out: DemoHistory = { past: 0, upcoming: 0, approvedEntries: 0, pendingEntries: 0 }

  // Paper-ledger years: long-serving volunteers' yearly totals, so every star level has people.
  // Share of the pool per star band and yearly hours that land them there over 2019–2025.
  const bands: [count: number, yearly: [number, number]][] = [
    [6, [230, 260]], // 5 stars: 1500+ h
    [10, [150, 170]], // 4 stars: 1000+ h
    [25, [90, 120]], // 3 stars: 600+ h
    [60, [45, 70]], // 2 stars: 300+ h
    [150, [15, 35]], // 1 star: 100+ h
  ]
  await transact(deps, { teamId, actor }, async (w) => {
    let i = 2
    for (const [count, [lo, hi]] of bands) {
      for (const v of pool.slice(i, i + count)) {
        for (let year = 2019; year <= 2025; year++) {
          const minutes = r.int(lo, hi) * 60
          await insertEntry(w, { volunteerId: v.id, activityId: null, attendanceId: null, project: r.pick(ServiceProjectList.codes), serviceDate: `${year}-12-31`, minutes, source: 'supplement', reason: `${year}年度服务时长（纸质台账导入）`, approved: true, actor })
          out.approvedEntries++
        }
      }
      i += count
    }
    // The demo volunteer: some paper-ledger years too (1 star, on the way to 2).
    for (const year of [2023, 2024, 2025]) {
      await insertEntry(w, { volunteerId: me.id, activityId: null, attendanceId: null, project: 'granary', serviceDate: `${year}-12-31`, minutes: 42 * 60, source: 'supplement', reason: `${year}年度服务时长（纸质台账导入）`, approved: true, actor })
      out.approvedEntries++
    }
    await w.record({ kind: 'volunteers.hours_imported', entity: 'team', entityId: teamId, payload: { from: 'paper_ledger', years: [2019, 2025], entries: out.approvedEntries } })
    return { status: 201, body: null }
  })

  // A year of past activities: each project about twice a month, with attendance and hours.
  for (let monthsAgo = 12; monthsAgo >= 0; monthsAgo--) {
    await transact(deps, { teamId, actor }, async (w) => {
      for (const project of ServiceProjectList.codes) {
        for (const t of TEMPLATES[project]) {
          const day = -(monthsAgo * 30 + r.int(1, 28))
          if (day >= 0) continue
          const start = chinaTime(now, day, t.startHour)
          const id = await insertActivity(w, { project, t, start, createdBy: actor, at: new Date(start.getTime() - 10 * DAY).toISOString() })
          out.past++
          const people = attendees(r, pool, core, t, Math.min(t.capacity, r.int(Math.ceil(t.capacity / 2), t.capacity)))
          const recent = day > -4
          let minutesTotal = 0
          for (const v of people) {
            const checkIn = new Date(start.getTime() - r.int(0, 15) * 60_000)
            const checkOut = new Date(start.getTime() + t.hours * HOUR + r.int(-20, 10) * 60_000)
            const attendanceId = newId()
            await w.trx.insertInto('enrollments').values({ id: newId(), teamId, activityId: id, volunteerId: v.id, status: 'enrolled', queuedAt: new Date(start.getTime() - 5 * DAY).toISOString(), createdAt: new Date(start.getTime() - 5 * DAY).toISOString(), updatedAt: new Date(start.getTime() - 5 * DAY).toISOString() }).execute()
            await w.trx.insertInto('attendance').values({ id: attendanceId, teamId, activityId: id, volunteerId: v.id, checkInAt: checkIn.toISOString(), checkOutAt: checkOut.toISOString(), checkedInBy: `user:${v.userId}`, proxyReason: null, closedBy: 'volunteer' }).execute()
            // Actual service time: the part of the stay inside the activity's hours.
            const minutes = Math.floor((Math.min(checkOut.getTime(), start.getTime() + t.hours * HOUR) - Math.max(checkIn.getTime(), start.getTime())) / 60_000)
            minutesTotal += minutes
            await insertEntry(w, { volunteerId: v.id, activityId: id, attendanceId, project, serviceDate: chinaDate(start), minutes, source: 'attendance', reason: null, approved: !recent, actor, at: checkOut.toISOString() })
            if (recent) out.pendingEntries++
            else out.approvedEntries++
          }
          await w.record({ kind: 'volunteers.hours_imported', entity: 'activity', entityId: id, payload: { from: 'demo_attendance', entries: people.length, minutes: minutesTotal, approved: !recent } })
        }
      }
      return { status: 201, body: null }
    })
  }

  // Upcoming: the next four weeks, a few sign-ups each; one small one already full with a waitlist.
  await transact(deps, { teamId, actor }, async (w) => {
    let k = 0
    for (const project of ServiceProjectList.codes) {
      for (const t of TEMPLATES[project]) {
        const day = 2 + ((k * 5) % 26)
        const start = chinaTime(now, day, t.startHour)
        const full = k === 2
        const template = full ? { ...t, capacity: 3 } : t
        const id = await insertActivity(w, { project, t: template, start, createdBy: actor, at: now.toISOString() })
        out.upcoming++
        const people = attendees(r, pool.slice(1), [], template, full ? 5 : r.int(1, Math.max(1, template.capacity - 2)))
        for (const [j, v] of people.entries()) {
          const queued = new Date(now.getTime() - (people.length - j) * HOUR).toISOString()
          await w.trx.insertInto('enrollments').values({ id: newId(), teamId, activityId: id, volunteerId: v.id, status: j < template.capacity ? 'enrolled' : 'waitlisted', queuedAt: queued, createdAt: queued, updatedAt: queued }).execute()
        }
        k++
      }
    }
    return { status: 201, body: null }
  })
  // 少抽一包烟，少打一盘麻将: about one in seven pledged a monthly amount this year (written as of the
  // month each began, as the portal would have), the demo volunteer among them.
  const year = new Date(now.getTime() + 8 * HOUR).getUTCFullYear()
  const thisMonth = new Date(now.getTime() + 8 * HOUR).getUTCMonth()
  const pledgers = [me, ...pool.slice(1).filter(() => r.chance(0.14))]
  for (const [i, v] of pledgers.entries()) {
    const month = i === 0 ? 0 : r.int(0, thisMonth)
    const at = new Date(Date.UTC(year, month, 3, 2))
    await transact({ ...deps, clock: { now: () => at } }, { teamId, actor: `user:${v.userId}` }, async (w) => {
      await setPledge(w, v.id, i === 0 ? 3000 : r.pick([2000, 3000, 5000, 10000]))
      return { status: 201, body: null }
    })
  }
  return out
}

async function insertEntry(
  w: WriteScope,
  e: { volunteerId: string; activityId: string | null; attendanceId: string | null; project: string; serviceDate: string; minutes: number; source: 'attendance' | 'supplement'; reason: string | null; approved: boolean; actor: string; at?: string },
) {
  const at = e.at ?? `${e.serviceDate}T12:00:00.000Z`
  await w.trx
    .insertInto('hourEntries')
    .values({
      id: newId(),
      teamId: w.teamId,
      volunteerId: e.volunteerId,
      activityId: e.activityId,
      attendanceId: e.attendanceId,
      project: e.project,
      serviceDate: e.serviceDate,
      minutes: e.minutes,
      source: e.source,
      reason: e.reason,
      status: e.approved ? 'approved' : 'pending',
      reverses: null,
      createdBy: e.actor,
      createdAt: at,
      decidedBy: e.approved ? e.actor : null,
      decidedAt: e.approved ? at : null,
      decisionNote: null,
    })
    .execute()
}
