import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  Activity,
  ActivityCancel,
  ActivityChange,
  ActivityInput,
  ActivityListQuery,
  Attendance,
  CheckInCode,
  CheckInRequest,
  Enrollment,
  Id,
  page,
  ProxyCheckIn,
  RosterEntry,
} from '@chayi/domain'
import { actorOf, type Env } from '../context.js'
import { notFound, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { activityOfCode, checkIn, checkInCodeFor, checkOut } from './checkin.js'
import {
  activeVolunteerOfUser,
  activityView,
  cancelActivity,
  changeActivity,
  findActivity,
  listActivities,
  publishActivity,
  roster,
  signUp,
  toAttendance,
  toEnrollment,
  volunteerOfUser,
  withdraw,
} from './service.js'

const LEADERS = ['leader', 'admin'] as const
const params = z.object({ id: Id })

/** The signed-in person (these routes are closed to kiosks by their access rule). */
function person(c: Context<Env>) {
  const p = c.get('principal')
  if (p?.kind !== 'user') throw unauthenticated()
  return p
}

const list = defineRoute({
  method: 'get',
  path: '/activities',
  tags: ['activities'],
  summary: "The team's activities: `upcoming` (default), `past`, `mine`, `led` or `all`, with seats taken, the queue and your own place",
  access: { signedIn: true },
  request: { query: ActivityListQuery },
  responses: { 200: json(page(Activity), 'Activities'), ...errors(400, 401, 403) },
})

const publish = defineRoute({
  method: 'post',
  path: '/activities',
  tags: ['activities'],
  summary: 'Publish an activity of a service project',
  access: { roles: LEADERS },
  request: { body: jsonBody(ActivityInput) },
  responses: { 201: json(Activity, 'Published'), ...errors(400, 401, 403, 409) },
})

const getOne = defineRoute({
  method: 'get',
  path: '/activities/{id}',
  tags: ['activities'],
  summary: 'One activity of your team, with your own place in it',
  access: { signedIn: true },
  request: { params },
  responses: { 200: json(Activity, 'The activity'), ...errors(401, 403, 404) },
})

const change = defineRoute({
  method: 'patch',
  path: '/activities/{id}',
  tags: ['activities'],
  summary: 'Change an activity; everyone signed up is told. More seats promote from the waitlist in order; fewer than are taken is 422',
  access: { roles: LEADERS },
  request: { params, body: jsonBody(ActivityChange) },
  responses: { 200: json(Activity, 'Changed'), ...errors(400, 401, 403, 404, 409, 422) },
})

const cancel = defineRoute({
  method: 'post',
  path: '/activities/{id}/cancel',
  tags: ['activities'],
  summary: 'Cancel an activity, once, with the reason everyone signed up is told',
  access: { roles: LEADERS },
  request: { params, body: jsonBody(ActivityCancel) },
  responses: { 200: json(Activity, 'Cancelled'), ...errors(400, 401, 403, 404, 409) },
})

const enroll = defineRoute({
  method: 'post',
  path: '/activities/{id}/enrollment',
  tags: ['activities'],
  summary: 'Sign up (active volunteers): a seat while there is one, else the waitlist. Closes at the start',
  access: { signedIn: true },
  request: { params },
  responses: { 201: json(Enrollment, 'Enrolled or waitlisted'), ...errors(401, 403, 404, 409, 422) },
})

const unenroll = defineRoute({
  method: 'delete',
  path: '/activities/{id}/enrollment',
  tags: ['activities'],
  summary: 'Withdraw your sign-up before the start; a freed seat goes to the first on the waitlist',
  access: { signedIn: true },
  request: { params },
  responses: { 200: json(Enrollment, 'Withdrawn'), ...errors(401, 403, 404, 409, 422) },
})

const rosterRoute = defineRoute({
  method: 'get',
  path: '/activities/{id}/roster',
  tags: ['activities'],
  summary: 'Who holds a seat, then the waitlist in order, with attendance (phones masked)',
  access: { roles: LEADERS },
  request: { params },
  responses: { 200: json(z.object({ items: z.array(RosterEntry) }), 'The roster'), ...errors(401, 403, 404) },
})

const code = defineRoute({
  method: 'get',
  path: '/activities/{id}/check-in-code',
  tags: ['activities'],
  summary: 'The rotating check-in QR token and 6-digit code (new every 30 s, accepted ≤ 60 s); from an hour before the start until the end',
  access: { roles: LEADERS },
  request: { params },
  responses: { 200: json(CheckInCode, 'The current code'), ...errors(401, 403, 404, 422) },
})

const selfCheckIn = defineRoute({
  method: 'post',
  path: '/attendance/check-in',
  tags: ['activities'],
  summary: 'Check in with the scanned token or the typed code (you must hold a seat)',
  access: { signedIn: true },
  request: { body: jsonBody(CheckInRequest) },
  responses: { 201: json(Attendance, 'Checked in'), ...errors(400, 401, 403, 409, 422) },
})

const selfCheckOut = defineRoute({
  method: 'post',
  path: '/attendance/check-out',
  tags: ['activities'],
  summary: 'Check out with the scanned token or the typed code; records your pending service hours',
  access: { signedIn: true },
  request: { body: jsonBody(CheckInRequest) },
  responses: { 200: json(Attendance, 'Checked out'), ...errors(400, 401, 403, 409, 422) },
})

const proxyIn = defineRoute({
  method: 'post',
  path: '/activities/{id}/proxy-check-in',
  tags: ['activities'],
  summary: 'Check a volunteer holding a seat in on their behalf, with the reason',
  access: { roles: LEADERS },
  request: { params, body: jsonBody(ProxyCheckIn) },
  responses: { 201: json(Attendance, 'Checked in'), ...errors(400, 401, 403, 404, 409, 422) },
})

const proxyOut = defineRoute({
  method: 'post',
  path: '/activities/{id}/proxy-check-out',
  tags: ['activities'],
  summary: 'Check a volunteer out on their behalf, with the reason; records their pending service hours',
  access: { roles: LEADERS },
  request: { params, body: jsonBody(ProxyCheckIn) },
  responses: { 200: json(Attendance, 'Checked out'), ...errors(400, 401, 403, 404, 409, 422) },
})

export const activitiesApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const v = await volunteerOfUser(deps.db, p.teamId, p.userId)
    const page = await listActivities(deps.db, { teamId: p.teamId, actor: actorOf(p), volunteerId: v?.id ?? null, now: deps.clock.now() }, c.req.valid('query'))
    return c.json(page, 200)
  })
  .openapi(publish, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const body = c.req.valid('json')
    const v = await volunteerOfUser(deps.db, p.teamId, p.userId)
    const r = await write(c, body, async (w) => {
      const row = await publishActivity(w, body)
      return { status: 201, body: await activityView(w.trx, row, v?.id ?? null) }
    })
    return c.json(r.body, 201)
  })
  .openapi(getOne, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const { id } = c.req.valid('param')
    const row = await findActivity(deps.db, p.teamId, id)
    const v = await volunteerOfUser(deps.db, p.teamId, p.userId)
    return c.json(await activityView(deps.db, row, v?.id ?? null), 200)
  })
  .openapi(change, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const v = await volunteerOfUser(deps.db, p.teamId, p.userId)
    const r = await write(c, { id, ...body }, async (w) => {
      const { row } = await changeActivity(w, id, body)
      return { status: 200, body: await activityView(w.trx, row, v?.id ?? null) }
    })
    return c.json(r.body, 200)
  })
  .openapi(cancel, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const v = await volunteerOfUser(deps.db, p.teamId, p.userId)
    const r = await write(c, { id, ...body }, async (w) => {
      const row = await cancelActivity(w, id, body.reason)
      return { status: 200, body: await activityView(w.trx, row, v?.id ?? null) }
    })
    return c.json(r.body, 200)
  })
  .openapi(enroll, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const { id } = c.req.valid('param')
    // 404 for an activity that is not the team's comes before 403 for someone who is no volunteer.
    await findActivity(deps.db, p.teamId, id)
    const v = await activeVolunteerOfUser(deps.db, p.teamId, p.userId)
    const r = await write(c, { id }, async (w) => {
      const { enrollment, waitlistPosition } = await signUp(w, id, v.id)
      return { status: 201, body: toEnrollment(enrollment, waitlistPosition) }
    })
    return c.json(r.body, 201)
  })
  .openapi(unenroll, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const { id } = c.req.valid('param')
    await findActivity(deps.db, p.teamId, id)
    const v = await volunteerOfUser(deps.db, p.teamId, p.userId)
    if (!v) throw notFound('Sign-up')
    const r = await write(c, { id }, async (w) => {
      const { enrollment } = await withdraw(w, id, v.id)
      return { status: 200, body: toEnrollment(enrollment, null) }
    })
    return c.json(r.body, 200)
  })
  .openapi(rosterRoute, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const { id } = c.req.valid('param')
    const a = await findActivity(deps.db, p.teamId, id)
    return c.json({ items: await roster(deps.db, a.id) }, 200)
  })
  .openapi(code, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const { id } = c.req.valid('param')
    const a = await findActivity(deps.db, p.teamId, id)
    return c.json(checkInCodeFor(a, deps.clock.now(), new URL(c.req.url).origin), 200)
  })
  .openapi(selfCheckIn, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const body = c.req.valid('json')
    const v = await activeVolunteerOfUser(deps.db, p.teamId, p.userId)
    const r = await write(c, body, async (w) => {
      const activityId = await activityOfCode(w.trx, w.teamId, body, new Date(w.at))
      return { status: 201, body: toAttendance(await checkIn(w, { activityId, volunteerId: v.id })) }
    })
    return c.json(r.body, 201)
  })
  .openapi(selfCheckOut, async (c) => {
    const deps = c.get('deps')
    const p = person(c)
    const body = c.req.valid('json')
    const v = await activeVolunteerOfUser(deps.db, p.teamId, p.userId)
    const r = await write(c, body, async (w) => {
      const activityId = await activityOfCode(w.trx, w.teamId, body, new Date(w.at))
      return { status: 200, body: toAttendance((await checkOut(w, { activityId, volunteerId: v.id })).attendance) }
    })
    return c.json(r.body, 200)
  })
  .openapi(proxyIn, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({
      status: 201,
      body: toAttendance(await checkIn(w, { activityId: id, volunteerId: body.volunteerId, proxyReason: body.reason })),
    }))
    return c.json(r.body, 201)
  })
  .openapi(proxyOut, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({
      status: 200,
      body: toAttendance((await checkOut(w, { activityId: id, volunteerId: body.volunteerId, proxyReason: body.reason })).attendance),
    }))
    return c.json(r.body, 200)
  })
