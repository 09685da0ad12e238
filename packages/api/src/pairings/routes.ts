import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { FollowUp, FollowUpClose, FollowUpListQuery, Id, MyPairing, NewPairing, NewVisit, Pairing, PairingEnd, PairingListQuery, PairingVisit, PairingVolunteer, type Role } from '@chayi/domain'
import type { Env, Principal } from '../context.js'
import { notFound, unauthenticated, validationHook } from '../errors.js'
import { chinaDay } from '../hours/time.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { closeFollowUp, createPairing, endPairing, listFollowUps, listPairings, listVisits, loadPairing, logVisit, myPairings, pairingFor, pairingVolunteers, type NameView } from './service.js'

// 空巢不空心 pairings of volunteers and empty-nest elders, and their visits (issue 5 item 6).
// Care staff, admins and leaders keep the pairings and close follow-ups; a leader sees elders'
// names masked, as in the register. A volunteer sees only their own pairings (GET /pairings/mine:
// masked name, community, due date, and the address while the pairing is active — they visit
// there; never the phone, ID or health data) and logs their own visits. Another team's pairing, or
// another volunteer's, answers 404.

const STAFF_ROLES = ['care_staff', 'admin', 'leader'] as const satisfies readonly Role[]
const STAFF = { roles: STAFF_ROLES }
const SIGNED_IN = { signedIn: true } as const
const WHOLE_NAMES: readonly Role[] = ['care_staff', 'admin']
const TAGS = ['pairings']
const idParam = { params: z.object({ id: Id }) }
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() })

const isStaff = (p: Principal) => p.roles.some((r) => (STAFF_ROLES as readonly Role[]).includes(r))
const viewOf = (p: Principal): NameView => (p.roles.some((r) => WHOLE_NAMES.includes(r)) ? 'whole' : 'masked')
const todayOf = (c: Context<Env>) => chinaDay(c.get('deps').clock.now())

function userOf(c: Context<Env>) {
  const p = c.get('principal')
  if (p?.kind !== 'user') throw unauthenticated()
  return p
}

/** Who is asking about a pairing: staff of the team, or a volunteer (their own volunteer id, if any). */
async function whoOf(c: Context<Env>) {
  const p = userOf(c)
  if (isStaff(p)) return { staff: true, volunteerId: null }
  const me = await c.get('deps').db.selectFrom('volunteers').select('id').where('userId', '=', p.userId).where('teamId', '=', p.teamId).executeTakeFirst()
  return { staff: false, volunteerId: me?.id ?? null }
}

const listRoute = defineRoute({
  method: 'get',
  path: '/pairings',
  tags: TAGS,
  summary: 'The team\'s pairings with the last visit, the next due day and whether it is overdue (due before today, China time); overdue first. `?status=&volunteerId=&beneficiaryId=&overdue=true`',
  access: STAFF,
  request: { query: PairingListQuery },
  responses: { 200: json(items(Pairing), 'Pairings'), ...errors(400, 401, 403) },
})

const mineRoute = defineRoute({
  method: 'get',
  path: '/pairings/mine',
  tags: TAGS,
  summary: "The signed-in volunteer's pairings: masked name, community, due day; the address only while active",
  access: SIGNED_IN,
  responses: { 200: json(items(MyPairing), 'Your pairings'), ...errors(401, 404) },
})

const volunteersRoute = defineRoute({
  method: 'get',
  path: '/pairings/volunteers',
  tags: TAGS,
  summary: "The team's active volunteers to pair, with their active pairing count (name and number only; care staff may not read the roster)",
  access: STAFF,
  responses: { 200: json(items(PairingVolunteer), 'Active volunteers'), ...errors(401, 403) },
})

const createRoute = defineRoute({
  method: 'post',
  path: '/pairings',
  tags: TAGS,
  summary: 'Pair an active volunteer with an empty-nest or elderly beneficiary (422 otherwise); one active pairing per pair (409)',
  access: STAFF,
  request: { body: jsonBody(NewPairing) },
  responses: { 201: json(Pairing, 'Paired'), ...errors(400, 401, 403, 404, 409, 422) },
})

const getRoute = defineRoute({
  method: 'get',
  path: '/pairings/{id}',
  tags: TAGS,
  summary: 'One pairing',
  access: STAFF,
  request: idParam,
  responses: { 200: json(Pairing, 'The pairing'), ...errors(400, 401, 403, 404) },
})

const endRoute = defineRoute({
  method: 'post',
  path: '/pairings/{id}/end',
  tags: TAGS,
  summary: 'End an active pairing, with a reason (kept in the row, not in the audit chain)',
  access: STAFF,
  request: { ...idParam, body: jsonBody(PairingEnd) },
  responses: { 200: json(Pairing, 'Ended'), ...errors(400, 401, 403, 404, 409) },
})

