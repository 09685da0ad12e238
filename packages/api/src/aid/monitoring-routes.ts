import { OpenAPIHono } from '@hono/zod-openapi'
import { AidHomeCheck, AidMonitoringCase, AidMonitoringCaseListQuery, AidMonitoringDecisionInput, page } from '@chayi/domain'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { AID, idParam, TAGS, viewerOf } from './access.js'
import { decideCase, listMonitoringCases, monitoringCase, recordHomeCheck } from './monitoring.js'

// 防返贫监测: the cases visits open, with their deadlines and overdue flags.

const listCasesRoute = defineRoute({
  method: 'get',
  path: '/aid/monitoring-cases',
  tags: TAGS,
  summary: 'Monitoring cases newest first: `?state=open|overdue|closed&householdId=`; each with its due days and overdue flags',
  access: AID,
  request: { query: AidMonitoringCaseListQuery },
  responses: { 200: json(page(AidMonitoringCase), 'Cases'), ...errors(400, 401, 403) },
})

const getCaseRoute = defineRoute({
  method: 'get',
  path: '/aid/monitoring-cases/{id}',
  tags: TAGS,
  summary: 'One monitoring case',
  access: AID,
  request: idParam,
  responses: { 200: json(AidMonitoringCase, 'The case'), ...errors(400, 401, 403, 404) },
})

const homeCheckRoute = defineRoute({
  method: 'post',
  path: '/aid/monitoring-cases/{id}/home-check',
  tags: TAGS,
  summary: 'Record the home check (入户核查, due within 2 working days) with what it found',
  access: AID,
  request: { ...idParam, body: jsonBody(AidHomeCheck) },
  responses: { 200: json(AidMonitoringCase, 'Recorded'), ...errors(400, 401, 403, 404, 409, 422) },
})

const decisionRoute = defineRoute({
  method: 'post',
  path: '/aid/monitoring-cases/{id}/decision',
  tags: TAGS,
  summary: 'Decide a case (due within 15 days): close, keep monitoring, or assist (a monitored household goes back to assisted: 返贫)',
  access: AID,
  request: { ...idParam, body: jsonBody(AidMonitoringDecisionInput) },
  responses: { 200: json(AidMonitoringCase, 'Decided'), ...errors(400, 401, 403, 404, 409, 422) },
})

export const aidMonitoringApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(listCasesRoute, async (c) => {
    const deps = c.get('deps')
    const { teamId } = viewerOf(c)
    return c.json(await listMonitoringCases(deps.db, teamId, c.req.valid('query'), deps.clock.now().toISOString()), 200)
  })
  .openapi(getCaseRoute, async (c) => {
    const deps = c.get('deps')
    const { teamId } = viewerOf(c)
    return c.json(await monitoringCase(deps.db, teamId, c.req.valid('param').id, deps.clock.now().toISOString()), 200)
  })
  .openapi(homeCheckRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      await recordHomeCheck(w, id, body)
      return { status: 200, body: await monitoringCase(w.trx, w.teamId, id, w.at) }
    })
    return c.json(r.body, 200)
  })
  .openapi(decisionRoute, async (c) => {
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      await decideCase(w, id, body, viewer.leader)
      return { status: 200, body: await monitoringCase(w.trx, w.teamId, id, w.at) }
    })
    return c.json(r.body, 200)
  })
