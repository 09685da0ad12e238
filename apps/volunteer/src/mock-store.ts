// The mock API's activity world, one per MockState, shared by the volunteer-side (../mocks.ts) and
// leader-side (./lead/mocks.ts) handlers so both see the same activities, sign-ups and hours.
// Besides the rows, the rules both sides need (seats and waitlist, check-in codes, the hours
// summary, notifications) live here once, and `seedDemoWorld` fills a living demo for dev mode.
import {
  ageBandOf,
  ageOn,
  formatVolunteerNumber,
  maskIdNumber,
  starLevel,
  type Activity,
  type Attendance,
  type Certificate,
  type CheckInCode,
  type Enrollment,
  type HourEntry,
  type HoursSummary,
  type Notification,
  type NotificationKind,
  type Pledge,
  type PledgeSummary,
  type ServiceProject,
  type VolunteerProfile,
} from '@chayi/domain'
import type { MockState } from '@chayi/testing/msw'

/** A check-in code a leader's phone shows: the QR carries `token`, people type `code`. */
export interface CheckInCodeRow {
  activityId: string
  token: string
  code: string
  expiresAt: string
}

export interface ActivityWorld {
  /** Stored with `myEnrollment: null`; counts and the caller's place come from `viewActivity`. */
  activities: Activity[]
  enrollments: Enrollment[]
  attendance: Attendance[]
  hours: HourEntry[]
  certificates: Certificate[]
  pledges: Pledge[]
  notifications: (Notification & { userId: string })[]
  starThresholds: number[]
  /** The team's volunteer profiles (registration and the demo seed), contacts included. */
  volunteers: VolunteerProfile[]
  /** Profile id → `idType:ID NUMBER`, for one registration per ID document. */
  idKeys: Record<string, string>
  /** The last sequence number given to a volunteer (XINGFU-000001 …). */
  volunteerCounter: number
  /** Live check-in codes (see `issueCheckInCode`). */
  checkInCodes: CheckInCodeRow[]
  certificateCounter: number
  /** 负责人 and 联系方式 printed on certificates. */
  settings: { personInCharge: string; contact: string }
}

const worlds = new WeakMap<MockState, ActivityWorld>()

function emptyWorld(): ActivityWorld {
  return {
    activities: [],
    enrollments: [],
    attendance: [],
    hours: [],
    certificates: [],
    pledges: [],
    notifications: [],
    starThresholds: [100, 300, 600, 1000, 1500],
    volunteers: [],
    idKeys: {},
    volunteerCounter: 0,
    checkInCodes: [],
    certificateCounter: 0,
    settings: { personInCharge: '', contact: '' },
  }
}

export function worldOf(state: MockState): ActivityWorld {
  let w = worlds.get(state)
  if (!w) {
    w = emptyWorld()
    worlds.set(state, w)
  }
  return w
}

let seq = 0
/** A fresh UUID-shaped id that sorts after the seed's. */
export const mockId = () => `01900000-0000-7000-9000-${(Date.now() * 100 + (seq++ % 100)).toString(16).padStart(12, '0')}`
/** The seed's ids: stable across reloads, so a bookmarked /activities/:id still works. */
const seedId = (n: number) => `01900000-0000-7000-a000-${n.toString(16).padStart(12, '0')}`

const CHINA_MS = 8 * 3_600_000
/** `YYYY-MM-DD` of an instant in China time. */
export const chinaDay = (iso: string | Date) => new Date(new Date(iso).getTime() + CHINA_MS).toISOString().slice(0, 10)
/** `YYYY-MM` of an instant in China time. */
export const chinaMonth = (iso: string | Date) => chinaDay(iso).slice(0, 7)
/** Months after (positive) or before `month` (`YYYY-MM`). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return d.toISOString().slice(0, 7)
}

/** The active profile of a signed-in user, if they are a volunteer of the team. */
export function volunteerOfUser(w: ActivityWorld, userId: string): VolunteerProfile | undefined {
  return w.volunteers.find((v) => v.userId === userId && v.status === 'active')
}

