import { OpenAPIHono } from '@hono/zod-openapi'
import { AidVisit, AidVisitDetail, ListQuery, NewAidVisit, page } from '@chayi/domain'
import { isUniqueViolation } from '@chayi/db'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { AID, idParam, TAGS, viewerOf } from './access.js'
import { aidExitApp } from './exit-routes.js'
import { aidMonitoringApp } from './monitoring-routes.js'
import { listVisits, recordVisit, storedVisit, visitDetail, visitHash } from './visits.js'

// 情系藏区: field visits, exit (proposal, approval, public notice) and monitoring cases.
// Any aid worker, leader or admin of the team may record a visit (a colleague may cover for the
// assigned worker); another team's household is unknown.

const createVisitRoute = defineRoute({
  method: 'post',
  path: '/aid/visits',
  tags: TAGS,
  summary:
    'Record a field visit exactly once (its id is made on the device): a resend with the same content answers the stored visit (200); the same id with other content is 409 visit_id_conflict',
  access: AID,
  request: { body: jsonBody(NewAidVisit) },
  responses: { 201: json(AidVisit, 'Recorded'), 200: json(AidVisit, 'Already recorded (a resend)'), ...errors(400, 401, 403, 409, 422) },
})

const listVisitsRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}/visits',
  tags: TAGS,
  summary: "A household's visits, newest first (no photo data: see photoCount)",
  access: AID,
  request: { ...idParam, query: ListQuery },
  responses: { 200: json(page(AidVisit), 'Visits'), ...errors(400, 401, 403, 404) },
})

const getVisitRoute = defineRoute({
  method: 'get',
  path: '/aid/visits/{id}',
  tags: TAGS,
  summary: 'One visit with its photos as data URLs',
  access: AID,
  request: idParam,
  responses: { 200: json(AidVisitDetail, 'The visit'), ...errors(400, 401, 403, 404) },
})

export const aidVisitsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(createVisitRoute, async (c) => {
    const deps = c.get('deps')
    const { teamId, userId } = viewerOf(c)
    const body = c.req.valid('json')
    const hash = visitHash(body)
    const resend = async () => {
      const prior = await storedVisit(deps.db, teamId, body.id, hash)
      if (prior) c.header('Idempotent-Replayed', 'true')
      return prior
    }
    const prior = await resend()
    if (prior) return c.json(prior, 200)
    try {
      const r = await write(c, body, async (w) => ({ status: 201, body: await recordVisit(w, userId!, body, hash) }))
      return c.json(r.body, 201)
    } catch (err) {
      // Two sends of one visit raced: the loser rolled back whole and answers the winner's visit.
      if (!isUniqueViolation(err)) throw err
      const again = await resend()
      if (again) return c.json(again, 200)
      throw err
    }
  })
  .openapi(listVisitsRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    return c.json(await listVisits(c.get('deps').db, teamId, id, limit, cursor), 200)
  })
  .openapi(getVisitRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    return c.json(await visitDetail(c.get('deps').db, teamId, id), 200)
  })
  .route('/', aidExitApp)
  .route('/', aidMonitoringApp)
