import { OpenAPIHono, z } from '@hono/zod-openapi'
import { AccessLogEntry, Id, JoinDecision, LeaveTeam, ListQuery, page, RevealedIdNumber, RevealRequest, VolunteerListQuery, VolunteerProfile, VolunteerProfileChange, VolunteerRegistration } from '@chayi/domain'
import type { Env } from '../context.js'
import { notFound, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { transact, write, type WriteScope } from '../write.js'
import { sql } from 'kysely'
import { actorOf } from '../context.js'
import type { Context } from 'hono'
import { decideVolunteer, leaveTeam, reapply, registerVolunteer, revealIdNumber, toProfile, updateOwnProfile } from './service.js'

const TEAM_VIEWERS = ['leader', 'admin'] as const

const register = defineRoute({
  method: 'post',
  path: '/public/teams/{code}/volunteers',
  tags: ['volunteers'],
  summary: 'Ask to join a team as a volunteer: makes an account (login = phone, no role yet) and a pending registration',
  access: { public: true },
  request: { params: z.object({ code: z.string().max(40) }), body: jsonBody(VolunteerRegistration) },
  responses: { 201: json(VolunteerProfile, 'Registered, waiting for a leader (ID number masked)'), ...errors(400, 404, 409, 422) },
})

const myProfile = defineRoute({
  method: 'get',
  path: '/volunteers/me',
  tags: ['volunteers'],
  summary: 'Your own volunteer profile, with your emergency contact (ID number masked)',
  access: { signedIn: true },
  responses: { 200: json(VolunteerProfile, 'Your profile'), ...errors(401, 403, 404) },
})

const listVolunteers = defineRoute({
  method: 'get',
  path: '/volunteers',
  tags: ['volunteers'],
  summary: "The team's volunteers, e.g. `?status=pending` for join requests (ID numbers and phones masked)",
  access: { roles: TEAM_VIEWERS },
  request: { query: VolunteerListQuery },
  responses: { 200: json(page(VolunteerProfile), 'Volunteers'), ...errors(400, 401, 403) },
})

const getVolunteer = defineRoute({
  method: 'get',
  path: '/volunteers/{id}',
  tags: ['volunteers'],
  summary: "One volunteer: a leader or admin of the team sees it masked, the volunteer sees their own; anyone else gets 404",
  access: { signedIn: true },
  request: { params: z.object({ id: Id }) },
  responses: { 200: json(VolunteerProfile, 'The volunteer'), ...errors(401, 403, 404) },
})

const decide = defineRoute({
  method: 'post',
  path: '/volunteers/{id}/decision',
  tags: ['volunteers'],
  summary: 'Approve (gives the next volunteer number and the volunteer role) or reject a join request, once',
  access: { roles: TEAM_VIEWERS },
  request: { params: z.object({ id: Id }), body: jsonBody(JoinDecision) },
  responses: { 200: json(VolunteerProfile, 'Decided'), ...errors(400, 401, 403, 404, 409) },
})

const updateMine = defineRoute({
  method: 'patch',
  path: '/volunteers/me',
  tags: ['volunteers'],
  summary: 'Change your affiliations, skills, availability or emergency contact',
  access: { signedIn: true },
  request: { body: jsonBody(VolunteerProfileChange) },
  responses: { 200: json(VolunteerProfile, 'Your profile'), ...errors(400, 401, 403, 404) },
})

const leave = defineRoute({
  method: 'post',
  path: '/volunteers/me/leave',
  tags: ['volunteers'],
  summary: 'Leave the team: your record, number and hours stay; the volunteer role goes',
  access: { signedIn: true },
  request: { body: jsonBody(LeaveTeam) },
  responses: { 200: json(VolunteerProfile, 'Left'), ...errors(400, 401, 403, 404, 409) },
})

const reapplyRoute = defineRoute({
  method: 'post',
  path: '/volunteers/me/reapply',
  tags: ['volunteers'],
  summary: 'Ask again after a rejection, or to come back after leaving (pending until a leader decides)',
  access: { signedIn: true },
  responses: { 200: json(VolunteerProfile, 'Pending again'), ...errors(401, 403, 404, 409) },
})

const reveal = defineRoute({
  method: 'post',
  path: '/volunteers/{id}/reveal-id',
  tags: ['volunteers'],
  summary: 'See a whole ID number, with a reason; written to the access log',
  access: { roles: TEAM_VIEWERS },
  request: { params: z.object({ id: Id }), body: jsonBody(RevealRequest) },
  responses: { 200: json(RevealedIdNumber, 'The ID number'), ...errors(400, 401, 403, 404) },
})

const accessLog = defineRoute({
  method: 'get',
  path: '/access-log',
  tags: ['volunteers'],
  summary: 'Who revealed which sensitive field, when and why (newest first)',
  access: { roles: ['admin'] },
  request: { query: ListQuery },
  responses: { 200: json(page(AccessLogEntry), 'Access log'), ...errors(400, 401, 403) },
})

async function ownRow(c: Context<Env>) {
  const deps = c.get('deps')
  const p = c.get('principal')
  if (p?.kind !== 'user') throw unauthenticated()
  const row = await deps.db.selectFrom('volunteers').selectAll().where('userId', '=', p.userId).where('teamId', '=', p.teamId).executeTakeFirst()
  if (!row) throw notFound('Volunteer profile')
  return row
}

export const volunteersApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(register, async (c) => {
    const deps = c.get('deps')
    const { code } = c.req.valid('param')
    const body = c.req.valid('json')
    const team = await deps.db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirst()
    if (!team) throw notFound('Team')
    // The password stays out of the idempotency hash (a fast hash of it would be stored); a retry
    // with the same key and another password gets the first answer, and the first password.
    const { password: _password, ...hashed } = body
    const r = await write(
      c,
      hashed,
      async (w) => {
        const row = await registerVolunteer(w, deps.cipher, body, deps.clock.now())
        // Without the contacts: this response is stored with the idempotency key in plain text.
        const { emergencyContact: _e, guardian: _g, ...profile } = toProfile(row, deps.cipher, 'own', deps.clock.now())
        return { status: 201, body: profile }
      },
      { as: { teamId: team.id, actor: 'public:registration' } },
    )
    return c.json(r.body, 201)
  })
  .openapi(myProfile, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')
    if (p?.kind !== 'user') throw unauthenticated()
    const row = await deps.db.selectFrom('volunteers').selectAll().where('userId', '=', p.userId).where('teamId', '=', p.teamId).executeTakeFirst()
    if (!row) throw notFound('Volunteer profile')
    return c.json(toProfile(row, deps.cipher, 'own', deps.clock.now()), 200)
  })
  .openapi(listVolunteers, async (c) => {
    const deps = c.get('deps')
    const { status, limit, cursor } = c.req.valid('query')
    let q = deps.db.selectFrom('volunteers').selectAll().where('teamId', '=', c.get('principal')!.teamId).orderBy('id').limit(limit + 1)
    if (status) q = q.where('status', '=', status)
    if (cursor) q = q.where('id', '>', cursor)
    const rows = await q.execute()
    const more = rows.length > limit
    const items = (more ? rows.slice(0, limit) : rows).map((r) => toProfile(r, deps.cipher, 'team', deps.clock.now()))
    return c.json({ items, nextCursor: more ? items[items.length - 1]!.id : null }, 200)
  })
  .openapi(getVolunteer, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')
    if (p?.kind !== 'user') throw unauthenticated()
    const { id } = c.req.valid('param')
    const row = await deps.db.selectFrom('volunteers').selectAll().where('id', '=', id).where('teamId', '=', p.teamId).executeTakeFirst()
    // Same answer whether the volunteer is missing or just not yours to see.
    if (!row) throw notFound('Volunteer')
    if (row.userId === p.userId) return c.json(toProfile(row, deps.cipher, 'own', deps.clock.now()), 200)
    if (!p.roles.some((r) => (TEAM_VIEWERS as readonly string[]).includes(r))) throw notFound('Volunteer')
    return c.json(toProfile(row, deps.cipher, 'team', deps.clock.now()), 200)
  })
  .openapi(decide, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: toProfile(await decideVolunteer(w, id, body), deps.cipher, 'team', deps.clock.now()) }))
    return c.json(r.body, 200)
  })
  .openapi(updateMine, async (c) => {
    const deps = c.get('deps')
    const body = c.req.valid('json')
    const row = await ownRow(c)
    const r = await write(c, body, async (w) => ({ status: 200, body: toProfile(await updateOwnProfile(w, deps.cipher, row, body), deps.cipher, 'own', deps.clock.now()) }))
    return c.json(r.body, 200)
  })
  .openapi(leave, async (c) => {
    const deps = c.get('deps')
    const body = c.req.valid('json')
    const row = await ownRow(c)
    const r = await write(c, body, async (w) => ({ status: 200, body: toProfile(await leaveTeam(w, row), deps.cipher, 'own', deps.clock.now()) }))
    return c.json(r.body, 200)
  })
  .openapi(reapplyRoute, async (c) => {
    const deps = c.get('deps')
    const row = await ownRow(c)
    const r = await write(c, {}, async (w) => ({ status: 200, body: toProfile(await reapply(w, row), deps.cipher, 'own', deps.clock.now()) }))
    return c.json(r.body, 200)
  })
  .openapi(reveal, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const { reason } = c.req.valid('json')
    // Never stored with an idempotency key: the response holds the whole number.
    const r = await transactReveal(c, (w) => revealIdNumber(w, deps.cipher, id, reason))
    return c.json(r, 200)
  })
  .openapi(accessLog, async (c) => {
    const deps = c.get('deps')
    const { limit, cursor } = c.req.valid('query')
    let q = deps.db
      .selectFrom('accessLog')
      .leftJoin('users', (j) => j.on(sql`'user:' || users.id`, '=', sql.ref('accessLog.actor')))
      .select(['accessLog.id', 'accessLog.actor', 'users.displayName as actorName', 'accessLog.entity', 'accessLog.entityId', 'accessLog.field', 'accessLog.reason', 'accessLog.at'])
      .where('accessLog.teamId', '=', c.get('principal')!.teamId)
      .orderBy('accessLog.at', 'desc')
      .orderBy('accessLog.id', 'desc')
      .limit(limit + 1)
    if (cursor) {
      const [at, id] = cursor.split('|')
      q = q.where((eb) => eb.or([eb('accessLog.at', '<', at!), eb.and([eb('accessLog.at', '=', at!), eb('accessLog.id', '<', id ?? '')])]))
    }
    const rows = await q.execute()
    const more = rows.length > limit
    const items = (more ? rows.slice(0, limit) : rows).map((r) => ({ ...r, actorName: r.actorName ?? null }))
    const last = items[items.length - 1]
    return c.json({ items, nextCursor: more && last ? `${last.at}|${last.id}` : null }, 200)
  })

/** A write without an Idempotency-Key stored response (its answer is secret). */
async function transactReveal<B>(c: Context<Env>, fn: (w: WriteScope) => Promise<B>): Promise<B> {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  const r = await transact(c.get('deps'), { teamId: p.teamId, actor: actorOf(p) }, async (w) => ({ status: 200, body: await fn(w) }))
  return r.body
}