/** The live (not withdrawn) sign-up of one volunteer for one activity. */
export function liveEnrollment(w: ActivityWorld, activityId: string, volunteerId: string): Enrollment | undefined {
  return w.enrollments.find((e) => e.activityId === activityId && e.volunteerId === volunteerId && e.status !== 'cancelled')
}

/** Waitlist places 1, 2, 3 … in the order people signed up. */
export function renumberWaitlist(w: ActivityWorld, activityId: string) {
  const waiting = w.enrollments.filter((e) => e.activityId === activityId && e.status === 'waitlisted').sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
  waiting.forEach((e, i) => (e.waitlistPosition = i + 1))
  for (const e of w.enrollments) if (e.activityId === activityId && e.status !== 'waitlisted') e.waitlistPosition = null
}

/** An activity as a given volunteer (or a leader, `null`) sees it: counts and their own place. */
export function viewActivity(w: ActivityWorld, a: Activity, volunteerId: string | null): Activity {
  const rows = w.enrollments.filter((e) => e.activityId === a.id)
  const mine = volunteerId ? rows.find((e) => e.volunteerId === volunteerId && e.status !== 'cancelled') ?? rows.filter((e) => e.volunteerId === volunteerId).at(-1) : undefined
  const att = volunteerId ? w.attendance.find((x) => x.activityId === a.id && x.volunteerId === volunteerId) : undefined
  return {
    ...a,
    enrolledCount: rows.filter((e) => e.status === 'enrolled').length,
    waitlistCount: rows.filter((e) => e.status === 'waitlisted').length,
    myEnrollment: mine ? { status: mine.status, waitlistPosition: mine.waitlistPosition, checkInAt: att?.checkInAt ?? null, checkOutAt: att?.checkOutAt ?? null } : null,
  }
}

/** Tells one person something in their inbox. */
export function notify(w: ActivityWorld, userId: string, kind: NotificationKind, params: Record<string, string | number>, activityId: string | null, at: Date) {
  w.notifications.push({ id: mockId(), userId, kind, params, activityId, createdAt: at.toISOString(), readAt: null })
}

/** After a withdrawal: the first person waiting takes the seat at once (and is told). */
export function promoteFirstWaitlisted(w: ActivityWorld, activityId: string, at: Date): Enrollment | undefined {
  const a = w.activities.find((x) => x.id === activityId)
  if (!a) return undefined
  const enrolled = w.enrollments.filter((e) => e.activityId === activityId && e.status === 'enrolled').length
  if (enrolled >= a.capacity) return undefined
  renumberWaitlist(w, activityId)
  const first = w.enrollments.find((e) => e.activityId === activityId && e.status === 'waitlisted' && e.waitlistPosition === 1)
  if (!first) return undefined
  first.status = 'enrolled'
  first.waitlistPosition = null
  first.updatedAt = at.toISOString()
  renumberWaitlist(w, activityId)
  const who = w.volunteers.find((v) => v.id === first.volunteerId)
  if (who) notify(w, who.userId, 'promoted', { title: a.title, startsAt: a.startsAt }, a.id, at)
  return first
}

/**
 * A fresh code for an activity's check-in QR (a leader's phone shows it): a token for the QR's
 * URL and six digits to type, valid `ttlSeconds`. Codes of the same activity stay valid until
 * they expire, as a phone that has just scanned the previous one would expect.
 */