const logVisitRoute = defineRoute({
  method: 'post',
  path: '/pairings/{id}/visits',
  tags: TAGS,
  summary: "Log a visit (the paired volunteer, or staff on their behalf): the minutes become a pending hour entry (source 'visit', project empty_nest); a concern opens a follow-up",
  access: SIGNED_IN,
  request: { ...idParam, body: jsonBody(NewVisit) },
  responses: { 201: json(PairingVisit, 'Logged'), ...errors(400, 401, 404, 409, 422) },
})

const listVisitsRoute = defineRoute({
  method: 'get',
  path: '/pairings/{id}/visits',
  tags: TAGS,
  summary: "A pairing's visits, newest first (the paired volunteer or staff)",
  access: SIGNED_IN,
  request: idParam,
  responses: { 200: json(items(PairingVisit), 'Visits'), ...errors(400, 401, 404) },
})

const followUpsRoute = defineRoute({
  method: 'get',
  path: '/follow-ups',
  tags: TAGS,
  summary: 'Follow-ups opened by visits with a concern: `?status=open` is the queue (oldest first)',
  access: STAFF,
  request: { query: FollowUpListQuery },
  responses: { 200: json(items(FollowUp), 'Follow-ups'), ...errors(400, 401, 403) },
})

const closeFollowUpRoute = defineRoute({
  method: 'post',
  path: '/follow-ups/{id}/close',
  tags: TAGS,
  summary: 'Close an open follow-up with what was done',
  access: STAFF,
  request: { ...idParam, body: jsonBody(FollowUpClose) },
  responses: { 200: json(FollowUp, 'Closed'), ...errors(400, 401, 403, 404, 409) },
})

export const pairingsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => {
    const p = userOf(c)
    const list = await listPairings(c.get('deps').db, p.teamId, c.req.valid('query'), viewOf(p), todayOf(c))
    return c.json({ items: list, nextCursor: null }, 200)
  })
  .openapi(mineRoute, async (c) => {
    const p = userOf(c)
    const deps = c.get('deps')
    const me = await deps.db.selectFrom('volunteers').select('id').where('userId', '=', p.userId).where('teamId', '=', p.teamId).executeTakeFirst()
    if (!me) throw notFound('Volunteer profile')
    return c.json({ items: await myPairings(deps.db, deps.cipher, p.teamId, me.id, todayOf(c)), nextCursor: null }, 200)
  })
  .openapi(volunteersRoute, async (c) => {
    const p = userOf(c)
    return c.json({ items: await pairingVolunteers(c.get('deps').db, p.teamId), nextCursor: null }, 200)
  })
  .openapi(createRoute, async (c) => {
    const p = userOf(c)
    const body = c.req.valid('json')
    const today = todayOf(c)
    const r = await write(c, body, async (w) => ({ status: 201, body: await loadPairing(w.trx, w.teamId, await createPairing(w, body), viewOf(p), today) }))
    return c.json(r.body, 201)
  })
  .openapi(getRoute, async (c) => {
    const p = userOf(c)
    const { id } = c.req.valid('param')
    return c.json(await loadPairing(c.get('deps').db, p.teamId, id, viewOf(p), todayOf(c)), 200)
  })
  .openapi(endRoute, async (c) => {
    const p = userOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const today = todayOf(c)
    const r = await write(c, { id, ...body }, async (w) => {
      await endPairing(w, id, body.reason)
      return { status: 200, body: await loadPairing(w.trx, w.teamId, id, viewOf(p), today) }
    })
    return c.json(r.body, 200)
  })
  .openapi(logVisitRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const who = await whoOf(c)
    const today = todayOf(c)
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await logVisit(w, c.get('deps').cipher, id, body, today, who) }))
    return c.json(r.body, 201)
  })
  .openapi(listVisitsRoute, async (c) => {
    const p = userOf(c)
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    await pairingFor(deps.db, p.teamId, id, await whoOf(c))
    return c.json({ items: await listVisits(deps.db, deps.cipher, id), nextCursor: null }, 200)
  })
  .openapi(followUpsRoute, async (c) => {
    const p = userOf(c)
    const deps = c.get('deps')
    return c.json({ items: await listFollowUps(deps.db, deps.cipher, p.teamId, c.req.valid('query').status, viewOf(p)), nextCursor: null }, 200)
  })
  .openapi(closeFollowUpRoute, async (c) => {
    const p = userOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await closeFollowUp(w, c.get('deps').cipher, id, body.outcome, viewOf(p)) }))
    return c.json(r.body, 200)
  })