export function issueCheckInCode(w: ActivityWorld, activityId: string, now: Date, opts: { origin?: string; ttlSeconds?: number; code?: string; token?: string } = {}): CheckInCode {
  const ttl = opts.ttlSeconds ?? 60
  const taken = new Set(w.checkInCodes.map((c) => c.code))
  let code = opts.code ?? ''
  while (!code || taken.has(code)) code = String(Math.floor(100000 + Math.random() * 900000))
  const token = opts.token ?? `ci1.${activityId}.${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
  const expiresAt = new Date(now.getTime() + ttl * 1000).toISOString()
  w.checkInCodes = w.checkInCodes.filter((c) => Date.parse(c.expiresAt) > now.getTime() - 3_600_000)
  w.checkInCodes.push({ activityId, token, code, expiresAt })
  return { activityId, token, code, url: `${opts.origin ?? ''}/volunteer/check-in?t=${encodeURIComponent(token)}`, expiresAt, refreshInSeconds: ttl }
}

/** Approved minutes, star, and the chart's figures for one volunteer (the last 12 months by month). */
export function hoursSummary(w: ActivityWorld, volunteerId: string, now: Date): HoursSummary {
  const mine = w.hours.filter((h) => h.volunteerId === volunteerId)
  const approved = mine.filter((h) => h.status === 'approved')
  const approvedMinutes = Math.max(0, approved.reduce((s, h) => s + h.minutes, 0))
  const pendingMinutes = mine.filter((h) => h.status === 'pending').reduce((s, h) => s + h.minutes, 0)
  const star = starLevel(approvedMinutes, w.starThresholds)
  const thisMonth = chinaMonth(now)
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i - 11))
  const byMonth = months.map((month) => ({ month, minutes: approved.filter((h) => h.serviceDate.startsWith(month)).reduce((s, h) => s + h.minutes, 0) }))
  const projects = new Map<ServiceProject, number>()
  for (const h of approved) projects.set(h.project, (projects.get(h.project) ?? 0) + h.minutes)
  const byProject = [...projects].filter(([, m]) => m > 0).map(([project, minutes]) => ({ project, minutes }))
  return {
    volunteerId,
    approvedMinutes,
    pendingMinutes,
    starLevel: star.level,
    hoursToNext: star.hoursToNext === null ? null : Math.round(star.hoursToNext * 10) / 10,
    thresholds: w.starThresholds,
    byMonth,
    byProject,
  }
}

/** The pledges of one volunteer and this year's total (each month counts the pledge running in it). */
export function pledgeSummary(w: ActivityWorld, volunteerId: string, now: Date): PledgeSummary {
  const history = w.pledges.filter((p) => p.volunteerId === volunteerId).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
  const thisMonth = chinaMonth(now)
  const year = Number(thisMonth.slice(0, 4))
  let yearTotalFen = 0
  for (let m = 1; m <= Number(thisMonth.slice(5, 7)); m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`
    const running = history.find((p) => p.fromMonth <= month && (p.toMonth === null || p.toMonth >= month))
    yearTotalFen += running?.monthlyFen ?? 0
  }
  return { current: history.find((p) => p.toMonth === null) ?? null, history, year, yearTotalFen }
}

/* ---------------------------------------------------------------- the demo */

const TITLES: Record<ServiceProject, string[]> = {
  granary: ['茶义仓物资整理与发放', '茶义仓：爱心物资入库登记', '茶义仓：义仓茶售卖值班'],
  neighbour_academy: ['社区友邻学院：手机支付防诈骗课', '社区友邻学院：智能手机入门', '社区友邻学院：健康讲座'],
  elder_storytelling: ['孝亲敬老评书：《三国》选段', '孝亲敬老评书：川剧折子戏欣赏', '孝亲敬老评书：老成都故事会'],
  hand_in_hand: ['手牵手心相连：义剪服务', '手牵手心相连：助残出行陪伴', '手牵手心相连：康复训练陪伴'],
  empty_nest: ['空巢老人上门探访（锦江苑片区）', '空巢不空心：陪老人过生日', '空巢不空心：代购送药'],
  tibetan_area_aid: ['情系藏区：冬衣打包寄送', '情系藏区：图书捐赠分拣', '情系藏区：助学信件翻译'],
}
const PLACES: Record<ServiceProject, string> = {
  granary: '幸福社区茶馆后院仓库',
  neighbour_academy: '幸福社区党群服务中心二楼教室',
  elder_storytelling: '幸福社区老年活动中心',
  hand_in_hand: '三圣街道残疾人之家',
  empty_nest: '锦江苑小区 3 栋楼下集合',
  tibetan_area_aid: '三圣街道志愿服务站',
}
const PROJECTS = Object.keys(TITLES) as ServiceProject[]
const EXTRA_PEOPLE = ['陈静', '杨磊', '赵丽', '黄志强', '周敏', '吴海燕', '徐刚', '孙玉梅', '马建华', '朱小红', '胡晓东', '郭淑芬']

/**
 * Fills a living demo for dev mode (and tests that want one): profiles for the mock's volunteer
 * (王秀兰) and leader (李建国) and a dozen more people; upcoming activities of all six projects (one
 * full with a waitlist, one needing a skill, one cancelled, one under way now with check-in code
 * 246810); three past activities a month for a year with approved hours; a pending, a rejected and
 * a corrected entry; a certificate, a pledge and a few inbox messages. Times follow `state.now()`.
 */
export function seedDemoWorld(state: MockState): ActivityWorld {
  const w = worldOf(state)
  if (w.activities.length) return w
  const now = state.now()
  const nowMs = now.getTime()
  let n = 1
  const id = () => seedId(n++)
  const team = state.team
  const iso = (ms: number) => new Date(ms).toISOString()
  /** China-time hh:mm on the day `days` from today. */
  const at = (days: number, hh: number, mm = 0) => {
    const [y, m, d] = chinaDay(now).split('-').map(Number) as [number, number, number]
    return iso(Date.UTC(y, m - 1, d + days, hh - 8, mm))
  }
  const leaderUser = state.user('leader').user
  const volunteerUser = state.user('volunteer').user
  w.settings = { personInCharge: leaderUser.displayName, contact: '028-8456 1234' }

  const profile = (userId: string, realName: string, phone: string, birthDate: string, gender: 'male' | 'female', skills: string[], joinedDaysAgo: number): VolunteerProfile => {
    const idNumber = `510104${birthDate.replaceAll('-', '')}${String(1000 + n).slice(-4)}`
    const p: VolunteerProfile = {
      id: id(),
      teamId: team.id,
      userId,
      realName,
      phone,
      idType: 'resident_id',
      idNumberMasked: maskIdNumber(idNumber),
      gender,
      birthDate,
      ageBand: ageBandOf(ageOn(birthDate, now)),
      affiliations: [{ kind: 'resident' }],
      skills,
      availability: '周末上午',
      emergencyContact: { name: '家属', phone: '13900001111', relation: '子女' },
      status: 'active',
      volunteerNumber: formatVolunteerNumber('xingfu', ++w.volunteerCounter),
      registeredAt: iso(nowMs - (joinedDaysAgo + 2) * 86_400_000),
      joinedAt: iso(nowMs - joinedDaysAgo * 86_400_000),
      decisionNote: null,
    }
    w.volunteers.push(p)
    w.idKeys[p.id] = `resident_id:${idNumber}`
    return p
  }
  const wang = profile(volunteerUser.id, volunteerUser.displayName, volunteerUser.phone ?? '13900000101', '1962-03-15', 'female', ['量血压', '手工编织'], 800)
  const li = profile(leaderUser.id, leaderUser.displayName, leaderUser.phone ?? '13900000102', '1968-09-02', 'male', ['理发', '驾驶'], 1500)
  const others = EXTRA_PEOPLE.map((name, i) => profile(seedId(5000 + i), name, `139000012${String(i).padStart(2, '0')}`, `19${70 + i}-0${(i % 9) + 1}-1${i % 10}`, i % 2 ? 'male' : 'female', i % 3 ? [] : ['理发'], 300 + i * 20))

  const activity = (project: ServiceProject, title: string, startsAt: string, endsAt: string, over: Partial<Activity> = {}): Activity => {
    const a: Activity = {
      id: id(),
      teamId: team.id,
      title,
      project,
      description: '',
      place: PLACES[project],
      startsAt,
      endsAt,
      capacity: 10,
      minAge: null,
      requiredSkills: [],
      insurance: false,
      status: 'published',
      cancelReason: null,
      enrolledCount: 0,
      waitlistCount: 0,
      createdBy: leaderUser.id,
      createdAt: iso(Date.parse(startsAt) - 14 * 86_400_000),
      updatedAt: iso(Date.parse(startsAt) - 14 * 86_400_000),
      myEnrollment: null,
      ...over,
    }
    w.activities.push(a)
    return a
  }
  const enroll = (a: Activity, v: VolunteerProfile, minutesBefore = 7 * 24 * 60, status: 'enrolled' | 'waitlisted' = 'enrolled') => {
    const t = iso(Math.min(Date.parse(a.startsAt), nowMs) - minutesBefore * 60_000)
    w.enrollments.push({ id: id(), activityId: a.id, volunteerId: v.id, status, waitlistPosition: null, createdAt: t, updatedAt: t })
    renumberWaitlist(w, a.id)
  }
  const entry = (v: VolunteerProfile, a: Activity | null, project: ServiceProject, serviceDate: string, minutes: number, over: Partial<HourEntry> = {}): HourEntry => {
    const created = over.createdAt ?? iso(Date.parse(`${serviceDate}T12:00:00Z`))
    const h: HourEntry = {
      id: id(),
      volunteerId: v.id,
      volunteerName: v.realName,
      activityId: a?.id ?? null,
      activityTitle: a?.title ?? null,
      project,
      serviceDate,
      minutes,
      source: 'attendance',
      reason: null,
      status: 'approved',
      reverses: null,
      reversed: false,
      createdBy: a ? 'system' : leaderUser.id,
      createdAt: created,
      decidedBy: leaderUser.id,
      decidedAt: iso(Date.parse(created) + 86_400_000),
      decisionNote: null,
      correctionRequest: null,
      ...over,
    }
    w.hours.push(h)
    return h
  }
  const attend = (a: Activity, v: VolunteerProfile, status: HourEntry['status'] = 'approved') => {
    enroll(a, v)
    const checkInAt = iso(Date.parse(a.startsAt) - 5 * 60_000)
    const checkOutAt = a.endsAt
    w.attendance.push({ id: id(), activityId: a.id, volunteerId: v.id, checkInAt, checkOutAt, proxyReason: null, closedBy: 'volunteer' })
    const minutes = Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000)
    return entry(v, a, a.project, chinaDay(a.startsAt), minutes, { status, decidedBy: status === 'pending' ? null : leaderUser.id, decidedAt: status === 'pending' ? null : iso(Date.parse(a.endsAt) + 86_400_000), createdAt: a.endsAt })
  }

  // Past: three activities a month for a year, all six projects; 王秀兰 and 李建国 served in each.
  const past: Activity[] = []
  for (let k = 36; k >= 1; k--) {
    const project = PROJECTS[k % 6]!
    const days = -Math.round(k * 10) - 1
    const hours = k % 2 ? 3 : 4
    const a = activity(project, TITLES[project][k % 3]!, at(days, 9), at(days, 9 + hours), { capacity: 8, insurance: k % 3 === 0 })
    past.push(a)
    attend(a, wang)
    attend(a, li)
    for (let j = 0; j < 3; j++) attend(a, others[(k + j * 4) % others.length]!)
  }
  // Yesterday: checked in and out, the hours wait for approval.
  const yesterday = activity('granary', '茶义仓：爱心物资入库登记', at(-1, 14), at(-1, 16, 30), { capacity: 6 })
  attend(yesterday, wang, 'pending')
  attend(yesterday, li, 'pending')
  // A 补录 a leader added and later rejected; a corrected entry (reversal + the right figure).
  entry(wang, null, 'neighbour_academy', chinaDay(at(-40, 9)), 120, { source: 'supplement', reason: '忘记签到，补录两小时', status: 'rejected', createdBy: leaderUser.id, decisionNote: '当天活动记录中没有这位志愿者' })
  const wrong = past[past.length - 3]!
  const wrongEntry = w.hours.find((h) => h.activityId === wrong.id && h.volunteerId === wang.id)!
  wrongEntry.reversed = true
  entry(wang, wrong, wrong.project, wrongEntry.serviceDate, -wrongEntry.minutes, { source: 'reversal', reverses: wrongEntry.id, reason: '签退时间记错', createdBy: leaderUser.id })
  entry(wang, wrong, wrong.project, wrongEntry.serviceDate, wrongEntry.minutes + 30, { source: 'correction', reverses: wrongEntry.id, reason: '签退时间记错，实际多服务半小时', createdBy: leaderUser.id })
  // 李建国's years before the portal, so the leader shows three stars.
  entry(li, null, 'granary', chinaDay(at(-400, 9)), 480 * 60, { source: 'supplement', reason: '系统上线前累计服务时长（纸质台账）', createdBy: leaderUser.id })

  // Under way now: 王秀兰 is enrolled and can check in with the code 246810.
  const nowStart = iso(nowMs - 30 * 60_000)
  const live = activity('granary', '茶义仓：今日值班', nowStart, iso(nowMs + 150 * 60_000), { capacity: 4, description: '整理新到的冬季衣物，登记入库，给来取物资的老人搬运。' })
  enroll(live, wang, 3 * 24 * 60)
  enroll(live, others[0]!, 3 * 24 * 60)
  issueCheckInCode(w, live.id, now, { ttlSeconds: 24 * 3600, code: '246810', token: `ci1.${live.id}.demo-token-for-the-mock` })

  // Upcoming.
  const a1 = activity('granary', TITLES.granary[0]!, at(1, 9), at(1, 11, 30), { capacity: 8, description: '把捐赠的米面油分装成小袋，下午送到签约的困难家庭。请穿方便活动的衣服。' })
  for (const v of [wang, ...others.slice(1, 5)]) enroll(a1, v, 3 * 24 * 60)
  activity('elder_storytelling', TITLES.elder_storytelling[0]!, at(2, 14), at(2, 16, 30), { capacity: 6, insurance: true, description: '陪老人们听评书，帮忙倒茶、扶老人入座，结束后打扫场地。' })
  const full = activity('empty_nest', TITLES.empty_nest[0]!, at(3, 9, 30), at(3, 11, 30), { capacity: 4, insurance: true, description: '两人一组上门探访独居老人，聊天、检查家中用电用气安全，记录老人的需要。' })
  for (const v of others.slice(2, 6)) enroll(full, v, 5 * 24 * 60)
  for (const v of others.slice(6, 8)) enroll(full, v, 4 * 24 * 60, 'waitlisted')
  const cancelled = activity('empty_nest', '空巢不空心：重阳节慰问', at(4, 9), at(4, 11), { status: 'cancelled', cancelReason: '天气预报有大雨，改期另行通知。' })
  enroll(cancelled, wang, 6 * 24 * 60)
  activity('neighbour_academy', TITLES.neighbour_academy[0]!, at(5, 19), at(5, 20, 30), { capacity: 30, description: '请志愿者提前十分钟到场，协助老人签到、调试手机。' })
  const haircut = activity('hand_in_hand', TITLES.hand_in_hand[0]!, at(6, 9), at(6, 12), { capacity: 5, requiredSkills: ['理发'], description: '为残疾人朋友和行动不便的老人义剪。需要会理发的志愿者，自带工具更好。' })
  enroll(haircut, li, 2 * 24 * 60)
  activity('tibetan_area_aid', TITLES.tibetan_area_aid[0]!, at(9, 9), at(9, 17), { capacity: 12, minAge: 18, insurance: true, description: '整理、清洗、打包社区居民捐赠的冬衣，寄往甘孜州的结对学校。' })
  activity('elder_storytelling', TITLES.elder_storytelling[2]!, at(12, 14, 30), at(12, 16, 30), { capacity: 6 })
  activity('neighbour_academy', TITLES.neighbour_academy[1]!, at(16, 19), at(16, 20, 30), { capacity: 20 })

  // A certificate for the first half of the year, a pledge, and the inbox.
  const from = chinaDay(at(-365, 0))
  const to = chinaDay(at(-185, 0))
  const period = w.hours.filter((h) => h.volunteerId === wang.id && h.status === 'approved' && h.serviceDate >= from && h.serviceDate <= to)
  const content = PROJECTS.map((project) => {
    const hs = period.filter((h) => h.project === project)
    return { project, minutes: hs.reduce((s, h) => s + h.minutes, 0), activities: new Set(hs.map((h) => h.activityId).filter(Boolean)).size }
  }).filter((c) => c.minutes > 0)
  const year = chinaDay(at(-180, 0)).slice(0, 4)
  const number = `XF-${year}-${String(++w.certificateCounter).padStart(5, '0')}`
  w.certificates.push({
    id: id(),
    number,
    volunteerId: wang.id,
    realName: wang.realName,
    idType: wang.idType,
    idNumberMasked: wang.idNumberMasked,
    volunteerNumber: wang.volunteerNumber!,
    from,
    to,
    approvedMinutes: content.reduce((s, c) => s + c.minutes, 0),
    content,
    issuer: team.name,
    personInCharge: w.settings.personInCharge,
    handler: leaderUser.displayName,
    contact: w.settings.contact,
    issuedAt: at(-180, 10),
    checkUrl: `/volunteer/verify/${number}`,
    revokedAt: null,
    revokeReason: null,
  })
  const thisMonth = chinaMonth(now)
  w.pledges.push(
    { id: id(), volunteerId: wang.id, monthlyFen: 1000, fromMonth: addMonths(thisMonth, -14), toMonth: addMonths(thisMonth, -6), createdAt: at(-430, 10) },
    { id: id(), volunteerId: wang.id, monthlyFen: 2000, fromMonth: addMonths(thisMonth, -5), toMonth: null, createdAt: at(-150, 10) },
  )
  const told = (kind: NotificationKind, params: Record<string, string | number>, a: Activity | null, ago: number, read: boolean) =>
    w.notifications.push({ id: id(), userId: wang.userId, kind, params, activityId: a?.id ?? null, createdAt: iso(nowMs - ago * 60_000), readAt: read ? iso(nowMs - (ago - 5) * 60_000) : null })
  told('volunteer_approved', { number: wang.volunteerNumber! }, null, 800 * 24 * 60, true)
  told('hours_approved', { title: past.at(-1)!.title, minutes: 180 }, past.at(-1)!, 8 * 24 * 60, true)
  told('enrolled', { title: a1.title, startsAt: a1.startsAt }, a1, 3 * 24 * 60, true)
  told('activity_cancelled', { title: cancelled.title, startsAt: cancelled.startsAt, reason: cancelled.cancelReason! }, cancelled, 20 * 60, false)
  told('reminder', { title: live.title, startsAt: live.startsAt, place: live.place }, live, 23 * 60, false)
  return w
}

/* ------------------------------------------------- dev mode: keep it across reloads */

const WORLD_KEY = 'chayi.mock.volunteer-world'

export function saveWorld(state: MockState, storage: Pick<Storage, 'setItem'>) {
  storage.setItem(WORLD_KEY, JSON.stringify(worldOf(state)))
}

/** The world a previous page load saved, or false when there is none (then seed one). */
export function restoreWorld(state: MockState, storage: Pick<Storage, 'getItem'>): boolean {
  const raw = storage.getItem(WORLD_KEY)
  if (!raw) return false
  try {
    worlds.set(state, { ...emptyWorld(), ...(JSON.parse(raw) as Partial<ActivityWorld>) })
    return true
  } catch {
    return false
  }
}
